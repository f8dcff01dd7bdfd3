import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { systemActor } from '../audit/index.ts';
import { createCustomer, createPremise, openAccount } from '../customers/index.ts';
import { listServiceOrders } from '../field/index.ts';
import { accountBalances } from '../ledger/index.ts';
import {
  accountMeters,
  enterRead,
  issueHydrantMeter,
  recordMissingHydrantRead,
  returnHydrantMeter,
  usageForAgreements,
} from './index.ts';

const ctx = { actor: systemActor('test'), now: new Date('2026-11-26T12:00:00Z') };

/** A contractor's commercial account and a hydrant premise. */
async function contractor(db: Database, n: number) {
  return expectOk(
    await inTransaction(db, async (tx) => {
      const premise = expectOk(
        await createPremise(
          tx,
          {
            addressLine1: `${n} N Hydrant Rd`,
            city: 'Mesa',
            zip: '85201',
            latitude: 33.4,
            longitude: -111.8,
            premiseType: 'hydrant',
            cycle: 5,
          },
          ctx,
        ),
      );
      const customer = expectOk(
        await createCustomer(tx, { kind: 'business', businessName: `Dig Co ${n}` }, ctx),
      );
      const account = expectOk(
        await openAccount(
          tx,
          {
            customerId: customer.customerId,
            accountClass: 'commercial',
            premiseId: premise.premiseId,
            openedOn: localDate('2026-06-01'),
          },
          ctx,
        ),
      );
      return {
        ok: true as const,
        value: { premiseId: premise.premiseId, accountId: account.accountId },
      };
    }),
  );
}

async function issue(db: Database, n: number, meterNumber: string) {
  const c = await contractor(db, n);
  const issued = expectOk(
    await inTransaction(db, (tx) =>
      issueHydrantMeter(
        tx,
        { ...c, meterNumber, issuedOn: localDate('2026-06-01'), initialMilli: 100_000_000 },
        ctx,
      ),
    ),
  );
  return { ...c, ...issued };
}

describeEngines('metering: hydrant meters', (t) => {
  it('issuing a hydrant meter installs it, opens an HYD agreement and charges the 1,500.00 deposit', async () => {
    const h = await issue(t.db, 1, 'H-T1');
    const b = await accountBalances(t.db.pool, h.accountId);
    assert.equal(b.totalCents, 150000); // the deposit is owed
    assert.equal(b.depositsHeldCents, 150000); // and held for the account
    const { meters } = expectOk(await accountMeters(t.db.pool, h.accountId));
    assert.deepEqual(
      meters.map((m) => [m.meterNumber, m.service, m.size, m.status]),
      [['H-T1', 'hydrant', '3', 'installed']],
    );
    assert.equal(meters[0]!.registers[0]!.reads[0]!.kind, 'initial');
    const sa = await t.db.pool.query<{ rate_schedule: string }>(
      `SELECT rate_schedule FROM service_agreement WHERE meter_number = 'H-T1' AND status = 'active'`,
    );
    assert.deepEqual(sa.rows, [{ rate_schedule: 'HYD' }]);
  });

  it('a returned meter with its final read stops the agreement and applies the deposit to the balance', async () => {
    const h = await issue(t.db, 2, 'H-T2');
    const r = expectOk(
      await inTransaction(t.db, (tx) =>
        returnHydrantMeter(
          tx,
          { meterNumber: 'H-T2', returnedOn: localDate('2026-07-01'), finalMilli: 130_000_000 },
          ctx,
        ),
      ),
    );
    assert.equal(r.estimated, false);
    // 130,000 − 100,000 = 30,000 gallons used.
    const [u] = await usageForAgreements(t.db.pool, [
      {
        meterNumber: 'H-T2',
        register: 'gallon',
        after: localDate('2026-06-01'),
        through: localDate('2026-07-01'),
      },
    ]);
    assert.deepEqual(u, { accepted: 1, held: 0, usage: 30000 });
    const b = await accountBalances(t.db.pool, h.accountId);
    assert.equal(b.totalCents, 0); // 1,500.00 charged − 1,500.00 applied
    assert.equal(b.depositsHeldCents, 0);
    const sa = await t.db.pool.query<{ status: string; stop_date: string }>(
      `SELECT status, stop_date FROM service_agreement WHERE meter_number = 'H-T2'`,
    );
    assert.deepEqual(sa.rows, [{ status: 'pending_final', stop_date: '2026-07-01' }]);
    const orders = await listServiceOrders(t.db.pool, { accountId: h.accountId });
    assert.deepEqual(orders.map((o) => [o.kind, o.status]).sort(), [
      ['hydrant_issue', 'completed'],
      ['hydrant_return', 'completed'],
    ]);
  });

  it('a missing contractor read is estimated from the meter’s own use and charged the 50.00 fee', async () => {
    // Monthly reads: Jul 1 reported 130,000 (30,000 in 30 days = 1,000/day) is entered as a
    // field read; Jul 31 is missing → 130,000 + 1,000 × 30 = 160,000, fee 50.00.
    const h4 = await issue(t.db, 4, 'H-T4');
    expectOk(
      await inTransaction(t.db, (tx) =>
        enterRead(
          tx,
          {
            meterNumber: 'H-T4',
            readDate: localDate('2026-07-01'),
            valueMilli: 130_000_000,
            source: 'field',
          },
          ctx,
        ),
      ),
    );
    const est = expectOk(
      await inTransaction(t.db, (tx) =>
        recordMissingHydrantRead(
          tx,
          { meterNumber: 'H-T4', readDate: localDate('2026-07-31') },
          ctx,
        ),
      ),
    );
    assert.equal(est.estimateMilli, 160_000_000);
    const b = await accountBalances(t.db.pool, h4.accountId);
    assert.equal(b.totalCents, 150000 + 5000);
    // Returned unread on Aug 30: 160,000 + 1,000 × 30 = 190,000 estimated, another 50.00,
    // and the deposit applied: 1,550.00 + 50.00 − 1,500.00 = 100.00 owed.
    const r = expectOk(
      await inTransaction(t.db, (tx) =>
        returnHydrantMeter(tx, { meterNumber: 'H-T4', returnedOn: localDate('2026-08-30') }, ctx),
      ),
    );
    assert.deepEqual([r.estimated, r.finalMilli], [true, 190_000_000]);
    const after = await accountBalances(t.db.pool, h4.accountId);
    assert.equal(after.totalCents, 10000);
    const src = await t.db.pool.query<{ source: string; kind: string }>(
      `SELECT mr.source, mr.kind FROM meter_read mr JOIN register r ON r.id = mr.register_id
         JOIN meter m ON m.id = r.meter_id WHERE m.meter_number = 'H-T4' ORDER BY mr.read_date`,
    );
    assert.deepEqual(
      src.rows.map((x) => `${x.source}/${x.kind}`),
      ['field/initial', 'field/regular', 'estimate/regular', 'estimate/final'],
    );
  });

  it('a meter that is not a hydrant meter cannot be returned as one', async () => {
    const r = await inTransaction(t.db, (tx) =>
      returnHydrantMeter(tx, { meterNumber: 'NOPE', returnedOn: localDate('2026-07-01') }, ctx),
    );
    assert.equal(!r.ok && r.code, 'meter_not_found');
  });
});
