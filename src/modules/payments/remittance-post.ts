import { createHash } from 'node:crypto';
import type { LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import { copyRows, type Tx } from '../../db/index.ts';
import { postEntriesOnce, type PostEntryInput } from '../ledger/index.ts';
import { applyPayment, type ApplicationRules, type OpenItem } from './application.ts';
import { paymentEntry } from './payment-entry.ts';
import { applicationRulesAsOf, feeFor, tenderFeeAsOf } from './policy.ts';
import { openItemsOfAccounts } from './remittance-open-items.ts';
import type { RemittanceItem } from './remittance-types.ts';
import type { AppliedLine, PaymentContext, TenderDetail } from './types.ts';

export type MatchedItem = RemittanceItem & { readonly accountId: number };

/**
 * Posts matched remittance items as payments, set-based (PAY-5 bulk path): per page, the
 * open items of all the page's accounts in three queries, the same pure application engine
 * as postPayment (items of one account in one file apply in file order, each to what the one
 * before left), payment ids drawn from the table's identity sequence up front, every entry
 * through ledger.postEntriesOnce (COPY on PostgreSQL), then one INSERT of the page's
 * payments (already pointing at their entries). Channel 'lockbox'; tender check (or ACH for
 * a BAI2 credit); idempotency key remit:<file sha256>:<item index>. Returns the payment id
 * per item index. No per-account advisory lock (100,000 locks exhaust the lock table): a
 * window payment racing an import on the same account may apply to a balance it did not see;
 * both still post balanced entries.
 */
export async function postMatchedItems(
  tx: Tx,
  sha256: string,
  items: readonly MatchedItem[],
  ctx: PaymentContext & { readonly copy: boolean },
  pageSize = 10_000,
): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  const policy = new Map<LocalDate, Promise<Policy>>();
  for (let at = 0; at < items.length; at += pageSize) {
    const page = items.slice(at, at + pageSize);
    const posted = await postPage(tx, sha256, page, ctx, policy);
    for (const [k, v] of posted) ids.set(k, v);
  }
  return ids;
}

type Policy = {
  rules: ApplicationRules;
  check: { rateMicros: number; glRevenue: string } | null;
  ach: { rateMicros: number; glRevenue: string } | null;
};

async function policyFor(
  tx: Tx,
  date: LocalDate,
  cache: Map<LocalDate, Promise<Policy>>,
): Promise<Policy> {
  let p = cache.get(date);
  if (!p) {
    p = (async () => ({
      rules: await applicationRulesAsOf(tx, date),
      check: await tenderFeeAsOf(tx, 'check', date),
      ach: await tenderFeeAsOf(tx, 'ach', date),
    }))();
    cache.set(date, p);
  }
  return p;
}

type Planned = {
  item: MatchedItem;
  paymentId: number;
  tender: TenderDetail;
  feeCents: Cents;
  application: readonly AppliedLine[];
};

async function postPage(
  tx: Tx,
  sha256: string,
  page: readonly MatchedItem[],
  ctx: PaymentContext & { readonly copy: boolean },
  cache: Map<LocalDate, Promise<Policy>>,
): Promise<Map<number, number>> {
  const dates = [...new Set(page.map((i) => i.effectiveDate))];
  const open = new Map<string, Map<number, OpenItem[]>>();
  for (const d of dates) {
    const ofDate = page.filter((i) => i.effectiveDate === d).map((i) => i.accountId);
    open.set(d, await openItemsOfAccounts(tx, ofDate, d));
  }
  const seq = await tx.query<{ id: string }>(
    `SELECT nextval(pg_get_serial_sequence('payment', 'id')) AS id FROM generate_series(1, $1::int)`,
    [page.length],
  );
  const planned: Planned[] = [];
  for (const [i, item] of page.entries()) {
    const p = await policyFor(tx, item.effectiveDate, cache);
    const tender = tenderOf(item);
    const fee = tender.kind === 'check' ? p.check : p.ach;
    const owed = open.get(item.effectiveDate)!.get(item.accountId) ?? [];
    const application = applyPayment(item.amountCents, owed, p.rules).lines;
    open.get(item.effectiveDate)!.set(item.accountId, whatIsLeft(owed, application));
    planned.push({
      item,
      paymentId: Number(seq.rows[i]!.id),
      tender,
      feeCents: fee === null ? cents(0) : feeFor(item.amountCents, fee.rateMicros),
      application,
    });
  }
  const entries: PostEntryInput[] = [];
  for (const pl of planned) {
    const p = await policyFor(tx, pl.item.effectiveDate, cache);
    const feeGl =
      (pl.tender.kind === 'check' ? p.check : p.ach)?.glRevenue ?? 'revenue.misc:general';
    entries.push(
      paymentEntry({
        paymentId: pl.paymentId,
        accountId: pl.item.accountId,
        input: { channel: 'lockbox', tender: pl.tender, effectiveDate: pl.item.effectiveDate },
        application: pl.application,
        feeCents: pl.feeCents,
        feeGl,
      }),
    );
  }
  const result = await postEntriesOnce(tx, entries, ctx, { copy: ctx.copy });
  const entryIds = result.outcomes.map((o, i) => {
    if (o.status !== 'posted')
      throw new Error(`remittance entry ${i} not posted: ${JSON.stringify(o)}`);
    return o.entryId;
  });
  await insertPayments(tx, sha256, planned, entryIds, ctx);
  return new Map(planned.map((p) => [p.item.index, p.paymentId]));
}

