import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { describeEngines } from '../../../test/support/test-db.ts';
import { localDate } from '../../core/dates.ts';
import { expectOk } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { setSpecialStatus } from '../../modules/customers/index.ts';
import { systemActor } from '../../modules/audit/index.ts';
import { installMeter } from '../../modules/metering/index.ts';

/** An active residential account with metered water (W-<tag>) and wastewater since 2024. */
async function seedAccount(db: Database, tag: string) {
  const one = async (sql: string, params: unknown[]) =>
    (await db.pool.query<{ id: number }>(sql, params)).rows[0]!.id;
  const customerId = await one(
    `INSERT INTO customer (kind, last_name, display_name, created_at, updated_at)
     VALUES ('person', $1, $1, now(), now()) RETURNING id::int AS id`,
    [`Test ${tag}`],
  );
  const premiseId = await one(
    `INSERT INTO premise (premise_no, address_line1, city, zip, latitude, longitude,
       premise_type, cycle, created_at)
     VALUES ($1, '1 Main St', 'Mesa', '85201', 33.4, -111.8, 'single_family', 7, now())
     RETURNING id::int AS id`,
    [`P-${tag}`],
  );
  const accountId = await one(
    `INSERT INTO account (account_no, customer_id, account_class, status, opened_on, mail_line1,
       mail_city, mail_state, mail_zip, created_at, updated_at)
     VALUES ($1, $2, 'residential', 'active', '2024-01-01', '1 Main St', 'Mesa', 'AZ', '85201',
       now(), now()) RETURNING id::int AS id`,
    [`A-${tag}`, customerId],
  );
  const meterNumber = `W-${tag}`;
  const agreement = (service: string, schedule: string, meter: string | null) =>
    one(
      `INSERT INTO service_agreement (account_id, premise_id, service, rate_schedule, status,
         start_date, meter_number, meter_size, created_at)
       VALUES ($1, $2, $3, $4, 'active', '2024-01-01', $5, $6, now()) RETURNING id::int AS id`,
      [accountId, premiseId, service, schedule, meter, meter ? '3/4' : null],
    );
  const waterAgreementId = await agreement('water', 'W1.1', meterNumber);
  const sewerAgreementId = await agreement('wastewater', 'S1.1', null);
  return { accountId, waterAgreementId, sewerAgreementId, meterNumber };
}

/** An issued bill for [start, end) (billing's table; lines do not matter here). */
async function billThrough(db: Database, accountId: number, start: string, end: string) {
  await db.pool.query(
    `INSERT INTO bill (account_id, period_start, period_end, bill_date, due_date, total_cents,
       status, created_at)
     VALUES ($1, $2, $3, $3, $3::date + 21, 6100, 'issued', now())`,
    [accountId, start, end],
  );
}

