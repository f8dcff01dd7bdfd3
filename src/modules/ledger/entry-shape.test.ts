import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cents } from '../../core/money.ts';
import type { Chart } from './chart.ts';
import { requestHashOf, resolveEntry } from './entry-shape.ts';
import { bill, cr, dr } from './ledger-test-support.ts';
import type { GlAccount, PostEntryInput } from './types.ts';

const account = (code: string, extra: Partial<GlAccount> = {}): [string, GlAccount] => [
  code,
  {
    code,
    name: code,
    type: 'asset',
    fund: 'water',
    normalBalance: 'debit',
    isReceivable: false,
    hasSubledger: false,
    active: true,
    ...extra,
  },
];
const chart: Chart = new Map([
  account('receivable:water', { isReceivable: true, hasSubledger: true }),
  account('revenue.service:water', { type: 'revenue', normalBalance: 'credit' }),
  account('revenue.old:water', { type: 'revenue', normalBalance: 'credit', active: false }),
]);
const base = bill('bill:1', 5, 100);
const withLines = (...lines: PostEntryInput['lines']): PostEntryInput => ({ ...base, lines });

describe('resolveEntry checks an entry against the chart', () => {
  const cases: readonly { name: string; input: PostEntryInput; code: string; field?: string }[] = [
    { name: 'a balanced bill', input: base, code: 'ok' },
    {
      name: 'one line',
      input: withLines(dr('receivable:water', 1, 5)),
      code: 'invalid',
      field: 'lines',
    },
    {
      name: 'both sides on a line',
      input: withLines(
        {
          glAccount: 'receivable:water',
          accountId: 5,
          debitCents: cents(1),
          creditCents: cents(1),
        },
        cr('revenue.service:water', 0),
      ),
      code: 'invalid',
      field: 'lines.0',
    },
    {
      name: 'a fractional amount',
      input: withLines(dr('receivable:water', 1, 5), {
        glAccount: 'revenue.service:water',
        creditCents: 0.5 as never,
      }),
      code: 'invalid',
      field: 'lines.1',
    },
    {
      name: 'a negative amount',
      input: withLines(dr('receivable:water', 1, 5), {
        glAccount: 'revenue.service:water',
        creditCents: -1 as never,
      }),
      code: 'invalid',
      field: 'lines.1',
    },
    {
      name: 'a receivable line without account',
      input: withLines(dr('receivable:water', 100), cr('revenue.service:water', 100)),
      code: 'invalid',
      field: 'lines.0.accountId',
    },
    {
      name: 'a revenue line with account',
      input: withLines(dr('receivable:water', 100, 5), cr('revenue.service:water', 100, 5)),
      code: 'invalid',
      field: 'lines.1.accountId',
    },
    {
      name: 'an empty source reference',
      input: { ...base, sourceRef: ' ' },
      code: 'invalid',
      field: 'sourceRef',
    },
    { name: 'an empty memo', input: { ...base, memo: '' }, code: 'invalid', field: 'memo' },
    {
      name: 'an empty idempotency key',
      input: { ...base, idempotencyKey: '' },
      code: 'invalid',
      field: 'idempotencyKey',
    },
    {
      name: 'an unknown account',
      input: withLines(dr('receivable:water', 100, 5), cr('revenue.x:water', 100)),
      code: 'unknown_gl_account',
    },
    {
      name: 'an inactive account',
      input: withLines(dr('receivable:water', 100, 5), cr('revenue.old:water', 100)),
      code: 'unknown_gl_account',
    },
    {
      name: 'debits ≠ credits',
      input: withLines(dr('receivable:water', 100, 5), cr('revenue.service:water', 101)),
      code: 'unbalanced_entry',
    },
  ];
  for (const c of cases) {
    it(`${c.name}: ${c.code}`, () => {
      const r = resolveEntry(c.input, chart);
      assert.equal(r.ok ? 'ok' : r.code, c.code);
      if (c.field !== undefined) assert.ok(!r.ok && r.fields?.[c.field], JSON.stringify(r));
    });
  }

  it('copies fund and sub-ledger flag from the chart and numbers lines from 1', () => {
    const r = resolveEntry(base, chart);
    assert.ok(r.ok);
    assert.deepEqual(
      r.value.map((l) => [l.lineNo, l.fund, l.hasSubledger, l.accountId]),
      [
        [1, 'water', true, 5],
        [2, 'water', false, null],
      ],
    );
  });
});

describe('requestHashOf is the canonical request', () => {
  it('ignores the key and explicit zero sides, and sees every other field', () => {
    const h = requestHashOf(base);
    assert.equal(requestHashOf({ ...base, idempotencyKey: 'k' }), h);
    assert.equal(
      requestHashOf(
        withLines(
          { ...dr('receivable:water', 100, 5), creditCents: cents(0) },
          cr('revenue.service:water', 100),
        ),
      ),
      h,
    );
    for (const changed of [
      { ...base, memo: 'other' },
      { ...base, sourceRef: 'bill:2' },
      { ...base, kind: 'fee' as const },
      withLines(dr('receivable:water', 100, 6), cr('revenue.service:water', 100)),
      withLines(cr('revenue.service:water', 100), dr('receivable:water', 100, 5)),
    ]) {
      assert.notEqual(requestHashOf(changed), h);
    }
  });
});
