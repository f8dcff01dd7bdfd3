import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';
import { demoRateCard } from './index.ts';

describeEngines('rates routes', (t) => {
  let h: TestApp;
  let csr: string;
  let supervisor: string;
  before(async () => {
    h = await startTestApp(t.db);
    csr = await h.tokenFor('csr1');
    supervisor = await h.tokenFor('supervisor');
  });
  after(async () => h.close());

  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    h.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });

  it('estimates W1.1 6,000 gal in summer on a 3/4" meter at $48.43', async () => {
    const res = await call(csr, 'POST', '/api/rates/estimate', {
      schedule: 'W1.1',
      usage: 6000,
      from: '2026-06-01',
      to: '2026-07-01',
      meterSize: '3/4',
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.totalCents, 4843);
    assert.equal(body.scheduleName, 'Residential water');
    assert.equal(body.service, 'water');
    assert.equal(body.unit, 'gallon');
    assert.equal(body.days, 30);
    assert.equal(body.season, 'summer');
    assert.deepEqual(Object.keys(body.lines[0]).sort(), [
      'amountCents',
      'code',
      'description',
      'quantity',
      'unit',
    ]);
  });

  it('answers unknown_schedule 404, meter_size_required 422, bad dates 400', async () => {
    const q = { usage: 10, from: '2026-06-01', to: '2026-07-01' };
    const unknown = await call(csr, 'POST', '/api/rates/estimate', { ...q, schedule: 'ZZ9' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.json().error.code, 'unknown_schedule');
    const noSize = await call(csr, 'POST', '/api/rates/estimate', { ...q, schedule: 'W1.1' });
    assert.equal(noSize.statusCode, 422);
    assert.equal(noSize.json().error.code, 'meter_size_required');
    const backwards = await call(csr, 'POST', '/api/rates/estimate', {
      ...q,
      schedule: 'E1.1',
      to: '2026-05-01',
      usage: -1,
    });
    assert.equal(backwards.statusCode, 400);
    assert.equal(backwards.json().error.code, 'invalid');
    assert.ok(backwards.json().error.fields.usage);
  });

  it('lists every seeded schedule for the picker', async () => {
    const res = await call(csr, 'GET', '/api/rates/schedules');
    assert.equal(res.statusCode, 200);
    const codes = res.json().schedules.map((s: { code: string }) => s.code);
    assert.deepEqual(codes, demoRateCard.map((v) => v.code).sort());
    assert.equal(res.json().schedules[0].currentVersionFrom, '2026-01-01');
  });

  it('adds a version as a supervisor, refuses a csr, and shows both versions', async () => {
    const detail = await call(csr, 'GET', '/api/rates/schedules/SW-GRN');
    assert.equal(detail.statusCode, 200);
    const { code: _c, effectiveFrom: _e, ...version } = detail.json().versions[0].version;
    const payload = { effectiveFrom: '2027-01-01', version: { ...version, name: 'Green waste' } };
    const refused = await call(csr, 'POST', '/api/rates/schedules/SW-GRN/versions', payload);
    assert.equal(refused.statusCode, 403);
    const added = await call(supervisor, 'POST', '/api/rates/schedules/SW-GRN/versions', payload);
    assert.equal(added.statusCode, 201, added.body);
    const again = await call(supervisor, 'POST', '/api/rates/schedules/SW-GRN/versions', payload);
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'version_not_after_latest');
    const both = await call(csr, 'GET', '/api/rates/schedules/SW-GRN');
    assert.deepEqual(
      both.json().versions.map((v: { effectiveFrom: string }) => v.effectiveFrom),
      ['2026-01-01', '2027-01-01'],
    );
  });
});
