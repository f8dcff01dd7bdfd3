import { assert } from '../../core/assert.ts';
import type { LocalDate } from '../../core/dates.ts';
import type { Cents } from '../../core/money.ts';
import { ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { accountFacts } from '../customers/index.ts';
import { postEntriesOnce, type PostEntryInput } from '../ledger/index.ts';
import { ownOpenDrawer } from './drawer.ts';
import { paymentEntry } from './payment-entry.ts';
import {
  drawPaymentIds,
  paymentColumns,
  toView,
  type PaymentRow,
  type StoredPayment,
} from './payment-store.ts';
import { applicationRulesAsOf, tenderFeeAsOf } from './policy.ts';
import {
  feeOf,
  int4Max,
  postedAudit,
  replayAnswer,
  requestHashOf,
  tenderRefusal,
  type PostPaymentCode,
} from './post-payment.ts';
import { planApplications } from './remittance-bulk-plan.ts';
import { applicationFactsOf } from './remittance-open-items.ts';
import { paymentInputProblem, plainTenderDetail } from './tender.ts';
import type {
  AppliedLine,
  PaymentContext,
  PaymentView,
  PostPaymentInput,
  Tender,
} from './types.ts';

/** One request of a batch: what POST /api/payments would pass postPayment. */
export type BatchItem = { readonly input: PostPaymentInput; readonly ctx: PaymentContext };

/**
 * What became of one item: answered (`done`: posted, replayed or refused, exactly as
 * postPayment would answer it), or left to postPayment itself (`single`), after the batch
 * commits: an input problem, an unknown account, a written-off account (PAY-9 recovery),
 * a key that an earlier item of the same batch holds, a card.
 */
export type BatchOutcome =
  | { readonly kind: 'done'; readonly result: Result<PaymentView, PostPaymentCode> }
  | { readonly kind: 'single' };

const single: BatchOutcome = { kind: 'single' };

/**
 * Posts many window/mail/phone payments (cash, check, ACH; not cards) of ONE actor on ONE
 * effective date in the caller's transaction, set-based: the same rules and results as
 * postPayment one after the other in the items' order (the payment API's group posting,
 * issue 5 — payment-batcher.ts feeds it concurrent requests).
 *
 * - Every account's payment lock first (`pg_advisory_xact_lock(90, account)`, ascending: no
 *   deadlock with another batch, and a single payment waits for the batch or the batch for
 *   it); then, in later statements, the accounts' facts, the payments already holding the
 *   keys (a replay answers as postPayment's: the first payment, or
 *   `idempotency_key_reused`), the policy and the tender fees in effect.
 * - Refusals as postPayment's: `cash_only_account`, `drawer_not_found` / `drawer_not_open`.
 * - The application of each payment by the same pure engine as the remittance bulk path
 *   (remittance-bulk-plan.ts: items of one account apply in turn, each to what the one
 *   before left); payment ids drawn first, so each entry has its source `payment:<id>`;
 *   every entry through ONE ledger.postEntriesOnce; the payments and their
 *   `payment.posted` audit rows in ONE statement, which returns them as stored.
 *
 * Anything unexpected (a racing request that took a key: unique violation) throws: the
 * caller rolls back and posts each item through postPayment instead.
 */
export async function postPaymentBatch(
  tx: Tx,
  items: readonly BatchItem[],
): Promise<BatchOutcome[]> {
  const out: BatchOutcome[] = items.map(() => single);
  if (items.length === 0) return out;
  const date = items[0]!.input.effectiveDate;
  for (const { input, ctx } of items) {
    assert(input.effectiveDate === date, 'a payment batch has one effective date');
    assert(sameActor(ctx, items[0]!.ctx), 'a payment batch has one actor');
  }
  const hashes = items.map((item) => requestHashOf(item.input));
  const toPost = await screen(tx, items, hashes, out);
  if (toPost.length === 0) return out;
  const planned = await plan(
    tx,
    toPost.map((i) => items[i]!.input),
    date,
  );
  const now = new Date(Math.max(...toPost.map((i) => items[i]!.ctx.now.getTime())));
  const entryIds = await postEntries(
    tx,
    planned.map((p) => p.entry),
    { actor: items[0]!.ctx.actor, now },
  );
  const stored = await insertPayments(
    tx,
    planned.map((p, n) => ({
      ...p,
      ctx: items[toPost[n]!]!.ctx,
      requestHash: hashes[toPost[n]!]!,
      entryId: entryIds[n]!,
    })),
  );
  for (const [n, p] of planned.entries()) {
    const { requestHash: _hash, ...view } = stored.get(p.paymentId)!;
    out[toPost[n]!] = { kind: 'done', result: ok(view) };
  }
  return out;
}

/**
 * Locks the accounts, then answers what needs no posting in `out` (replays, refusals) and
 * returns the indexes of the items to post, in order; the rest stay `single`.
 */
async function screen(
  tx: Tx,
  items: readonly BatchItem[],
  hashes: readonly string[],
  out: BatchOutcome[],
): Promise<number[]> {
  const candidates = [...items.keys()].filter((i) => {
    const input = items[i]!.input;
    return (
      input.tender.kind !== 'card' &&
      input.accountId <= int4Max &&
      paymentInputProblem(input) === null
    );
  });
  if (candidates.length === 0) return [];
  const accounts = [...new Set(candidates.map((i) => items[i]!.input.accountId))].sort(
    (a, b) => a - b,
  );
  await tx.query(
    `SELECT count(*) FROM (SELECT pg_advisory_xact_lock(90, id) FROM unnest($1::int[]) AS id) l`,
    [accounts],
  );
  // Later statements than the locks: what the last payment holding a lock left.
  const facts = await accountFacts(tx, accounts, items[0]!.input.effectiveDate);
  const seen = await paymentsByKey(
    tx,
    candidates.map((i) => items[i]!.input.idempotencyKey),
  );
  const drawers = new Map<number, Awaited<ReturnType<typeof ownOpenDrawer>>>();
  const keys = new Set<string>();
  const toPost: number[] = [];
  for (const i of candidates) {
    const { input, ctx } = items[i]!;
    const account = facts.get(input.accountId);
    if (account === undefined) continue; // postPayment answers account_not_found
    const first = seen.get(input.idempotencyKey);
    if (first !== undefined) {
      out[i] = { kind: 'done', result: replayAnswer(first, hashes[i]!) };
      continue;
    }
    // A second request with a key of this batch: postPayment answers it after the commit.
    if (keys.has(input.idempotencyKey)) continue;
    keys.add(input.idempotencyKey);
    if (account.status === 'written_off') continue; // postPaymentWithRecovery (PAY-9)
    const refusal = tenderRefusal(account, input);
    if (refusal !== null) {
      out[i] = { kind: 'done', result: refusal };
      continue;
    }
    if (input.drawerId !== undefined) {
      const d = drawers.get(input.drawerId) ?? (await ownOpenDrawer(tx, input.drawerId, ctx.actor));
      drawers.set(input.drawerId, d);
      if (!d.ok) {
        out[i] = { kind: 'done', result: d };
        continue;
      }
    }
    toPost.push(i);
  }
  return toPost;
}

type Planned = {
  readonly input: PostPaymentInput;
  readonly paymentId: number;
  readonly feeCents: Cents;
  readonly application: readonly AppliedLine[];
  readonly entry: PostEntryInput;
};

/** Each payment's fee, application (in turn per account), id and entry. */
async function plan(
  tx: Tx,
  posting: readonly PostPaymentInput[],
  date: LocalDate,
): Promise<Planned[]> {
  const rules = await applicationRulesAsOf(tx, date);
  const fees = new Map<Tender, Awaited<ReturnType<typeof tenderFeeAsOf>>>();
  for (const { tender } of posting) {
    if (!fees.has(tender.kind)) fees.set(tender.kind, await tenderFeeAsOf(tx, tender.kind, date));
  }
  const facts = await applicationFactsOf(
    tx,
    posting.map((p) => p.accountId),
    date,
  );
  const applications = planApplications(posting, facts, () => rules);
  const ids = await drawPaymentIds(tx, posting.length);
  return posting.map((input, n) => {
    const fee = feeOf(input, fees.get(input.tender.kind) ?? null);
    const application = applications[n]!;
    const paymentId = ids[n]!;
    const entry = paymentEntry({
      paymentId,
      accountId: input.accountId,
      input,
      application,
      feeCents: fee.cents,
      feeGl: fee.gl,
    });
    return { input, paymentId, feeCents: fee.cents, application, entry };
  });
}

function sameActor(a: PaymentContext, b: PaymentContext): boolean {
  const x = a.actor;
  const y = b.actor;
  return (
    x.kind === y.kind &&
    x.name === y.name &&
    (x.kind === 'system' || x.id === (y as { id: number }).id)
  );
}

async function paymentsByKey(tx: Tx, keys: readonly string[]): Promise<Map<string, StoredPayment>> {
  const r = await tx.query<PaymentRow & { key: string }>(
    `SELECT ${paymentColumns}, idempotency_key AS key FROM payment
      WHERE idempotency_key = ANY($1::text[])`,
    [[...new Set(keys)]],
  );
  return new Map(r.rows.map(({ key, ...row }) => [key, toView(row, true)]));
}

/** Every entry through one postEntriesOnce; all must post (fresh sources `payment:<id>`). */
async function postEntries(
  tx: Tx,
  entries: readonly PostEntryInput[],
  ctx: PaymentContext,
): Promise<number[]> {
  const r = await postEntriesOnce(tx, entries, ctx);
  return r.outcomes.map((o, i) => {
    if (o.status !== 'posted')
      throw new Error(`payment entry ${entries[i]!.sourceRef} not posted: ${JSON.stringify(o)}`);
    return o.entryId;
  });
}

type ToInsert = {
  readonly input: PostPaymentInput;
  readonly ctx: PaymentContext;
  readonly paymentId: number;
  readonly feeCents: Cents;
  readonly application: readonly AppliedLine[];
  readonly requestHash: string;
  readonly entryId: number;
};

/**
 * The payments (already pointing at their entries) and their `payment.posted` audit rows
 * (postPayment's: postedAudit) in ONE statement; the payments as stored, by id. A key that
 * a racing request took meanwhile is a unique violation: the batch rolls back.
 */
async function insertPayments(
  tx: Tx,
  rows: readonly ToInsert[],
): Promise<Map<number, StoredPayment>> {
  const a = rows[0]!.ctx.actor;
  const tenders = rows.map((p) => plainTenderDetail(p.input));
  const audits = rows.map((p, i) =>
    postedAudit(p.input, p.ctx, p.feeCents, tenders[i]!, p.entryId, p.application),
  );
  const r = await tx.query<PaymentRow>(
    `WITH x AS (
       SELECT * FROM unnest($1::int8[], $2::int8[], $3::int8[], $4::int8[], $5::text[],
                            $6::text[], $7::text[], $8::int8[], $9::text[], $10::int8[],
                            $11::text[], $12::text[], $13::timestamptz[], $14::text[])
              AS x(id, account_id, amount, fee, tender, channel, detail, drawer, app, entry,
                   key, hash, at, audit)),
     p AS (
       INSERT INTO payment (id, account_id, amount_cents, fee_cents, tender, channel,
         tender_detail, drawer_id, effective_date, status, application, journal_entry_id,
         idempotency_key, request_hash, received_by_kind, received_by_id, received_by_name,
         received_at)
       OVERRIDING SYSTEM VALUE
       SELECT id, account_id, amount, fee, tender, channel, detail::jsonb, drawer, $15::date,
              'posted', app::jsonb, entry, key, hash, $16, $17, $18, at
         FROM x
       RETURNING ${paymentColumns}),
     a AS (
       INSERT INTO audit_log (at, actor_kind, actor_id, actor_name, action, entity_type,
         entity_id, account_id, before, after)
       SELECT at, $16, $17, $18, 'payment.posted', 'payment', id::text, account_id, NULL,
              audit::jsonb
         FROM x)
     SELECT * FROM p`,
    [
      rows.map((p) => p.paymentId),
      rows.map((p) => p.input.accountId),
      rows.map((p) => p.input.amountCents),
      rows.map((p) => p.feeCents),
      rows.map((p) => p.input.tender.kind),
      rows.map((p) => p.input.channel),
      tenders.map((t) => JSON.stringify(t)),
      rows.map((p) => p.input.drawerId ?? null),
      rows.map((p) => JSON.stringify(p.application)),
      rows.map((p) => p.entryId),
      rows.map((p) => p.input.idempotencyKey),
      rows.map((p) => p.requestHash),
      rows.map((p) => p.ctx.now),
      audits.map((x) => JSON.stringify(x.after)),
      rows[0]!.input.effectiveDate,
      a.kind,
      a.kind === 'system' ? null : a.id,
      a.name,
    ],
  );
  return new Map(r.rows.map((row) => [Number(row.paymentId), toView(row)]));
}
