export {
  generateDemoCity,
  isDatabaseEmpty,
  type DemoCityOptions,
  type DemoCitySummary,
} from './generate-demo-city.ts';
export { planCity, demoTimeZone } from './plan-city.ts';
export { cityCentre, downtownBounds } from './city-grid.ts';
export { demoHistoryDefaults, describeHistory } from './history-defaults.ts';
export type { HistorySummary } from './generate-history.ts';
