import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { addDays, localDate, localDateOf, type LocalDate } from '../../src/core/dates.ts';
import { expectOk } from '../../src/core/result.ts';
import { inTransaction, type Database } from '../../src/db/index.ts';
import { systemActor } from '../../src/modules/audit/index.ts';
import { fillCycleSchedule } from '../../src/modules/billing/index.ts';
import {
  exchangeMeter,
  importReads,
  installMeter,
  type RegisterKind,
} from '../../src/modules/metering/index.ts';
import { assertAccessible } from './support/accessibility.ts';
import { horizontalOverflow, openSession, screenshot, signIn, tablet } from './support/browser.ts';
import { describeBrowser } from './support/fixture.ts';

type Billable = { readonly accountId: number; readonly cycle: number; readonly name: string };
/** The water meter exchanged in the billed period: the old one and its replacement. */
type Exchanged = { readonly oldMeter: string; readonly newMeter: string };
type WaterMeter = {
  readonly meterNumber: string;
  readonly size: string | null;
  readonly from: number;
};

const kinds: Readonly<Record<string, RegisterKind>> = {
  electric: 'kwh',
  gas: 'therm',
  water: 'gallon',
};

/**
 * The demo city has meters on its agreements but no meter rows or reads (and rates from
 * 2026-01-01): pick an account whose agreements all started this year, with water and only
 * electric/gas/water metered, install its meters at the agreements' start and import a read
 * for each dated yesterday, so a run as of today bills it. The water meter is exchanged in
 * the period (`exchangeWaterMeter`).
 */
async function billableAccount(
  db: Database,
  yesterday: LocalDate,
): Promise<Billable & { readonly exchanged: Exchanged }> {
  const r = await db.pool.query<Billable>(
    `SELECT a.id AS "accountId", min(p.cycle)::int AS cycle, c.display_name AS name
       FROM account a JOIN customer c ON c.id = a.customer_id
       JOIN service_agreement s ON s.account_id = a.id AND s.status = 'active'
       JOIN premise p ON p.id = s.premise_id
      GROUP BY a.id, c.display_name
     HAVING min(s.start_date) >= '2026-01-02' AND max(s.start_date) < $1::date - 30
        AND bool_or(s.service = 'water')
        AND bool_and(s.service NOT IN ('irrigation', 'hydrant'))
        AND count(DISTINCT p.id) = 1
      ORDER BY a.id LIMIT 1`,
    [yesterday],
  );
  const pick = r.rows[0];
  if (!pick) throw new Error('the demo city has no account started this year with water');
  const agreements = await db.pool.query<{
    premiseId: number;
    service: string;
    meterNumber: string;
    meterSize: string | null;
    startDate: string;
  }>(
    `SELECT premise_id AS "premiseId", service, meter_number AS "meterNumber",
            meter_size AS "meterSize", start_date::text AS "startDate"
       FROM service_agreement
      WHERE account_id = $1 AND status = 'active' AND meter_number IS NOT NULL`,
    [pick.accountId],
  );
  const ctx = { actor: systemActor('e2e'), now: new Date() };
  const rows: string[] = [];
  let water: WaterMeter | undefined;
  for (const a of agreements.rows) {
    const kind = kinds[a.service];
    if (!kind) continue;
    const state = await registerState(db, a.meterNumber, kind);
    if (state === undefined) {
      const meter = {
        premiseId: a.premiseId,
        meterNumber: a.meterNumber,
        service: a.service as 'water',
        size: a.meterSize,
        installedOn: localDate(a.startDate),
        registers: [{ kind, dials: 6, initialMilli: 1_000_000 }],
      };
      expectOk(await inTransaction(db, (tx) => installMeter(tx, meter, ctx)));
    }
    const dials = state?.dials ?? 6;
    let from = state === undefined ? 1000 : state.latest;
    if (from === null) {
      // An installed meter without reads: a baseline read a month earlier first.
      from = 1000;
      rows.push(`${a.meterNumber},${addDays(yesterday, -30)},${from},${kind}`);
    }
    if (kind === 'gallon' && water === undefined) {
      water = { meterNumber: a.meterNumber, size: a.meterSize, from };
      continue;
    }
    const reading = (from + (kind === 'therm' ? 40 : 8000)) % 10 ** dials;
    rows.push(`${a.meterNumber},${yesterday},${reading},${kind}`);
  }
  const text = `meter_number,read_date,reading,register\n${rows.join('\n')}\n`;
  const file = { fileName: 'e2e-billing.csv', text };
  expectOk(await inTransaction(db, (tx) => importReads(tx, file, ctx)));
  if (water === undefined) throw new Error(`account ${pick.accountId} has no water meter`);
  return { ...pick, exchanged: await exchangeWaterMeter(db, water, yesterday) };
}

