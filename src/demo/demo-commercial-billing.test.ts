import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEngines } from '../../test/support/test-db.ts';
import { generateDemoCity, type DemoCitySummary } from './index.ts';

const now = new Date('2026-11-26T17:00:00Z');

describeEngines('demo city: commercial solid waste and electric demand are billed', (t) => {
  let summary: DemoCitySummary;
  before(async () => {
    summary = await generateDemoCity(t.db, {
      accounts: 400,
      seed: 21,
      now,
      months: 3,
      billedMonths: 2,
    });
  });
  const rows = async (sql: string) => (await t.db.pool.query(sql)).rows;

  it('fails no account for missing bins or missing demand', () => {
    const failed = summary.history?.failed ?? {};
    assert.equal(failed.container_required, undefined, JSON.stringify(failed));
    assert.equal(failed.demand_required, undefined, JSON.stringify(failed));
    assert.equal(
      Number(summary.history?.skipped.no_read ?? 0) <= (summary.history?.bills ?? 0) * 0.02,
      true,
    );
  });

  it('gives every SW-COMM agreement bins and bills each active one on its bins', async () => {
    const [bins] = await rows(`SELECT count(*)::int AS agreements,
        count(w.agreement_id)::int AS with_bins FROM service_agreement s
        LEFT JOIN solid_waste_service w ON w.agreement_id = s.id WHERE s.rate_schedule = 'SW-COMM'`);
    assert.ok(bins.agreements > 10 && bins.with_bins === bins.agreements, JSON.stringify(bins));
    // Each run's SW-COMM account has a bill with the SW-COMM line priced on its bins:
    // 6.50 × yards × bins × pickups × 4.33 (a 27–33-day period is not prorated).
    const lines = await rows(`
      SELECT i.account_id, l.amount_cents::int AS cents, b.period_end - b.period_start AS days,
             w.container_yards * w.containers * w.pickups_per_week AS yard_pickups
        FROM bill_run_item i JOIN bill b ON b.id = i.bill_id
        JOIN service_agreement s ON s.account_id = i.account_id AND s.rate_schedule = 'SW-COMM'
             AND s.status = 'active' AND s.start_date <= b.period_start
        JOIN solid_waste_service w ON w.agreement_id = s.id
        LEFT JOIN bill_line l ON l.bill_id = b.id AND l.agreement_id = s.id AND l.code = 'SW-COMM'`);
    assert.ok(lines.length >= 2 * 15, `${lines.length} SW-COMM bills`);
    for (const x of lines) {
      assert.notEqual(x.cents, null, `account ${x.account_id} has a SW-COMM line`);
      if (x.days >= 27 && x.days <= 33)
        assert.equal(x.cents, Math.round((650 * x.yard_pickups * 4330) / 1000), `${x.account_id}`);
    }
  });

  it('reads the peak kW of every E3.1 meter and bills demand above 50 kW on all kW', async () => {
    const bills = await rows(`
      SELECT s.account_id, b.id AS bill_id,
             (SELECT round(max(mr.value)) FROM meter m JOIN register rg ON rg.meter_id = m.id
                 AND rg.kind = 'kw' JOIN meter_read mr ON mr.register_id = rg.id
               WHERE m.meter_number = s.meter_number AND mr.read_date > b.period_start
                 AND mr.read_date <= b.period_end)::int AS kw,
             (SELECT l.amount_cents FROM bill_line l WHERE l.bill_id = b.id
                 AND l.code = 'E-DEM-GEN')::int AS gen_cents
        FROM service_agreement s JOIN bill b ON b.account_id = s.account_id AND b.run_id IS NOT NULL
       WHERE s.rate_schedule = 'E3.1' AND s.status = 'active' AND s.start_date <= b.period_start`);
    const [accounts] = await rows(`SELECT count(*)::int AS n FROM service_agreement
       WHERE rate_schedule = 'E3.1' AND status = 'active' AND start_date < '2026-09-01'`);
    assert.ok(accounts.n > 0 && bills.length >= 2 * accounts.n, `${bills.length} E3.1 bills`);
    for (const b of bills) {
      assert.notEqual(b.kw, null, `bill ${b.bill_id} has a demand read`);
      // Generation: kW × 3.52 when over 50 kW, no line at or below.
      assert.equal(b.gen_cents, b.kw > 50 ? b.kw * 352 : null, `bill ${b.bill_id}: ${b.kw} kW`);
    }
  });
});
