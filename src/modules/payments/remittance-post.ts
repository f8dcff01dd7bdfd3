import * as crypto from 'node:crypto';
import type { LocalDate } from '../../core/dates.ts';
import { cents, type Cents } from '../../core/money.ts';
import { copyField, copyLines, type Tx } from '../../db/index.ts';
import { postEntriesOnce, type Fund, type PostEntryInput } from '../ledger/index.ts';
import type { ApplicationRules } from './application.ts';
import { paymentEntry } from './payment-entry.ts';
import { drawPaymentIds } from './payment-store.ts';
import { applicationRulesAsOf, feeFor, tenderFeeAsOf } from './policy.ts';
import { takeByFund } from './recovery-balances.ts';
import { recoveryEntry } from './recovery-payment.ts';
import { planApplications, type ApplicationFacts } from './remittance-bulk-plan.ts';
import { applicationFactsOf } from './remittance-open-items.ts';
import type { RemittanceItem } from './remittance-types.ts';
import type { AppliedLine, PaymentContext, TenderDetail } from './types.ts';

export type MatchedItem = RemittanceItem & { readonly accountId: number };

/** The most accounts a file locks (see postMatchedItems); a few hundred is a daily lockbox. */
export const lockAccountsUpTo = 2_000;

/**
 * Posts matched remittance items as payments, set-based (PAY-5 bulk path): the application
 * facts of EVERY matched account of the file in three queries (remittance-open-items.ts),
 * then per page of items: the application of each item in memory, in file order, with the
 * same pure engine as postPayment (remittance-bulk-plan.ts: items of one account apply in
 * turn, each to what the one before left, across pages), payment ids drawn from the table's
 * identity sequence in one statement, every entry through ONE ledger.postEntriesOnce (COPY),
 * then the page's payments (already pointing at their entries) in one COPY (both engines:
 * db/copy-rows.ts; `copy: false` writes unnest INSERTs). Channel 'lockbox'; tender check (or ACH for a BAI2 credit); idempotency
 * key remit:<file sha256>:<item index>. Returns the payment id per item index.
 *
 * Payments of one account apply in turn: like postPayment, the file takes each matched
 * account's payment lock (`pg_advisory_xact_lock(90, account)`, in account order, so two
 * imports cannot deadlock) BEFORE its balances are read, so a window payment racing the
 * import waits for it, or the import for the window payment. Only up to
 * `lockAccountsUpTo` accounts: PostgreSQL keeps advisory locks in its shared lock table
 * (max_locks_per_transaction × max_connections = 6,400 slots by default), which 20,000+
 * locks would exhaust; a larger file takes none, and a window payment racing it on the same
 * account may apply to a balance it did not see (both entries still balance).
 */
export async function postMatchedItems(
  tx: Tx,
  sha256: string,
  items: readonly MatchedItem[],
  ctx: PaymentContext & { readonly copy: boolean },
  options: {
    /** Per written-off account, what is still written off per fund (remittance-recovery.ts);
     * consumed as the file's payments recover it. */
    readonly recoverable?: Map<number, Map<Fund, number>>;
    readonly pageSize?: number;
  } = {},
): Promise<Map<number, number>> {
  const pageSize = options.pageSize ?? 5_000;
  const recoverable = options.recoverable ?? new Map<number, Map<Fund, number>>();
  if (items.length === 0) return new Map();
  const dates = [...new Set(items.map((i) => i.effectiveDate))].sort();
  const policies = new Map<LocalDate, Policy>();
  for (const d of dates) policies.set(d, await policyOf(tx, d));
  const accounts = [...new Set(items.map((i) => i.accountId))].sort((a, b) => a - b);
  if (accounts.length <= lockAccountsUpTo) {
    await tx.query(
      `SELECT count(*) FROM (SELECT pg_advisory_xact_lock(90, id) FROM unnest($1::int[]) AS id) l`,
      [accounts],
    );
  }
  // A later statement than the locks: balances as the last payment holding a lock left them.
  const facts = await applicationFactsOf(tx, accounts, dates[0]!);
  const paymentIds = await drawPaymentIds(tx, items.length);
  const ids = new Map<number, number>();
  // Pages bound the memory (and the garbage collector's work) of a 100,000-item file; the
  // running facts carry each account's balance from one page to the next, so pages are
  // planned strictly in file order. Pipelined on the one connection (it runs statements in
  // order), so that neither side waits for the other: page k's entries are started (the
  // ledger reads the chart — queued first — then checks and hashes the entries in memory),
  // and page k−1's payments are queued right behind that chart read, so the database writes
  // them (COPY) while the ledger checks page k; page k+1 is planned (in slices that let I/O
  // through) while the database inserts page k's entries and lines.
  const pageAt = (at: number): Promise<Planned[]> =>
    planPage(items.slice(at, at + pageSize), paymentIds.slice(at, at + pageSize), {
      facts,
      policies,
      recoverable,
      sha256,
    });
  let writing: Promise<void> = Promise.resolve();
  let next: Promise<Planned[]> | null = pageAt(0);
  let last: { planned: Planned[]; entryIds: number[] } | null = null;
  try {
    for (let at = 0; next !== null; at += pageSize) {
      const planned: Planned[] = await next;
      const posting = postPageEntries(tx, planned, ctx);
      posting.catch(() => undefined); // awaited below, after the payments queued behind it
      if (last !== null) writing = insertPayments(tx, sha256, last.planned, last.entryIds, ctx);
      writing.catch(() => undefined); // awaited below
      next = at + pageSize < items.length ? pageAt(at + pageSize) : null;
      next?.catch(() => undefined); // awaited in the next turn
      await writing; // a failed payment write is the first cause (it aborted the transaction)
      last = { planned, entryIds: await posting };
      for (const p of planned) ids.set(p.item.index, p.paymentId);
    }
    if (last !== null) await insertPayments(tx, sha256, last.planned, last.entryIds, ctx);
  } catch (e) {
    await writing;
    throw e;
  }
  return ids;
}

