import assert from 'node:assert/strict';
import { it } from 'node:test';
import { assertAccessible } from './support/accessibility.ts';
import { openSession, screenshot, signIn } from './support/browser.ts';
import { describeBrowser } from './support/fixture.ts';

describeBrowser('Staff administration (browser)', (t) => {
  it('an admin adds a user on the Staff screen and that user can sign in', async () => {
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'admin');
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Staff' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
      const table = page.getByRole('table', { name: 'Staff users' });
      await table.getByRole('cell', { name: 'csr1', exact: true }).waitFor();
      await assertAccessible(page, 'the Staff screen');

      const form = page.getByRole('form', { name: 'Add a user' });
      // Checked as typed: a username with a space and a short password are flagged at once.
      await form.getByLabel('Username').fill('pat quinn');
      await form.getByLabel('Initial password').fill('short');
      await form.getByText(/Start with a letter/).waitFor();
      await form.getByText('Use at least 8 characters.').waitFor();
      await screenshot(page, 'staff-add-user-invalid');

      // A taken username comes back from the server next to the field.
      await form.getByLabel('Username').fill('csr1');
      await form.getByLabel('Display name').fill('Pat Quinn');
      await form.getByLabel('E-mail').fill('pat.quinn@mesa.example');
      await form.getByLabel('Initial password').fill('correct horse battery');
      await form.getByLabel('Customer Service Specialist I', { exact: true }).check();
      s.expectHttpError(409, '/api/staff/users');
      await form.getByRole('button', { name: 'Add user' }).click();
      await form.getByText('That username is already taken.').waitFor();

      await form.getByLabel('Username').fill('pquinn');
      await form.getByLabel('Must change the password at first sign-in').uncheck();
      await form.getByRole('button', { name: 'Add user' }).click();
      await form
        .getByRole('status')
        .getByText(/Added Pat Quinn \(pquinn\)/)
        .waitFor();
      const row = table.getByRole('row').filter({ hasText: 'pquinn' });
      await row.getByText('Customer Service Specialist I', { exact: true }).waitFor();
      assert.match((await row.textContent()) ?? '', /Active/);
      await screenshot(page, 'staff-user-added');
      s.assertNoErrors();
    } finally {
      await s.close();
    }

    const newcomer = await openSession(t.browser, t.server.baseUrl);
    try {
      await signIn(newcomer.page, 'pquinn', 'correct horse battery');
      const nav = newcomer.page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Start service' }).waitFor();
      assert.equal(await nav.getByRole('link', { name: 'Staff' }).count(), 0);
      newcomer.assertNoErrors();
    } finally {
      await newcomer.close();
    }
  });

  it('the only active administrator cannot be disabled: the refusal is shown', async () => {
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'admin');
      await page.goto('/admin/users');
      await page.getByRole('button', { name: 'Edit admin', exact: true }).click();
      const details = page.getByRole('form', { name: 'Details' });
      await details.getByLabel('Active (can sign in)').uncheck();
      s.expectHttpError(409, /^\/api\/staff\/users\/\d+$/);
      await details.getByRole('button', { name: 'Save details' }).click();
      await details
        .getByRole('alert')
        .getByText(/only active administrator/)
        .waitFor();
      await screenshot(page, 'staff-last-admin-refused');
      const answer = await s.context.request.get('/api/session');
      assert.equal(answer.status(), 200, 'the admin is still signed in and active');
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });
});