/**
 * The water meter comes out ten days before the read with 3,000 gallons on it; its
 * replacement, in at zero, reads 5,000 yesterday: the bill's 8,000 gallons span two meters.
 */
async function exchangeWaterMeter(
  db: Database,
  water: WaterMeter,
  yesterday: LocalDate,
): Promise<Exchanged> {
  const ctx = { actor: systemActor('e2e'), now: new Date() };
  const newMeter = `${water.meterNumber}-X`;
  const old = {
    meterNumber: water.meterNumber,
    removedOn: addDays(yesterday, -10),
    finalMilli: { gallon: ((water.from + 3000) % 10 ** 6) * 1000 },
  };
  const replacement = {
    meterNumber: newMeter,
    size: water.size,
    registers: [{ kind: 'gallon' as const, dials: 6, initialMilli: 0 }],
  };
  expectOk(await inTransaction(db, (tx) => exchangeMeter(tx, { old, replacement }, ctx)));
  const text = `meter_number,read_date,reading,register\n${newMeter},${yesterday},5000,gallon\n`;
  const file = { fileName: 'e2e-exchange.csv', text };
  expectOk(await inTransaction(db, (tx) => importReads(tx, file, ctx)));
  return { oldMeter: water.meterNumber, newMeter };
}

/** The meter's register (when the demo city installed it) and its latest accepted reading. */
async function registerState(db: Database, meterNumber: string, kind: RegisterKind) {
  const r = await db.pool.query<{ latest: string | null; dials: number }>(
    `SELECT rg.dials,
            (SELECT mr.value::text FROM meter_read mr
              WHERE mr.register_id = rg.id AND mr.status = 'accepted'
              ORDER BY mr.read_date DESC, mr.id DESC LIMIT 1) AS latest
       FROM meter m JOIN register rg ON rg.meter_id = m.id AND rg.kind = $2
      WHERE m.meter_number = $1`,
    [meterNumber, kind],
  );
  const row = r.rows[0];
  if (!row) return undefined;
  return { dials: row.dials, latest: row.latest === null ? null : Math.round(Number(row.latest)) };
}

