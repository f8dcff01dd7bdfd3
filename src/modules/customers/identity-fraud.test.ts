import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { expectOk } from '../../core/result.ts';
import { listAudit } from '../audit/index.ts';
import {
  counts,
  ctx,
  d,
  newCustomer,
  newPremise,
  person,
  startedAccount,
  tx,
} from './customers-test-support.ts';
import { getAccountOverview } from './get-account-overview.ts';
import { getCustomer } from './get-customer.ts';
import { previewStart } from './preview-start.ts';
import { recordIdentityVerification } from './record-identity-verification.ts';
import { startService } from './start-service.ts';
import { stopService } from './stop-service.ts';

describeEngines('identity and fraud signals', (t) => {
  it('identifiers are stored hashed: the raw numbers are nowhere in the rows', async () => {
    const customerId = await newCustomer(t.db, { taxId: '123-45-6789' });
    expectOk(
      await tx(t.db, (q) =>
        recordIdentityVerification(
          q,
          {
            customerId,
            idType: 'drivers_license',
            idNumber: 'D12345678',
            issuer: 'AZ',
            method: 'in_person',
            leaseChecked: false,
          },
          ctx,
        ),
      ),
    );
    const c = await t.db.pool.query(
      'SELECT row_to_json(c)::text AS j FROM customer c WHERE id = $1',
      [customerId],
    );
    const v = await t.db.pool.query(
      'SELECT row_to_json(v)::text AS j FROM identity_verification v WHERE customer_id = $1',
      [customerId],
    );
    const audit = await t.db.pool.query(
      "SELECT coalesce(string_agg(after::text, ' '), '') AS j FROM audit_log",
    );
    for (const text of [c.rows[0].j, v.rows[0].j, audit.rows[0].j]) {
      assert.ok(!text.includes('123456789') && !text.includes('123-45-6789'), text);
      assert.ok(!text.includes('D12345678') && !text.includes('12345678'), text);
    }
    assert.match(c.rows[0].j, /"tax_id_last4":"6789"/);
    assert.match(v.rows[0].j, /"id_last4":"5678"/);
    const view = expectOk(await getCustomer(t.db.pool, customerId));
    assert.equal(view.taxIdMasked, '***-**-6789');
    assert.equal(view.phone, '4805550101');
    assert.equal(view.email, 'maria@example.com');
  });

  it('recording a verification resolves the "identity not verified" warning', async () => {
    const a = await startedAccount(t.db, { identity: undefined as never });
    const before = expectOk(await getAccountOverview(t.db.pool, a.accountId));
    assert.ok(before.openFraudSignals.some((f) => f.signal === 'identity_not_verified'));
    expectOk(
      await tx(t.db, (q) =>
        recordIdentityVerification(
          q,
          {
            customerId: a.customerId,
            idType: 'state_id',
            idNumber: 'S99887766',
            issuer: 'AZ',
            method: 'in_person',
            leaseChecked: false,
          },
          ctx,
        ),
      ),
    );
    const after = expectOk(await getAccountOverview(t.db.pool, a.accountId));
    assert.ok(!after.openFraudSignals.some((f) => f.signal === 'identity_not_verified'));
  });

  it('the same identity owing a final balance blocks the start, and writes nothing', async () => {
    const old = await startedAccount(t.db, { newCustomer: person({ taxId: '555-11-2222' }) });
    expectOk(
      await tx(t.db, (q) =>
        stopService(
          q,
          { accountId: old.accountId, stopDate: d('2026-04-30'), reason: 'left' },
          ctx,
        ),
      ),
    );
    const premiseId = await newPremise(t.db);
    const input = {
      newCustomer: person({ lastName: 'Garcia-Lopez', taxId: '555112222' }),
      premiseId,
      services: [{ service: 'water' as const }],
      startDate: d('2026-06-01'),
      canOverrideFraud: false,
    };
    const preview = expectOk(await previewStart(t.db.pool, input));
    assert.equal(preview.blocked, true);
    assert.deepEqual(preview.fraudSignals[0], {
      kind: 'owes_prior_balance',
      amountCents: 1100 + 2000,
      accountNos: [
        preview.fraudSignals[0]?.kind === 'owes_prior_balance'
          ? preview.fraudSignals[0].accountNos[0]
          : '',
      ],
    });
    const before = await counts(t.db);
    const r = await tx(t.db, (q) => startService(q, input, ctx));
    assert.equal(r.ok ? 'ok' : r.code, 'fraud_signal_blocks');
    assert.deepEqual(await counts(t.db), before);

    const noPermission = await tx(t.db, (q) =>
      startService(q, { ...input, fraudOverride: { reason: 'paid at counter' } }, ctx),
    );
    assert.equal(noPermission.ok ? 'ok' : noPermission.code, 'fraud_override_not_permitted');
    assert.deepEqual(await counts(t.db), before);

    const overridden = expectOk(
      await tx(t.db, (q) =>
        startService(
          q,
          {
            ...input,
            canOverrideFraud: true,
            fraudOverride: { reason: 'supervisor approved: payment plan signed' },
          },
          ctx,
        ),
      ),
    );
    const rows = await t.db.pool.query(
      'SELECT signal, reason, overridden_by_name FROM fraud_override WHERE account_id = $1',
      [overridden.accountId],
    );
    assert.deepEqual(rows.rows, [
      {
        signal: 'owes_prior_balance',
        reason: 'supervisor approved: payment plan signed',
        overridden_by_name: 'Casey CSR',
      },
    ]);
    const audit = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'fraud.overridden' AND account_id = $1",
      [overridden.accountId],
    );
    assert.equal(audit.rows[0].n, 1);
    const timeline = await t.db.pool.query(
      "SELECT summary FROM account_event WHERE account_id = $1 AND kind = 'fraud_override'",
      [overridden.accountId],
    );
    assert.match(timeline.rows[0].summary, /supervisor approved/);
  });

  it('a duplicate identity requires a deposit the customer must accept', async () => {
    await startedAccount(t.db, {
      identity: {
        idType: 'passport',
        idNumber: 'P998877',
        method: 'document',
        leaseChecked: false,
      },
    });
    const premiseId = await newPremise(t.db);
    const input = {
      newCustomer: person({ firstName: 'Mario' }),
      premiseId,
      services: [{ service: 'water' as const }],
      startDate: d('2026-06-01'),
      canOverrideFraud: false,
      identity: {
        idType: 'passport' as const,
        idNumber: 'p-998877',
        method: 'document' as const,
        leaseChecked: true,
      },
    };
    const before = await counts(t.db);
    const refused = await tx(t.db, (q) => startService(q, input, ctx));
    assert.equal(refused.ok ? 'ok' : refused.code, 'deposit_not_accepted');
    assert.deepEqual(await counts(t.db), before);
    const r = expectOk(
      await tx(t.db, (q) => startService(q, { ...input, acceptDeposit: true }, ctx)),
    );
    assert.deepEqual(
      r.fraudSignals.map((s) => s.kind),
      ['duplicate_identity'],
    );
    assert.deepEqual(r.depositRequirements, [
      { feeCode: 'deposit_residential_wws', amountCents: 10000, reason: 'duplicate_identity' },
    ]);
    const o = expectOk(await getAccountOverview(t.db.pool, r.accountId));
    assert.equal(o.depositRequirements[0]?.amountCents, 10000);
    assert.equal(o.openFraudSignals[0]?.signal, 'duplicate_identity');
    assert.equal(o.latestIdentityVerification?.idMasked, '****8877');
  });

  it('a start without an identity check is flagged but not refused', async () => {
    const premiseId = await newPremise(t.db);
    const r = expectOk(
      await tx(t.db, (q) =>
        startService(
          q,
          {
            newCustomer: person(),
            premiseId,
            services: [{ service: 'water' }],
            startDate: d('2026-06-01'),
            canOverrideFraud: false,
          },
          ctx,
        ),
      ),
    );
    assert.deepEqual(
      r.fraudSignals.map((s) => s.kind),
      ['identity_not_verified'],
    );
    const audit = await listAudit(t.db.pool as never, {
      entityType: 'account',
      entityId: r.accountId,
    });
    assert.equal(audit[0]?.action, 'account.opened');
  });

  it('a hydrant meter requires its deposit', async () => {
    const premiseId = await newPremise(t.db, { premiseType: 'hydrant' });
    const r = expectOk(
      await tx(t.db, (q) =>
        startService(
          q,
          {
            newCustomer: { kind: 'business', businessName: 'Desert Paving LLC' },
            premiseId,
            services: [{ service: 'hydrant', meterSize: '3' }],
            startDate: d('2026-06-01'),
            canOverrideFraud: false,
            acceptDeposit: true,
          },
          ctx,
        ),
      ),
    );
    assert.deepEqual(
      r.agreements.map((a) => a.rateSchedule),
      ['HYD'],
    );
    assert.deepEqual(
      r.depositRequirements.map((x) => [x.feeCode, x.amountCents]),
      [['deposit_hydrant', 150000]],
    );
  });
});
