import assert from 'node:assert/strict';
import { it } from 'node:test';
import { addDays, localDate, localDateOf, type LocalDate } from '../../src/core/dates.ts';
import { cents } from '../../src/core/money.ts';
import { expectOk } from '../../src/core/result.ts';
import { inTransaction, type Database } from '../../src/db/index.ts';
import { systemActor } from '../../src/modules/audit/index.ts';
import { accountBalances, postEntry } from '../../src/modules/ledger/index.ts';
import { assertAccessible } from './support/accessibility.ts';
import { horizontalOverflow, openSession, screenshot, signIn, tablet } from './support/browser.ts';
import { describeBrowser } from './support/fixture.ts';

/** An active residential demo account with water at one premise and no bills yet. */
async function waterAccount(db: Database): Promise<number> {
  const r = await db.pool.query<{ id: number }>(
    `SELECT a.id::int AS id FROM account a
      WHERE a.status = 'active' AND a.account_class = 'residential'
        AND EXISTS (SELECT 1 FROM service_agreement s WHERE s.account_id = a.id
                     AND s.status = 'active' AND s.service = 'water'
                     AND s.meter_number IS NOT NULL)
        AND NOT EXISTS (SELECT 1 FROM bill b WHERE b.account_id = a.id)
      ORDER BY a.id LIMIT 1`,
  );
  if (!r.rows[0]) throw new Error('the demo city has no residential water account');
  return r.rows[0].id;
}

/**
 * Gives the account a year of monthly bills (30 days each) ending on `through`: 12 quiet
 * bills of 2,000 gal of water at $80.00, then the latest at `lastGallons`.
 */
async function billYear(
  db: Database,
  accountId: number,
  through: LocalDate,
  lastGallons: number,
): Promise<void> {
  const agreement = await db.pool.query<{ id: number }>(
    `SELECT id::int AS id FROM service_agreement WHERE account_id = $1 AND service = 'water'
        AND status = 'active' ORDER BY id LIMIT 1`,
    [accountId],
  );
  let end = through;
  for (let i = 0; i < 13; i++) {
    const start = addDays(end, -30);
    const gallons = i === 0 ? lastGallons : 2000;
    const totalCents = i === 0 ? 16_000 : 8000;
    await insertWaterBill(
      db,
      accountId,
      { start, end, gallons, totalCents },
      agreement.rows[0]!.id,
    );
    end = start;
  }
}

/** One issued water bill of one line (no ledger entry: the page reads the bill). */
async function insertWaterBill(
  db: Database,
  accountId: number,
  b: { start: LocalDate; end: LocalDate; gallons: number; totalCents: number },
  agreementId?: number,
): Promise<number> {
  const agreement =
    agreementId ??
    (
      await db.pool.query<{ id: number }>(
        `SELECT id::int AS id FROM service_agreement WHERE account_id = $1 AND service = 'water'
            AND status = 'active' ORDER BY id LIMIT 1`,
        [accountId],
      )
    ).rows[0]!.id;
  const bill = await db.pool.query<{ id: number }>(
    `INSERT INTO bill (account_id, period_start, period_end, bill_date, due_date, total_cents,
       status, created_at)
     VALUES ($1, $2, $3, $3, $3::date + 21, $4, 'issued', now()) RETURNING id::int AS id`,
    [accountId, b.start, b.end, b.totalCents],
  );
  await db.pool.query(
    `INSERT INTO bill_line (bill_id, line_no, account_id, agreement_id, service, code,
       description, quantity, unit, amount_cents, explanation)
     VALUES ($1, 1, $2, $3, 'water', 'W-USAGE', 'Water', $4, 'gallon', $5,
             '{"scheduleCode": "W1.1", "versionsEffectiveFrom": ["2024-01-01"]}'::jsonb)`,
    [bill.rows[0]!.id, accountId, agreement, b.gallons, b.totalCents],
  );
  return bill.rows[0]!.id;
}

/** Pays the account's receivable balance in full (a payment entry per fund). */
async function payInFull(db: Database, accountId: number): Promise<void> {
  const ctx = { actor: systemActor('e2e'), now: new Date() };
  const b = await accountBalances(db.pool, accountId);
  const owed = b.byFund.filter((f) => f.balanceCents > 0);
  if (owed.length === 0) return;
  expectOk(
    await inTransaction(db, (tx) =>
      postEntry(
        tx,
        {
          kind: 'payment',
          sourceRef: `e2e-payment:${accountId}`,
          effectiveDate: localDate(new Date().toISOString().slice(0, 10)),
          memo: 'Paid in full (browser test)',
          lines: owed.flatMap((f) => [
            { glAccount: `cash.bank:${f.fund}`, debitCents: cents(f.balanceCents) },
            {
              glAccount: `receivable:${f.fund}`,
              creditCents: cents(f.balanceCents),
              accountId,
            },
          ]),
        },
        ctx,
      ),
    ),
  );
}

