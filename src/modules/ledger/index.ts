/**
 * The `ledger` module's public surface: the chart of accounts, the append-only double-entry
 * journal (the only writer of its tables), balances, the trial balance and verification.
 * See README.md for tables, invariants and error codes.
 */
export {
  entryKinds,
  funds,
  type EntryKind,
  type Fund,
  type GlAccount,
  type GlAccountType,
  type JournalLineInput,
  type LedgerContext,
  type PostEntryCode,
  type PostEntryInput,
  type PostedEntry,
  type PostedLine,
  type ReverseEntryCode,
} from './types.ts';
export { listGlAccounts } from './chart.ts';
export { accountActivity, type AccountActivity } from './account-activity.ts';
export { postEntry } from './post-entry.ts';
export { postEntries, type PostEntriesResult } from './post-entries.ts';
export {
  postEntriesOnce,
  type PostEntriesOnceResult,
  type PostOnceOutcome,
} from './post-entries-once.ts';
export { reverseEntry, type ReverseEntryInput } from './reverse-entry.ts';
export {
  accountBalances,
  accountNetByFund,
  accountsNetByFund,
  type AccountBalances,
} from './account-balances.ts';
export { trialBalance, type TrialBalance, type TrialBalanceRow } from './trial-balance.ts';
export {
  listEntries,
  type EntryPage,
  type JournalEntryView,
  type ListEntriesOptions,
} from './list-entries.ts';
export {
  formatVerifyReport,
  verifyLedger,
  type LedgerCheck,
  type LedgerVerification,
} from './verify-ledger.ts';
export { ledgerRoutes } from './ledger.routes.ts';
