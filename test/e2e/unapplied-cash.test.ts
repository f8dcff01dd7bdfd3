import assert from 'node:assert/strict';
import { it } from 'node:test';
import { expectOk } from '../../src/core/result.ts';
import { systemActor } from '../../src/modules/audit/index.ts';
import { importRemittance } from '../../src/modules/payments/index.ts';
import { assertAccessible } from './support/accessibility.ts';
import { openSession, screenshot, signIn } from './support/browser.ts';
import { describeBrowser } from './support/fixture.ts';

describeBrowser('Unapplied cash research (browser)', (t) => {
  it('a supervisor finds an unmatched lockbox payment and applies it to the right account', async () => {
    const db = t.server.db;
    const payer = `E2E Mystery Payer ${Date.now()}`;
    const csv = `account_number,amount,date,check_number,payer_name\nNOBODY-E2E,12.34,2026-11-20,4321,${payer}\nNOBODY-E2E,5.00,2026-11-20,4322,${payer} B\n`;
    const ctx = { actor: systemActor('e2e'), now: new Date() };
    const r = expectOk(
      await importRemittance(db, { format: 'remittance-csv', fileName: 'e2e.csv', text: csv }, ctx),
    );
    assert.equal(r.unmatched, 2);
    const target = (
      await db.pool.query<{ no: string }>(
        "SELECT account_no AS no FROM account WHERE status = 'active' ORDER BY id LIMIT 1",
      )
    ).rows[0]!;
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'supervisor');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Unapplied cash' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Unapplied cash' }).waitFor();
      await page.getByLabel('Search payer, reference or check number').fill(payer);
      const table = page.getByRole('table', { name: 'Unapplied cash' });
      const apply = table.getByRole('button', { name: `Apply $12.34 from ${payer}` });
      await apply.waitFor();
      // Each row says why it is unapplied.
      await table.getByText('no account matches the account or bill number').first().waitFor();
      await assertAccessible(page, 'the Unapplied cash queue');
      await apply.click();
      await page.getByLabel('Account').fill(target.no);
      await page.getByText(`found — Enter picks the first`).waitFor();
      await page.getByLabel('Account').press('Enter');
      await page.getByText('Selected:').waitFor();
      await screenshot(page, 'unapplied-cash-apply');
      await page.getByRole('button', { name: 'Apply to account' }).click();
      await page
        .getByRole('status')
        .getByText(`$12.34 from line 2 applied to account ${target.no}.`)
        .waitFor();
      // Research notes: appended, shown with the author, counted on the row.
      await page.getByRole('button', { name: `Notes on $5.00 from ${payer} B (0)` }).click();
      await page.getByText('No notes yet.').waitFor();
      await page.getByLabel('New note').fill('Bank says the payer is not a Mesa address');
      await page.getByRole('button', { name: 'Add note' }).click();
      await page
        .getByRole('list', { name: 'Research notes' })
        .getByText('Bank says the payer is not a Mesa address')
        .waitFor();
      await page.getByRole('button', { name: `Notes on $5.00 from ${payer} B (1)` }).waitFor();
      await screenshot(page, 'unapplied-cash-notes');
      await page.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('button', { name: `Refund $5.00 from ${payer} B` }).click();
      await page.getByLabel('Reason for the refund').fill('No such customer; returned to sender');
      // The check needs somewhere to go: a refund without the address is refused on screen.
      await page.getByRole('button', { name: 'Refund to sender' }).click();
      await page
        .getByText('The refund check needs a payee, a mailing address and a city.')
        .waitFor();
      await page.getByLabel('Mailing address').fill('400 W Broadway Rd');
      await page.getByLabel('City').fill('Tempe');
      await page.getByLabel('State').fill('AZ');
      await page.getByLabel('ZIP code').fill('85282');
      await screenshot(page, 'unapplied-cash-refund');
      await page.getByRole('button', { name: 'Refund to sender' }).click();
      await page
        .getByRole('status')
        .getByText('$5.00 from line 3 refunded; the check request went to accounts payable.')
        .waitFor();
      await page.getByText('No unapplied cash matches').waitFor();
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });
});
