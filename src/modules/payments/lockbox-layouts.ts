/**
 * Bank lockbox file layouts as CONFIGURATION (PAY-5): banks agree on the BAI lockbox record
 * types (1 header, 2 service, 5 batch header, 6 check, 4 overflow, 7 batch total, 8 lockbox
 * total, 9 trailer) but not on field positions, so each bank's positions live in a table
 * here, chosen by name (`cis import lockbox FILE --layout NAME`). Positions are 1-based and
 * inclusive, as bank specifications print them. A new bank = a new entry, no new code.
 */
export type FieldSpan = readonly [start: number, end: number];

export type LockboxLayout = {
  readonly name: string;
  readonly description: string;
  /** Where a record's type code is. */
  readonly recordType: FieldSpan;
  readonly header: { readonly type: string; readonly fileDate: FieldSpan };
  /** Records read and otherwise ignored (service records, bank-specific headers). */
  readonly ignored: readonly string[];
  readonly batchHeader: {
    readonly type: string;
    readonly lockbox: FieldSpan;
    readonly depositDate: FieldSpan;
  };
  readonly item: {
    readonly type: string;
    readonly amount: FieldSpan;
    readonly routing: FieldSpan;
    readonly bankAccount: FieldSpan;
    readonly checkNumber: FieldSpan;
    readonly remitter: FieldSpan;
  };
  /** Overflow records add text to the item before them; `meaning` says what, by overflow type. */
  readonly overflow: {
    readonly type: string;
    readonly overflowType: FieldSpan;
    readonly data: FieldSpan;
    readonly meaning: Readonly<Record<string, 'accountRef' | 'invoiceRef'>>;
  };
  readonly batchTotal: {
    readonly type: string;
    readonly count: FieldSpan;
    readonly amount: FieldSpan;
  };
  readonly lockboxTotal: {
    readonly type: string;
    readonly count: FieldSpan;
    readonly amount: FieldSpan;
  };
  readonly trailer: { readonly type: string; readonly recordCount: FieldSpan };
  /** Dates in the header, batch header and totals. */
  readonly dateOrder: 'YYMMDD' | 'MMDDYY';
};

/**
 * The BAI lockbox layout of the FundersClub/bai-lockbox samples (testdata/external/lockbox):
 * a check (6) is batch 2-4, item 5-7, amount 8-17 (cents), routing 18-26, account 27-36,
 * check number 37-46, check date 47-52, remitter 53-82; an overflow (4) is batch 2-4, item
 * 5-7, overflow type 8, sequence 9-10, last flag 11, data 12-80. Overflow type 6 carries the
 * invoice (bill) number; type 1 carries the account number, keyed from the payment stub.
 */
export const baiLockbox: LockboxLayout = {
  name: 'bai-lockbox',
  description: 'BAI lockbox, FundersClub layout (check 6 + overflow 4; 6 = invoice, 1 = account)',
  recordType: [1, 1],
  header: { type: '1', fileDate: [24, 29] },
  ignored: ['2'],
  batchHeader: { type: '5', lockbox: [8, 14], depositDate: [15, 20] },
  item: {
    type: '6',
    amount: [8, 17],
    routing: [18, 26],
    bankAccount: [27, 36],
    checkNumber: [37, 46],
    remitter: [53, 82],
  },
  overflow: {
    type: '4',
    overflowType: [8, 8],
    data: [12, 80],
    meaning: { '1': 'accountRef', '6': 'invoiceRef' },
  },
  batchTotal: { type: '7', count: [21, 23], amount: [24, 33] },
  lockboxTotal: { type: '8', count: [21, 24], amount: [25, 34] },
  trailer: { type: '9', recordCount: [2, 7] },
  dateOrder: 'YYMMDD',
};

export const lockboxLayouts: Readonly<Record<string, LockboxLayout>> = {
  [baiLockbox.name]: baiLockbox,
};

export const defaultLockboxLayout = baiLockbox.name;
