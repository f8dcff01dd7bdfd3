import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk, ok } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { getAccountOverview } from '../customers/index.ts';
import { accountBalances, verifyLedger } from '../ledger/index.ts';
import { generateAchFile } from './ach-generate.ts';
import { importAchReturns } from './ach-returns.ts';
import { enrolAutopay, getAutopay } from './autopay-enrol.ts';
import { parseNacha } from './nacha-parse.ts';
import { changeAddenda, returnAddenda, writeNacha } from './nacha-write.ts';
import { billAccount, newAccount, payCtx } from './payments-test-support.ts';

const dir = new URL('../../../../shared/testdata/external/ach/', import.meta.url);

/** A bank's return/NOC file answering our entries: one entry per answer, tran code 26. */
function bankFile(answers: readonly { trace: string; amount: number; addenda: string }[]): string {
  return writeNacha({
    immediateDestination: '121042882',
    immediateOrigin: '231380104',
    destinationName: 'City of Mesa',
    originName: 'City Bank',
    creationDate: '260401',
    creationTime: '0900',
    fileIdModifier: 'A',
    batches: [
      {
        companyName: 'City of Mesa',
        companyId: '1866000001',
        secCode: 'PPD',
        entryDescription: 'UTIL BILL',
        effectiveDate: '260401',
        originatingDfi: '23138010',
        entries: answers.map((a, i) => ({
          transactionCode: '26',
          routingNumber: '121042882',
          accountNumber: '12345678',
          amountCents: a.amount,
          individualId: '',
          individualName: 'RETURN',
          traceNumber: `2313801000000${String(i + 1).padStart(2, '0')}`,
          addenda: [a.addenda],
        })),
      },
    ],
  });
}

const ret = (trace: string, code: string) =>
  returnAddenda({
    code,
    originalTrace: trace,
    originalRdfi: '23138010',
    traceNumber: '231380100000099',
  });

async function traces(db: Database, accountId: number): Promise<string[]> {
  const r = await db.pool.query<{ t: string }>(
    'SELECT trace_number AS t FROM ach_entry WHERE account_id = $1 ORDER BY id',
    [accountId],
  );
  return r.rows.map((x) => x.t);
}

async function verified(db: Database): Promise<boolean> {
  return expectOk(await inTransaction(db, async (tx) => ok(await verifyLedger(tx)))).ok;
}

