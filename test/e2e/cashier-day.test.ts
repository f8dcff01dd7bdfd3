import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible } from './support/accessibility.ts';
import { horizontalOverflow, openSession, screenshot, signIn, tablet } from './support/browser.ts';
import { searchTarget } from './support/demo-facts.ts';
import { describeBrowser } from './support/fixture.ts';

type Payment = {
  readonly utility?: string;
  readonly city?: string;
  readonly card?: string;
  readonly check?: string;
  readonly cash?: string;
};

const label = (page: Page, name: string) => page.getByLabel(name, { exact: true });

async function pay(page: Page, who: { lastName: string; displayName: string }, p: Payment) {
  if (p.utility) {
    await label(page, 'Account search').fill(who.lastName);
    await label(page, 'Account search').press('Enter');
    await page.getByRole('button', { name: new RegExp(`^Pay ${who.displayName}`) }).click();
    await label(page, 'Utility amount').fill(p.utility);
  }
  if (p.city) await label(page, 'City item').selectOption({ label: p.city });
  if (p.card) {
    await label(page, 'Card amount').fill(p.card);
    await label(page, 'Card token').fill('tok_visa_4242');
  }
  if (p.check) {
    await label(page, 'Check amount').fill(p.check);
    await label(page, 'Check number').fill('1042');
    await label(page, 'Routing number').fill('021000021');
    await label(page, 'Check account last four').fill('6789');
  }
  if (p.cash) await label(page, 'Cash tendered').fill(p.cash);
  const box = page.getByRole('status').first();
  const previous = (await box.textContent()) ?? '';
  await page.getByRole('button', { name: 'Take payment' }).click();
  // The status line names the new receipt (or an alert says why not).
  await page.waitForFunction(
    `(document.querySelector('[role="status"]')?.textContent ?? '') !== ${JSON.stringify(previous)}` +
      ` || document.querySelector('[role="alert"]') !== null`,
  );
  const alert = page.getByRole('alert');
  if ((await alert.count()) > 0)
    throw new Error(`payment refused: ${await alert.first().textContent()}`);
  return (await box.textContent()) ?? '';
}

