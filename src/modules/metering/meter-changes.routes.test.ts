import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';
import type { Role } from '../staff/index.ts';

// Install, exchange and remove a meter through the API (BIL-1), as a field tech would from
// the truck: roles, bad input, the reads each change writes, and the service moving to the
// new meter on an exchange.
describeEngines('meter change routes (install, exchange, remove)', (t) => {
  let h: TestApp;
  before(async () => {
    h = await startTestApp(t.db);
  });
  after(async () => h.close());

  const call = async (role: Role, url: string, payload: unknown) =>
    h.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${await h.tokenFor(role)}` },
      payload: payload as object,
    });
  const readsAt = async (premiseId: number) =>
    (
      await t.db.pool.query<{ meter: string; kind: string; value: string; usage: string | null }>(
        `SELECT m.meter_number AS meter, mr.kind, mr.value::text AS value, mr.usage::text AS usage
           FROM meter_read mr JOIN register g ON g.id = mr.register_id
           JOIN meter m ON m.id = g.meter_id WHERE m.premise_id = $1 ORDER BY mr.id`,
        [premiseId],
      )
    ).rows.map(
      (r) => `${r.meter} ${r.kind} ${Number(r.value)} ${r.usage === null ? '-' : Number(r.usage)}`,
    );

  it('a field tech installs, exchanges and removes a meter; the water service follows the exchange', async () => {
    const premise = await call('csr1', '/api/premises', {
      addressLine1: '12 E Meter Way',
      city: 'Mesa',
      zip: '85201',
      latitude: 33.41,
      longitude: -111.83,
      premiseType: 'single_family',
      cycle: 6,
      electricTerritory: true,
    });
    assert.equal(premise.statusCode, 201, premise.body);
    const { premiseId } = premise.json();
    const install = {
      premiseId,
      meterNumber: 'W-RT-1',
      service: 'water',
      size: '3/4',
      installedOn: '2026-10-01',
      registers: [{ kind: 'gallon', dials: 6, initialReading: '1000' }],
    };
    assert.equal((await call('csr1', '/api/meters', install)).statusCode, 403);
    const bad = await call('field_tech', '/api/meters', { ...install, registers: [] });
    assert.equal(bad.statusCode, 400, bad.body);
    const nowhere = await call('field_tech', '/api/meters', { ...install, premiseId: 999999 });
    assert.deepEqual([nowhere.statusCode, nowhere.json().error.code], [404, 'premise_not_found']);
    const installed = await call('field_tech', '/api/meters', install);
    assert.equal(installed.statusCode, 201, installed.body);
    const twice = await call('field_tech', '/api/meters', { ...install, meterNumber: 'W-RT-9' });
    assert.deepEqual([twice.statusCode, twice.json().error.code], [409, 'meter_already_installed']);

    // A customer starts water there: the agreement takes the installed meter.
    const started = await call('csr1', '/api/service/start', {
      newCustomer: { kind: 'person', firstName: 'Ines', lastName: 'Meter', taxId: '123-45-0901' },
      premiseId,
      startDate: '2026-10-05',
      services: [{ service: 'water' }],
      identity: { idType: 'drivers_license', idNumber: 'D77701', method: 'in_person' },
    });
    assert.equal(started.statusCode, 201, started.body);
    const agreementMeter = async () =>
      (
        await t.db.pool.query<{ meter: string; size: string }>(
          `SELECT meter_number AS meter, meter_size AS size FROM service_agreement
            WHERE account_id = $1 AND service = 'water'`,
          [started.json().accountId],
        )
      ).rows[0];
    assert.deepEqual(await agreementMeter(), { meter: 'W-RT-1', size: '3/4' });

    const exchange = {
      exchangedOn: '2026-11-10',
      finalReadings: { gallon: '5400' },
      replacement: {
        meterNumber: 'W-RT-2',
        size: '1',
        registers: [{ kind: 'gallon', dials: 6, initialReading: '0' }],
      },
    };
    const noFinal = await call('field_tech', '/api/meters/W-RT-1/exchange', {
      ...exchange,
      finalReadings: {},
    });
    assert.deepEqual([noFinal.statusCode, noFinal.json().error.code], [400, 'read_missing']);
    const taken = await call('field_tech', '/api/meters/W-RT-1/exchange', {
      ...exchange,
      replacement: { ...exchange.replacement, meterNumber: 'W-RT-1' },
    });
    assert.deepEqual([taken.statusCode, taken.json().error.code], [409, 'meter_number_taken']);
    assert.deepEqual(await readsAt(premiseId), ['W-RT-1 initial 1000 -'], 'refusals wrote nothing');
    const exchanged = await call('field_tech', '/api/meters/W-RT-1/exchange', exchange);
    assert.equal(exchanged.statusCode, 200, exchanged.body);
    assert.deepEqual(await agreementMeter(), { meter: 'W-RT-2', size: '1' });

    const removed = await call('field_tech', '/api/meters/W-RT-2/remove', {
      removedOn: '2026-11-20',
      finalReadings: { gallon: '700' },
    });
    assert.equal(removed.statusCode, 200, removed.body);
    const again = await call('field_tech', '/api/meters/W-RT-2/remove', {
      removedOn: '2026-11-21',
      finalReadings: { gallon: '700' },
    });
    assert.deepEqual([again.statusCode, again.json().error.code], [409, 'meter_not_installed']);
    const unknown = await call('field_tech', '/api/meters/W-NOPE/remove', {
      removedOn: '2026-11-21',
      finalReadings: { gallon: '1' },
    });
    assert.deepEqual([unknown.statusCode, unknown.json().error.code], [404, 'meter_not_found']);
    assert.deepEqual(await readsAt(premiseId), [
      'W-RT-1 initial 1000 -',
      'W-RT-1 final 5400 4400',
      'W-RT-2 initial 0 -',
      'W-RT-2 final 700 700',
    ]);
  });

  it('a meter installed on a service started without one serves it; the account lists both meters after an exchange', async () => {
    const premise = await call('csr1', '/api/premises', {
      addressLine1: '14 E Meter Way',
      city: 'Mesa',
      zip: '85201',
      latitude: 33.41,
      longitude: -111.83,
      premiseType: 'single_family',
      cycle: 6,
      electricTerritory: true,
    });
    assert.equal(premise.statusCode, 201, premise.body);
    const { premiseId } = premise.json();
    const started = await call('csr1', '/api/service/start', {
      newCustomer: { kind: 'person', firstName: 'Odile', lastName: 'Meter', taxId: '123-45-0902' },
      premiseId,
      startDate: '2026-10-05',
      services: [{ service: 'water' }],
      identity: { idType: 'drivers_license', idNumber: 'D77702', method: 'in_person' },
    });
    assert.equal(started.statusCode, 201, started.body);
    const { accountId } = started.json();
    const view = async () => {
      const r = await h.app.inject({
        method: 'GET',
        url: `/api/accounts/${accountId}/meters`,
        headers: { authorization: `Bearer ${await h.tokenFor('csr1')}` },
      });
      assert.equal(r.statusCode, 200, r.body);
      const body = r.json() as {
        meters: {
          meterNumber: string;
          status: string;
          exchangedFor: string | null;
          registers: { kind: string; dials: number; reads: { kind: string; value: string }[] }[];
        }[];
        servicesWithoutMeter: { premiseId: number; service: string; address: string }[];
      };
      return {
        meters: body.meters.map((m) => {
          const reads = m.registers.map((g) => g.reads.map((x) => `${x.kind} ${Number(x.value)}`));
          return [m.meterNumber, m.status, m.exchangedFor, reads.flat().join(', ')];
        }),
        without: body.servicesWithoutMeter.map((x) => [x.premiseId, x.service, x.address]),
      };
    };
    assert.deepEqual(await view(), {
      meters: [],
      without: [[premiseId, 'water', '14 E Meter Way, Mesa']],
    });

    const installed = await call('field_tech', '/api/meters', {
      premiseId,
      meterNumber: 'W-RT-3',
      service: 'water',
      size: '1',
      installedOn: '2026-10-06',
      registers: [{ kind: 'gallon', dials: 6, initialReading: '250' }],
    });
    assert.equal(installed.statusCode, 201, installed.body);
    assert.deepEqual(await view(), {
      meters: [['W-RT-3', 'installed', null, 'initial 250']],
      without: [],
    });

    const exchanged = await call('field_tech', '/api/meters/W-RT-3/exchange', {
      exchangedOn: '2026-11-02',
      finalReadings: { gallon: '3250' },
      replacement: {
        meterNumber: 'W-RT-4',
        size: '1-1/2',
        registers: [{ kind: 'gallon', dials: 6, initialReading: '0' }],
      },
    });
    assert.equal(exchanged.statusCode, 200, exchanged.body);
    assert.deepEqual((await view()).meters, [
      ['W-RT-4', 'installed', null, 'initial 0'],
      ['W-RT-3', 'removed', 'W-RT-4', 'final 3250, initial 250'],
    ]);

    // The meter is pulled (no replacement): the water service has no meter, and one can be
    // installed for it later — the service moves to it, as after an exchange.
    const pulled = await call('field_tech', '/api/meters/W-RT-4/remove', {
      removedOn: '2026-11-12',
      finalReadings: { gallon: '900' },
    });
    assert.equal(pulled.statusCode, 200, pulled.body);
    assert.deepEqual((await view()).without, [[premiseId, 'water', '14 E Meter Way, Mesa']]);
    const back = await call('field_tech', '/api/meters', {
      premiseId,
      meterNumber: 'W-RT-5',
      service: 'water',
      size: '1',
      installedOn: '2026-11-20',
      registers: [{ kind: 'gallon', dials: 6, initialReading: '0' }],
    });
    assert.equal(back.statusCode, 201, back.body);
    const after = await view();
    assert.deepEqual(after.without, []);
    assert.deepEqual(after.meters[0], ['W-RT-5', 'installed', null, 'initial 0']);
    const replaced = await t.db.pool.query<{ meter: string }>(
      `SELECT o.meter_number AS meter FROM meter n JOIN meter o ON o.id = n.replaces_meter_id
        WHERE n.meter_number = 'W-RT-5'`,
    );
    assert.deepEqual(replaced.rows, [{ meter: 'W-RT-4' }]);
  });
});
