/**
 * Every limit in one place, named with its unit (style.md §15). Change a limit here, and
 * say why in the commit message.
 */
export const limits = {
  httpBodyBytesMax: 1_048_576,
  pageSizeDefault: 25,
  pageSizeMax: 200,
  searchQueryCharsMax: 200,
  searchResultsMax: 50,
  noteCharsMax: 4_000,
  nameCharsMax: 200,
  loginAttemptsPerWindowMax: 5,
  loginThrottleWindowSeconds: 900,
  sessionIdleMinutesMax: 480,
  // staff (src/modules/staff): a city office shares one NAT address, so the per-IP
  // failure limit is higher than the per-username one.
  loginFailuresPerIpPerWindowMax: 50,
  sessionLifetimeHoursMax: 24,
  sessionTouchIntervalSeconds: 60,
  usernameCharsMax: 32,
  passwordCharsMin: 8,
  passwordCharsMax: 256,
  userAgentCharsMax: 512,
  apiTokenNameCharsMax: 100,
  apiTokensPerUserMax: 20,
  journalLinesPerEntryMax: 200,
  poolConnectionsMax: 10,
  poolConnectTimeoutMs: 5_000,
  statementTimeoutMs: 30_000,
  demoAccountsMax: 2_000_000,
  demoInsertChunkRowsMax: 5_000,
  // demo history (src/demo/generate-history.ts): months of reads and bills, 5 years at most.
  demoHistoryMonthsMax: 60,
  // ledger (the DB CHECKs on journal_entry/journal_line use the same numbers)
  journalSourceRefCharsMax: 200,
  journalMemoCharsMax: 500,
  idempotencyKeyCharsMax: 200,
  journalBulkChunkEntriesMax: 2_000,
  ledgerVerifyExamplesMax: 5,
  // metering (src/modules/metering): reads per INSERT … SELECT FROM unnest statement.
  readInsertChunkRows: 5_000,
  // metering: reads per statement of a file import (≥ 200,000 reads/s; bench/read-import.ts).
  readImportChunkRows: 50_000,
  // rates (src/modules/rates): usage, demand and winter average on an estimate, whole units.
  rateUsageUnitsMax: 1_000_000_000_000,
  // billing (src/modules/billing): accounts per page of a bill run (one transaction each).
  billRunChunkAccountsMax: 1_000,
  // billing: pages of one bill run written at once on PostgreSQL (each its own transaction
  // and connection; PGlite is one session: one). Two use both cores of the server.
  billRunWritersMax: 2,
  // billing: skipped/failed accounts listed in a bill run's result (bill_run_item has all).
  billRunExceptionsListedMax: 1_000,
  // billing: a running run's heartbeat older than this may be taken over by a new run.
  billRunLeaseSeconds: 120,
} as const;