describeBrowser('High bill and budget billing on the account page (browser)', (t) => {
  it('an agent compares the latest bill with the history and asks for a leak check', async () => {
    const accountId = await waterAccount(t.server.db);
    await billYear(t.server.db, accountId, localDate('2026-11-01'), 9000);
    const target = { accountId };
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'csr1');
      await page.goto(`/accounts/${target.accountId}`);
      const panel = page.getByRole('region', { name: 'High bill' });
      await panel.getByText(/^Bill 10\/02\/2026 – 10\/31\/2026/).waitFor();
      const table = panel.getByRole('table', { name: 'Water usage comparison' });
      const text = (await table.textContent()) ?? '';
      assert.match(text, /This period/);
      assert.match(text, /Previous period/);
      assert.match(text, /Same period last year/);
      assert.match((await panel.textContent()) ?? '', /Leak likelihood/);
      assert.match((await panel.textContent()) ?? '', /12-month average/);
      await assertAccessible(page, 'the account page with the high-bill panel');
      // An earlier bill: the quiet month before, compared with its own previous period.
      await panel.getByLabel('Bill to investigate').selectOption({ index: 1 });
      await panel.getByText(/^Bill 09\/02\/2026 – 10\/01\/2026/).waitFor();
      await panel.getByText('Use is in line with the history.').waitFor();
      await panel.getByLabel('Bill to investigate').selectOption({ index: 0 });
      await panel.getByText(/^Bill 10\/02\/2026 – 10\/31\/2026/).waitFor();
      await screenshot(page, 'high-bill-panel');

      await panel.getByRole('button', { name: /^Leak check of Water meter/ }).click();
      await panel
        .getByRole('status')
        .getByText(/Leak check requested for Water meter/)
        .waitFor();
      await panel.getByRole('button', { name: /^Leak check of Water meter/ }).click();
      await panel
        .getByRole('status')
        .getByText(/is already open/)
        .waitFor();
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });

  it('an agent enrols a paid-up customer on budget billing and sees the instalment', async () => {
    const target = { accountId: await waterAccount(t.server.db) };
    await billYear(t.server.db, target.accountId, localDate('2026-11-01'), 2000);
    // Policy is data: open the enrolment window all year so the test does not depend on
    // today's month (the rule itself has table tests in budget-fold.test.ts).
    await t.server.db.pool.query(
      `UPDATE budget_policy SET combined_window = '{1,2,3,4,5,6,7,8,9,10,11,12}'`,
    );
    const s = await openSession(t.browser, t.server.baseUrl, tablet);
    try {
      const { page } = s;
      await signIn(page, 'csr1');
      await page.goto(`/accounts/${target.accountId}`);
      const section = page.getByRole('region', { name: 'Budget billing' });
      await section.getByText('Not on budget billing.').waitFor();
      const owes = (await accountBalances(t.server.db.pool, target.accountId)).totalCents > 0;
      if (owes) {
        await section.getByText(/balance must be paid in full/).waitFor();
        await payInFull(t.server.db, target.accountId);
        await page.reload();
      }
      await section.getByText(/Eligible: the monthly instalment would be \$/).waitFor();
      await section.getByRole('button', { name: 'Enrol in budget billing' }).click();
      await section.getByRole('status').getByText('Enrolled in budget billing.').waitFor();
      await section.getByText('Monthly instalment').waitFor();
      await section.getByText(/No bill under the plan yet/).waitFor();
      assert.equal(await horizontalOverflow(page), 0);
      await assertAccessible(page, 'the account page with a budget plan');
      await screenshot(page, 'budget-billing-enrolled-tablet');

      // The first bill under the plan ($130.00 of charges) asks for the instalment: the last
      // 12 bills ($160 + 11 × $80) ÷ 12 × 1.10 = $95.33 → $95.00; $35.00 is deferred.
      const today = localDateOf(new Date(), 'America/Phoenix');
      const budgetBill = await insertWaterBill(t.server.db, target.accountId, {
        start: localDate('2026-11-01'),
        end: addDays(today, 2),
        gallons: 9000,
        totalCents: 13_000,
      });
      await page.goto(`/bills/${budgetBill}`);
      const note = page.getByRole('note', { name: 'Budget billing' });
      await note.getByText(/this bill asks for \$95\.00 \(monthly instalment \$95\.00\)/).waitFor();
      await note.getByText(/instead of its charges of \$130\.00/).waitFor();
      await note
        .getByText('Charges deferred under budget billing after this bill: $35.00.')
        .waitFor();
      const facts = page.getByRole('region', { name: 'Summary' });
      const fact = (name: string) =>
        facts.locator('div', { has: page.getByText(name, { exact: true }) }).locator('dd');
      assert.equal(await fact('Held over under budget billing').textContent(), '-$35.00');
      assert.equal(await fact('Amount due').textContent(), '$95.00');
      await screenshot(page, 'budget-billing-bill');
      await page.goto(`/accounts/${target.accountId}`);

      await section.getByRole('button', { name: 'Leave budget billing' }).click();
      await section.getByRole('status').getByText('Left budget billing.').waitFor();
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });

  it('an agent places a seasonal hold for electric and water, sees the trip fee, and cancels it', async () => {
    const accountId = await electricAndWaterAccount(t.server.db);
    const today = localDateOf(new Date(), 'America/Phoenix');
    const from = addDays(today, 7);
    const through = addDays(from, 89);
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'csr1');
      await page.goto(`/accounts/${accountId}`);
      const section = page.getByRole('region', { name: 'Seasonal hold' });
      await section.getByText('No seasonal hold.').waitFor();
      const form = section.getByRole('form', { name: 'Place a seasonal hold' });
      // Electric is ticked by default; water only when the customer asks.
      assert.equal(await form.getByLabel('Electric').isChecked(), true);
      assert.equal(await form.getByLabel('Water').isChecked(), false);
      await form.getByText('Trip fee: $20.00 (1 × $20.00)').waitFor();
      await form.getByLabel('Water').check();
      await form.getByText('Trip fee: $40.00 (2 × $20.00)').waitFor();
      // Too short a hold is refused with the rule, and nothing is placed.
      s.expectHttpError(422, `/api/accounts/${accountId}/seasonal-holds`);
      await form.getByLabel('Turn off on').fill(from);
      await form.getByLabel('Last day off').fill(addDays(from, 10));
      await form.getByRole('button', { name: 'Place seasonal hold' }).click();
      await section.getByRole('alert').waitFor();
      await form.getByLabel('Last day off').fill(through);
      await form.getByLabel('Note').fill('Summer in Flagstaff');
      await form.getByRole('button', { name: 'Place seasonal hold' }).click();
      await section
        .getByRole('status')
        .getByText(/Seasonal hold placed/)
        .waitFor();
      // The trip fee is owed at once, and the hold is on the account's timeline.
      await page.getByRole('region', { name: 'Balance' }).getByText('$40.00').first().waitFor();
      await page
        .getByRole('region', { name: 'Timeline' })
        .getByText(/^Seasonal hold \d{4}-\d{2}-\d{2} – /)
        .waitFor();
      await page
        .getByRole('region', { name: 'Timeline' })
        .getByText(/^Seasonal hold turn-off and turn-on: electric, water.*: \$40\.00 charged$/)
        .waitFor();
      const row = section.getByRole('table', { name: 'Seasonal holds' }).locator('tbody tr');
      assert.match((await row.textContent()) ?? '', /Electric, Water.*Scheduled/);
      const orders = await t.server.db.pool.query<{ kind: string; status: string }>(
        `SELECT kind, status FROM service_order WHERE account_id = $1
            AND kind IN ('turn_off', 'turn_on') ORDER BY kind`,
        [accountId],
      );
      assert.equal(orders.rows.length, 4);
      await assertAccessible(page, 'the account page with a seasonal hold');
      await screenshot(page, 'seasonal-hold-scheduled');
      await section.getByRole('button', { name: 'Cancel hold' }).click();
      await section
        .getByRole('status')
        .getByText(/cancelled; the fee was reversed/)
        .waitFor();
      assert.match((await row.textContent()) ?? '', /Cancelled/);
      const open = await t.server.db.pool.query(
        `SELECT 1 FROM service_order WHERE account_id = $1 AND status = 'open'
            AND kind IN ('turn_off', 'turn_on')`,
        [accountId],
      );
      assert.equal(open.rowCount, 0);
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });
});

/** An active residential demo account with metered electric and water, no gas, no hold. */
async function electricAndWaterAccount(db: Database): Promise<number> {
  const r = await db.pool.query<{ id: number }>(
    `SELECT a.id::int AS id FROM account a
      WHERE a.status = 'active' AND a.account_class = 'residential'
        AND (SELECT count(DISTINCT s.service) FROM service_agreement s
              WHERE s.account_id = a.id AND s.status = 'active'
                AND s.service IN ('electric', 'water') AND s.meter_number IS NOT NULL) = 2
        AND NOT EXISTS (SELECT 1 FROM service_agreement g WHERE g.account_id = a.id
                         AND g.status = 'active' AND g.service = 'gas')
        AND NOT EXISTS (SELECT 1 FROM seasonal_hold h WHERE h.account_id = a.id)
      ORDER BY a.id DESC LIMIT 1`,
  );
  if (!r.rows[0]) throw new Error('the demo city has no account with electric and water');
  return r.rows[0].id;
}
