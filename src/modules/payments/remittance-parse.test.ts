import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseRemittance } from './remittance-parse.ts';
import type { RemittanceFormat } from './remittance-types.ts';

const ext = new URL('../../../../shared/testdata/external/', import.meta.url);
const read = (p: string): string => readFileSync(new URL(p, ext), 'utf8');

/**
 * Every external sample (testdata/external/lockbox, bai2) → its outcome. Payable = credits
 * in USD that would be posted or held; totals in cents, computed by hand from the files.
 */
const samples: readonly {
  file: string;
  format: RemittanceFormat;
  items?: number;
  payable?: number;
  payableCents?: number;
  error?: RegExp;
}[] = [
  // one check 0000700000 = $7,000.00, batch and lockbox totals 0000700000, 8 records
  {
    file: 'lockbox/test_lockbox.bai',
    format: 'lockbox',
    items: 1,
    payable: 1,
    payableCents: 700000,
  },
  {
    file: 'lockbox/test_empty_lockbox.bai',
    format: 'lockbox',
    items: 0,
    payable: 0,
    payableCents: 0,
  },
  {
    file: 'bai2/account_trailer_amount_blank_example.bai2',
    format: 'bai2',
    error: /^line 4, 49 account control total: blank/,
  },
  // one GBP detail (type 191): rejected, not a USD payment
  { file: 'bai2/citi_example.bai2', format: 'bai2', items: 1, payable: 0, payableCents: 0 },
  { file: 'bai2/moov-sample-parseError.txt', format: 'bai2', error: /^line 1, record code: "00"/ },
  // CAD account: 17 details, none payable
  { file: 'bai2/moov-sample1.txt', format: 'bai2', items: 17, payable: 0, payableCents: 0 },
  // credits 115 450000 + 115 500000 + 218 20000000 + 195 10000000 = 30,950,000
  { file: 'bai2/moov-sample2.txt', format: 'bai2', items: 4, payable: 4, payableCents: 30_950_000 },
  // 26 details; credits (142 and 195) sum to 39,713
  { file: 'bai2/moov-sample3.txt', format: 'bai2', items: 26, payableCents: 39_713 },
  {
    file: 'bai2/moov-sample4-continuations-newline-delimited.txt',
    format: 'bai2',
    error: /^line 22, 49 account control total: says -1260161341762, the records sum to 7999960/,
  },
  { file: 'bai2/moov-sample5-issue113.txt', format: 'bai2', error: /^line 63, record code: "88:"/ },
  // GBP: 5 details rejected
  { file: 'bai2/nwb_example.bai2', format: 'bai2', items: 5, payable: 0, payableCents: 0 },
  // two groups, each one ACH credit (142): 490196 + 905800 = 1,395,996
  {
    file: 'bai2/svb_us_example.bai2',
    format: 'bai2',
    items: 2,
    payable: 2,
    payableCents: 1_395_996,
  },
];

describe('remittance file parsing (external samples)', () => {
  for (const s of samples) {
    it(`${s.file} is ${s.error ? 'refused with the line and field' : 'parsed with its control totals balanced'}`, () => {
      const r = parseRemittance(s.format, read(s.file));
      if (s.error) {
        assert.equal(r.ok, false);
        if (!r.ok) {
          assert.equal(r.code, 'file_malformed');
          assert.match(r.detail ?? '', s.error);
        }
        return;
      }
      assert.ok(r.ok, r.ok ? '' : r.detail);
      const payable = r.value.items.filter((i) => i.rejectReason === null);
      if (s.items !== undefined) assert.equal(r.value.items.length, s.items);
      if (s.payable !== undefined) assert.equal(payable.length, s.payable);
      assert.equal(r.value.totalCents, s.payableCents);
    });
  }

  it('reads the check of the lockbox sample: amount, routing, check number, remitter, invoice overflow', () => {
    const r = parseRemittance('lockbox', read('lockbox/test_lockbox.bai'));
    assert.ok(r.ok);
    const item = r.value.items[0]!;
    assert.deepEqual(
      [
        item.amountCents,
        item.routingNumber,
        item.checkNumber,
        item.payerName,
        item.invoiceRef,
        item.effectiveDate,
      ],
      [700000, '055002707', '180', 'BOB E SMITH', 'CE554', '2016-05-23'],
    );
  });

  it('refuses a lockbox whose batch total does not match its checks, naming the line and field', () => {
    const bad = read('lockbox/test_lockbox.bai').replace(
      '700100000222221605230010000700000',
      '700100000222221605230010000700001',
    );
    const r = parseRemittance('lockbox', bad);
    assert.equal(r.ok, false);
    if (!r.ok)
      assert.equal(
        r.detail,
        'line 6, batch total amount: says 700001 cents, the checks sum to 700000',
      );
  });

  it('refuses a lockbox whose trailer record count is wrong', () => {
    const r = parseRemittance(
      'lockbox',
      read('lockbox/test_lockbox.bai').replace('9000008', '9000009'),
    );
    assert.equal(r.ok, false);
    if (!r.ok)
      assert.match(r.detail ?? '', /^line 8, record count: says 9 records, the file has 8/);
  });

  it('refuses an unknown lockbox layout', () => {
    const r = parseRemittance('lockbox', read('lockbox/test_lockbox.bai'), 'no-such-bank');
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.code, 'unknown_layout');
  });

  it('parses the CSV: quoted names, dollars to cents; a bad amount names the line and field', () => {
    const ok = parseRemittance(
      'remittance-csv',
      'account_number,amount,date,payer_name\nA-1,125.4,2026-03-10,"Smith, Bob"\n',
    );
    assert.ok(ok.ok);
    assert.deepEqual(
      [ok.value.items[0]!.amountCents, ok.value.items[0]!.payerName],
      [12540, 'Smith, Bob'],
    );
    const bad = parseRemittance(
      'remittance-csv',
      'account_number,amount,date\nA-1,12.345,2026-03-10\n',
    );
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.equal(bad.detail, 'line 2, amount: "12.345" is not dollars like 125.40');
  });
});
