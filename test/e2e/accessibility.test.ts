import { it } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible } from './support/accessibility.ts';
import { openSession, screenshot, signIn } from './support/browser.ts';
import { searchTarget } from './support/demo-facts.ts';
import { describeBrowser, type E2eContext } from './support/fixture.ts';

/** Signs in as the admin (who may open every screen), runs `visit`, then axe on the page. */
async function check(
  t: E2eContext,
  what: string,
  visit: (page: Page) => Promise<void>,
): Promise<void> {
  const s = await openSession(t.browser, t.server.baseUrl);
  try {
    await signIn(s.page, 'admin');
    await visit(s.page);
    await screenshot(s.page, `a11y-${what.toLowerCase().replaceAll(/[^a-z]+/g, '-')}`);
    await assertAccessible(s.page, what);
    s.assertNoErrors();
  } finally {
    await s.close();
  }
}

/** axe-core, WCAG 2 A/AA: no serious or critical violation on the desk's main screens. */
describeBrowser('Accessibility of the main screens (browser, axe-core)', (t) => {
  it('the login page has no serious violations', async () => {
    const s = await openSession(t.browser, t.server.baseUrl);
    try {
      await s.page.goto('/');
      await s.page.getByRole('button', { name: 'Sign in' }).waitFor();
      await assertAccessible(s.page, 'the login page');
      s.assertNoErrors();
    } finally {
      await s.close();
    }
  });

  it('search results have no serious violations', async () => {
    const target = await searchTarget(t.server.db);
    await check(t, 'search results', async (page) => {
      await page.getByLabel('Search customers').fill(target.lastName);
      await page.getByLabel('Search customers').press('Enter');
      await page.getByRole('link', { name: target.displayName }).first().waitFor();
    });
  });

  it('the account page has no serious violations', async () => {
    const target = await searchTarget(t.server.db);
    await check(t, 'account page', async (page) => {
      await page.goto(`/accounts/${target.accountId}`);
      await page.getByRole('heading', { level: 1, name: target.displayName }).waitFor();
      await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    });
  });

  const screens = [
    ['/service/start', 'Start service'],
    ['/service/stop', 'Stop service'],
    ['/service/transfer', 'Transfer service'],
    ['/admin/users', 'Staff'],
  ] as const;
  for (const [path, h1] of screens) {
    it(`the ${h1} screen has no serious violations`, async () => {
      await check(t, `${h1} screen`, async (page) => {
        await page.goto(path);
        await page.getByRole('heading', { level: 1, name: h1 }).waitFor();
      });
    });
  }
});
