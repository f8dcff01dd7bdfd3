import type { LocalDate } from '../../core/dates.ts';
import type { Tx } from '../../db/index.ts';
import type { Actor } from '../audit/index.ts';
import { estimateMissingReads } from '../metering/index.ts';
import { draftPage, type BillRunItem, type DraftedPage } from './bill-run-page.ts';
import { usageRequestsOf, type VersionCache } from './gather-inputs.ts';
import type { DraftBill } from './types.ts';

/**
 * Fills in the page's missing reads before it is issued (metering's `estimateMissingReads`:
 * same period last year scaled by days, else the recent average; at most two estimates in a
 * row, then a re-read order), in the page's transaction — a rolled-back page rolls its
 * estimates back too. The accounts that were `no_read` are drafted again with the
 * estimates; those still without a read (no history, field visit required) stay `no_read`.
 * A dry run does not estimate (it writes nothing), so it reports them `no_read`.
 */
export async function withEstimates(
  tx: Tx,
  page: DraftedPage,
  asOf: LocalDate,
  cache: VersionCache,
  ctx: { readonly actor: Actor; readonly now: Date },
): Promise<DraftedPage> {
  const noRead = page.items.filter((i) => i.code === 'no_read').map((i) => i.accountId);
  if (noRead.length === 0) return page;
  const requests = await usageRequestsOf(tx, noRead, asOf);
  const outcomes = await estimateMissingReads(tx, requests, { ...ctx, dryRun: false });
  if (!outcomes.some((o) => o.kind === 'estimated')) return page;
  const again = await draftPage(tx, noRead, asOf, cache);
  const redrafted = new Map<number, { item: BillRunItem; draft?: DraftBill }>();
  again.items.forEach((item) => redrafted.set(item.accountId, { item }));
  for (const d of again.drafts) redrafted.get(d.draft.accountId)!.draft = d.draft;
  const draftAt = new Map(page.drafts.map((d) => [d.index, d.draft]));
  const items: BillRunItem[] = [];
  const drafts: { index: number; draft: DraftBill }[] = [];
  for (const [i, old] of page.items.entries()) {
    const now = redrafted.get(old.accountId);
    items.push(now?.item ?? old);
    const draft = now ? now.draft : draftAt.get(i);
    if (draft !== undefined) drafts.push({ index: i, draft });
  }
  return { accountIds: page.accountIds, items, drafts };
}
