import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { openSession, screenshot, signIn } from './support/browser.ts';
import { occupiedAccount, searchTarget, vacantPremise } from './support/demo-facts.ts';
import { describeBrowser } from './support/fixture.ts';

/** Counts what the agent does with the keyboard and mouse on a form (fill, tick, click). */
function inputCounter() {
  let used = 0;
  return {
    get used() {
      return used;
    },
    async fill(l: Locator, value: string) {
      used++;
      await l.fill(value);
    },
    async check(l: Locator) {
      used++;
      await l.check();
    },
    async click(l: Locator) {
      used++;
      await l.click();
    },
  };
}

function timelineEntries(page: Page): Locator {
  return page.getByRole('region', { name: 'Timeline' }).getByRole('listitem');
}

describeBrowser('An agent at the desk (browser)', (t) => {
  it('csr1 finds a customer by a misspelled surname, adds a note, starts and stops service', async (tc) => {
    const db = t.server.db;
    const target = await searchTarget(db);
    const premise = await vacantPremise(db);
    const occupied = await occupiedAccount(db, target.accountId);
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'csr1');

      // "/" jumps to the search box from anywhere; a swapped pair of letters still finds them.
      await page.locator('body').press('/');
      await page.keyboard.type(target.misspelled);
      await page.keyboard.press('Enter');
      const firstRow = page.getByRole('table').getByRole('row').nth(1);
      await firstRow.getByRole('link', { name: target.displayName }).waitFor();
      await screenshot(page, 'flow-1-search');
      await firstRow.getByRole('link', { name: target.displayName }).click();
      await page.getByRole('heading', { level: 1, name: target.displayName }).waitFor();

      // A note lands in the Timeline.
      const note = `Customer called about ${target.misspelled}: e2e note ${Date.now()}`;
      await page.getByLabel('New note').fill(note);
      await page.getByRole('button', { name: 'Add note' }).click();
      await timelineEntries(page).filter({ hasText: note }).first().waitFor();
      await screenshot(page, 'flow-2-note');

      // Start service for a new customer at a vacant premise, in few inputs.
      const input = inputCounter();
      await input.click(
        page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Start service' }),
      );
      await page.getByRole('heading', { level: 1, name: 'Start service' }).waitFor();
      await input.fill(page.getByLabel('First name'), 'Rosalind');
      await input.fill(page.getByLabel('Last name'), 'Okafor');
      await input.fill(page.getByLabel('Phone'), '4805550142');
      await input.fill(page.getByLabel('Service address'), premise.address);
      await input.click(
        page.getByRole('button', { name: new RegExp(`${premise.address}.*Vacant`) }),
      );
      for (const service of ['Water', 'Wastewater (sewer)', 'Solid waste (trash)']) {
        const box = page.getByLabel(service, { exact: true });
        if (!(await box.isChecked())) await input.check(box);
      }
      const deposit = page.getByLabel(/Customer accepts the deposit/);
      await page
        .getByRole('region', { name: 'Fees and checks' })
        .getByText(/\$\d/)
        .first()
        .waitFor();
      if ((await deposit.count()) > 0) await input.check(deposit);
      await input.click(page.getByRole('button', { name: 'Start service' }));
      const started = page.getByRole('status').filter({ hasText: 'Service started' });
      await started.waitFor();
      // The start opened the crew's turn-on order for the water meter (ACC-2).
      await page
        .getByRole('list', { name: 'Field orders' })
        .getByText(/Turn on water/)
        .waitFor();
      await screenshot(page, 'flow-3-started');
      tc.diagnostic(`starting service for a new customer took ${input.used} inputs`);
      assert.ok(input.used <= 12, `starting service took ${input.used} inputs (at most 12)`);
      await started.getByRole('link', { name: 'Open account' }).click();
      await page.getByRole('heading', { level: 1, name: /Okafor/ }).waitFor();
      for (const service of ['water', 'wastewater', 'solid_waste']) {
        await timelineEntries(page)
          .filter({ hasText: new RegExp(`${service} .*starts`) })
          .first()
          .waitFor();
      }

      // Stop service at another occupied premise's account.
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Stop service' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Stop service' }).waitFor();
      await page.getByLabel('Find the account').fill(occupied.accountNo);
      await page.getByRole('button', { name: new RegExp(occupied.accountNo) }).click();
      await page.getByRole('group', { name: 'Services to stop' }).waitFor();
      await page.getByRole('button', { name: 'Stop service' }).click();
      const stopped = page.getByRole('status').filter({ hasText: 'Service stopped' });
      await stopped.waitFor();
      await page
        .getByRole('list', { name: 'Field orders' })
        .getByText(/Turn off water/)
        .waitFor();
      await screenshot(page, 'flow-4-stopped');
      await stopped.getByRole('link', { name: 'Open account' }).click();
      await page.getByRole('heading', { level: 1, name: occupied.displayName }).waitFor();
      await timelineEntries(page)
        .filter({ hasText: /water stops/ })
        .first()
        .waitFor();
      await screenshot(page, 'flow-5-stopped-account');

      // The note is still on the first customer's Timeline after all that.
      await page.goto(`/accounts/${target.accountId}`);
      await timelineEntries(page).filter({ hasText: note }).first().waitFor();
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });
});
