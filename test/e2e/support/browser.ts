import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './paths.ts';

/** Debian's Chromium (apt-get install chromium); CIS_CHROMIUM points elsewhere. */
export const chromiumPath = process.env.CIS_CHROMIUM ?? '/usr/bin/chromium';

const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Why the browser tests are skipped, or undefined when they run. They skip only on a
 * developer machine without Chromium; in CI (CI=true) a missing browser is a failure, so
 * `launchBrowser` runs and says what is missing.
 */
export function browserSkipReason(): string | undefined {
  if (existsSync(chromiumPath) || process.env.CI === 'true') return undefined;
  return `browser tests skipped: no Chromium at ${chromiumPath} (apt-get install chromium, or set CIS_CHROMIUM)`;
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is missing at ${chromiumPath}; CI must install it (.ci/run).`);
  }
  return chromium.launch({ executablePath: chromiumPath, args: launchArgs });
}

export type Viewport = { readonly width: number; readonly height: number };
export const desktop: Viewport = { width: 1280, height: 800 };
export const tablet: Viewport = { width: 800, height: 1100 };

/** A browser context whose pages record console errors, page errors and 5xx answers. */
export type Session = {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly errors: string[];
  /**
   * Declares an API refusal the test provokes on purpose (the browser logs every 4xx
   * answer as a console error): one answer with this status from this path is not an error.
   */
  expectHttpError(status: number, path: string | RegExp): void;
  /** Fails the test when any page logged an error or an API call failed with 5xx. */
  assertNoErrors(): void;
  close(): Promise<void>;
};

type Expected = { readonly status: number; readonly path: string | RegExp };

function isExpected(text: string, where: string, expected: Expected[]): boolean {
  if (!where.startsWith('http')) return false;
  const path = new URL(where).pathname;
  const i = expected.findIndex(
    (x) =>
      text.includes(`status of ${x.status} `) &&
      (typeof x.path === 'string' ? path === x.path : x.path.test(path)),
  );
  if (i >= 0) expected.splice(i, 1);
  return i >= 0;
}

function watch(page: Page, errors: string[], expected: Expected[]): void {
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const where = m.location().url;
    if (isExpected(m.text(), where, expected)) return;
    errors.push(`console error on ${page.url()}: ${m.text()} ${where ? `(${where})` : ''}`);
  });
  page.on('pageerror', (e) => errors.push(`page error on ${page.url()}: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 500)
      errors.push(`HTTP ${r.status()} from ${r.request().method()} ${r.url()}`);
  });
}

export async function openSession(
  browser: Browser,
  baseUrl: string,
  viewport: Viewport = desktop,
): Promise<Session> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport });
  const errors: string[] = [];
  const expected: Expected[] = [];
  context.on('page', (p) => watch(p, errors, expected));
  const page = await context.newPage();
  return {
    context,
    page,
    errors,
    expectHttpError(status, path) {
      expected.push({ status, path });
    },
    assertNoErrors() {
      if (errors.length > 0) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
    },
    close: () => context.close(),
  };
}

/** Signs in through the login form and waits for the main navigation. */
export async function signIn(page: Page, username: string, password = 'demo'): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

/** A full-page PNG in test-results/screenshots/ (gitignored), for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** How many CSS pixels the page is wider than the window (0 when nothing overflows). */
export async function horizontalOverflow(page: Page): Promise<number> {
  const [scrollWidth, innerWidth] = (await page.evaluate(
    '[document.scrollingElement.scrollWidth, window.innerWidth]',
  )) as [number, number];
  return Math.max(0, scrollWidth - innerWidth);
}
