import type { LocalDate } from '../../core/dates.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable, Tx } from '../../db/index.ts';
import { recordAudit, type Actor } from '../audit/index.ts';
import { draftBill } from './draft-bill.ts';
import { gatherInputs, type VersionCache } from './gather-inputs.ts';
import { issueBills } from './issue-bills.ts';
import type { DraftBill } from './types.ts';

export type BillRunItemStatus = 'billed' | 'skipped' | 'failed';

export type BillRunItem = {
  readonly accountId: number;
  readonly status: BillRunItemStatus;
  readonly code?: string;
  readonly detail?: string;
  readonly billId?: number;
  readonly totalCents?: number;
};

export type BillRunProgress = {
  readonly accounts: number;
  readonly billed: number;
  readonly skipped: number;
  readonly failed: number;
  /** Σ of the billed accounts' totals, cents. */
  readonly totalCents: number;
};

export type PageContext = {
  readonly actor: Actor;
  readonly now: Date;
  /** The heartbeat time written with this page (the lease). */
  readonly at: Date;
  /** The bills' date (due dates count from it); default each bill's period end. */
  readonly billDate?: LocalDate;
};

/** A page of accounts drafted (nothing written yet): an item per account, drafts to issue. */
export type DraftedPage = {
  readonly accountIds: readonly number[];
  readonly items: BillRunItem[];
  readonly drafts: readonly { readonly index: number; readonly draft: DraftBill }[];
};

/** Exceptions that wait for data (a later run bills them) rather than needing a fix. */
const skipCodes: ReadonlySet<string> = new Set([
  'no_read',
  'held_read',
  'already_billed',
  'not_started',
]);

/**
 * Drafts a page of accounts (pure `draftBill`), without writing: an item per account, and
 * the drafts to issue. An empty period is `already_billed`, or `not_started` for an account
 * never billed whose service starts on or after the as-of date.
 */
export async function draftPage(
  q: Queryable,
  accountIds: readonly number[],
  asOf: LocalDate,
  cache: VersionCache,
): Promise<DraftedPage> {
  const items: BillRunItem[] = [];
  const drafts: { index: number; draft: DraftBill }[] = [];
  for (const inputs of await gatherInputs(q, accountIds, asOf, cache)) {
    const { accountId } = inputs;
    if (inputs.periodStart >= inputs.periodEnd) {
      // Never billed and its service starts on or after the as-of: nothing to bill yet.
      const code = inputs.firstBill === true ? 'not_started' : 'already_billed';
      const detail = code === 'not_started' ? `service starts ${inputs.periodStart}` : undefined;
      items.push({ accountId, status: 'skipped', code, ...(detail ? { detail } : {}) });
      continue;
    }
    const d = draftBill(inputs);
    if (!d.ok) {
      const status = skipCodes.has(d.code) ? 'skipped' : 'failed';
      items.push({ accountId, status, code: d.code, detail: d.detail ?? '' });
      continue;
    }
    drafts.push({ index: items.length, draft: d.value });
    items.push({ accountId, status: 'billed', totalCents: d.value.totalCents });
  }
  return { accountIds, items, drafts };
}

/**
 * Bills one drafted page of accounts in the caller's transaction (ONE transaction per page):
 * issues the bills set-based (`issueBills`), writes every account's run item in one
 * statement, one `bill_run.page` audit row, and renews the lease adding this page's counts to
 * the run's live counts (increments: pages of one run may commit in any order). `bill_run_lease_lost` when
 * the run row is no longer `running` — the caller's transaction then rolls the page back.
 */
export async function billPage(
  tx: Tx,
  page: DraftedPage,
  runId: number,
  ctx: PageContext,
): Promise<Result<BillRunItem[], 'bill_run_lease_lost'>> {
  const { accountIds, drafts } = page;
  const items = [...page.items];
  const issued = await issueBills(
    tx,
    drafts.map((d) => d.draft),
    runId,
    ctx,
  );
  for (const [k, o] of issued.entries()) {
    const i = drafts[k]!.index;
    const item = items[i]!;
    if (o.status === 'issued') items[i] = { ...item, billId: o.billId };
    else if (o.status === 'already_billed') {
      items[i] = { accountId: item.accountId, status: 'skipped', code: 'already_billed' };
    } else {
      items[i] = { accountId: item.accountId, status: 'failed', code: o.code, detail: o.detail };
    }
  }
  await insertRunItems(tx, runId, items);
  const counts = countsOf(items);
  const renewed = await tx.query(
    `UPDATE bill_run SET heartbeat_at = greatest(heartbeat_at, $2),
       billed_count = billed_count + $3, skipped_count = skipped_count + $4,
       failed_count = failed_count + $5 WHERE id = $1 AND status = 'running'`,
    [runId, ctx.at, counts.billed, counts.skipped, counts.failed],
  );
  if (renewed.rowCount !== 1) return err('bill_run_lease_lost', `run ${runId}`);
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'bill_run.page',
    entityType: 'bill_run',
    entityId: runId,
    after: { ...counts, firstAccountId: accountIds[0], lastAccountId: accountIds.at(-1) },
  });
  return ok(items);
}

function countsOf(items: readonly BillRunItem[]): BillRunProgress {
  return addItems({ accounts: 0, billed: 0, skipped: 0, failed: 0, totalCents: 0 }, items);
}

/** `p` plus the outcomes of `items`. */
export function addItems(p: BillRunProgress, items: readonly BillRunItem[]): BillRunProgress {
  const c = { ...p };
  for (const i of items) {
    c.accounts += 1;
    c[i.status] += 1;
    if (i.status === 'billed') c.totalCents += i.totalCents ?? 0;
  }
  return c;
}

async function insertRunItems(tx: Tx, runId: number, items: readonly BillRunItem[]) {
  if (items.length === 0) return;
  await tx.query(
    `INSERT INTO bill_run_item (run_id, account_id, status, code, detail, bill_id)
     SELECT $1, * FROM unnest($2::int8[], $3::text[], $4::text[], $5::text[], $6::int8[])
     ON CONFLICT (run_id, account_id) DO NOTHING`,
    [
      runId,
      items.map((i) => i.accountId),
      items.map((i) => i.status),
      items.map((i) => i.code ?? null),
      items.map((i) => i.detail ?? null),
      items.map((i) => i.billId ?? null),
    ],
  );
}
