import type { HistorySummary } from './generate-history.ts';
import type { HistoryPaymentsSummary } from './history-payments.ts';

/**
 * The history `npm start` (`cis serve --demo`) and `cis demo` give a new city unless told
 * otherwise: 24 months of meter reads for every meter (cheap: one set-based import), of
 * which the last `billedMonths` are billed by the real bill runs. Bills cost the most, so
 * this is what keeps a 5,000-account `npm start` ready in well under a minute on a 2-core
 * machine (README "Demo history"); `cis demo --billed-months 24` bills all of it. The
 * customers pay those bills (history-payments.ts: lockbox, card, autopay, late, partial,
 * returned, never) through the real payment paths. The late-fee job is left out of
 * `npm start` (it assesses every bill due, one transaction each: on PGlite it would cost more
 * than the bill runs); `cis demo` runs it.
 */
export const demoHistoryDefaults = {
  months: 24,
  billedMonths: 2,
  payments: true,
  lateFees: false,
} as const;

/** One line for the console: what the history added. */
export function describeHistory(h: HistorySummary): string {
  const waiting = h.heldReads - h.legacyReviewed;
  const held =
    h.heldReads > 0
      ? ` (${h.heldReads.toLocaleString()} held: ${h.legacyReviewed.toLocaleString()} settled ` +
        `before the conversion, ${waiting.toLocaleString()} waiting for review, ` +
        `${h.reReadOrders.toLocaleString()} with a re-read order)`
      : '';
  const failed = Object.entries(h.failed)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  return (
    `history: ${h.months} months of reads, ${h.reads.toLocaleString()} reads${held}; ` +
    `${h.billedMonths} month(s) billed by ${h.billRuns} bill runs: ` +
    `${h.bills.toLocaleString()} bills` +
    (failed ? `, not billed: ${failed}` : '') +
    (h.payments ? `; ${describePayments(h.payments)}` : '') +
    ` in ${(h.ms / 1000).toFixed(1)} s`
  );
}

function describePayments(p: HistoryPaymentsSummary): string {
  return (
    `${p.payments.toLocaleString()} payments (${p.returned} returned), ` +
    `${p.lateFees.toLocaleString()} late fees`
  );
}
