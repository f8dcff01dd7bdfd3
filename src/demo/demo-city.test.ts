import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, it } from 'node:test';
import { createTestDatabase, describeEngines } from '../../test/support/test-db.ts';
import type { Queryable } from '../db/index.ts';
import { generateDemoCity, isDatabaseEmpty, planCity } from './index.ts';

const now = new Date('2026-11-26T17:00:00Z');

/** Everything a demo city holds that is not a surrogate id, in a fixed order. */
async function cityDigest(q: Queryable): Promise<string> {
  const dumps = [
    `SELECT c.*, a.account_no FROM customer c JOIN account a ON a.customer_id = c.id ORDER BY a.account_no`,
    `SELECT premise_no, address_line1, unit, zip, latitude, longitude, parcel, premise_type,
            electric_territory, gas_territory, cycle FROM premise ORDER BY premise_no`,
    `SELECT account_no, account_class, status, opened_on, closed_on, mail_line1, mail_line2,
            mail_city, mail_zip, due_day, paperless FROM account ORDER BY account_no`,
    `SELECT a.account_no, p.premise_no, s.service, s.rate_schedule, s.status, s.start_date,
            s.stop_date, s.meter_number, s.meter_size
       FROM service_agreement s JOIN account a ON a.id = s.account_id
       JOIN premise p ON p.id = s.premise_id ORDER BY a.account_no, s.service, s.start_date`,
    `SELECT a.account_no, n.body FROM account_note n JOIN account a ON a.id = n.account_id
      ORDER BY 1, 2`,
    `SELECT a.account_no, s.status, s.starts_on, s.reason FROM account_special_status s
       JOIN account a ON a.id = s.account_id ORDER BY 1, 2`,
    `SELECT account_no, surname, street, house_no FROM search_document ORDER BY account_no`,
  ];
  const h = createHash('sha256');
  for (const sql of dumps) h.update(JSON.stringify((await q.query(sql)).rows));
  return h.digest('hex');
}

it('the same seed plans the same city and another seed a different one', () => {
  const a = JSON.stringify(planCity({ accounts: 400, seed: 7, now }));
  const b = JSON.stringify(planCity({ accounts: 400, seed: 7, now }));
  const c = JSON.stringify(planCity({ accounts: 400, seed: 8, now }));
  assert.equal(a, b);
  assert.notEqual(a, c);
});

