import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { changeCodeName, returnCodeName, stopsAutopay } from './nacha-codes.ts';
import { parseNacha } from './nacha-parse.ts';
import { abaCheckDigit } from './nacha-types.ts';
import { writeNacha } from './nacha-write.ts';

const dir = new URL('../../../../shared/testdata/external/ach/', import.meta.url);
const read = (name: string) => {
  const buf = readFileSync(new URL(name, dir));
  return (name.endsWith('.gz') ? gunzipSync(buf) : buf).toString('latin1');
};

/** Every sample file: parsed (batches, entries) or refused naming the line and field. */
const samples: readonly [string, string][] = [
  ['ppd-debit.ach', 'ok 1 batch, 1 entry'],
  ['long-line.ach', 'ok 1 batch, 1 entry'],
  ['short-line.ach', 'ok 1 batch, 1 entry'],
  ['prenote.ach', 'ok 1 batch, 1 entry'],
  ['utility-bill.ach', 'ok 1 batch, 1 entry'],
  ['cor-example.ach', 'ok 1 batch, 1 entry'],
  ['return-WEB.ach', 'ok 2 batch, 2 entry'],
  ['return-PPD-custom-reason-code.ach', 'ok 1 batch, 1 entry'],
  ['rubyritas-return_noc.txt', 'ok 3 batch, 3 entry'],
  ['web-invalidNOCFile.ach', 'ok 1 batch, 1 entry'],
  ['PPD-200-batches-100000-entries.ach.gz', 'ok 200 batch, 100199 entry'],
  ['20110805A.ach', 'line 93, batch count: file control says 5, the file has 4'],
  [
    'ppd-debit-invalid-entryDetail-checkDigit.ach',
    'line 3, check digit: routing 231380105: expected 4, found 5',
  ],
  ['return-no-batch-controls.ach', "line 1, record type: '5': a file header (1) comes first"],
];

describe('NACHA parser', () => {
  for (const [file, expected] of samples) {
    it(`reads ${file}: ${expected}`, () => {
      const r = parseNacha(read(file));
      const got = r.ok
        ? `ok ${r.value.batches.length} batch, ${r.value.entryCount} entry`
        : r.detail;
      assert.equal(got, expected);
      if (!r.ok) assert.equal(r.code, 'nacha_malformed');
    });
  }

  it('reads the fields of a PPD debit: $1,000,000.00 to 231380104, account 12345678', () => {
    const f = parseNacha(read('ppd-debit.ach'));
    assert.ok(f.ok);
    const e = f.value.batches[0]!.entries[0]!;
    assert.deepEqual(
      [e.transactionCode, e.routingNumber, e.accountNumber, e.amountCents, e.individualName],
      ['27', '231380104', '12345678', 100_000_000, 'Receiver Account Name'],
    );
    // entry hash = the one RDFI's 8 digits: 23138010
    assert.equal(f.value.control.entryHash, 23138010);
  });

  it('reads returns (addenda 99) and changes (addenda 98) with their codes and trace', () => {
    const f = parseNacha(read('rubyritas-return_noc.txt'));
    assert.ok(f.ok);
    const addenda = f.value.batches.map((b) => b.entries[0]!.addenda[0]!);
    assert.deepEqual(
      addenda.map((a) => [a.kind, a.kind === 'other' ? '' : a.code]),
      [
        ['change', 'C05'],
        ['return', 'R07'],
        ['return', 'R03'],
      ],
    );
    const r07 = addenda[1]!;
    assert.ok(r07.kind === 'return');
    assert.equal(r07.originalTrace, '992222220280393');
    assert.equal(r07.info, 'INVALID');
  });

  it('names the line and field of a wrong batch total and of a non-numeric amount', () => {
    const ok = read('ppd-debit.ach').split('\n');
    const badTotal = [...ok];
    badTotal[3] = badTotal[3]!.slice(0, 20) + '000100000001' + badTotal[3]!.slice(32);
    const r1 = parseNacha(badTotal.join('\n'));
    assert.equal(
      r1.ok ? '' : r1.detail,
      'line 4, total debit amount: batch control says 100000001, the debits are 100000000',
    );
    const badAmount = [...ok];
    badAmount[2] = badAmount[2]!.slice(0, 29) + '01000x0000' + badAmount[2]!.slice(39);
    const r2 = parseNacha(badAmount.join('\n'));
    assert.equal(r2.ok ? '' : r2.detail, "line 3, amount: not a number: '01000x0000'");
  });

  it('refuses an empty file, a file cut before its control and garbage after it', () => {
    const text = read('ppd-debit.ach');
    const cut = text.split('\n').slice(0, 4).join('\n');
    const tail = text.replace(/\n9{94}$/, '\nhello');
    assert.deepEqual(
      [parseNacha(''), parseNacha(cut), parseNacha(tail)].map((r) => (r.ok ? 'ok' : r.detail)),
      [
        'line 1, record type: the file is empty',
        'line 4, record type: the file ends without a file control (9)',
        'line 10, record type: only padding (9s) may follow the file control',
      ],
    );
  });

  it('writes a file it reads back, with controls computed and padding to 10 records', () => {
    const text = writeNacha({
      immediateDestination: '231380104',
      immediateOrigin: '121042882',
      destinationName: 'City Bank',
      originName: 'City of Mesa',
      creationDate: '261126',
      creationTime: '1200',
      fileIdModifier: 'A',
      batches: [
        {
          companyName: 'City of Mesa',
          companyId: '1866000001',
          secCode: 'PPD',
          entryDescription: 'UTIL BILL',
          effectiveDate: '261201',
          originatingDfi: '12104288',
          entries: [
            {
              transactionCode: '27',
              routingNumber: '231380104',
              accountNumber: '12345678',
              amountCents: 6342,
              individualId: '1042',
              individualName: 'Jane Doe',
              traceNumber: '121042880000001',
            },
            {
              transactionCode: '28',
              routingNumber: '091400606',
              accountNumber: '555',
              amountCents: 0,
              individualId: '1043',
              individualName: 'John Roe',
              traceNumber: '121042880000002',
            },
          ],
        },
      ],
    });
    const lines = text.trimEnd().split('\n');
    assert.equal(lines.length, 10);
    assert.ok(lines.every((l) => l.length === 94));
    const f = parseNacha(text);
    assert.ok(f.ok, f.ok ? '' : f.detail);
    // entry hash 23138010 + 09140060 = 32278070; debits 63.42 (a prenote is 0)
    assert.deepEqual(
      [
        f.value.control.entryHash,
        f.value.control.totalDebitCents,
        f.value.batches[0]!.header.serviceClassCode,
      ],
      [32278070, 6342, '225'],
    );
  });

  it('computes ABA check digits (3-7-1 weights) and names codes', () => {
    // 2·3+3·7+1·1+3·3+8·7+0·1+1·3+0·7 = 6+21+1+9+56+0+3+0 = 96 → 10 − 6 = 4
    assert.equal(abaCheckDigit('23138010'), 4);
    assert.equal(returnCodeName('R01'), 'Insufficient funds');
    assert.equal(returnCodeName('R97'), null);
    assert.equal(changeCodeName('C01'), 'Incorrect DFI account number');
    assert.equal(changeCodeName('C92'), null);
    assert.deepEqual(
      ['R01', 'R02', 'R03', 'R07', 'R09'].map((c) => stopsAutopay.has(c)),
      [false, true, true, true, false],
    );
  });
});
