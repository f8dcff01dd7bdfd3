/**
 * Fraud signals at start of service (ACC-3): a pure function of facts gathered by
 * gatherFraudFacts, and the policy that says what each signal does. Table-tested.
 */
export type FraudFacts = {
  /** Accounts of the same identity (taxpayer number or verified ID) that are final, closed
   * or written off, with their remaining receivable balance. */
  readonly priorAccounts: readonly {
    readonly accountId: number;
    readonly accountNo: string;
    readonly status: 'final' | 'closed' | 'written_off';
    readonly balanceCents: number;
  }[];
  /** Active accounts of the same identity other than the one service starts on. */
  readonly otherActiveAccounts: readonly {
    readonly accountId: number;
    readonly accountNo: string;
  }[];
  /** The customer has at least one identity verification on record. */
  readonly identityVerified: boolean;
};

export type FraudSignal =
  | {
      readonly kind: 'owes_prior_balance';
      readonly amountCents: number;
      readonly accountNos: readonly string[];
    }
  | { readonly kind: 'duplicate_identity'; readonly accountNos: readonly string[] }
  | { readonly kind: 'identity_not_verified' };

export type FraudSignalKind = FraudSignal['kind'];

/** The signals the facts raise, in a fixed order (most serious first). */
export function fraudSignals(facts: FraudFacts): FraudSignal[] {
  const out: FraudSignal[] = [];
  const owing = facts.priorAccounts.filter((a) => a.balanceCents > 0);
  if (owing.length > 0) {
    out.push({
      kind: 'owes_prior_balance',
      amountCents: owing.reduce((t, a) => t + a.balanceCents, 0),
      accountNos: owing.map((a) => a.accountNo),
    });
  }
  if (facts.otherActiveAccounts.length > 0) {
    out.push({
      kind: 'duplicate_identity',
      accountNos: facts.otherActiveAccounts.map((a) => a.accountNo),
    });
  }
  if (!facts.identityVerified) out.push({ kind: 'identity_not_verified' });
  return out;
}

/**
 * POLICY (the utility's to change): what each signal does to a start of service.
 * - `block`: refused (`fraud_signal_blocks`) unless a user with `fraud.override` gives a reason;
 * - `require_deposit`: a deposit requirement is recorded, unless overridden with a reason;
 * - `warn`: shown to the agent and kept on the account; no effect on the start.
 */
export type FraudAction = 'block' | 'require_deposit' | 'warn';
export const fraudPolicy: Readonly<Record<FraudSignalKind, FraudAction>> = {
  owes_prior_balance: 'block',
  duplicate_identity: 'require_deposit',
  identity_not_verified: 'warn',
};

export type FraudDecision = {
  readonly signals: readonly FraudSignal[];
  /** Signals that block and were not overridden. */
  readonly blocking: readonly FraudSignal[];
  /** A deposit is required by a non-overridden signal. */
  readonly depositRequired: boolean;
  /** Signals passed by an override (recorded as fraud_override rows). */
  readonly overridden: readonly FraudSignal[];
};

/**
 * Applies the policy. An override (a reason from a user allowed to override) passes every
 * `block` and `require_deposit` signal; `warn` signals are never "overridden", only shown.
 */
export function decideFraud(
  signals: readonly FraudSignal[],
  override: boolean,
  policy: Readonly<Record<FraudSignalKind, FraudAction>> = fraudPolicy,
): FraudDecision {
  const acting = signals.filter((s) => policy[s.kind] !== 'warn');
  const overridden = override ? acting : [];
  const remaining = override ? [] : acting;
  return {
    signals,
    blocking: remaining.filter((s) => policy[s.kind] === 'block'),
    depositRequired: remaining.some((s) => policy[s.kind] === 'require_deposit'),
    overridden,
  };
}
