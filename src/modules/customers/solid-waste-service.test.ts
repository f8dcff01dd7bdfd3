import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { counts, ctx, d, newPremise, startedAccount, tx } from './customers-test-support.ts';
import { startService } from './start-service.ts';
import { setSolidWasteService, solidWasteServicesOf } from './solid-waste-service.ts';

describeEngines('solid-waste service details (SW-COMM bins)', (t) => {
  let swId: number;
  let waterId: number;
  before(async () => {
    const premiseId = await newPremise(t.db, { premiseType: 'commercial' });
    const { accountId } = await startedAccount(t.db, {
      premiseId,
      accountClass: 'commercial',
      services: [{ service: 'water', meterSize: '1' }, { service: 'solid_waste' }],
    });
    const r = await t.db.pool.query<{ id: number; service: string; rate_schedule: string }>(
      'SELECT id, service, rate_schedule FROM service_agreement WHERE account_id = $1',
      [accountId],
    );
    const sw = r.rows.find((row) => row.service === 'solid_waste')!;
    assert.equal(sw.rate_schedule, 'SW-COMM');
    swId = Number(sw.id);
    waterId = Number(r.rows.find((row) => row.service === 'water')!.id);
  });
  const bins = { containerYards: 3, containers: 2, pickupsPerWeek: 2, recycling: true };
  const set = (over: Partial<typeof bins> & { agreementId?: number } = {}) =>
    tx(t.db, (q) => setSolidWasteService(q, { agreementId: swId, ...bins, ...over }, ctx));
  const auditRows = async () =>
    (
      await t.db.pool.query(
        `SELECT before, after FROM audit_log WHERE action = 'service.solid_waste_changed'
          AND entity_id = $1 ORDER BY id`,
        [String(swId)],
      )
    ).rows;

  it('stores the bins of a SW-COMM agreement, audited and on the timeline', async () => {
    const r = await set();
    assert.ok(r.ok);
    assert.deepEqual(r.value, { agreementId: swId, ...bins, version: 1 });
    const read = await solidWasteServicesOf(t.db.pool, [swId, waterId]);
    assert.deepEqual([...read.keys()], [swId]);
    assert.equal((await auditRows()).length, 1);
    const ev = await t.db.pool.query(
      `SELECT summary FROM account_event WHERE kind = 'solid_waste_changed' AND ref_id = $1`,
      [String(swId)],
    );
    assert.equal(ev.rows[0].summary, 'Solid-waste bins: 2 × 3 yd, 2/week, recycling');
  });

  it('records nothing when the same bins are set again, and the change with before/after', async () => {
    assert.ok((await set()).ok);
    assert.equal((await auditRows()).length, 1);
    const r = await set({ pickupsPerWeek: 3 });
    assert.ok(r.ok && r.value.version === 2 && r.value.pickupsPerWeek === 3);
    const rows = await auditRows();
    assert.equal(rows.length, 2);
    assert.equal(rows[1].before.pickupsPerWeek, 2);
    assert.equal(rows[1].after.pickupsPerWeek, 3);
  });

  it('refuses a water agreement, an unknown agreement and out-of-range counts', async () => {
    const code = async (over: Parameters<typeof set>[0]) => {
      const r = await set(over);
      return r.ok ? 'ok' : r.code;
    };
    assert.equal(await code({ agreementId: waterId }), 'invalid');
    assert.equal(await code({ agreementId: 999_999 }), 'agreement_not_found');
    assert.equal(await code({ pickupsPerWeek: 8 }), 'invalid');
    assert.equal(await code({ containerYards: 0 }), 'invalid');
    assert.equal((await auditRows()).length, 2);
  });

  it('starts SW-COMM service with its bins', async () => {
    const premiseId = await newPremise(t.db, { premiseType: 'commercial' });
    const { accountId } = await startedAccount(t.db, {
      premiseId,
      accountClass: 'commercial',
      services: [{ service: 'solid_waste', bins: { ...bins, containers: 1, recycling: false } }],
    });
    const r = await t.db.pool.query<{ id: number }>(
      `SELECT id FROM service_agreement WHERE account_id = $1 AND service = 'solid_waste'`,
      [accountId],
    );
    const id = Number(r.rows[0]!.id);
    const stored = (await solidWasteServicesOf(t.db.pool, [id])).get(id);
    assert.deepEqual(stored, {
      agreementId: id,
      ...bins,
      containers: 1,
      recycling: false,
      version: 1,
    });
  });

  it('refuses a start with bins on a service other than solid waste, writing nothing', async () => {
    const premiseId = await newPremise(t.db, { premiseType: 'commercial' });
    const before = await counts(t.db);
    const r = await tx(t.db, (q) =>
      startService(
        q,
        {
          newCustomer: { kind: 'business', businessName: 'Bin Test LLC' },
          premiseId,
          services: [{ service: 'water', meterSize: '1', bins }],
          startDate: d('2026-03-03'),
          canOverrideFraud: false,
        },
        ctx,
      ),
    );
    assert.equal(r.ok ? 'ok' : r.code, 'invalid');
    assert.deepEqual(await counts(t.db), before);
  });
});
