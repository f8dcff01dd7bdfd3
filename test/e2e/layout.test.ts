import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  desktop,
  horizontalOverflow,
  openSession,
  screenshot,
  signIn,
  tablet,
  type Viewport,
} from './support/browser.ts';
import { occupiedAccount, searchTarget } from './support/demo-facts.ts';
import { describeBrowser } from './support/fixture.ts';

const viewports: readonly (readonly [string, Viewport])[] = [
  ['desktop', desktop],
  ['tablet', tablet],
];

describeBrowser('Layout at desktop and tablet width (browser)', (t) => {
  for (const [label, viewport] of viewports) {
    it(`the account page has no horizontal overflow at ${viewport.width}×${viewport.height}`, async () => {
      const target = await occupiedAccount(t.server.db, 0);
      const s = await openSession(t.browser, t.server.baseUrl, viewport);
      try {
        const { page } = s;
        await signIn(page, 'csr1');
        await page.goto(`/accounts/${target.accountId}`);
        await page.getByRole('heading', { level: 1, name: target.displayName }).waitFor();
        await page.getByRole('heading', { name: 'Timeline' }).waitFor();
        await page.getByRole('heading', { name: 'Services' }).waitFor();
        await screenshot(page, `layout-account-${label}`);
        assert.equal(await horizontalOverflow(page), 0, 'account page is wider than the window');
        s.assertNoErrors();
      } finally {
        await s.close();
      }
    });

    it(`search results and the Staff screen fit at ${viewport.width}×${viewport.height}`, async () => {
      const target = await searchTarget(t.server.db);
      const s = await openSession(t.browser, t.server.baseUrl, viewport);
      try {
        const { page } = s;
        await signIn(page, 'admin');
        await page.getByLabel('Search customers').fill(target.lastName);
        await page.getByLabel('Search customers').press('Enter');
        await page.getByRole('link', { name: target.displayName }).first().waitFor();
        await screenshot(page, `layout-search-${label}`);
        assert.equal(await horizontalOverflow(page), 0, 'search results are wider than the window');
        await page.goto('/admin/users');
        await page.getByRole('button', { name: 'Edit csr1', exact: true }).click();
        await page.getByRole('heading', { name: 'Edit csr1' }).waitFor();
        await screenshot(page, `layout-staff-${label}`);
        assert.equal(
          await horizontalOverflow(page),
          0,
          'the Staff screen is wider than the window',
        );
        s.assertNoErrors();
      } finally {
        await s.close();
      }
    });
  }
});
