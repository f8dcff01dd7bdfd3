import { after, before, describe } from 'node:test';
import type { Browser } from 'playwright-core';
import { browserSkipReason, launchBrowser } from './browser.ts';
import { startE2eServer, type E2eServer } from './e2e-server.ts';

export type E2eContext = { readonly server: E2eServer; readonly browser: Browser };

/**
 * A block of browser tests over one real server (embedded PGlite, demo city) and one
 * Chromium. Skipped, with the reason, only when Chromium is absent outside CI.
 */
export function describeBrowser(title: string, body: (ctx: E2eContext) => void): void {
  const skip = browserSkipReason();
  describe(title, skip ? { skip } : {}, () => {
    let server: E2eServer | undefined;
    let browser: Browser | undefined;
    before(async () => {
      const [s, b] = await Promise.allSettled([startE2eServer(), launchBrowser()]);
      if (s.status === 'fulfilled') server = s.value;
      if (b.status === 'fulfilled') browser = b.value;
      if (s.status === 'rejected') throw s.reason;
      if (b.status === 'rejected') throw b.reason;
    });
    after(async () => {
      await browser?.close();
      await server?.close();
    });
    body({
      get server(): E2eServer {
        if (!server) throw new Error('e2e server not ready (used outside a test?)');
        return server;
      },
      get browser(): Browser {
        if (!browser) throw new Error('browser not ready (used outside a test?)');
        return browser;
      },
    });
  });
}
