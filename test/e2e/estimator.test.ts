import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertAccessible } from './support/accessibility.ts';
import { horizontalOverflow, openSession, screenshot, signIn, tablet } from './support/browser.ts';
import { describeBrowser } from './support/fixture.ts';

describeBrowser('Bill estimator (browser)', (t) => {
  it('an agent estimates a residential water bill: 6,000 gallons in June is $48.43', async () => {
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'csr1');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Bill estimator' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Bill estimator' }).waitFor();
      const form = page.getByRole('form', { name: 'Estimate inputs' });
      // Dates first: every intermediate state then is a valid period for the server.
      await form.getByLabel('Period from').fill('2026-06-05');
      await form.getByLabel('Period to').fill('2026-07-05');
      await form.getByLabel('Rate schedule').selectOption('W1.1');
      // Water is entered in gallons; the meter size and senior discount appear for W1.1 only.
      await form.getByLabel('Usage (gallons)').fill('6000');
      await form.getByLabel('Meter size').selectOption('3/4');
      await form.getByLabel('Limited-income senior discount').waitFor();
      assert.equal(await form.getByLabel('Demand (kW)').count(), 0);
      assert.equal(await form.getByLabel('Winter average (kgal)').count(), 0);

      await page.getByText('Total $48.43').waitFor();
      const lines = page.getByRole('table', { name: 'Estimated bill lines' });
      assert.match((await lines.textContent()) ?? '', /\$48\.43/);
      assert.match((await page.locator('.estimate-meta').textContent()) ?? '', /30 days/);
      assert.match((await page.locator('.estimate-meta').textContent()) ?? '', /Summer/);
      await assertAccessible(page, 'the Bill estimator');
      await screenshot(page, 'estimator-w11-6000-gallons');

      // Electric asks for kWh and, for general service, the demand.
      await form.getByLabel('Rate schedule').selectOption('E3.1');
      await form.getByLabel('Usage (kWh)').waitFor();
      await form.getByLabel('Demand (kW)').waitFor();
      assert.equal(await form.getByLabel('Meter size').count(), 0);

      // A refusal that names no input is shown above the estimate, and the total goes away.
      s.expectHttpError(422, '/api/rates/estimate');
      await form.getByLabel('Rate schedule').selectOption('SW-COMM');
      await page
        .getByRole('alert')
        .getByText(/bin size/)
        .waitFor();
      assert.equal(await page.getByText('Total $48.43').count(), 0);
      await screenshot(page, 'estimator-refused');
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });

  it('the Bill estimator fits a tablet-width window', async () => {
    const s = await openSession(t.browser, t.server.baseUrl, tablet);
    try {
      const { page } = s;
      await signIn(page, 'csr1');
      await page.goto('/estimate');
      await page.getByRole('heading', { level: 1, name: 'Bill estimator' }).waitFor();
      await page.getByLabel('Rate schedule').selectOption('S1.1');
      await page.getByLabel('Winter average (kgal)').waitFor();
      assert.equal(await horizontalOverflow(page), 0);
      await screenshot(page, 'estimator-tablet');
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });
});
