import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { LocalDate } from '../../src/core/dates.ts';
import { cents } from '../../src/core/money.ts';
import { expectOk } from '../../src/core/result.ts';
import { inTransaction } from '../../src/db/index.ts';
import { systemActor } from '../../src/modules/audit/index.ts';
import {
  importRemittance,
  postPayment,
  recordReturnedPayment,
} from '../../src/modules/payments/index.ts';
import { assertAccessible } from './support/accessibility.ts';
import { horizontalOverflow, openSession, screenshot, signIn, tablet } from './support/browser.ts';
import { describeBrowser } from './support/fixture.ts';

describeBrowser('Payment history on the account page (browser)', (t) => {
  it('an agent sees an account’s card payment and its returned check, newest first, with receipts', async () => {
    const db = t.server.db;
    const ctx = { actor: systemActor('e2e'), now: new Date() };
    const account = (
      await db.pool.query<{ id: string; no: string }>(
        `SELECT id, account_no AS no FROM account a WHERE status = 'active'
            AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.account_id = a.id)
          ORDER BY id DESC LIMIT 1`,
      )
    ).rows[0]!;
    const accountId = Number(account.id);
    const csv = `account_number,amount,date,check_number\n${account.no},40.00,2026-11-02,5150\n`;
    const mailed = expectOk(
      await importRemittance(
        db,
        { format: 'remittance-csv', fileName: `e2e-history-${accountId}.csv`, text: csv },
        ctx,
      ),
    );
    const checkId = mailed.outcomes[0]!.paymentId!;
    expectOk(
      await inTransaction(db, (tx) =>
        recordReturnedPayment(
          tx,
          {
            paymentId: checkId,
            source: 'check',
            returnCode: 'NSF',
            reason: 'not sufficient funds',
            returnedOn: '2026-11-09' as LocalDate,
          },
          ctx,
        ),
      ),
    );
    expectOk(
      await inTransaction(db, (tx) =>
        postPayment(
          tx,
          {
            accountId,
            amountCents: cents(7_525),
            tender: { kind: 'card', token: 'tok_e2e_visa_4242' },
            channel: 'web',
            effectiveDate: '2026-11-20' as LocalDate,
            idempotencyKey: `e2e-payment-history-${accountId}`,
          },
          ctx,
        ),
      ),
    );

    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'csr1');
      await page.goto(`${t.server.baseUrl}/accounts/${accountId}`);
      const table = page.getByRole('table', { name: 'Payments' });
      await table.waitFor();
      const rows = table.getByRole('row');
      assert.equal(await rows.count(), 3); // header + 2
      const newest = (await rows.nth(1).innerText()).replace(/\s+/g, ' ');
      assert.match(newest, /\$75\.25 Card Visa ····4242 Web Posted PDF/);
      const older = (await rows.nth(2).innerText()).replace(/\s+/g, ' ');
      assert.match(older, /\$40\.00 Check #5150 Lockbox Returned PDF/);
      const receipt = table.getByRole('link', { name: /PDF receipt for the payment of \$75\.25/ });
      assert.equal(
        await receipt.getAttribute('href'),
        `/api/payments/${await paymentIdOf(accountId, 7_525)}/receipt.pdf`,
      );
      const pdf = await page.request.get(
        `${t.server.baseUrl}${await receipt.getAttribute('href')}`,
      );
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      await table.scrollIntoViewIfNeeded();
      await assertAccessible(page, 'the account page with payments');
      await screenshot(page, 'payment-history');
      await page.setViewportSize(tablet);
      assert.equal(await horizontalOverflow(page), 0);
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });

  async function paymentIdOf(accountId: number, amountCents: number): Promise<number> {
    const r = await t.server.db.pool.query<{ id: string }>(
      'SELECT id FROM payment WHERE account_id = $1 AND amount_cents = $2',
      [accountId, amountCents],
    );
    return Number(r.rows[0]!.id);
  }
});
