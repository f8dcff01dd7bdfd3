import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueDayRefusal, selectDueDatePolicy } from './change-due-day.ts';
import { decideFraud, fraudSignals, type FraudFacts } from './fraud-signals.ts';

const none: FraudFacts = { priorAccounts: [], otherActiveAccounts: [], identityVerified: true };
const owing = (balanceCents: number, status: 'final' | 'closed' | 'written_off' = 'final') => ({
  accountId: 9,
  accountNo: '100001-000017',
  status,
  balanceCents,
});
const active = { accountId: 5, accountNo: '100002-000025' };

describe('fraud signals (pure)', () => {
  const cases: { name: string; facts: FraudFacts; kinds: string[]; amountCents?: number }[] = [
    { name: 'a verified identity with no other accounts raises nothing', facts: none, kinds: [] },
    {
      name: 'a final account with a balance owed raises owes_prior_balance',
      facts: { ...none, priorAccounts: [owing(5100)] },
      kinds: ['owes_prior_balance'],
      amountCents: 5100,
    },
    {
      name: 'closed and written-off balances add up',
      facts: { ...none, priorAccounts: [owing(1000, 'closed'), owing(250, 'written_off')] },
      kinds: ['owes_prior_balance'],
      amountCents: 1250,
    },
    {
      name: 'a prior account paid in full raises nothing',
      facts: { ...none, priorAccounts: [owing(0)] },
      kinds: [],
    },
    {
      name: 'a prior account in credit raises nothing',
      facts: { ...none, priorAccounts: [owing(-500)] },
      kinds: [],
    },
    {
      name: 'another active account of the same identity is a duplicate identity',
      facts: { ...none, otherActiveAccounts: [active] },
      kinds: ['duplicate_identity'],
    },
    {
      name: 'an unverified identity is flagged',
      facts: { ...none, identityVerified: false },
      kinds: ['identity_not_verified'],
    },
    {
      name: 'all three at once, most serious first',
      facts: {
        priorAccounts: [owing(300)],
        otherActiveAccounts: [active],
        identityVerified: false,
      },
      kinds: ['owes_prior_balance', 'duplicate_identity', 'identity_not_verified'],
      amountCents: 300,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const signals = fraudSignals(c.facts);
      assert.deepEqual(
        signals.map((s) => s.kind),
        c.kinds,
      );
      const owes = signals.find((s) => s.kind === 'owes_prior_balance');
      assert.equal(
        owes?.kind === 'owes_prior_balance' ? owes.amountCents : undefined,
        c.amountCents,
      );
    });
  }
});

describe('fraud policy (pure)', () => {
  const all = fraudSignals({
    priorAccounts: [owing(300)],
    otherActiveAccounts: [active],
    identityVerified: false,
  });
  const cases = [
    {
      name: 'owing a prior balance blocks without an override',
      signals: all.slice(0, 1),
      override: false,
      blocking: 1,
      deposit: false,
      overridden: 0,
    },
    {
      name: 'an override passes a blocking signal',
      signals: all.slice(0, 1),
      override: true,
      blocking: 0,
      deposit: false,
      overridden: 1,
    },
    {
      name: 'a duplicate identity requires a deposit',
      signals: all.slice(1, 2),
      override: false,
      blocking: 0,
      deposit: true,
      overridden: 0,
    },
    {
      name: 'an override waives the duplicate-identity deposit',
      signals: all.slice(1, 2),
      override: true,
      blocking: 0,
      deposit: false,
      overridden: 1,
    },
    {
      name: 'an unverified identity only warns, and is never "overridden"',
      signals: all.slice(2),
      override: true,
      blocking: 0,
      deposit: false,
      overridden: 0,
    },
    {
      name: 'everything at once without override',
      signals: all,
      override: false,
      blocking: 1,
      deposit: true,
      overridden: 0,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const dcs = decideFraud(c.signals, c.override);
      assert.equal(dcs.blocking.length, c.blocking);
      assert.equal(dcs.depositRequired, c.deposit);
      assert.equal(dcs.overridden.length, c.overridden);
    });
  }
});

describe('Select Due Date policy (pure)', () => {
  const cases = [
    {
      name: 'a residential account paid in full may pick day 15',
      cls: 'residential',
      day: 15,
      bal: 0,
      ok: true,
    },
    { name: 'day 28 is the last allowed day', cls: 'residential', day: 28, bal: 0, ok: true },
    {
      name: 'day 29 is refused (not in every month)',
      cls: 'residential',
      day: 29,
      bal: 0,
      ok: false,
    },
    { name: 'day 0 is refused', cls: 'residential', day: 0, bal: 0, ok: false },
    { name: 'a commercial account is refused', cls: 'commercial', day: 10, bal: 0, ok: false },
    { name: 'an unpaid balance is refused', cls: 'residential', day: 10, bal: 1, ok: false },
    { name: 'a credit balance is fine', cls: 'residential', day: 10, bal: -500, ok: true },
    {
      name: 'back to the cycle default is always allowed',
      cls: 'commercial',
      day: null,
      bal: 9999,
      ok: true,
    },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      const refusal = dueDayRefusal(selectDueDatePolicy, {
        accountClass: c.cls,
        dueDay: c.day,
        balanceCents: c.bal,
      });
      assert.equal(refusal === null, c.ok, refusal ?? '');
    });
  }
});