describeBrowser('A cashier’s day (browser)', (t) => {
  it('a cashier opens a drawer, takes 10 mixed payments, closes balanced; the supervisor verifies, deposits and reconciles to zero', async () => {
    const who = await searchTarget(t.server.db);
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'cashier');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Cashier' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Cashier' }).waitFor();
      // Float: 5 × $20 + 10 × $5 + 40 quarters = 100 + 50 + 10 = $160.00.
      await label(page, '$20 bills').fill('5');
      await label(page, '$5 bills').fill('10');
      await label(page, 'Quarters').fill('40');
      await assertAccessible(page, 'the Cashier page, opening a drawer');
      await screenshot(page, 'cashier-open-drawer');
      await page.getByRole('button', { name: 'Open drawer' }).click();
      await page.getByRole('heading', { name: 'Take a payment' }).waitFor();

      const payments: Payment[] = [
        { utility: '50.00', cash: '60.00' }, // change 10.00
        { utility: '45.00', check: '45.00' },
        { utility: '30.00', card: '30.00' }, // fee 2.37 % = 0.711 → 0.71
        { utility: '45.00', card: '20.00', cash: '30.00' }, // split: fee 0.474 → 0.47; change 5.00
        { city: 'Bus pass — monthly — $64.00', cash: '70.00' }, // change 6.00
        { utility: '10.00', cash: '10.00' },
        { utility: '10.00', cash: '10.00' },
        { utility: '10.00', cash: '10.00' },
        { utility: '10.00', cash: '20.00' },
        { utility: '10.00', cash: '10.00' },
      ];
      const seen = new Set<string>();
      for (const p of payments) {
        const text = await pay(page, who, p);
        const receiptNo = /Receipt (T-\d+)/.exec(text)?.[1] ?? '';
        assert.ok(receiptNo && !seen.has(receiptNo), `a new receipt after ${JSON.stringify(p)}`);
        seen.add(receiptNo);
      }
      assert.equal(seen.size, 10);
      const status = (await page.getByRole('status').first().textContent()) ?? '';
      assert.match(status, /change due \$0\.00/);
      await assertAccessible(page, 'the Cashier page after payments');
      await screenshot(page, 'cashier-payments');
      const receipt = await page.request.get(
        (await page.getByRole('link', { name: /^Print receipt T-/ }).getAttribute('href'))!,
      );
      assert.equal(receipt.headers()['content-type'], 'application/pdf');

      // An 11th receipt keyed wrong is voided from the keyboard, with a reason and a confirm
      // step; the drawer's expected totals leave it out, so the close below still balances.
      const wrong = /Receipt (T-\d+)/.exec(
        await pay(page, who, { utility: '25.00', cash: '25.00' }),
      )![1]!;
      await page.getByRole('button', { name: `Void ${wrong}` }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('form', { name: `Void ${wrong}` }).waitFor();
      await page.keyboard.type('keyed on the wrong account'); // the reason has the focus
      await assertAccessible(page, 'the Cashier page, confirming a void');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter'); // Confirm void
      await page.getByText(`Receipt ${wrong} voided.`).waitFor();
      const row = page.getByRole('row', { name: new RegExp(`^${wrong}`) });
      // Exact: a bare 'VOID' also matches the row's own "Void T-…" button before the void lands.
      await row.getByText('VOID', { exact: true }).waitFor();
      assert.match((await row.textContent()) ?? '', /keyed on the wrong account/);
      await screenshot(page, 'cashier-void');

      // Cash expected: float 160.00 + 50 + 25 + 64 + 5 × 10 = 349.00 = 3 × $100 + 2 × $20 + $5 + 4 × $1.
      await label(page, '$100 bills').fill('3');
      await label(page, '$20 bills').fill('2');
      await label(page, '$5 bills').fill('1');
      await label(page, '$1 bills and dollar coins').fill('4');
      await label(page, 'Quarters').fill('0');
      await label(page, 'Checks total').fill('45.00');
      await label(page, 'Card batch total').fill('51.18'); // 30.71 + 20.47
      await page.getByRole('button', { name: 'Close drawer' }).click();
      await page.getByText('Balanced: no over or short.').waitFor();
      await page.getByRole('heading', { name: 'Open your drawer' }).waitFor();
      await assertAccessible(page, 'the Cashier page after close');
      await screenshot(page, 'cashier-closed');
      s.assertNoErrors();
    } finally {
      await s.close();
    }

    const sup = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = sup;
      await signIn(page, 'supervisor');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Deposits' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Drawers and deposits' }).waitFor();
      const verify = page.getByRole('button', { name: /^Verify drawer/ });
      await verify.first().waitFor();
      const n = await verify.count();
      for (let i = 0; i < n; i++) {
        await verify.first().click();
        await page.getByText(/verified\.$/).waitFor();
      }
      await page.getByRole('button', { name: /^Create deposit/ }).click();
      const slip = page.getByRole('link', { name: /^Deposit slip \d+/ });
      await slip.waitFor();
      await assertAccessible(page, 'the Deposits page');
      await screenshot(page, 'deposits');
      const pdf = await page.request.get((await slip.getAttribute('href'))!);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');

      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Reconciliation' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Daily reconciliation' }).waitFor();
      await page.getByText('Ties to zero: no unexplained difference.').waitFor();
      await assertAccessible(page, 'the Reconciliation page');
      await screenshot(page, 'reconciliation');
      sup.assertNoErrors();
    } finally {
      await sup.close();
    }
  });

  it('the Cashier page fits a tablet-width window', async () => {
    const s = await openSession(t.browser, t.server.baseUrl, tablet);
    try {
      const { page } = s;
      await signIn(page, 'cashier');
      await page.goto('/cashier');
      await page.getByRole('heading', { level: 1, name: 'Cashier' }).waitFor();
      await page.getByRole('button', { name: 'Open drawer' }).waitFor();
      assert.equal(await horizontalOverflow(page), 0);
      await screenshot(page, 'cashier-tablet');
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });
});
