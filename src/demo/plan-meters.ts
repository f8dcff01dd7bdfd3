import type { LocalDate } from '../core/dates.ts';
import type { CityPlan, PremiseType, Service } from './plan-types.ts';

/** The services read from a meter, and the register each is billed from (metering 0070). */
export type MeteredService = 'electric' | 'gas' | 'water' | 'irrigation' | 'hydrant';
export type RegisterKind = 'kwh' | 'therm' | 'gallon';

const registerOf: Readonly<Record<MeteredService, RegisterKind>> = {
  electric: 'kwh',
  gas: 'therm',
  water: 'gallon',
  irrigation: 'gallon',
  hydrant: 'gallon',
};

/** Schedules with a demand charge: their meters also record the period's peak kW. */
const demandSchedules: ReadonlySet<string> = new Set(['E3.1']);

function isMetered(service: Service): service is MeteredService {
  return service in registerOf;
}

/** A span of service on a meter: [start, stop), stop null while active. */
export type ServiceSpan = { readonly start: LocalDate; readonly stop: LocalDate | null };

export type MeterPlan = {
  readonly meterNumber: string;
  readonly premise: number;
  readonly premiseType: PremiseType;
  readonly accountClass: 'residential' | 'commercial';
  readonly service: MeteredService;
  readonly size: string | null;
  readonly register: RegisterKind;
  readonly dials: number;
  /** A second, `kw` demand register: the meter serves a schedule billed on demand (E3.1). */
  readonly demand: boolean;
  /** The earliest agreement start on the meter: the meter was there from then. */
  readonly installedOn: LocalDate;
  /** When the meter had service, merged and in date order (occupants in turn). */
  readonly spans: readonly ServiceSpan[];
  /** Every agreement start and stop on the meter: move-in and move-out reads. */
  readonly changes: readonly LocalDate[];
};

/** Dials per register: enough that 24 months of the largest users never roll over. */
function dialsOf(service: MeteredService, commercial: boolean): number {
  if (service === 'gas') return 5;
  if (service === 'electric') return commercial ? 7 : 6;
  return commercial || service !== 'water' ? 8 : 7;
}

function mergeSpans(spans: ServiceSpan[]): ServiceSpan[] {
  spans.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: ServiceSpan[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && (last.stop === null || last.stop >= s.start)) {
      const stop =
        last.stop === null || s.stop === null ? null : last.stop > s.stop ? last.stop : s.stop;
      out[out.length - 1] = { start: last.start, stop };
    } else out.push(s);
  }
  return out;
}

/**
 * One meter per distinct meter number of the plan's agreements (successive occupants of a
 * premise share its meters), with one register of the kind its service is billed from.
 * Pure; in the order meters first appear among the agreements.
 */
export function planMeters(plan: CityPlan): MeterPlan[] {
  const byNumber = new Map<
    string,
    {
      meter: Omit<MeterPlan, 'spans' | 'installedOn' | 'changes' | 'demand'>;
      spans: ServiceSpan[];
      demand: boolean;
    }
  >();
  for (const g of plan.agreements) {
    if (g.meterNumber === null || !isMetered(g.service)) continue;
    let entry = byNumber.get(g.meterNumber);
    if (!entry) {
      const premise = plan.premises[g.premise]!;
      const accountClass = plan.accounts[g.account]!.accountClass;
      entry = {
        meter: {
          meterNumber: g.meterNumber,
          premise: g.premise,
          premiseType: premise.premiseType,
          accountClass,
          service: g.service,
          size: g.meterSize,
          register: registerOf[g.service],
          dials: dialsOf(g.service, accountClass === 'commercial'),
        },
        spans: [],
        demand: false,
      };
      byNumber.set(g.meterNumber, entry);
    }
    entry.spans.push({ start: g.startDate as LocalDate, stop: g.stopDate as LocalDate | null });
    if (demandSchedules.has(g.rateSchedule)) entry.demand = true;
  }
  return [...byNumber.values()].map(({ meter, spans, demand }) => {
    const changes = spans.flatMap((s) => (s.stop === null ? [s.start] : [s.start, s.stop]));
    const merged = mergeSpans(spans);
    return { ...meter, demand, installedOn: merged[0]!.start, spans: merged, changes };
  });
}
