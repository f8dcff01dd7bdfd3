import assert from 'node:assert/strict';
import { it } from 'node:test';
import { openSession, screenshot, signIn } from './support/browser.ts';
import { describeBrowser } from './support/fixture.ts';

describeBrowser('A cashier and the admin screens (browser)', (t) => {
  it('a cashier sees no Staff link, gets "Not available" at /admin/users, and 403 from the API', async () => {
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      const { page } = s;
      await signIn(page, 'cashier');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Search' }).waitFor();
      assert.equal(await nav.getByRole('link', { name: 'Staff' }).count(), 0);

      await page.goto('/admin/users');
      await page.getByRole('heading', { level: 1, name: 'Not available' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Add user' }).count(), 0);
      await screenshot(page, 'cashier-admin-not-available');

      const answer = await s.context.request.get('/api/staff/users');
      assert.equal(answer.status(), 403);
      assert.equal(((await answer.json()) as { error: { code: string } }).error.code, 'forbidden');
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });
});
