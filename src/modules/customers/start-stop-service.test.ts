import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { expectOk } from '../../core/result.ts';
import { accountBalances } from '../ledger/index.ts';
import {
  counts,
  ctx,
  d,
  newPremise,
  person,
  startedAccount,
  tx,
} from './customers-test-support.ts';
import { getAccountOverview } from './get-account-overview.ts';
import { previewStart } from './preview-start.ts';
import { setSpecialStatus } from './special-statuses.ts';
import { startService } from './start-service.ts';
import { stopService } from './stop-service.ts';
import { transferService } from './transfer-service.ts';

describeEngines('start, stop and transfer service', (t) => {
  it('starting service for a new customer posts set-up and connection fees by fund', async () => {
    const premiseId = await newPremise(t.db);
    const r = expectOk(
      await tx(t.db, (q) =>
        startService(
          q,
          {
            newCustomer: person({ lastName: 'Nguyen' }),
            premiseId,
            startDate: d('2026-03-03'),
            services: [
              { service: 'electric' },
              { service: 'gas' },
              { service: 'water' },
              { service: 'wastewater' },
            ],
            canOverrideFraud: false,
          },
          ctx,
        ),
      ),
    );
    assert.equal(r.accountOpened, true);
    assert.deepEqual(
      r.agreements.map((a) => a.rateSchedule),
      ['E1.1', 'G1.1', 'W1.1', 'S1.1'],
    );
    assert.equal(r.totalFeesCents, 1100 + 2000 + 4000 + 2000);
    assert.ok(r.journalEntryId);
    const b = await accountBalances(t.db.pool, r.accountId);
    const byFund = Object.fromEntries(b.byFund.map((f) => [f.fund, f.balanceCents]));
    assert.deepEqual(byFund, { electric: 2000, gas: 4000, water: 2000, general: 1100 });
    assert.equal(b.totalCents, 9100);
    const entries = await t.db.pool.query('SELECT source_ref FROM journal_entry WHERE id = $1', [
      r.journalEntryId,
    ]);
    assert.equal(entries.rows[0].source_ref, `service-start:${r.agreements[0]?.agreementId}`);
    const overview = expectOk(await getAccountOverview(t.db.pool, r.accountId));
    assert.equal(overview.balances.totalCents, 9100);
    assert.equal(overview.premises[0]?.agreements.length, 4);
    assert.equal(overview.mailingAddress.city, 'Mesa');
  });

  it('the same-day fee is added and a preview shows the fees without writing', async () => {
    const premiseId = await newPremise(t.db);
    const input = {
      newCustomer: person(),
      premiseId,
      startDate: d('2026-03-03'),
      sameDay: true,
      services: [{ service: 'water' as const }],
      canOverrideFraud: false,
    };
    const before = await counts(t.db);
    const p = expectOk(await previewStart(t.db.pool, input));
    assert.deepEqual(
      p.fees.map((f) => f.code),
      ['account_setup', 'connection_water', 'same_day'],
    );
    assert.equal(p.totalFeesCents, 1100 + 2000 + 5500);
    assert.deepEqual(await counts(t.db), before);
    const r = expectOk(await tx(t.db, (q) => startService(q, input, ctx)));
    assert.equal(r.totalFeesCents, p.totalFeesCents);
  });

  it('a second start of the same service at a premise is service_already_active and writes nothing', async () => {
    const { premiseId } = await startedAccount(t.db);
    const before = await counts(t.db);
    const r = await tx(t.db, (q) =>
      startService(
        q,
        {
          newCustomer: person({ lastName: 'Other' }),
          premiseId,
          services: [{ service: 'water' }],
          startDate: d('2026-04-01'),
          canOverrideFraud: false,
        },
        ctx,
      ),
    );
    assert.equal(r.ok ? 'ok' : r.code, 'service_already_active');
    assert.deepEqual(await counts(t.db), before);
  });

  it('electric outside the electric area is refused', async () => {
    const premiseId = await newPremise(t.db, { electricTerritory: false });
    const r = await tx(t.db, (q) =>
      startService(
        q,
        {
          newCustomer: person(),
          premiseId,
          services: [{ service: 'electric' }],
          startDate: d('2026-04-01'),
          canOverrideFraud: false,
        },
        ctx,
      ),
    );
    assert.equal(r.ok ? 'ok' : r.code, 'service_not_available');
  });

  it('stopping every service marks the agreements pending_final and the account final', async () => {
    const { accountId } = await startedAccount(t.db);
    const partial = expectOk(
      await tx(t.db, (q) =>
        stopService(
          q,
          { accountId, services: ['solid_waste'], stopDate: d('2026-05-31'), reason: 'moving' },
          ctx,
        ),
      ),
    );
    assert.equal(partial.accountStatus, 'active');
    const all = expectOk(
      await tx(t.db, (q) =>
        stopService(q, { accountId, stopDate: d('2026-05-31'), reason: 'moving' }, ctx),
      ),
    );
    assert.equal(all.stopped.length, 2);
    assert.equal(all.accountStatus, 'final');
    const rows = await t.db.pool.query(
      'SELECT status, stop_date FROM service_agreement WHERE account_id = $1',
      [accountId],
    );
    assert.ok(rows.rows.every((r) => r.status === 'pending_final' && r.stop_date === '2026-05-31'));
    const again = await tx(t.db, (q) =>
      stopService(q, { accountId, stopDate: d('2026-06-01'), reason: 'x' }, ctx),
    );
    assert.equal(again.ok ? 'ok' : again.code, 'service_not_active');
  });

  it('a stop date before the start date is refused and writes nothing', async () => {
    const { accountId } = await startedAccount(t.db);
    const before = await counts(t.db);
    const r = await tx(t.db, (q) =>
      stopService(q, { accountId, stopDate: d('2026-03-01'), reason: 'x' }, ctx),
    );
    assert.equal(r.ok ? 'ok' : r.code, 'stop_before_start');
    assert.deepEqual(await counts(t.db), before);
  });

  it('a new tenant can start at a premise once the old one stopped', async () => {
    const { accountId, premiseId } = await startedAccount(t.db);
    expectOk(
      await tx(t.db, (q) =>
        stopService(q, { accountId, stopDate: d('2026-05-31'), reason: 'moving' }, ctx),
      ),
    );
    const r = await tx(t.db, (q) =>
      startService(
        q,
        {
          newCustomer: person({ lastName: 'Next' }),
          premiseId,
          services: [{ service: 'water' }],
          startDate: d('2026-06-01'),
          canOverrideFraud: false,
        },
        ctx,
      ),
    );
    assert.ok(r.ok);
  });

  it('a transfer stops at the old premise and starts at the new one on the same account', async () => {
    const { accountId, premiseId } = await startedAccount(t.db);
    const to = await newPremise(t.db);
    const r = expectOk(
      await tx(t.db, (q) =>
        transferService(
          q,
          {
            fromAccountId: accountId,
            toPremiseId: to,
            stopDate: d('2026-06-30'),
            startDate: d('2026-07-01'),
            canOverrideFraud: false,
          },
          ctx,
        ),
      ),
    );
    assert.equal(r.stopped.stopped.length, 3);
    assert.equal(r.stopped.accountStatus, 'active');
    assert.equal(r.started.accountId, accountId);
    assert.equal(r.started.accountOpened, false);
    assert.equal(r.started.totalFeesCents, 2000); // water connection only, no set-up fee
    const agreements = await t.db.pool.query<{ premise_id: number; status: string }>(
      'SELECT premise_id, status FROM service_agreement WHERE account_id = $1 ORDER BY id',
      [accountId],
    );
    assert.deepEqual(
      agreements.rows.map((a) => [a.premise_id, a.status]),
      [
        [premiseId, 'pending_final'],
        [premiseId, 'pending_final'],
        [premiseId, 'pending_final'],
        [to, 'active'],
        [to, 'active'],
        [to, 'active'],
      ],
    );
    const acct = await t.db.pool.query('SELECT status FROM account WHERE id = $1', [accountId]);
    assert.equal(acct.rows[0].status, 'active');
  });

  it("under a landlord agreement a tenant's stop reverts water to the owner the next day", async () => {
    const rental = await newPremise(t.db, { premiseType: 'multi_unit' });
    const owner = await startedAccount(t.db);
    expectOk(
      await tx(t.db, (q) =>
        setSpecialStatus(
          q,
          {
            accountId: owner.accountId,
            startsOn: d('2026-03-01'),
            reason: 'signed continuous-service agreement',
            details: { status: 'landlord_agreement', premiseIds: [rental] },
          },
          ctx,
        ),
      ),
    );
    const tenant = await startedAccount(t.db, {
      premiseId: rental,
      newCustomer: person({ lastName: 'Tenant' }),
      services: [{ service: 'water' }, { service: 'wastewater' }, { service: 'electric' }],
    });
    const stop = expectOk(
      await tx(t.db, (q) =>
        stopService(
          q,
          { accountId: tenant.accountId, stopDate: d('2026-08-15'), reason: 'moved out' },
          ctx,
        ),
      ),
    );
    assert.deepEqual(
      stop.reverted.map((r) => [r.service, r.accountId, r.startDate]),
      [
        ['water', owner.accountId, '2026-08-16'],
        ['wastewater', owner.accountId, '2026-08-16'],
      ],
    );
    // the next tenant takes over from the owner without a service_already_active refusal
    const next = expectOk(
      await tx(t.db, (q) =>
        startService(
          q,
          {
            newCustomer: person({ lastName: 'Newer' }),
            premiseId: rental,
            services: [{ service: 'water' }],
            startDate: d('2026-09-01'),
            canOverrideFraud: false,
          },
          ctx,
        ),
      ),
    );
    assert.equal(next.agreements.length, 1);
    const ownerWater = await t.db.pool.query(
      `SELECT status, stop_date FROM service_agreement WHERE account_id = $1 AND premise_id = $2 AND service = 'water'`,
      [owner.accountId, rental],
    );
    assert.deepEqual(ownerWater.rows[0], { status: 'pending_final', stop_date: '2026-08-31' });
  });

  it('a deceased account holder cannot start new service', async () => {
    const { accountId } = await startedAccount(t.db);
    expectOk(
      await tx(t.db, (q) =>
        setSpecialStatus(
          q,
          {
            accountId,
            startsOn: d('2026-04-01'),
            reason: 'notified by family',
            details: { status: 'deceased', dateOfDeath: d('2026-03-28') },
          },
          ctx,
        ),
      ),
    );
    const premiseId = await newPremise(t.db);
    const r = await tx(t.db, (q) =>
      startService(
        q,
        {
          accountId,
          premiseId,
          services: [{ service: 'water' }],
          startDate: d('2026-04-02'),
          canOverrideFraud: false,
        },
        ctx,
      ),
    );
    assert.equal(r.ok ? 'ok' : r.code, 'account_deceased');
  });
});
