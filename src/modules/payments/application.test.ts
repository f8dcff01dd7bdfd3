import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { localDate } from '../../core/dates.ts';
import { cents } from '../../core/money.ts';
import type { Fund } from '../ledger/index.ts';
import { applyPayment, openItemsOf, type ApplicationRules, type OpenItem } from './application.ts';
import { feeFor } from './policy.ts';
import { isValidRoutingNumber, paymentInputProblem } from './tender.ts';
import type { Channel, TenderInput } from './types.ts';

const rules: ApplicationRules = {
  buckets: ['deposit', 'arrangement', 'past_due', 'current'],
  fundOrder: ['electric', 'gas', 'water', 'wastewater', 'solid_waste', 'general'],
  overpaymentFund: 'general',
};

function item(
  bucket: OpenItem['bucket'],
  fund: Fund,
  dueDate: string | null,
  amount: number,
): OpenItem {
  const gl = bucket === 'deposit' ? `deposit.held:${fund}` : `receivable:${fund}`;
  return {
    bucket,
    fund,
    glAccount: gl,
    dueDate: dueDate === null ? null : localDate(dueDate),
    amountCents: cents(amount),
  };
}

const owed = [
  item('current', 'water', '2026-03-21', 4473),
  item('current', 'wastewater', '2026-03-21', 2800),
  item('past_due', 'solid_waste', '2026-02-21', 3450),
  item('past_due', 'water', '2026-01-21', 1000),
  item('deposit', 'general', null, 26500),
];

describe('applyPayment (pure, PAY-1)', () => {
  const cases: {
    name: string;
    amount: number;
    items: OpenItem[];
    rules?: ApplicationRules;
    expect: [string, string, number][];
  }[] = [
    {
      name: 'a deposit due is paid first, then the oldest past due, then current by fund order',
      // 40000: deposit 26500 → 13500 left; water past due (Jan) 1000 → 12500;
      // solid waste past due (Feb) 3450 → 9050; water current 4473 → 4577; wastewater 2800 → 1777
      // overpayment 1777 → receivable:general.
      amount: 40000,
      items: owed,
      expect: [
        ['deposit', 'deposit.held:general', 26500],
        ['past_due', 'receivable:water', 1000],
        ['past_due', 'receivable:solid_waste', 3450],
        ['current', 'receivable:water', 4473],
        ['current', 'receivable:wastewater', 2800],
        ['overpayment', 'receivable:general', 1777],
      ],
    },
    {
      name: 'a partial payment stops in the middle of an item',
      // 28000: deposit 26500 → 1500; water past due 1000 → 500; solid waste gets 500 of 3450.
      amount: 28000,
      items: owed,
      expect: [
        ['deposit', 'deposit.held:general', 26500],
        ['past_due', 'receivable:water', 1000],
        ['past_due', 'receivable:solid_waste', 500],
      ],
    },
    {
      name: 'a bucket the policy leaves out is never paid (deposits collected separately)',
      // 5000 without the deposit bucket: water past due 1000 → 4000; solid waste 3450 → 550;
      // water current takes 550.
      amount: 5000,
      items: owed,
      rules: { ...rules, buckets: ['past_due', 'current'] },
      expect: [
        ['past_due', 'receivable:water', 1000],
        ['past_due', 'receivable:solid_waste', 3450],
        ['current', 'receivable:water', 550],
      ],
    },
    {
      name: 'funds with the same due date follow the fund order',
      // 3000 over two current items due the same day: wastewater (rank 3) before solid
      // waste (rank 4) even though listed after it: 2000 then 1000.
      amount: 3000,
      items: [
        item('current', 'solid_waste', '2026-03-21', 2000),
        item('current', 'wastewater', '2026-03-21', 2000),
      ],
      expect: [
        ['current', 'receivable:wastewater', 2000],
        ['current', 'receivable:solid_waste', 1000],
      ],
    },
    {
      name: 'an account that owes nothing gets the whole payment as a credit',
      amount: 2500,
      items: [],
      rules: { ...rules, overpaymentFund: 'water' },
      expect: [['overpayment', 'receivable:water', 2500]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const a = applyPayment(cents(c.amount), c.items, c.rules ?? rules);
      assert.deepEqual(
        a.lines.map((l) => [l.bucket, l.glAccount, l.amountCents]),
        c.expect,
      );
      assert.equal(
        a.lines.reduce((s, l) => s + l.amountCents, 0),
        c.amount,
      );
    });
  }
});

