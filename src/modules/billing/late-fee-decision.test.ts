import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import {
  decideLateFee,
  lateFeeEntry,
  type FundShare,
  type LateFeeFacts,
  type LateFeePolicy,
} from './late-fee-decision.ts';

const policy: LateFeePolicy = {
  basisPoints: 200,
  minimumCents: cents(500),
  thresholdCents: cents(2500),
};
const waterTaxes = [
  { code: 'TAX-STATE', basisPoints: 560 },
  { code: 'TAX-COUNTY', basisPoints: 70 },
  { code: 'TAX-CITY', basisPoints: 200 },
];
const waterOnly: readonly FundShare[] = [{ fund: 'water', weightCents: 1, taxes: waterTaxes }];

function facts(over: Partial<LateFeeFacts> & { balance?: number; later?: number; total?: number }) {
  const { balance = 30_000, later = 0, total = 30_000, ...rest } = over;
  return {
    dueDate: localDate('2026-02-21'),
    asOf: localDate('2026-02-22'),
    billTotalCents: cents(total),
    balanceCents: cents(balance),
    laterBilledCents: cents(later),
    exemptStatus: null,
    funds: waterOnly,
    ...rest,
  } satisfies LateFeeFacts;
}

// [why, facts, outcome, past due, fee, tax]
const cases: readonly (readonly [string, LateFeeFacts, string, number?, number?, number?])[] = [
  [
    'not delinquent on the due date itself',
    facts({ asOf: localDate('2026-02-21') }),
    'not_delinquent',
  ],
  // 2 % of 300.00 = 6.00 > 5.00; taxes 5.6 % 0.336→0.34, 0.7 % 0.042→0.04, 2 % 0.12 → 0.50
  [
    'delinquent the day after: 2 % of $300.00 = $6.00 plus tax',
    facts({}),
    'charge',
    30_000,
    600,
    50,
  ],
  ['nothing owed: paid', facts({ balance: 0 }), 'paid', 0],
  ['a credit balance: paid', facts({ balance: -1_000 }), 'paid', 0],
  ['$24.99 past due: no fee', facts({ balance: 2_499 }), 'under_threshold', 2_499],
  // 2 % of 25.00 = 0.50 < 5.00 → 5.00; taxes 0.28 + 0.035→0.04 (half-even 3.5→4) + 0.10 = 0.42
  ['$25.00 past due: the $5.00 minimum', facts({ balance: 2_500 }), 'charge', 2_500, 500, 42],
  // later bills are paid last: 200.00 owed − 80.00 billed since = 120.00 of this bill
  [
    'what was billed later is not this bill’s',
    facts({ balance: 20_000, later: 8_000, total: 15_000 }),
    'charge',
    12_000,
    500,
    42,
  ],
  [
    'capped at the bill’s total',
    facts({ balance: 50_000, total: 30_000 }),
    'charge',
    30_000,
    600,
    50,
  ],
  ['all of it billed later: paid', facts({ balance: 5_000, later: 10_000 }), 'paid', 0],
  // 2 % of 260.25 = 5.205 → 5.20 (half-even), of 260.75 = 5.215 → 5.22
  [
    'half-even: 2 % of $260.25 is $5.20',
    facts({ balance: 26_025, funds: [] }),
    'charge',
    26_025,
    520,
    0,
  ],
  [
    'half-even: 2 % of $260.75 is $5.22',
    facts({ balance: 26_075, funds: [] }),
    'charge',
    26_075,
    522,
    0,
  ],
  ['a bankruptcy exempts', facts({ exemptStatus: 'bankruptcy' }), 'exempt', 30_000],
  [
    'an exempt status does not hide a paid bill',
    facts({ balance: 0, exemptStatus: 'deceased' }),
    'paid',
    0,
  ],
];

describe('decideLateFee (BIL-7)', () => {
  for (const [why, f, outcome, pastDue, fee, tax] of cases) {
    it(why, () => {
      const d = decideLateFee(f, policy);
      assert.equal(d.outcome, outcome);
      if (pastDue !== undefined) assert.equal('pastDueCents' in d ? d.pastDueCents : -1, pastDue);
      if (d.outcome === 'charge') assert.deepEqual([d.feeCents, d.taxCents], [fee, tax]);
    });
  }

  it('splits the fee over the bill’s funds and taxes each part like its service', () => {
    // The $118.21 bill of bill-run.test.ts: water 47.14, wastewater 28.56, solid waste 35.19,
    // general (environmental fee) 7.32. 2 % = 2.36 → the 5.00 minimum. 500 × share: water
    // 199.39, wastewater 120.80, solid waste 148.85, general 30.96 → floors 497, the 3 cents
    // left to the largest remainders (general, solid waste, wastewater): 199/121/149/31.
    // Taxes: water 199 × 5.6 % = 11.14 → 11, × 0.7 % = 1.39 → 1, × 2 % = 3.98 → 4;
    // wastewater 121 × 2 % = 2.42 → 2; solid waste 149 × 2 % = 2.98 → 3. Σ 21.
    const city = [{ code: 'TAX-CITY', basisPoints: 200 }];
    const d = decideLateFee(
      facts({
        balance: 11_821,
        total: 11_821,
        funds: [
          { fund: 'water', weightCents: 4_714, taxes: waterTaxes },
          { fund: 'wastewater', weightCents: 2_856, taxes: city },
          { fund: 'solid_waste', weightCents: 3_519, taxes: city },
          { fund: 'general', weightCents: 732, taxes: [] },
        ],
      }),
      policy,
    );
    assert.equal(d.outcome, 'charge');
    if (d.outcome !== 'charge') return;
    assert.deepEqual(
      d.parts.map((p) => [p.fund, p.feeCents, p.taxes.map((t) => t.cents)]),
      [
        ['water', 199, [11, 1, 4]],
        ['wastewater', 121, [2]],
        ['solid_waste', 149, [3]],
        ['general', 31, []],
      ],
    );
    assert.equal(d.taxCents, 21);
    const entry = lateFeeEntry(7, 42, d.parts, localDate('2026-02-22'));
    const debits = entry.lines.reduce((s, l) => s + (l.debitCents ?? 0), 0);
    const credits = entry.lines.reduce((s, l) => s + (l.creditCents ?? 0), 0);
    assert.deepEqual(
      [entry.sourceRef, entry.kind, debits, credits],
      ['late_fee:7', 'fee', 521, 521],
    );
    assert.deepEqual(
      entry.lines
        .filter((l) => l.glAccount.startsWith('tax'))
        .map((l) => [l.glAccount, l.creditCents]),
      [
        ['tax.payable.city:general', 9],
        ['tax.payable.county:general', 1],
        ['tax.payable.state:general', 11],
      ],
    );
  });
});