/** Lets queued I/O (a COPY being streamed) proceed between slices of in-memory work. */
const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The file's running state across pages. */
type PlanState = {
  readonly facts: Map<number, ApplicationFacts>;
  readonly policies: ReadonlyMap<LocalDate, Policy>;
  readonly recoverable: Map<number, Map<Fund, number>>;
  readonly sha256: string;
};

async function planPage(
  items: readonly MatchedItem[],
  paymentIds: readonly number[],
  state: PlanState,
): Promise<Planned[]> {
  const { facts, policies } = state;
  const planned: Planned[] = [];
  for (let at = 0; at < items.length; at += 1000) {
    if (at > 0) await yieldToIo();
    const slice = items.slice(at, at + 1000);
    const recoveries = new Map<MatchedItem, PostEntryInput>();
    const applications = planApplications(
      slice,
      facts,
      (d) => policies.get(d)!.rules,
      (item, f) => {
        const recovery = recover(item, f, state);
        if (recovery !== null) recoveries.set(item, recovery);
      },
    );
    for (const [i, item] of slice.entries()) {
      const p = policies.get(item.effectiveDate)!;
      const tender = remittanceTender(item);
      const fee = tender.kind === 'check' ? p.check : p.ach;
      const feeCents = fee === null ? cents(0) : feeFor(item.amountCents, fee.rateMicros);
      const application = applications[i]!;
      const paymentId = paymentIds[at + i]!;
      const entry = paymentEntry({
        paymentId,
        accountId: item.accountId,
        input: { channel: 'lockbox', tender, effectiveDate: item.effectiveDate },
        application,
        feeCents,
        feeGl: fee?.glRevenue ?? 'revenue.misc:general',
      });
      const recovery = recoveries.get(item) ?? null;
      planned.push({ item, paymentId, tender, feeCents, application, entry, recovery });
    }
  }
  return planned;
}

/**
 * A payment to a WRITTEN-OFF account (PAY-9) first re-establishes what is still written off,
 * up to the payment, per fund in chart order (postPaymentWithRecovery's rule): the recovery
 * entry is returned, and the account's running receivable grows by it before the payment
 * applies — as postPayment would see the ledger after the recovery entry.
 */
function recover(item: MatchedItem, f: ApplicationFacts, state: PlanState): PostEntryInput | null {
  const left = state.recoverable.get(item.accountId);
  if (left === undefined) return null;
  const recovered = takeByFund(left, item.amountCents);
  if (recovered.length === 0) return null;
  for (const r of recovered) {
    left.set(r.fund, left.get(r.fund)! - r.amountCents);
    f.balances.set(r.fund, (f.balances.get(r.fund) ?? 0) + r.amountCents);
  }
  return recoveryEntry(
    {
      accountId: item.accountId,
      idempotencyKey: remittanceKey(state.sha256, item),
      effectiveDate: item.effectiveDate,
    },
    recovered,
  );
}

/** The payment's idempotency key: the file's sha256 and the item's index. */
function remittanceKey(sha256: string, item: MatchedItem): string {
  return `remit:${sha256}:${item.index}`;
}