describeBrowser('Billing (browser)', (t) => {
  let target: Billable & { readonly exchanged: Exchanged };
  let cycleRead: string;
  before(async () => {
    const today = localDateOf(new Date(), 'America/Phoenix');
    target = await billableAccount(t.server.db, addDays(today, -1));
    // The reading schedule of last year and this (idempotent): the page lists the cycles to bill.
    const ctx = { actor: systemActor('e2e'), now: new Date() };
    const year = Number(today.slice(0, 4));
    for (const y of [year - 1, year]) {
      expectOk(await inTransaction(t.server.db, (tx) => fillCycleSchedule(tx, { year: y }, ctx)));
    }
    cycleRead = (
      await t.server.db.pool.query<{ readDate: string }>(
        `SELECT read_date::text AS "readDate" FROM bill_cycle_schedule
          WHERE cycle = $1 AND read_date <= $2::date AND read_date > $2::date - 45
          ORDER BY read_date DESC LIMIT 1`,
        [target.cycle, today],
      )
    ).rows[0]!.readDate;
  });

  it('a supervisor starts a bill run for a cycle and watches it complete', async () => {
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'supervisor');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Bill runs' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Bill runs' }).waitFor();
      await page.getByText('No bill runs yet').waitFor();
      const form = page.getByRole('form', { name: 'Start a bill run' });
      // The cycles read lately and not billed: "Fill in" puts one into the form.
      const toBill = page.getByRole('table', { name: 'Cycles to bill' });
      const [y, m, d] = cycleRead.split('-');
      const fill = toBill.getByRole('button', {
        name: `Fill in cycle ${target.cycle} as of ${m}/${d}/${y}`,
      });
      await fill.click();
      assert.equal(await form.getByLabel('Cycle').inputValue(), String(target.cycle));
      assert.equal(await form.getByLabel('As of').inputValue(), cycleRead);
      // This account's reads are dated yesterday: bill the cycle as of today.
      await form.getByLabel('Cycle').selectOption(String(target.cycle));
      await form.getByLabel('As of').fill(localDateOf(new Date(), 'America/Phoenix'));

      // A dry run first: it reports and writes nothing.
      await form.getByLabel('Dry run (report only, bill nothing)').check();
      await form.getByRole('button', { name: 'Run dry run' }).click();
      await page
        .getByRole('status')
        .getByText(/Nothing was billed/)
        .waitFor();
      assert.equal(await page.getByText('No bill runs yet').count(), 1);

      await form.getByLabel('Dry run (report only, bill nothing)').uncheck();
      await form.getByRole('button', { name: 'Start bill run' }).click();
      const bar = page.getByRole('progressbar', { name: /Bill run \d+ progress/ });
      await bar.waitFor();
      await page.getByRole('heading', { name: /Exceptions of run \d+/ }).waitFor();
      const now = Number(await bar.getAttribute('aria-valuenow'));
      const max = Number(await bar.getAttribute('aria-valuemax'));
      assert.ok(max > 0);
      assert.equal(now, max);
      await page.getByRole('table', { name: 'Recent bill runs' }).getByText('Completed').waitFor();
      // The run as of today covers the cycle's read: it leaves the cycles to bill.
      await fill.waitFor({ state: 'detached' });
      // Times are the city's clock (America/Phoenix), whatever the browser's time zone.
      const started = await t.server.db.pool.query<{ at: Date }>(
        'SELECT started_at AS at FROM bill_run ORDER BY id DESC LIMIT 1',
      );
      const cityTime = started.rows[0]!.at.toLocaleString('en-US', {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone: 'America/Phoenix',
      });
      await page.getByRole('table', { name: 'Recent bill runs' }).getByText(cityTime).waitFor();
      const register = page.getByRole('table', { name: 'Register by service' });
      await register.getByRole('rowheader', { name: 'Water', exact: true }).waitFor();
      const csv = page.getByRole('link', { name: 'Download the register (CSV)' });
      assert.match((await csv.getAttribute('href')) ?? '', /register\?format=csv$/);
      await assertAccessible(page, 'the Bill runs page after a run');
      await screenshot(page, 'billing-run-completed');
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });

  it('an agent sees the bill and the usage chart on the account and opens its explanation', async () => {
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'csr1');
      await page.goto(`/accounts/${target.accountId}`);
      const bills = page.getByRole('table', { name: 'Bills' });
      await bills.waitFor();
      assert.equal(await bills.getByRole('row').count(), 2); // header + the one bill
      const chart = page.getByRole('img', { name: /^Water usage in gallons/ });
      await chart.waitFor();
      assert.match((await chart.getAttribute('aria-label')) ?? '', /total 8,000/);
      await page.getByText('Water usage as a table').click();
      await page.getByRole('table', { name: 'Water usage by month' }).waitFor();
      await assertAccessible(page, 'the account page with bills');
      await screenshot(page, 'billing-account-bills');

      await bills.getByRole('link', { name: /^Bill of / }).click();
      await page.getByRole('heading', { level: 1, name: /^Bill of / }).waitFor();
      await page.getByRole('link', { name: 'Download PDF' }).waitFor();
      // The water meter was exchanged in the period: a read row per meter, and their total.
      const { oldMeter, newMeter } = target.exchanged;
      await page.getByText(`Meter ${oldMeter} (removed): previous`).waitFor();
      const removed = await page.getByText(`Meter ${oldMeter} (removed)`).textContent();
      assert.match(
        removed ?? '',
        /: previous [\d,]+ on .*, final [\d,]+ on .*; usage 3,000 gallons$/,
      );
      const current = await page.getByText(`Meter ${newMeter}:`).textContent();
      assert.match(current ?? '', /: previous 0 on .*, current 5,000 on .*; usage 5,000 gallons$/);
      await page.getByText('Total usage 8,000 gallons').waitFor();
      const water = page.getByRole('table', { name: 'Water lines' });
      const explain = water.getByRole('button', { name: /^Explain/ }).first();
      await explain.click();
      // The button now reads "Hide …" and says it is expanded.
      const hide = water.getByRole('button', { name: /^Hide/ });
      assert.equal(await hide.getAttribute('aria-expanded'), 'true');
      await page.getByText('Unrounded amount').first().waitFor();
      await page.getByText('Rounded amount').first().waitFor();
      await assertAccessible(page, 'the bill detail with an explanation open');
      await screenshot(page, 'billing-bill-detail');
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });

  it("an agent's credit within the limit posts, above it waits, and a supervisor approves it", async () => {
    const bill = await t.server.db.pool.query<{ id: number }>(
      'SELECT id FROM bill WHERE account_id = $1',
      [target.accountId],
    );
    const billId = bill.rows[0]!.id;
    const agent = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = agent;
      await signIn(page, 'csr1');
      await page.goto(`/bills/${billId}`);
      const form = page.getByRole('form', { name: 'Adjust this bill' });
      await form.getByText('Your approval limit is $50.00.').waitFor();
      await form.getByLabel('Amount ($)').fill('5.00');
      await form.getByLabel('Reason').selectOption('courtesy_credit');
      await form.getByLabel('Memo').fill('Goodwill for a billing call');
      await form.getByRole('button', { name: 'Adjust bill' }).click();
      await form.getByRole('status').getByText('Credit of $5.00 posted.').waitFor();

      await form.getByLabel('Line').selectOption({ index: 1 });
      await form.getByLabel('Amount ($)').fill('75');
      await form.getByLabel('Reason').selectOption('billing_error');
      await form.getByLabel('Memo').fill('Charge billed twice');
      await form.getByRole('button', { name: 'Adjust bill' }).click();
      await form
        .getByRole('status')
        .getByText(/above your approval limit/)
        .waitFor();
      await assertAccessible(page, 'the bill detail with the adjust form');
      await screenshot(page, 'billing-adjust-pending');

      agent.assertNoErrors();
    } finally {
      await agent.close();
    }
    const approver = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = approver;
      await signIn(page, 'supervisor');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Pending adjustments' })
        .click();
      const table = page.getByRole('table', { name: 'Pending adjustments' });
      await table.getByText('Credit $75.00').waitFor();
      await assertAccessible(page, 'the pending adjustments');
      await screenshot(page, 'billing-pending-adjustments');
      await table.getByRole('button', { name: /^Approve adjustment/ }).click();
      await page.getByText('No adjustments are waiting for approval.').waitFor();
      approver.assertNoErrors();
    } finally {
      await approver.close();
    }
  });

  it('an agent cancels the bill and rebills the period', async () => {
    const bill = await t.server.db.pool.query<{ id: number }>(
      `SELECT id FROM bill WHERE account_id = $1 AND status = 'issued'`,
      [target.accountId],
    );
    const billId = bill.rows[0]!.id;
    const agent = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = agent;
      await signIn(page, 'csr1');
      await page.goto(`/bills/${billId}`);
      // Cancel and rebill the same period: the same reads give the same total (net $0.00).
      await page.getByRole('button', { name: 'Cancel this bill…' }).click();
      const cancel = page.getByRole('form', { name: 'Cancel this bill' });
      await cancel.getByLabel('Reason for cancelling').fill('Customer disputed the read');
      await cancel.getByRole('button', { name: 'Cancel and rebill' }).click();
      await page
        .getByRole('status')
        .getByText(/net change \$0\.00/)
        .waitFor();
      await screenshot(page, 'billing-cancelled');
      await page.getByRole('link', { name: /^Open the new bill/ }).click();
      await page.getByRole('heading', { level: 2, name: 'Cancel or rebill' }).waitFor();
      assert.notEqual(new URL(page.url()).pathname, `/bills/${billId}`);
      agent.assertNoErrors();
    } finally {
      await agent.close();
    }
  });

  it('the bill runs, account and bill pages fit a tablet-width window', async () => {
    const s = await openSession(t.browser, t.server.baseUrl, tablet);
    try {
      const { page } = s;
      await signIn(page, 'supervisor');
      await page.goto('/bill-runs');
      await page.getByRole('table', { name: 'Recent bill runs' }).waitFor();
      assert.equal(await horizontalOverflow(page), 0);
      await screenshot(page, 'billing-runs-tablet');
      await page.goto(`/accounts/${target.accountId}`);
      const link = page.getByRole('table', { name: 'Bills' }).getByRole('link').first();
      await link.waitFor();
      assert.equal(await horizontalOverflow(page), 0);
      await link.click();
      await page.getByRole('heading', { level: 1, name: /^Bill of / }).waitFor();
      assert.equal(await horizontalOverflow(page), 0);
      await screenshot(page, 'billing-bill-tablet');
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });
});
