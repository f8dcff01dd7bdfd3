import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { feeAsOf } from './index.ts';

const seeded = [
  {
    code: 'account_setup',
    amountCents: 1100,
    glRevenue: 'revenue.fee.setup:general',
    fund: 'general',
  },
  {
    code: 'connection_electric',
    amountCents: 2000,
    glRevenue: 'revenue.fee.connection:electric',
    fund: 'electric',
  },
  {
    code: 'connection_gas',
    amountCents: 4000,
    glRevenue: 'revenue.fee.connection:gas',
    fund: 'gas',
  },
  {
    code: 'connection_water',
    amountCents: 2000,
    glRevenue: 'revenue.fee.connection:water',
    fund: 'water',
  },
  { code: 'same_day', amountCents: 5500, glRevenue: 'revenue.fee.field:general', fund: 'general' },
  {
    code: 'field_trip',
    amountCents: 2100,
    glRevenue: 'revenue.fee.field:general',
    fund: 'general',
  },
  {
    code: 'deposit_residential',
    amountCents: 26500,
    glRevenue: 'deposit.held:general',
    fund: 'general',
  },
  {
    code: 'deposit_residential_wws',
    amountCents: 10000,
    glRevenue: 'deposit.held:water',
    fund: 'water',
  },
  { code: 'deposit_hydrant', amountCents: 150000, glRevenue: 'deposit.held:water', fund: 'water' },
] as const;

describeEngines('rates: fees as effective-dated data', (t) => {
  for (const s of seeded) {
    it(`the demo city's ${s.code} fee is ${s.amountCents} cents`, async () => {
      const r = await feeAsOf(t.db.pool, s.code, localDate('2026-11-26'));
      assert.ok(r.ok);
      assert.equal(r.value.amountCents, s.amountCents);
      assert.equal(r.value.glRevenue, s.glRevenue);
      assert.equal(r.value.fund, s.fund);
    });
  }

  it('a new version applies from its effective date and the old one before it', async () => {
    await t.db.pool.query(
      "UPDATE fee_schedule SET effective_to = '2026-12-31' WHERE code = 'field_trip'",
    );
    await t.db.pool.query(
      `INSERT INTO fee_schedule (code, description, effective_from, amount_cents, gl_revenue, fund, per)
       VALUES ('field_trip', 'Field trip', '2027-01-01', 2500, 'revenue.fee.field:general', 'general', 'order')`,
    );
    const before = await feeAsOf(t.db.pool, 'field_trip', localDate('2026-12-31'));
    const after = await feeAsOf(t.db.pool, 'field_trip', localDate('2027-01-01'));
    assert.ok(before.ok && after.ok);
    assert.equal(before.value.amountCents, 2100);
    assert.equal(after.value.amountCents, 2500);
  });

  it('overlapping versions of a fee are refused by the database', async () => {
    await assert.rejects(
      t.db.pool.query(
        `INSERT INTO fee_schedule (code, description, effective_from, amount_cents, gl_revenue, fund, per)
         VALUES ('same_day', 'dup', '2025-01-01', 1, 'revenue.fee.field:general', 'general', 'order')`,
      ),
      /overlapping/,
    );
  });

  it('an unknown fee or a date before the first version is fee_not_found', async () => {
    const unknown = await feeAsOf(t.db.pool, 'no_such_fee', localDate('2026-01-01'));
    const early = await feeAsOf(t.db.pool, 'account_setup', localDate('2019-12-31'));
    assert.equal(unknown.ok ? null : unknown.code, 'fee_not_found');
    assert.equal(early.ok ? null : early.code, 'fee_not_found');
  });
});
