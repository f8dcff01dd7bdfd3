import type { LocalDate } from '../../core/dates.ts';
import type { Cents } from '../../core/money.ts';
import type { Actor } from '../audit/index.ts';

/** The funds of the chart (migration 0010). Irrigation and hydrant revenue are in water. */
export const funds = ['electric', 'gas', 'water', 'wastewater', 'solid_waste', 'general'] as const;
export type Fund = (typeof funds)[number];

/** Why money moved (style.md §12); the database holds the same list as a CHECK. */
export const entryKinds = [
  'bill',
  'payment',
  'adjustment',
  'refund',
  'write_off',
  'deposit',
  'deposit_transfer',
  'fee',
  'reversal',
  'transfer',
  'over_short',
  'conversion',
  'manual',
  'recovery',
  'return',
] as const;
export type EntryKind = (typeof entryKinds)[number];

export type GlAccountType = 'asset' | 'liability' | 'equity' | 'revenue' | 'expense';

/** One row of the chart of accounts. */
export type GlAccount = {
  readonly code: string;
  readonly name: string;
  readonly type: GlAccountType;
  readonly fund: Fund;
  readonly normalBalance: 'debit' | 'credit';
  /** A receivable control account: customer balances are its lines by account. */
  readonly isReceivable: boolean;
  /** Its lines carry the customer account id (receivables, deposits held). */
  readonly hasSubledger: boolean;
  readonly active: boolean;
};

export type JournalLineInput = {
  readonly glAccount: string;
  readonly debitCents?: Cents;
  readonly creditCents?: Cents;
  /** Required on receivable and deposit lines, refused on every other line. */
  readonly accountId?: number;
  readonly memo?: string;
};

export type PostEntryInput = {
  readonly kind: EntryKind;
  /** The business object this entry records (`bill:123`), unique over the ledger. */
  readonly sourceRef: string;
  readonly idempotencyKey?: string;
  readonly effectiveDate: LocalDate;
  readonly memo: string;
  readonly lines: readonly JournalLineInput[];
};

export type PostedLine = {
  readonly lineNo: number;
  readonly glAccount: string;
  readonly fund: Fund;
  readonly accountId: number | null;
  readonly debitCents: Cents;
  readonly creditCents: Cents;
  readonly memo: string | null;
};

export type PostedEntry = {
  readonly entryId: number;
  /** True when an earlier request with the same idempotency key is being returned. */
  readonly replayed: boolean;
  readonly kind: EntryKind;
  readonly sourceRef: string;
  readonly effectiveDate: LocalDate;
  readonly lines: readonly PostedLine[];
};

export type PostEntryCode =
  | 'invalid'
  | 'unbalanced_entry'
  | 'unknown_gl_account'
  | 'idempotency_key_reused'
  | 'duplicate_source_ref';

export type ReverseEntryCode =
  PostEntryCode | 'not_found' | 'already_reversed' | 'cannot_reverse_reversal';

export type LedgerContext = { readonly actor: Actor; readonly now: Date };
