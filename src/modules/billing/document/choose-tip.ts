import type { Queryable } from '../../../db/index.ts';
import type { BillDetail } from '../bill-detail.ts';

/** One row of `conservation_tip` (migration 0086). */
export type ConservationTip = {
  readonly id: number;
  readonly service: string;
  readonly usageBand: 'high' | 'typical' | 'low' | 'any';
  readonly season: 'summer' | 'winter' | 'any';
  readonly priority: number;
  readonly textEn: string;
  readonly textEs: string;
};

export type UsageBand = 'high' | 'typical' | 'low';

/** Usage more than 20% above its reference is high, more than 20% below is low. */
export const highBandFactor = 1.2;
export const lowBandFactor = 0.8;

/** The demo card's seasons: summer is May–October (rates engine). */
export function seasonOf(month: number): 'summer' | 'winter' {
  return month >= 5 && month <= 10 ? 'summer' : 'winter';
}

/**
 * This period's daily average against the same month last year, or (without one) against the
 * average month of the history. `typical` when there is nothing to compare with.
 */
export function usageBand(
  dailyAverage: number,
  dailyLastYear: number | null,
  history: readonly number[],
): UsageBand {
  const withReads = history.filter((u) => u > 0);
  const reference =
    dailyLastYear ??
    (withReads.length >= 3 ? withReads.reduce((s, u) => s + u, 0) / withReads.length / 30 : null);
  if (reference === null || reference <= 0) return 'typical';
  if (dailyAverage > reference * highBandFactor) return 'high';
  if (dailyAverage < reference * lowBandFactor) return 'low';
  return 'typical';
}

export type TipFacts = {
  readonly service: string;
  readonly band: UsageBand;
  readonly season: 'summer' | 'winter';
};

/**
 * The most specific active tip matching one of `facts` (in order: the bill's metered
 * services first), then by priority; ties rotate by `seed` (the bill id) so neighbours do not
 * all read the same tip. Pure.
 */
export function chooseTip(
  tips: readonly ConservationTip[],
  facts: readonly TipFacts[],
  seed: number,
): ConservationTip | null {
  const candidates = [...facts, { service: 'any', band: 'typical', season: 'winter' } as const];
  for (const f of candidates) {
    const matching = tips.filter(
      (t) =>
        (t.service === f.service || t.service === 'any') &&
        (t.usageBand === f.band || t.usageBand === 'any') &&
        (t.season === f.season || t.season === 'any'),
    );
    if (f.service !== 'any' && !matching.some((t) => t.service === f.service)) continue;
    if (matching.length === 0) continue;
    const score = (t: ConservationTip) =>
      (t.service === 'any' ? 0 : 4) +
      (t.usageBand === 'any' ? 0 : 2) +
      (t.season === 'any' ? 0 : 1);
    const best = Math.max(...matching.map(score));
    const top = matching.filter((t) => score(t) === best);
    const minPriority = Math.min(...top.map((t) => t.priority));
    const pick = top.filter((t) => t.priority === minPriority).sort((a, b) => a.id - b.id);
    return pick[Math.abs(seed) % pick.length]!;
  }
  return null;
}

export async function activeTips(q: Queryable): Promise<ConservationTip[]> {
  const r = await q.query<ConservationTip>(
    `SELECT id::int AS id, service, usage_band AS "usageBand", season, priority,
            text_en AS "textEn", text_es AS "textEs"
       FROM conservation_tip WHERE active ORDER BY id`,
  );
  return r.rows;
}

/** The tip facts of a bill: one per metered service with a usage history. */
export function tipFacts(bill: BillDetail): TipFacts[] {
  const season = seasonOf(Number(bill.periodEnd.slice(5, 7)));
  return bill.services.flatMap((s) =>
    s.usageHistory === null
      ? []
      : [
          {
            service: s.service === 'hydrant' ? 'water' : s.service,
            band: usageBand(
              s.usageHistory.dailyAverage,
              s.usageHistory.dailyAverageLastYear,
              s.usageHistory.months.map((m) => m.usage),
            ),
            season,
          },
        ],
  );
}

/** The tip printed on a bill, in the bill's language (null when the table is empty). */
export async function tipForBill(q: Queryable, bill: BillDetail): Promise<string | null> {
  const tip = chooseTip(await activeTips(q), tipFacts(bill), bill.billId);
  if (tip === null) return null;
  return bill.language === 'es' ? tip.textEs : tip.textEn;
}