describeEngines('ACH autopay, returns and NOCs (PAY-6)', (t) => {
  let a: number;
  let b: number;
  const ctx = payCtx();
  const enrol = (accountId: number, accountNumber: string) =>
    inTransaction(t.db, (tx) =>
      enrolAutopay(
        tx,
        {
          accountId,
          routingNumber: '231380104',
          accountNumber,
          accountType: 'checking',
          holderName: 'Pat Payer',
          enrolledOn: localDate('2026-03-01'),
        },
        ctx,
      ),
    );
  const generate = (date: string) =>
    inTransaction(t.db, (tx) => generateAchFile(tx, { date: localDate(date) }, ctx));
  const importText = (text: string, fileName = 'returns.ach') =>
    inTransaction(t.db, (tx) =>
      importAchReturns(tx, { fileName, text, returnedOn: localDate('2026-04-02') }, ctx),
    );

  before(async () => {
    a = await newAccount(t.db, 'ach-a');
    b = await newAccount(t.db, 'ach-b');
    // Bills of 2026-03-10, due 2026-03-31: A owes 55.00, B 40.00
    await billAccount(t.db, a, localDate('2026-03-10'), { water: 5000, general: 500 });
    await billAccount(t.db, b, localDate('2026-03-10'), { water: 4000 });
  });

  it('enrols with a valid routing number only, shows the account masked, and sends a prenote first', async () => {
    const bad = await inTransaction(t.db, (tx) =>
      enrolAutopay(
        tx,
        {
          accountId: a,
          routingNumber: '231380105',
          accountNumber: '12345678',
          accountType: 'checking',
          holderName: 'Pat',
          enrolledOn: localDate('2026-03-01'),
        },
        ctx,
      ),
    );
    assert.equal(
      bad.ok ? '' : bad.fields?.routingNumber,
      'nine digits with a valid ABA check digit',
    );
    const v = expectOk(await enrol(a, '12345678'));
    assert.deepEqual([v.status, v.accountMasked, v.liveOn], ['prenote', '****5678', '2026-03-07']);
    expectOk(await enrol(b, '87654321'));
    const stored = await t.db.pool.query<{ enc: string }>(
      'SELECT account_number_enc AS enc FROM autopay_enrolment WHERE account_id = $1',
      [a],
    );
    assert.ok(!stored.rows[0]!.enc.includes('12345678'));
    const f = expectOk(await generate('2026-03-01'));
    assert.deepEqual([f.prenotes, f.debits], [2, 0]);
    const parsed = parseNacha(f.fileText);
    assert.ok(parsed.ok);
    assert.deepEqual(
      parsed.value.batches[0]!.entries.map((e) => [
        e.transactionCode,
        e.amountCents,
        e.accountNumber,
      ]),
      [
        ['28', 0, '12345678'],
        ['28', 0, '87654321'],
      ],
    );
  });

  it('drafts the bills due on the date once, however often the file is generated', async () => {
    const f1 = expectOk(await generate('2026-03-31'));
    const f2 = expectOk(await generate('2026-03-31'));
    // 55.00 + 40.00 = 95.00
    assert.deepEqual(
      [f1.debits, f1.totalDebitCents, f2.debits, f2.totalDebitCents],
      [2, 9500, 2, 9500],
    );
    const n = await t.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM payment WHERE channel = 'autopay'",
    );
    assert.equal(n.rows[0]!.n, 2);
    assert.equal((await accountBalances(t.db.pool, a)).totalCents, 0);
    assert.equal((await getAutopay(t.db.pool, a))!.status, 'active');
    assert.ok(await verified(t.db));
  });

  it('an R01 return reverses the payment and charges the 25.00 fee; autopay stays; an R02 stops it', async () => {
    const [, debitA] = await traces(t.db, a);
    const [, debitB] = await traces(t.db, b);
    const r = expectOk(
      await importText(
        bankFile([
          { trace: debitA!, amount: 5500, addenda: ret(debitA!, 'R01') },
          { trace: debitB!, amount: 4000, addenda: ret(debitB!, 'R02') },
        ]),
      ),
    );
    assert.deepEqual(
      r.items.map((i) => [i.code, i.codeName, i.outcome, i.detail]),
      [
        ['R01', 'Insufficient funds', 'returned', 'payment reversed, fee $25.00'],
        ['R02', 'Account closed', 'returned', 'payment reversed, fee $25.00, autopay stopped'],
      ],
    );
    // A owes the 55.00 again + 25.00 fee = 80.00; B 40.00 + 25.00 = 65.00
    assert.deepEqual(
      [
        (await accountBalances(t.db.pool, a)).totalCents,
        (await accountBalances(t.db.pool, b)).totalCents,
      ],
      [8000, 6500],
    );
    assert.deepEqual(
      [(await getAutopay(t.db.pool, a))!.status, (await getAutopay(t.db.pool, b))!.status],
      ['active', 'stopped'],
    );
    assert.ok(await verified(t.db));
    const again = expectOk(
      await importText(bankFile([{ trace: debitA!, amount: 5500, addenda: ret(debitA!, 'R01') }])),
    );
    assert.deepEqual(
      again.items.map((i) => i.outcome),
      ['already_processed'],
    );
    assert.equal((await accountBalances(t.db.pool, a)).totalCents, 8000);
  });

  it('a second return in 12 months makes the account cash-only and stops autopay', async () => {
    await billAccount(t.db, a, localDate('2026-04-10'), { water: 2000 });
    const f = expectOk(await generate('2026-05-01'));
    // the bill is 20.00, the account owes 80.00 + 20.00: the draft is the bill's 20.00
    assert.deepEqual([f.debits, f.totalDebitCents], [1, 2000]);
    const debit = (await traces(t.db, a)).at(-1)!;
    const r = expectOk(
      await importText(bankFile([{ trace: debit, amount: 2000, addenda: ret(debit, 'R09') }])),
    );
    assert.deepEqual(
      r.items.map((i) => i.detail),
      ['payment reversed, fee $25.00, autopay stopped, cash-only from 2026-04-02'],
    );
    const o = expectOk(await getAccountOverview(t.db.pool, a));
    assert.deepEqual(
      o.specialStatuses.map((s) => [s.status, s.endsOn]),
      [['cash_only', '2027-04-02']],
    );
    assert.equal((await getAutopay(t.db.pool, a))!.status, 'stopped');
    assert.ok(await verified(t.db));
  });

  it('a C01 notification of change corrects the enrolment account number', async () => {
    const [prenoteB] = await traces(t.db, b);
    const noc = changeAddenda({
      code: 'C01',
      originalTrace: prenoteB!,
      originalRdfi: '23138010',
      correctedData: '1918171614',
      traceNumber: '231380100000098',
    });
    const r = expectOk(await importText(bankFile([{ trace: prenoteB!, amount: 0, addenda: noc }])));
    assert.deepEqual(
      r.items.map((i) => [i.code, i.codeName, i.outcome, i.detail]),
      [['C01', 'Incorrect DFI account number', 'changed', 'corrected accountNumber']],
    );
    assert.equal((await getAutopay(t.db.pool, b))!.accountMasked, '****1614');
  });

  it('imports every sample file in testdata/external/ach or refuses it whole, posting nothing', async () => {
    const table: readonly [string, string][] = [
      ['return-WEB.ach', 'R01 unmatched, R03 unmatched'],
      ['cor-example.ach', 'C01 unmatched'],
      ['rubyritas-return_noc.txt', 'C05 unmatched, R07 unmatched, R03 unmatched'],
      ['return-PPD-custom-reason-code.ach', 'R97 rejected'],
      ['web-invalidNOCFile.ach', 'C92 rejected'],
      [
        'ppd-debit.ach',
        'not_a_return_file: line 3, addenda: entry 121042880000001 has no return (99) or change (98) addenda',
      ],
      [
        'prenote.ach',
        'not_a_return_file: line 3, addenda: entry 221475784614835 has no return (99) or change (98) addenda',
      ],
      [
        'utility-bill.ach',
        'not_a_return_file: line 3, addenda: entry 121042880000001 has no return (99) or change (98) addenda',
      ],
      [
        'long-line.ach',
        'not_a_return_file: line 3, addenda: entry 121042880000001 has no return (99) or change (98) addenda',
      ],
      [
        'short-line.ach',
        'not_a_return_file: line 3, addenda: entry 121042880000001 has no return (99) or change (98) addenda',
      ],
      [
        '20110805A.ach',
        'nacha_malformed: line 93, batch count: file control says 5, the file has 4',
      ],
      [
        'ppd-debit-invalid-entryDetail-checkDigit.ach',
        'nacha_malformed: line 3, check digit: routing 231380105: expected 4, found 5',
      ],
      [
        'return-no-batch-controls.ach',
        "nacha_malformed: line 1, record type: '5': a file header (1) comes first",
      ],
    ];
    const entries = async () =>
      Number(
        (await t.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM journal_entry'))
          .rows[0]!.n,
      );
    const before = await entries();
    const got: [string, string][] = [];
    for (const [file] of table) {
      const r = await importText(readFileSync(new URL(file, dir), 'latin1'), file);
      got.push([
        file,
        r.ok
          ? r.value.items.map((i) => `${i.code} ${i.outcome}`).join(', ')
          : `${r.code}: ${r.detail}`,
      ]);
    }
    assert.deepEqual(got, table);
    assert.equal(await entries(), before);
    assert.ok(await verified(t.db));
  });
});
