import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';

/** Migration 0083: the bill run's output tables check references per statement, not per row. */
describeEngines('billing: references checked per statement (0083)', (t) => {
  const ids = { a: 0, b: 0, agreement: 0, billA: 0, run: 0 };
  const one = async (sql: string) => (await t.db.pool.query<{ id: number }>(sql)).rows[0]!.id;

  before(async () => {
    const customer = await one(`INSERT INTO customer (kind, last_name, display_name, created_at,
      updated_at) VALUES ('person', 'Ref', 'Ref', now(), now()) RETURNING id`);
    const premise = await one(`INSERT INTO premise (premise_no, address_line1, city, zip,
      latitude, longitude, premise_type, cycle, created_at) VALUES ('P-REF', '1 Main St', 'Mesa',
      '85201', 33.4, -111.8, 'single_family', 1, now()) RETURNING id`);
    const account = (no: string) =>
      one(`INSERT INTO account (account_no, customer_id, account_class, status, opened_on,
        mail_line1, mail_city, mail_state, mail_zip, created_at, updated_at)
        VALUES ('${no}', ${customer}, 'residential', 'active', '2026-01-01', '1 Main St', 'Mesa',
        'AZ', '85201', now(), now()) RETURNING id`);
    ids.a = await account('A-REF-1');
    ids.b = await account('A-REF-2');
    ids.agreement = await one(`INSERT INTO service_agreement (account_id, premise_id, service,
      rate_schedule, status, start_date, created_at) VALUES (${ids.a}, ${premise}, 'wastewater',
      'S1.1', 'active', '2026-01-01', now()) RETURNING id`);
    ids.run = await one(`INSERT INTO bill_run (cycle, as_of, status, started_at, finished_at,
      started_by, heartbeat_at) VALUES (1, '2026-01-31', 'completed', now(), now(), 'test', now())
      RETURNING id`);
    ids.billA = await one(billSql(ids.a, 'NULL'));
  });

  const billSql = (accountId: number, runId: string, periodEnd = '2026-01-31') =>
    `INSERT INTO bill (account_id, period_start, period_end, bill_date, due_date, total_cents,
       run_id, status, created_at)
     VALUES (${accountId}, '2026-01-01', '${periodEnd}', '${periodEnd}', date '${periodEnd}' + 21,
       0, ${runId}, 'issued', now()) RETURNING id`;
  const lineSql = (billId: number, accountId: number, agreementId: number) =>
    `INSERT INTO bill_line (bill_id, line_no, account_id, agreement_id, service, code,
       description, quantity, unit, amount_cents, explanation)
     VALUES (${billId}, 1, ${accountId}, ${agreementId}, 'wastewater', 'S', 'Sewer', 1, 'month',
       100, '{}')`;

  it('refuses a bill whose account or run does not exist', async () => {
    await assert.rejects(t.db.pool.query(billSql(987654, 'NULL')), /account 987654/);
    await assert.rejects(
      t.db.pool.query(billSql(ids.b, '987654', '2026-02-28')),
      /bill run 987654/,
    );
  });

  it('refuses a bill line of a missing bill, of another account, or of a missing agreement', async () => {
    await assert.rejects(t.db.pool.query(lineSql(987654, ids.a, ids.agreement)), /bill 987654/);
    await assert.rejects(
      t.db.pool.query(lineSql(ids.billA, ids.b, ids.agreement)),
      new RegExp(`bill ${ids.billA} of account ${ids.b}`),
    );
    await assert.rejects(
      t.db.pool.query(lineSql(ids.billA, ids.a, 987654)),
      /service agreement 987654/,
    );
    await t.db.pool.query(lineSql(ids.billA, ids.a, ids.agreement));
  });

  it('refuses a run item of a missing run or naming a bill of another account', async () => {
    const item = (runId: number, accountId: number) =>
      `INSERT INTO bill_run_item (run_id, account_id, status, bill_id)
       VALUES (${runId}, ${accountId}, 'billed', ${ids.billA})`;
    await assert.rejects(t.db.pool.query(item(987654, ids.a)), /bill run 987654/);
    await assert.rejects(t.db.pool.query(item(ids.run, ids.b)), /of account/);
    await t.db.pool.query(item(ids.run, ids.a));
  });

  it('refuses deleting or re-keying the parents and re-pointing the children', async () => {
    for (const sql of [
      `DELETE FROM bill WHERE id = ${ids.billA}`,
      `DELETE FROM bill_run WHERE id = ${ids.run}`,
      `DELETE FROM account WHERE id = ${ids.b}`,
      `DELETE FROM service_agreement WHERE id = ${ids.agreement}`,
      `UPDATE bill SET account_id = ${ids.b} WHERE id = ${ids.billA}`,
      `UPDATE bill_line SET bill_id = bill_id WHERE account_id = ${ids.a}`,
      `UPDATE bill_run_item SET account_id = ${ids.b} WHERE run_id = ${ids.run}`,
    ]) {
      await assert.rejects(t.db.pool.query(sql), /append-only/, sql);
    }
  });
});
