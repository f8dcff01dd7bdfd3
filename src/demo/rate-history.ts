import type { LocalDate } from '../core/dates.ts';
import type { Tx } from '../db/index.ts';
import type { Charge, RateScheduleVersion } from '../modules/rates/index.ts';
import { conversionActorName } from './load-columns.ts';

/**
 * Prices of the prior rate year relative to the current card: Mesa raised most usage and
 * service charges by a few percent in each of 2025 and 2026 (demo-city-facts §2–4), so the
 * demo's history bills, which start before the card's 2026-01-01 versions, are rated on a
 * version about 4 % cheaper. Riders (EECAF, PNGCAF), taxes, discounts and the environmental
 * fee (unchanged since 2014) are kept as they are.
 */
export const priorYearPricePercent = 96;

const unchanged: ReadonlySet<string> = new Set(['ENV']);

/** Scales a price in micros, rounded to `step` micros (whole cents for monthly charges). */
function scaled(micros: number, step: number): number {
  return Math.round((micros * priorYearPricePercent) / 100 / step) * step;
}

function scaleCharge(c: Charge): Charge {
  const cent = 10_000;
  const tenthOfCent = 1_000;
  switch (c.kind) {
    case 'fixed':
      return {
        ...c,
        ...(c.amountMicros === undefined ? {} : { amountMicros: scaled(c.amountMicros, cent) }),
        ...(c.bySizeMicros === undefined
          ? {}
          : {
              bySizeMicros: Object.fromEntries(
                Object.entries(c.bySizeMicros).map(([k, v]) => [k, scaled(v, cent)]),
              ),
            }),
      };
    case 'tiered-block':
      return {
        ...c,
        blocks: c.blocks.map((b) => ({
          ...b,
          summerMicros: scaled(b.summerMicros, tenthOfCent),
          winterMicros: scaled(b.winterMicros, tenthOfCent),
        })),
      };
    case 'volumetric':
      return { ...c, priceMicros: scaled(c.priceMicros, tenthOfCent) };
    case 'demand':
      return { ...c, priceMicrosPerKw: scaled(c.priceMicrosPerKw, tenthOfCent) };
    case 'winter-average':
      return { ...c, priceMicrosPerKgal: scaled(c.priceMicrosPerKgal, tenthOfCent) };
    case 'container':
      return { ...c, priceMicrosPerYardPickup: scaled(c.priceMicrosPerYardPickup, tenthOfCent) };
    default:
      return c;
  }
}

/** The prior-year version of a schedule, effective `effectiveFrom`. Pure. */
export function priorVersion(
  v: RateScheduleVersion,
  effectiveFrom: LocalDate,
): RateScheduleVersion {
  const charges = unchanged.has(v.code) ? v.charges : v.charges.map(scaleCharge);
  return { ...v, effectiveFrom, charges };
}

/**
 * Converts a rate history into the rates table (decision 0009's conversion exception): for
 * every schedule whose earliest version starts after `effectiveFrom`, a prior version
 * effective `effectiveFrom`. Inserted directly because the rates service only appends
 * versions after the latest one. Returns how many versions were added.
 */
export async function loadRateHistory(
  tx: Tx,
  effectiveFrom: LocalDate,
  now: Date,
): Promise<number> {
  const r = await tx.query<{ data: RateScheduleVersion }>(
    `SELECT DISTINCT ON (code) data FROM rate_schedule_version
      ORDER BY code, effective_from`,
  );
  const prior = r.rows
    .map((row) => row.data)
    .filter((v) => v.effectiveFrom > effectiveFrom)
    .map((v) => priorVersion(v, effectiveFrom));
  if (prior.length === 0) return 0;
  await tx.query(
    `INSERT INTO rate_schedule_version
       (code, effective_from, name, service, data, created_by_name, created_at)
     SELECT v->>'code', (v->>'effectiveFrom')::date, v->>'name', v->>'service', v, $2, $3
       FROM jsonb_array_elements($1::jsonb) AS v`,
    [JSON.stringify(prior), conversionActorName, now],
  );
  return prior.length;
}
