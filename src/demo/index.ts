export {
  generateDemoCity,
  isDatabaseEmpty,
  type DemoCityOptions,
  type DemoCitySummary,
} from './generate-demo-city.ts';
export { planCity, demoTimeZone } from './plan-city.ts';
export { cityCentre, downtownBounds } from './city-grid.ts';
