import type { AdjustmentView as Stored } from './adjustment-store.ts';
import type { BillHistoryRow } from './cancel-rebill.ts';

/** An adjustment as JSON: instants as ISO strings. */
export type AdjustmentView = Omit<Stored, 'requestedAt' | 'decidedAt' | 'amountCents'> & {
  readonly amountCents: number;
  readonly requestedAt: string;
  readonly decidedAt: string | null;
};
export type PendingAdjustmentJson = AdjustmentView & { readonly canDecide: boolean };

export function adjustmentJson(a: Stored): AdjustmentView {
  return {
    adjustmentId: a.adjustmentId,
    accountId: a.accountId,
    billId: a.billId,
    lineNo: a.lineNo,
    lineCode: a.lineCode,
    service: a.service,
    direction: a.direction,
    amountCents: a.amountCents,
    reasonCode: a.reasonCode,
    memo: a.memo,
    status: a.status,
    requestedBy: a.requestedBy,
    requestedAt: a.requestedAt.toISOString(),
    decidedBy: a.decidedBy,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    decisionReason: a.decisionReason,
    journalEntryId: a.journalEntryId,
  };
}

export function billHistoryJson(b: BillHistoryRow) {
  return { ...b, cancelledAt: b.cancelledAt?.toISOString() ?? null };
}
