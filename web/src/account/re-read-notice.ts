/**
 * What the desk is told after a read is entered or a re-read is recorded (BIL-1, FLD): per
 * register, whether the read was accepted, accepted as verified (a usage hold waived) or held,
 * and what a re-read decided for the held read it was sent to check. Pure: unit-tested in
 * test/web.
 */
export type ReReadDone = {
  readonly orderId: number;
  readonly reads: readonly {
    readonly register: string;
    readonly status: 'accepted' | 'held';
    readonly holdReason: string | null;
    readonly verifiedHold: string | null;
    readonly heldReads: readonly { readonly decision: 'released' | 'replaced' | 'rejected' }[];
  }[];
};

const holdWords: Readonly<Record<string, string>> = {
  high_usage: 'high use',
  low_usage: 'low use',
  zero_usage: 'no use',
  negative_usage: 'below the last reading',
};

const decisionWords = {
  released: 'it confirmed the held read, which now counts',
  replaced: 'it replaced the held read',
  rejected: 'an older held read no longer counts',
} as const;

export function reReadNotice(meterNumber: string, done: ReReadDone, what = 'Re-read'): string {
  const parts = done.reads.map((r) => {
    const hold = (reason: string | null) => holdWords[reason ?? ''] ?? reason ?? '';
    const status =
      r.status === 'held'
        ? `held for review (${hold(r.holdReason)})`
        : r.verifiedHold !== null
          ? `accepted as verified by the crew despite ${hold(r.verifiedHold)}`
          : 'accepted';
    const decisions = [...new Set(r.heldReads.map((h) => decisionWords[h.decision]))];
    return `${r.register} reading ${status}${decisions.length ? `; ${decisions.join('; ')}` : ''}`;
  });
  return `${what} of meter ${meterNumber} recorded, order ${done.orderId} completed: ${parts.join('. ')}.`;
}

/** After a read entered by hand: accepted, or held for review and why. */
export function enteredReadNotice(
  meterNumber: string,
  entered: { readonly register: string; readonly reading: string; readonly date: string },
  result: { readonly status: 'accepted' | 'held'; readonly holdReason: string | null },
): string {
  const what = `${entered.register} read ${entered.reading} of ${entered.date} entered for meter ${meterNumber}`;
  return result.status === 'accepted'
    ? `${what}: accepted.`
    : `${what}: held for review (${holdWords[result.holdReason ?? ''] ?? result.holdReason}). The Read review queue decides it.`;
}