describeEngines('demo city', (t) => {
  const accounts = 2_000;
  let summary: Awaited<ReturnType<typeof generateDemoCity>>;
  before(async () => {
    assert.equal(await isDatabaseEmpty(t.db.pool), true);
    summary = await generateDemoCity(t.db, { accounts, seed: 42, now });
  });

  it('loads exactly the requested accounts and reports what it wrote', async () => {
    assert.equal(summary.accounts, accounts);
    const r = await t.db.pool.query(
      `SELECT (SELECT count(*) FROM account) AS accounts, (SELECT count(*) FROM customer) AS customers,
              (SELECT count(*) FROM premise) AS premises, (SELECT count(*) FROM service_agreement) AS agreements,
              (SELECT count(*) FROM search_document) AS documents`,
    );
    const row = r.rows[0];
    assert.deepEqual(
      [row.accounts, row.customers, row.premises, row.agreements, row.documents],
      [accounts, summary.customers, summary.premises, summary.agreements, accounts],
    );
    assert.equal(await isDatabaseEmpty(t.db.pool), false);
  });

  it('gives gas to about 40 % of premises and electric only downtown', async () => {
    const r = await t.db.pool.query(`
      SELECT count(*) AS premises,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM service_agreement s WHERE s.premise_id = p.id
               AND s.service = 'gas' AND s.status = 'active')) AS gas,
             count(*) FILTER (WHERE EXISTS (SELECT 1 FROM service_agreement s WHERE s.premise_id = p.id
               AND s.service = 'electric')) AS electric,
             count(*) FILTER (WHERE NOT p.electric_territory AND EXISTS (SELECT 1 FROM service_agreement s
               WHERE s.premise_id = p.id AND s.service = 'electric')) AS electric_outside
        FROM premise p`);
    const { premises, gas, electric, electric_outside } = r.rows[0];
    assert.ok(gas / premises > 0.3 && gas / premises < 0.5, `gas share ${gas / premises}`);
    assert.ok(
      electric / premises > 0.05 && electric / premises < 0.25,
      `electric ${electric / premises}`,
    );
    assert.equal(electric_outside, 0);
  });

  it('has water, wastewater and solid waste for most premises, irrigation and hydrant meters for a few', async () => {
    const r = await t.db.pool.query(`
      SELECT service, count(DISTINCT premise_id) AS n FROM service_agreement GROUP BY service`);
    const n = Object.fromEntries(r.rows.map((x) => [x.service, x.n]));
    assert.ok(n.water / summary.premises > 0.85, 'water');
    assert.ok(n.wastewater / summary.premises > 0.8, 'wastewater');
    assert.ok(n.solid_waste / summary.premises > 0.7, 'solid waste');
    assert.ok(n.irrigation > 0 && n.irrigation < summary.premises * 0.05, 'irrigation');
    assert.ok(n.hydrant > 0 && n.hydrant < summary.premises * 0.02, 'hydrant');
    const meters = await t.db.pool.query(`SELECT count(*) AS n FROM service_agreement
      WHERE service IN ('water', 'gas', 'electric', 'irrigation', 'hydrant') AND meter_number IS NULL`);
    assert.equal(meters.rows[0].n, 0);
  });

  it('leaves some premises vacant, mostly active accounts, a few special statuses', async () => {
    const r = await t.db.pool.query(`
      SELECT (SELECT count(*) FROM premise p WHERE NOT EXISTS (SELECT 1 FROM service_agreement s
                WHERE s.premise_id = p.id AND s.status = 'active')) AS vacant,
             (SELECT count(*) FROM account WHERE status = 'active') AS active,
             (SELECT count(*) FROM account WHERE status IN ('final', 'closed', 'written_off')) AS inactive,
             (SELECT count(DISTINCT status) FROM account_special_status) AS status_kinds,
             (SELECT count(*) FROM customer WHERE language = 'es') AS spanish,
             (SELECT count(*) FROM identity_verification) AS verifications,
             (SELECT count(*) FROM account_note) AS notes,
             (SELECT count(DISTINCT cycle) FROM premise) AS cycles`);
    const x = r.rows[0];
    assert.ok(x.vacant > 0, 'vacant premises');
    assert.ok(x.active / accounts > 0.85 && x.inactive > 0, 'statuses');
    assert.ok(x.status_kinds >= 3, 'special statuses');
    assert.ok(x.spanish > 0 && x.verifications > 0 && x.notes > 0);
    assert.equal(x.cycles, 16);
  });

  it('records one audit row for the load', async () => {
    const r = await t.db.pool.query(
      `SELECT actor_kind, actor_name, after FROM audit_log WHERE action = 'demo.city_generated'`,
    );
    assert.equal(r.rows.length, 1);
    assert.equal(r.rows[0].actor_name, 'demo');
    assert.equal(r.rows[0].after.accounts, accounts);
  });

  it('builds an identical city from the same seed in another database', async () => {
    const small = { accounts: 300, seed: 3, now };
    const one = await createTestDatabase(t.engine);
    const two = await createTestDatabase(t.engine);
    try {
      await generateDemoCity(one.db, small);
      await generateDemoCity(two.db, small);
      assert.equal(await cityDigest(one.db.pool), await cityDigest(two.db.pool));
    } finally {
      await one.dispose();
      await two.dispose();
    }
  });

  it('loads one meter per planned meter number; a second city added beside it gets none', async () => {
    const r = await t.db.pool.query(`SELECT count(*)::int AS n FROM meter`);
    assert.equal(r.rows[0].n, summary.meters);
    assert.ok(summary.meters > 0 && summary.history === null);
    const second = await generateDemoCity(t.db, { accounts: 30, seed: 5, now, months: 3 });
    assert.equal(second.meters, 0);
    assert.equal(second.history, null);
  });
});
