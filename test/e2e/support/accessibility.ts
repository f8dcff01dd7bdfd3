import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from './paths.ts';

const axePath = join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js');

export type Violation = {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
};

/** Runs axe-core (WCAG 2 A and AA rules) on the page as it is now. */
export async function axeViolations(page: Page): Promise<Violation[]> {
  const loaded = await page.evaluate('typeof globalThis.axe === "object"');
  if (!loaded) await page.addScriptTag({ path: axePath });
  // A string, not a function: the server-side tsconfig has no DOM types.
  return (await page.evaluate(`(async () => {
    const result = await globalThis.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => String(n.target)),
    }));
  })()`)) as Violation[];
}

/** Fails when axe finds a serious or critical WCAG 2 A/AA violation on the page. */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  const severe = (await axeViolations(page)).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  if (severe.length === 0) return;
  const lines = severe.map((v) => `  ${v.impact} ${v.id}: ${v.help} — ${v.targets.join(', ')}`);
  throw new Error(`accessibility violations on ${what}:\n${lines.join('\n')}`);
}