/** Posts the page's entries (each payment's recovery entry first); the payment entries' ids. */
async function postPageEntries(
  tx: Tx,
  planned: readonly Planned[],
  ctx: PaymentContext & { readonly copy: boolean },
): Promise<number[]> {
  const entries: PostEntryInput[] = [];
  const paymentEntryAt: number[] = [];
  for (const p of planned) {
    if (p.recovery !== null) entries.push(p.recovery);
    paymentEntryAt.push(entries.length);
    entries.push(p.entry);
  }
  const result = await postEntriesOnce(tx, entries, ctx, { copy: ctx.copy });
  for (const [i, o] of result.outcomes.entries()) {
    if (o.status !== 'posted')
      throw new Error(
        `remittance entry ${i} (${entries[i]!.sourceRef}) not posted: ${JSON.stringify(o)}`,
      );
  }
  return paymentEntryAt.map((at) => (result.outcomes[at] as { entryId: number }).entryId);
}

type Policy = {
  rules: ApplicationRules;
  check: { rateMicros: number; glRevenue: string } | null;
  ach: { rateMicros: number; glRevenue: string } | null;
};

async function policyOf(tx: Tx, date: LocalDate): Promise<Policy> {
  return {
    rules: await applicationRulesAsOf(tx, date),
    check: await tenderFeeAsOf(tx, 'check', date),
    ach: await tenderFeeAsOf(tx, 'ach', date),
  };
}

type Planned = {
  item: MatchedItem;
  paymentId: number;
  tender: TenderDetail;
  feeCents: Cents;
  application: readonly AppliedLine[];
  entry: PostEntryInput;
  /** The bad-debt recovery posted before the payment (written-off accounts), else null. */
  recovery: PostEntryInput | null;
};

/** A remittance item's tender: its check, or (a BAI2 credit without a check number) ACH. */
export function remittanceTender(
  item: RemittanceItem,
): Extract<TenderDetail, { kind: 'check' | 'ach' }> {
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

/**
 * sha256 as hex: Node's one-shot `crypto.hash` (Node ≥ 20.12; about 5× faster than a Hash
 * object for short keys — 100,000 per file) when present; @types/node 20 does not declare it.
 */
const oneShot = (crypto as unknown as { hash?: (algorithm: string, data: string) => string }).hash;
function sha256Hex(text: string): string {
  if (oneShot) return oneShot('sha256', text);
  return crypto.createHash('sha256').update(text).digest('hex');
}

async function insertPayments(
  tx: Tx,
  sha256: string,
  planned: readonly Planned[],
  entryIds: readonly number[],
  ctx: PaymentContext & { readonly copy: boolean },
): Promise<void> {
  const keyOf = (p: Planned): string => remittanceKey(sha256, p.item);
  const hashOf = sha256Hex;
  if (ctx.copy) {
    await copyLines(
      tx,
      'payment',
      paymentColumns,
      paymentLines(planned, entryIds, keyOf, hashOf, ctx),
    );
    return;
  }
  // Without COPY: unnest INSERTs of 10,000 rows (bounded statement size)
  for (let at = 0; at < planned.length; at += 10_000) {
    const page = planned.slice(at, at + 10_000);
    const keys = page.map(keyOf);
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
        page.map((p) => p.paymentId),
        page.map((p) => p.item.accountId),
        page.map((p) => p.item.amountCents),
        page.map((p) => p.feeCents),
        page.map((p) => p.tender.kind),
        page.map((p) => JSON.stringify(p.tender)),
        page.map((p) => p.item.effectiveDate),
        page.map((p) => JSON.stringify(p.application)),
        entryIds.slice(at, at + 10_000),
        keys,
        keys.map(hashOf),
        ctx.actor.kind,
        ctx.actor.kind === 'system' ? null : ctx.actor.id,
        ctx.actor.name,
        ctx.now,
      ],
    );
  }
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

/**
 * The same rows in COPY text format (PostgreSQL), one line each, written straight as text
 * (no per-field arrays): identity values as given, like OVERRIDING SYSTEM VALUE.
 */
function* paymentLines(
  planned: readonly Planned[],
  entryIds: readonly number[],
  keyOf: (p: Planned) => string,
  hashOf: (key: string) => string,
  ctx: PaymentContext,
): Generator<string> {
  const a = ctx.actor;
  const tail = [a.kind, a.kind === 'system' ? null : a.id, a.name, ctx.now.toISOString()]
    .map(copyField)
    .join('\t');
  for (const [i, p] of planned.entries()) {
    const key = keyOf(p);
    yield `${p.paymentId}\t${p.item.accountId}\t${p.item.amountCents}\t${p.feeCents}\t${p.tender.kind}\tlockbox\t${copyField(JSON.stringify(p.tender))}\t${p.item.effectiveDate}\tposted\t${copyField(JSON.stringify(p.application))}\t${entryIds[i]!}\t${copyField(key)}\t${hashOf(key)}\t${tail}\n`;
  }
}