/** Open items after an application took its part (so a second check pays what is left). */
function whatIsLeft(items: readonly OpenItem[], lines: readonly AppliedLine[]): OpenItem[] {
  const left = items.map((i) => ({ ...i }));
  for (const l of lines) {
    if (l.bucket === 'overpayment') continue;
    const it = left.find(
      (i) =>
        i.bucket === l.bucket &&
        i.glAccount === l.glAccount &&
        i.dueDate === l.dueDate &&
        i.amountCents > 0,
    );
    if (it) it.amountCents = cents(it.amountCents - l.amountCents);
  }
  return left;
}

function tenderOf(item: RemittanceItem): TenderDetail {
  if (item.checkNumber !== null)
    return {
      kind: 'check',
      checkNumber: item.checkNumber,
      routingNumber: item.routingNumber ?? '',
      accountLast4: item.bankAccountLast4 ?? '',
    };
  return {
    kind: 'ach',
    routingNumber: item.routingNumber ?? '',
    accountLast4: item.bankAccountLast4 ?? '',
  };
}

async function insertPayments(
  tx: Tx,
  sha256: string,
  planned: readonly Planned[],
  entryIds: readonly number[],
  ctx: PaymentContext & { readonly copy: boolean },
): Promise<void> {
  const keys = planned.map((p) => `remit:${sha256}:${p.item.index}`);
  const hashes = keys.map((k) => createHash('sha256').update(k).digest('hex'));
  if (ctx.copy) return copyPayments(tx, planned, entryIds, keys, hashes, ctx);
  await tx.query(
    `INSERT INTO payment (id, account_id, amount_cents, fee_cents, tender, channel, tender_detail,
       effective_date, status, application, journal_entry_id, idempotency_key, request_hash,
       received_by_kind, received_by_id, received_by_name, received_at)
     OVERRIDING SYSTEM VALUE
     SELECT p.id, p.account_id, p.amount, p.fee, p.tender, 'lockbox', p.detail::jsonb, p.d,
            'posted', p.app::jsonb, p.entry, p.key, p.hash, $12, $13, $14, $15
       FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[],
                   $6::text[], $7::date[], $8::text[], $9::bigint[], $10::text[], $11::text[])
            AS p(id, account_id, amount, fee, tender, detail, d, app, entry, key, hash)`,
    [
      planned.map((p) => p.paymentId),
      planned.map((p) => p.item.accountId),
      planned.map((p) => p.item.amountCents),
      planned.map((p) => p.feeCents),
      planned.map((p) => p.tender.kind),
      planned.map((p) => JSON.stringify(p.tender)),
      planned.map((p) => p.item.effectiveDate),
      planned.map((p) => JSON.stringify(p.application)),
      entryIds,
      keys,
      hashes,
      ctx.actor.kind,
      ctx.actor.kind === 'system' ? null : ctx.actor.id,
      ctx.actor.name,
      ctx.now,
    ],
  );
}

const paymentColumns = [
  'id',
  'account_id',
  'amount_cents',
  'fee_cents',
  'tender',
  'channel',
  'tender_detail',
  'effective_date',
  'status',
  'application',
  'journal_entry_id',
  'idempotency_key',
  'request_hash',
  'received_by_kind',
  'received_by_id',
  'received_by_name',
  'received_at',
];

/** The same rows by COPY (PostgreSQL): identity values as given, like OVERRIDING SYSTEM VALUE. */
async function copyPayments(
  tx: Tx,
  planned: readonly Planned[],
  entryIds: readonly number[],
  keys: readonly string[],
  hashes: readonly string[],
  ctx: PaymentContext,
): Promise<void> {
  const a = ctx.actor;
  const at = ctx.now.toISOString();
  const rows = planned.map((p, i) => [
    p.paymentId,
    p.item.accountId,
    p.item.amountCents,
    p.feeCents,
    p.tender.kind,
    'lockbox',
    JSON.stringify(p.tender),
    p.item.effectiveDate,
    'posted',
    JSON.stringify(p.application),
    entryIds[i]!,
    keys[i]!,
    hashes[i]!,
    a.kind,
    a.kind === 'system' ? null : a.id,
    a.name,
    at,
  ]);
  await copyRows(tx, 'payment', paymentColumns, rows);
}