// Start, stop and transfer of service through the desk's API with what follows them (ACC-2):
// the field orders each needs, a stop inside a billed period refused, a seasonal hold the stop
// overtakes settled. The test app's today is 2026-11-24.
describeEngines('service changes: field orders, billed-through stops, holds (ACC-2)', (t) => {
  let h: TestApp;
  let csr: string;
  before(async () => {
    h = await startTestApp(t.db);
    csr = await h.tokenFor('csr1');
  });
  after(async () => h.close());

  const call = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    h.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${csr}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  type Order = {
    orderId: number;
    kind: string;
    service: string;
    status: string;
    meterNumber: string;
    dueOn: string;
  };
  const ordersOf = async (accountId: number): Promise<string[]> => {
    const r = await call('GET', `/api/service-orders?accountId=${accountId}`);
    assert.equal(r.statusCode, 200, r.body);
    return (r.json().orders as Order[])
      .map((o) => `${o.kind} ${o.meterNumber} ${o.dueOn} ${o.status}`)
      .sort();
  };
  const statusOf = async (agreementId: number) =>
    (
      await t.db.pool.query<{ status: string; stop: string | null }>(
        'SELECT status, stop_date::text AS stop FROM service_agreement WHERE id = $1',
        [agreementId],
      )
    ).rows[0];

  let premiseNo = 0;
  const newPremise = async () => {
    const p = await call('POST', '/api/premises', {
      addressLine1: `${700 + ++premiseNo} W Main St`,
      city: 'Mesa',
      zip: '85201',
      latitude: 33.41,
      longitude: -111.84,
      premiseType: 'single_family',
      cycle: 5,
      electricTerritory: true,
    });
    assert.equal(p.statusCode, 201, p.body);
    return p.json().premiseId as number;
  };

  it('a start opens a turn-on order per metered service, a stop a turn-off, a transfer both', async () => {
    const premiseId = await newPremise();
    const started = await call('POST', '/api/service/start', {
      newCustomer: { kind: 'person', firstName: 'Rosa', lastName: 'Field', taxId: '123-45-0777' },
      premiseId,
      startDate: '2026-11-30',
      services: [
        { service: 'electric', meterNumber: 'E-SC-1' },
        { service: 'water', meterNumber: 'W-SC-1', meterSize: '3/4' },
        { service: 'wastewater' },
      ],
      identity: { idType: 'drivers_license', idNumber: 'D55501', method: 'in_person' },
    });
    assert.equal(started.statusCode, 201, started.body);
    const { accountId } = started.json();
    assert.deepEqual(
      started.json().fieldOrders.map((o: Order) => [o.kind, o.meterNumber, o.dueOn]),
      [
        ['turn_on', 'E-SC-1', '2026-11-30'],
        ['turn_on', 'W-SC-1', '2026-11-30'],
      ],
    );
    assert.deepEqual(await ordersOf(accountId), [
      'turn_on E-SC-1 2026-11-30 open',
      'turn_on W-SC-1 2026-11-30 open',
    ]);

    // Moving across town: the old meters are turned off, the new ones on, the same day.
    const next = await newPremise();
    const moved = await call('POST', '/api/service/transfer', {
      fromAccountId: accountId,
      toPremiseId: next,
      stopDate: '2026-12-20',
      startDate: '2026-12-21',
      services: ['electric', 'water'],
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.deepEqual(
      moved.json().fieldOrders.map((o: Order) => [o.kind, o.meterNumber, o.dueOn]),
      [
        ['turn_off', 'E-SC-1', '2026-12-20'],
        ['turn_off', 'W-SC-1', '2026-12-20'],
        ['turn_on', null, '2026-12-21'],
        ['turn_on', null, '2026-12-21'],
      ],
    );

    const stopped = await call('POST', '/api/service/stop', {
      accountId,
      stopDate: '2027-01-15',
      reason: 'leaving Mesa',
    });
    assert.equal(stopped.statusCode, 200, stopped.body);
    assert.deepEqual(
      stopped.json().fieldOrders.map((o: Order) => [o.kind, o.service, o.dueOn]),
      [
        ['turn_off', 'electric', '2027-01-15'],
        ['turn_off', 'water', '2027-01-15'],
      ],
      'wastewater needs no trip',
    );
    assert.equal(stopped.json().accountStatus, 'final');
    // The account's contact history lists the orders (ACC-5).
    const timeline = await call('GET', `/api/accounts/${accountId}/timeline?limit=100`);
    const summaries: string[] = timeline.json().events.map((e: { summary: string }) => e.summary);
    for (const expected of [
      'Turn-on order for meter E-SC-1 due 2026-11-30: Start of electric service: turn on, first read',
      'Turn-off order for meter W-SC-1 due 2026-12-20: Stop of water service: turn off, final read',
    ])
      assert.ok(
        summaries.some((x) => x.replace(/^(\S+) order \d+ /, '$1 order ') === expected),
        `${expected} in ${summaries.join(' | ')}`,
      );
  });

  it("a service started without a meter number gets the premise's installed meter", async () => {
    const ctx = { actor: systemActor('test'), now: new Date('2026-11-24T17:00:00Z') };
    const premiseId = await newPremise();
    for (const [meterNumber, service, size, kind] of [
      ['W-SC-M', 'water', '1', 'gallon'],
      ['E-SC-M', 'electric', null, 'kwh'],
    ] as const)
      expectOk(
        await inTransaction(t.db, (tx) =>
          installMeter(
            tx,
            {
              premiseId,
              meterNumber,
              service,
              size,
              installedOn: localDate('2020-01-01'),
              registers: [{ kind, dials: 6, initialMilli: 0 }],
            },
            ctx,
          ),
        ),
      );
    const started = await call('POST', '/api/service/start', {
      newCustomer: { kind: 'person', firstName: 'Mo', lastName: 'Meter', taxId: '123-45-0780' },
      premiseId,
      startDate: '2026-11-30',
      services: [{ service: 'water' }, { service: 'electric' }, { service: 'wastewater' }],
      identity: { idType: 'drivers_license', idNumber: 'D55504', method: 'in_person' },
    });
    assert.equal(started.statusCode, 201, started.body);
    const agreements = await t.db.pool.query<{ service: string; meter: string; size: string }>(
      `SELECT service, meter_number AS meter, meter_size AS size FROM service_agreement
        WHERE account_id = $1 ORDER BY service`,
      [started.json().accountId],
    );
    assert.deepEqual(
      agreements.rows.map((r) => [r.service, r.meter, r.size]),
      [
        ['electric', 'E-SC-M', null],
        ['wastewater', null, null],
        ['water', 'W-SC-M', '1'],
      ],
    );
    assert.deepEqual(
      started.json().fieldOrders.map((o: Order) => [o.kind, o.meterNumber]),
      [
        ['turn_on', 'W-SC-M'],
        ['turn_on', 'E-SC-M'],
      ],
    );
    // The answer shows the meters linked, as the agreements now hold them.
    type Started = { service: string; meterNumber: string | null };
    const answered = started.json().agreements.map((a: Started) => `${a.service} ${a.meterNumber}`);
    assert.deepEqual(answered, ['water W-SC-M', 'electric E-SC-M', 'wastewater null']);
  });

  it('a stop inside a billed period is refused and writes nothing; a stop on the last billed day closes at once', async () => {
    const a = await seedAccount(t.db, 'SC-B');
    await billThrough(t.db, a.accountId, '2026-10-13', '2026-11-12');
    const early = await call('POST', '/api/service/stop', {
      accountId: a.accountId,
      stopDate: '2026-11-05',
      reason: 'moved out on the 5th',
    });
    assert.equal(early.statusCode, 409, early.body);
    assert.equal(early.json().error.code, 'stop_before_billed_through');
    assert.match(early.json().error.message, /billed through 2026-11-11/);
    assert.deepEqual(await statusOf(a.waterAgreementId), { status: 'active', stop: null });
    assert.deepEqual(await ordersOf(a.accountId), []);

    const onLastDay = await call('POST', '/api/service/stop', {
      accountId: a.accountId,
      stopDate: '2026-11-11',
      reason: 'moved out on the 11th',
    });
    assert.equal(onLastDay.statusCode, 200, onLastDay.body);
    // Nothing is left to bill: the bill already issued is the final bill.
    assert.deepEqual(await statusOf(a.waterAgreementId), { status: 'closed', stop: '2026-11-11' });
    assert.deepEqual(await statusOf(a.sewerAgreementId), { status: 'closed', stop: '2026-11-11' });
    assert.deepEqual(await ordersOf(a.accountId), [`turn_off ${a.meterNumber} 2026-11-11 open`]);

    // A stop after the last billed day leaves the agreement for its final bill.
    const b = await seedAccount(t.db, 'SC-C');
    await billThrough(t.db, b.accountId, '2026-10-13', '2026-11-12');
    const later = await call('POST', '/api/service/stop', {
      accountId: b.accountId,
      stopDate: '2026-11-20',
      reason: 'moved',
    });
    assert.equal(later.statusCode, 200, later.body);
    assert.deepEqual(await statusOf(b.waterAgreementId), {
      status: 'pending_final',
      stop: '2026-11-20',
    });
  });

  it('a stop before a seasonal hold cancels it and reverses its fee; a stop during one ends it without a turn-on', async () => {
    const balanceOf = async (accountId: number) =>
      (await call('GET', `/api/accounts/${accountId}`)).json().balances.totalCents as number;
    const holdsUrl = (accountId: number) => `/api/accounts/${accountId}/seasonal-holds`;

    const ahead = await seedAccount(t.db, 'SC-H1');
    const placed = await call('POST', holdsUrl(ahead.accountId), {
      from: '2026-12-01',
      through: '2027-03-31',
      services: ['water'],
    });
    assert.equal(placed.statusCode, 201, placed.body);
    assert.equal(await balanceOf(ahead.accountId), 2000);
    const stop = await call('POST', '/api/service/stop', {
      accountId: ahead.accountId,
      stopDate: '2026-11-27',
      reason: 'sold the house instead',
    });
    assert.equal(stop.statusCode, 200, stop.body);
    const hold = (await call('GET', holdsUrl(ahead.accountId))).json().holds[0];
    assert.equal(hold.status, 'cancelled');
    assert.equal(await balanceOf(ahead.accountId), 0, 'the trip fee is reversed');
    assert.deepEqual(await ordersOf(ahead.accountId), [
      `turn_off ${ahead.meterNumber} 2026-11-27 open`,
      `turn_off ${ahead.meterNumber} 2026-12-01 cancelled`,
      `turn_on ${ahead.meterNumber} 2027-04-01 cancelled`,
    ]);

    const during = await seedAccount(t.db, 'SC-H2');
    const started = await call('POST', holdsUrl(during.accountId), {
      from: '2026-11-24',
      through: '2027-02-28',
      services: ['water'],
    });
    assert.equal(started.statusCode, 201, started.body);
    const stopDuring = await call('POST', '/api/service/stop', {
      accountId: during.accountId,
      stopDate: '2026-12-10',
      reason: 'not coming back',
    });
    assert.equal(stopDuring.statusCode, 200, stopDuring.body);
    const ended = (await call('GET', holdsUrl(during.accountId))).json().holds[0];
    assert.deepEqual([ended.status, ended.through], ['placed', '2026-12-10']);
    assert.equal(await balanceOf(during.accountId), 2000, 'the trips were made: the fee stays');
    // The hold's turn-off is still open: it is the stop's turn-off too.
    assert.deepEqual(await ordersOf(during.accountId), [
      `turn_off ${during.meterNumber} 2026-11-24 open`,
      `turn_on ${during.meterNumber} 2027-03-01 cancelled`,
    ]);
  });

  it("a landlord's continuous service gets a move-out read, not a turn-off, and the next tenant a move-in read", async () => {
    const ctx = { actor: systemActor('test'), now: new Date('2026-11-24T17:00:00Z') };
    const owner = await seedAccount(t.db, 'SC-L0');
    const rental = await newPremise();
    expectOk(
      await inTransaction(t.db, (tx) =>
        setSpecialStatus(
          tx,
          {
            accountId: owner.accountId,
            startsOn: localDate('2026-01-01'),
            reason: 'signed continuous-service agreement',
            details: { status: 'landlord_agreement', premiseIds: [rental] },
          },
          ctx,
        ),
      ),
    );
    const tenant = await call('POST', '/api/service/start', {
      newCustomer: { kind: 'person', firstName: 'Tia', lastName: 'Tenant', taxId: '123-45-0778' },
      premiseId: rental,
      startDate: '2026-11-25',
      services: [
        { service: 'electric', meterNumber: 'E-SC-L' },
        { service: 'water', meterNumber: 'W-SC-L', meterSize: '3/4' },
      ],
      identity: { idType: 'drivers_license', idNumber: 'D55502', method: 'in_person' },
    });
    assert.equal(tenant.statusCode, 201, tenant.body);
    const out = await call('POST', '/api/service/stop', {
      accountId: tenant.json().accountId,
      stopDate: '2026-12-31',
      reason: 'lease ended',
    });
    assert.equal(out.statusCode, 200, out.body);
    assert.deepEqual(
      out.json().fieldOrders.map((o: Order) => [o.kind, o.meterNumber]),
      [
        ['turn_off', 'E-SC-L'],
        ['move_read', 'W-SC-L'],
      ],
      'electric goes off; water reverts to the owner and is only read',
    );
    const next = await call('POST', '/api/service/start', {
      newCustomer: { kind: 'person', firstName: 'Ned', lastName: 'Next', taxId: '123-45-0779' },
      premiseId: rental,
      startDate: '2027-01-10',
      services: [{ service: 'water', meterNumber: 'W-SC-L', meterSize: '3/4' }],
      identity: { idType: 'drivers_license', idNumber: 'D55503', method: 'in_person' },
    });
    assert.equal(next.statusCode, 201, next.body);
    assert.deepEqual(
      next.json().fieldOrders.map((o: Order) => [o.kind, o.meterNumber, o.dueOn]),
      [['move_read', 'W-SC-L', '2027-01-10']],
    );
  });
});