describe('openItemsOf (pure)', () => {
  it('attributes each fund balance to the newest bills first; older remainder is past due', () => {
    // Water balance 6000: the March bill (due 03-21, water 4473) takes 4473 (current on
    // 03-10); the February bill (due 02-21, water 4000) takes the other 1527 (past due).
    // Solid waste 5000: March bill 3450 current, 1550 left and no older bill → past due, no date.
    // Wastewater −500 (a credit) owes nothing.
    const items = openItemsOf({
      balances: [
        { fund: 'water', balanceCents: cents(6000) },
        { fund: 'wastewater', balanceCents: cents(-500) },
        { fund: 'solid_waste', balanceCents: cents(5000) },
      ],
      billsNewestFirst: [
        {
          dueDate: localDate('2026-03-21'),
          byFund: [
            { fund: 'water', amountCents: cents(4473) },
            { fund: 'solid_waste', amountCents: cents(3450) },
          ],
        },
        { dueDate: localDate('2026-02-21'), byFund: [{ fund: 'water', amountCents: cents(4000) }] },
      ],
      asOf: localDate('2026-03-10'),
      depositDue: null,
    });
    assert.deepEqual(
      items.map((i) => [i.bucket, i.fund, i.dueDate, i.amountCents]),
      [
        ['current', 'water', '2026-03-21', 4473],
        ['past_due', 'water', '2026-02-21', 1527],
        ['current', 'solid_waste', '2026-03-21', 3450],
        ['past_due', 'solid_waste', null, 1550],
      ],
    );
  });

  it('a bill due today is still current; a deposit due is its own item', () => {
    const items = openItemsOf({
      balances: [{ fund: 'water', balanceCents: cents(1000) }],
      billsNewestFirst: [
        { dueDate: localDate('2026-03-10'), byFund: [{ fund: 'water', amountCents: cents(1000) }] },
      ],
      asOf: localDate('2026-03-10'),
      depositDue: { fund: 'general', amountCents: cents(26500) },
    });
    assert.deepEqual(
      items.map((i) => [i.bucket, i.glAccount, i.amountCents]),
      [
        ['deposit', 'deposit.held:general', 26500],
        ['current', 'receivable:water', 1000],
      ],
    );
  });
});

describe('card convenience fee and routing numbers', () => {
  const fees: [number, number, number][] = [
    // 5000 × 2.37 % = 118.5 → tie → even 118 (docs/accounting.md §11)
    [5000, 23700, 118],
    // 11218 × 2.37 % = 265.8666 → 266
    [11218, 23700, 266],
    // 1 × 2.37 % = 0.0237 → 0
    [1, 23700, 0],
    // 10000 × 2.37 % = 237 exactly
    [10000, 23700, 237],
  ];
  for (const [amount, rate, fee] of fees) {
    it(`the fee on ${amount} cents at ${rate} micros is ${fee} cents`, () => {
      assert.equal(feeFor(cents(amount), rate), fee);
    });
  }

  it('accepts routing numbers whose ABA check digit is right and refuses the others', () => {
    // 011000015: 3·(0+0+0) + 7·(1+0+1) + (1+0+5) = 14 + 6 = 20 → valid.
    assert.equal(isValidRoutingNumber('011000015'), true);
    // 122105155: 3·(1+1+1) + 7·(2+0+5) + (2+5+5) = 9 + 49 + 12 = 70 → valid.
    assert.equal(isValidRoutingNumber('122105155'), true);
    // 122105156: 71 → invalid; too short; letters.
    assert.equal(isValidRoutingNumber('122105156'), false);
    assert.equal(isValidRoutingNumber('12210515'), false);
    assert.equal(isValidRoutingNumber('12210515x'), false);
  });
});

describe('check and ACH tender details by channel (pure)', () => {
  const check = (routingNumber: string, accountLast4: string): TenderInput => ({
    kind: 'check',
    checkNumber: '101',
    routingNumber,
    accountLast4,
  });
  // A bank's remittance file may leave out the MICR line; anywhere else it is required, and
  // what is given is checked everywhere.
  const cases: readonly [Channel, TenderInput, string | null][] = [
    ['mail', check('122105155', '4321'), null],
    ['mail', check('', '4321'), 'routing number'],
    ['mail', check('122105155', ''), 'account last four'],
    ['lockbox', check('', ''), null],
    ['lockbox', check('122105156', ''), 'routing number'],
    ['lockbox', check('', '43210'), 'account last four'],
    ['lockbox', { kind: 'ach', routingNumber: '', accountLast4: '' }, null],
    ['window', { kind: 'ach', routingNumber: '', accountLast4: '6789' }, 'routing number'],
  ];
  for (const [channel, tender, problem] of cases) {
    it(`${channel} ${JSON.stringify(tender)} → ${problem ?? 'accepted'}`, () => {
      const p = paymentInputProblem({
        accountId: 1,
        amountCents: cents(100),
        tender,
        channel,
        effectiveDate: localDate('2026-03-10'),
        idempotencyKey: 'k-1',
      });
      assert.equal(p?.detail ?? null, problem);
    });
  }
});
