import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { it } from 'node:test';
import type { Locator } from 'playwright-core';
import { localDateOf } from '../../src/core/dates.ts';
import { expectOk } from '../../src/core/result.ts';
import { inTransaction } from '../../src/db/index.ts';
import { systemActor } from '../../src/modules/audit/index.ts';
import { enrolAutopay } from '../../src/modules/payments/index.ts';
import { assertAccessible } from './support/accessibility.ts';
import { horizontalOverflow, openSession, screenshot, signIn, tablet } from './support/browser.ts';
import { describeBrowser } from './support/fixture.ts';

/** 12/02/2026 from 2026-12-02, as the web app formats dates. */
function shown(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${m}/${d}/${y}`;
}

const text = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Waits until the element has focus (focus moves in an effect, after the render). */
async function focused(l: Locator): Promise<void> {
  const el = await l.elementHandle();
  await l.page().waitForFunction((e) => e !== null && e === e.ownerDocument.activeElement, el);
}

describeBrowser('Autopay on the account page (browser)', (t) => {
  /** Active accounts that never enrolled and are not cash-only, newest first. */
  async function unenrolledAccounts(n: number): Promise<number[]> {
    const r = await t.server.db.pool.query<{ id: string }>(
      `SELECT a.id FROM account a WHERE a.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM autopay_enrolment e WHERE e.account_id = a.id)
          AND NOT EXISTS (SELECT 1 FROM account_special_status s
                           WHERE s.account_id = a.id AND s.status = 'cash_only')
        ORDER BY a.id DESC LIMIT $1`,
      [n],
    );
    return r.rows.map((x) => Number(x.id));
  }

  it('a csr enrols an account (a bad routing number is refused on its field), sees it masked, then stops it', async () => {
    const [accountId] = await unenrolledAccounts(1);
    const path = `/api/accounts/${accountId}/autopay`;
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'csr1');
      await page.goto(`${t.server.baseUrl}/accounts/${accountId}`);
      const section = page.getByRole('region', { name: 'Autopay' });
      await section.getByText('Not enrolled in autopay.').waitFor();

      await section.getByRole('button', { name: 'Enrol in autopay' }).click();
      const form = section.getByRole('form', { name: 'Enrol in autopay' });
      const routing = form.getByLabel('Routing number');
      await focused(routing);
      const secret = form.getByLabel('Account number', { exact: true });
      assert.equal(await secret.getAttribute('type'), 'password');
      await routing.fill('231380105'); // nine digits, wrong ABA check digit
      await secret.fill('12345678');
      await form.getByRole('button', { name: 'Show account number' }).click();
      assert.equal(await secret.getAttribute('type'), 'text');
      await form.getByRole('button', { name: 'Hide account number' }).click();
      assert.equal(await secret.getAttribute('type'), 'password');
      await form.getByLabel('Account type').selectOption('checking');
      await form.getByLabel('Account holder').fill('Pat Q Example');

      s.expectHttpError(400, path);
      await form.getByRole('button', { name: 'Enrol', exact: true }).click();
      await form.getByText('Nine digits with a valid ABA check digit.').waitFor();
      assert.equal(await routing.getAttribute('aria-invalid'), 'true');
      await focused(routing); // focus lands on the refused field
      const described = await routing.getAttribute('aria-describedby');
      assert.ok(described);
      assert.equal(
        text(await page.locator(`[id="${described}"]`).innerText()),
        'Nine digits with a valid ABA check digit.',
      );
      assert.equal(
        (
          await t.server.db.pool.query('SELECT 1 FROM autopay_enrolment WHERE account_id = $1', [
            accountId,
          ])
        ).rowCount,
        0,
      );

      await routing.fill('231380104');
      await form.getByRole('button', { name: 'Enrol', exact: true }).click();
      // Anchored: getByText matches substrings case-blind, and 'Not enrolled in autopay.'
      // (still shown until the answer comes) would satisfy the wait at once.
      await section.getByText(/^Enrolled in autopay\./).waitFor();
      const row = (
        await t.server.db.pool.query<{ liveOn: string; status: string }>(
          `SELECT live_on::text AS "liveOn", status FROM autopay_enrolment WHERE account_id = $1`,
          [accountId],
        )
      ).rows[0]!;
      assert.equal(row.status, 'prenote');
      const status = section.locator('.ap-status');
      assert.equal(
        text(await status.innerText()),
        `Prenote — debits start on ${shown(row.liveOn)}`,
      );
      await focused(status);
      const facts = text(
        await section
          .getByRole('definition')
          .allInnerTexts()
          .then((a) => a.join(' | ')),
      );
      assert.equal(
        facts,
        `231380104 | ****5678 (checking) | Pat Q Example | ${shown(localDateOf(new Date(), 'America/Phoenix'))}`,
      );
      assert.equal(await form.count(), 0, 'the enrol form closed');
      const html = await page.content();
      assert.ok(!html.includes('12345678'), 'the full account number is nowhere on the page');
      assert.ok(!(await page.locator('body').innerText()).includes('12345678'));
      await assertAccessible(page, 'the account page with autopay in prenote');
      await section.scrollIntoViewIfNeeded();
      copyFileSync(await screenshot(page, 'autopay-prenote'), '/tmp/autopay-prenote.png');
      await section.screenshot({ path: '/tmp/autopay-section-prenote.png' });

      // Stop: a reason is required, then the stop shows with its date and reason.
      await section.getByRole('button', { name: 'Stop autopay' }).click();
      const stopForm = section.getByRole('form', { name: 'Stop autopay' });
      const reason = stopForm.getByLabel('Reason');
      await focused(reason);
      await stopForm.getByRole('button', { name: 'Confirm stop' }).click();
      await stopForm.getByText('A reason is required.').waitFor();
      await reason.fill('Customer switched banks');
      await stopForm.getByRole('button', { name: 'Confirm stop' }).click();
      await section.getByText(/^Autopay stopped on /).waitFor();
      const today = shown(localDateOf(new Date(), 'America/Phoenix'));
      assert.equal(text(await status.innerText()), `Stopped on ${today}: Customer switched banks`);
      // The API lets a stopped account enrol again.
      await section.getByRole('button', { name: 'Enrol again' }).waitFor();
      assert.equal(await section.getByRole('button', { name: 'Stop autopay' }).count(), 0);
      const audit = await t.server.db.pool.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE entity_type = 'autopay_enrolment' AND account_id = $1
          ORDER BY id`,
        [accountId],
      );
      assert.deepEqual(
        audit.rows.map((r) => r.action),
        ['autopay.enrolled', 'autopay.stopped'],
      );
      await assertAccessible(page, 'the account page with autopay stopped');
      await section.screenshot({ path: '/tmp/autopay-section-stopped.png' });
      await section.getByRole('button', { name: 'Enrol again' }).click();
      await section.screenshot({ path: '/tmp/autopay-section-form.png' });
      await page.setViewportSize(tablet);
      assert.equal(await horizontalOverflow(page), 0);
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });

  it('a read-only role sees the enrolment without the enrol or stop forms', async () => {
    const [enrolled, never] = await unenrolledAccounts(2);
    const ctx = { actor: systemActor('e2e'), now: new Date() };
    expectOk(
      await inTransaction(t.server.db, (tx) =>
        enrolAutopay(
          tx,
          {
            accountId: enrolled!,
            routingNumber: '231380104',
            accountNumber: '000111222333',
            accountType: 'savings',
            holderName: 'Lee Reader',
            enrolledOn: localDateOf(new Date(), 'America/Phoenix'),
          },
          ctx,
        ),
      ),
    );
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'cashier');
      await page.goto(`${t.server.baseUrl}/accounts/${enrolled}`);
      const section = page.getByRole('region', { name: 'Autopay' });
      await section.getByText(/^Prenote — debits start on /).waitFor();
      assert.match(text(await section.innerText()), /\*\*\*\*2333 \(savings\)/);
      assert.ok(!(await page.content()).includes('000111222333'));
      assert.equal(await section.getByRole('button').count(), 0);
      assert.equal(await section.locator('form, input, textarea').count(), 0);

      await page.goto(`${t.server.baseUrl}/accounts/${never}`);
      await section.getByText('Not enrolled in autopay.').waitFor();
      assert.equal(await section.getByRole('button').count(), 0);
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });
});
