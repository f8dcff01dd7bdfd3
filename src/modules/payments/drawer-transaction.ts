import { createHash } from 'node:crypto';
import { cents, type Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { postEntry, type Fund, type JournalLineInput } from '../ledger/index.ts';
import { listCityReceivables } from './city-receivable-catalog.ts';
import {
  allocateTenders,
  type Allocation,
  type Part,
  type PricedLine,
} from './drawer-allocation.ts';
import { ownOpenDrawer } from './drawer.ts';
import type {
  WindowLine,
  WindowTender,
  WindowTransactionInput,
  WindowTransactionView,
} from './drawer-transaction-types.ts';
import type { CardGateway } from './gateway/card-gateway.ts';
import { defaultGateway } from './gateway/sandbox-gateway.ts';
import { postPayment, type PostPaymentCode } from './post-payment.ts';
import type { PaymentContext, TenderInput } from './types.ts';

export type WindowTransactionCode =
  PostPaymentCode | 'drawer_not_found' | 'drawer_not_open' | 'city_receivable_not_found';

export const receiptNoOf = (transactionId: number) => `T-${String(transactionId).padStart(8, '0')}`;

/**
 * One customer at the window (PAY-2, PAY-3): utility payments and city receivable items,
 * paid by one or more tenders, into the actor's OPEN drawer; one transaction, one receipt.
 * Each utility part is a `postPayment` (channel window, the drawer; its own entry, card fee
 * on top); the city receivable parts are ONE entry (kind `payment`, source
 * `window-transaction:<id>`): Dr cash.drawer:general, Cr each item's revenue account, with
 * due_from/due_to for items of another fund (as payments do). Idempotent by key.
 * Codes: postPayment's, `drawer_not_found` (not yours), `drawer_not_open`,
 * `city_receivable_not_found`.
 */
export async function takeWindowTransaction(
  tx: Tx,
  input: WindowTransactionInput,
  ctx: PaymentContext,
): Promise<Result<WindowTransactionView, WindowTransactionCode>> {
  const hash = createHash('sha256')
    .update(JSON.stringify(['window/v1', input]))
    .digest('hex');
  const seen = await replayOf(tx, input.idempotencyKey, hash);
  if (seen !== null) return seen;
  const drawer = await ownOpenDrawer(tx, input.drawerId, ctx.actor);
  if (!drawer.ok) return drawer;
  const priced = await priceLines(tx, input.lines);
  if (!priced.ok) return priced;
  const plan = allocateTenders(priced.value, input.tenders);
  if (!plan.ok) return plan;
  const total = priced.value.reduce((s, l) => s + l.amountCents, 0);
  const id = await insertTransaction(tx, input, hash, total, plan.value, ctx);
  if (id === null) return (await replayOf(tx, input.idempotencyKey, hash))!;
  const paid = await postParts(tx, id, input, plan.value.parts, ctx);
  if (!paid.ok) return paid;
  const fees = paid.value.feeCents;
  await tx.query(
    `UPDATE window_transaction SET total_cents = total_cents + $2, payment_ids = $3,
       sale_entry_id = $4, tenders = $5 WHERE id = $1`,
    [
      id,
      fees,
      JSON.stringify(paid.value.paymentIds),
      paid.value.saleEntryId,
      JSON.stringify(paid.value.tenders),
    ],
  );
  await recordAudit(tx, {
    actor: ctx.actor,
    at: ctx.now,
    action: 'window_transaction.taken',
    entityType: 'window_transaction',
    entityId: id,
    after: {
      drawerId: input.drawerId,
      totalCents: total + fees,
      paymentIds: paid.value.paymentIds,
    },
  });
  return ok({
    transactionId: id,
    receiptNo: receiptNoOf(id),
    drawerId: input.drawerId,
    totalCents: cents(total + fees),
    tenderedCents: plan.value.tenderedCents,
    changeCents: plan.value.changeCents,
    paymentIds: paid.value.paymentIds,
    saleEntryId: paid.value.saleEntryId,
    replayed: false,
  });
}

async function insertTransaction(
  tx: Tx,
  input: WindowTransactionInput,
  hash: string,
  total: number,
  plan: Allocation,
  ctx: PaymentContext,
): Promise<number | null> {
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO window_transaction (drawer_id, idempotency_key, request_hash, effective_date,
       total_cents, tendered_cents, change_cents, tenders, payment_ids, taken_by, taken_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, '[]', '[]', $8, $9)
     ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [
      input.drawerId,
      input.idempotencyKey,
      hash,
      input.effectiveDate,
      total,
      plan.tenderedCents,
      plan.changeCents,
      ctx.actor.name,
      ctx.now,
    ],
  );
  return inserted.rows[0] ? Number(inserted.rows[0].id) : null;
}

async function replayOf(
  tx: Tx,
  key: string,
  hash: string,
): Promise<Result<WindowTransactionView, 'idempotency_key_reused'> | null> {
  const r = await tx.query<{
    id: string;
    hash: string;
    drawerId: string;
    total: string;
    tendered: string;
    change: string;
    paymentIds: number[];
    saleEntryId: string | null;
  }>(
    `SELECT id, request_hash AS hash, drawer_id AS "drawerId", total_cents AS total,
       tendered_cents AS tendered, change_cents AS change, payment_ids AS "paymentIds",
       sale_entry_id AS "saleEntryId" FROM window_transaction WHERE idempotency_key = $1`,
    [key],
  );
  const row = r.rows[0];
  if (!row) return null;
  if (row.hash !== hash)
    return err('idempotency_key_reused', `transaction ${row.id} was taken with this key`);
  return ok({
    transactionId: Number(row.id),
    receiptNo: receiptNoOf(Number(row.id)),
    drawerId: Number(row.drawerId),
    totalCents: cents(Number(row.total)),
    tenderedCents: cents(Number(row.tendered)),
    changeCents: cents(Number(row.change)),
    paymentIds: row.paymentIds,
    saleEntryId: row.saleEntryId === null ? null : Number(row.saleEntryId),
    replayed: true,
  });
}

async function priceLines(
  tx: Tx,
  lines: readonly WindowLine[],
): Promise<Result<PricedLine[], 'invalid' | 'city_receivable_not_found'>> {
  if (lines.length === 0) return err('invalid', 'nothing to pay for', { lines: 'empty' });
  const catalog = new Map((await listCityReceivables(tx)).map((i) => [i.code, i]));
  const out: PricedLine[] = [];
  for (const [i, l] of lines.entries()) {
    if (l.kind === 'utility') {
      out.push(l);
      continue;
    }
    const item = catalog.get(l.itemCode);
    if (!item) return err('city_receivable_not_found', `no catalog item ${l.itemCode}`);
    const amount =
      l.amountCents ?? (item.priceCents === null ? null : item.priceCents * l.quantity);
    if (amount === null || amount <= 0)
      return err('invalid', `${item.name}: enter the amount`, {
        [`lines.${i}.amountCents`]: 'required',
      });
    out.push({
      kind: 'city',
      itemCode: item.code,
      fund: item.fund,
      glRevenue: item.glRevenue,
      reference: l.reference ?? null,
      amountCents: cents(amount),
    });
  }
  return ok(out);
}

type StoredTender = { kind: WindowTender['kind']; amountCents: number; paymentId?: number };

async function postParts(
  tx: Tx,
  transactionId: number,
  input: WindowTransactionInput,
  parts: readonly Part[],
  ctx: PaymentContext,
): Promise<
  Result<
    { paymentIds: number[]; feeCents: Cents; saleEntryId: number | null; tenders: StoredTender[] },
    WindowTransactionCode
  >
> {
  const paymentIds: number[] = [];
  const tenders: StoredTender[] = [];
  let fees = 0;
  const cityParts: Part[] = [];
  for (const [i, part] of parts.entries()) {
    if (part.line.kind === 'city') {
      cityParts.push(part);
      continue;
    }
    const p = await postPayment(
      tx,
      {
        accountId: part.line.accountId,
        amountCents: part.amountCents,
        tender: paymentTender(part.tender, part.amountCents),
        channel: 'window',
        drawerId: input.drawerId,
        effectiveDate: input.effectiveDate,
        idempotencyKey: `${input.idempotencyKey}/${i}`,
      },
      ctx,
    );
    if (!p.ok) return p;
    paymentIds.push(p.value.paymentId);
    fees += p.value.feeCents;
    tenders.push({
      kind: part.tender.kind,
      amountCents: part.amountCents + p.value.feeCents,
      paymentId: p.value.paymentId,
    });
  }
  const sale = await postSale(tx, transactionId, input, cityParts, ctx);
  if (!sale.ok) return sale;
  for (const p of cityParts) tenders.push({ kind: p.tender.kind, amountCents: p.amountCents });
  return ok({ paymentIds, feeCents: cents(fees), saleEntryId: sale.value, tenders });
}

/** A city receivable card part: authorized and captured; its authorization id (else null). */
async function chargeCityCard(
  gateway: CardGateway,
  p: Part,
  key: string,
): Promise<Result<string | null, 'gateway_timeout' | 'card_declined'>> {
  if (p.tender.kind !== 'card') return ok(null);
  const auth = await gateway.authorize({
    token: p.tender.token,
    amountCents: p.amountCents,
    idempotencyKey: key,
  });
  if (auth.status === 'timeout') return err('gateway_timeout', 'retry with the same key');
  if (auth.status === 'declined') return err('card_declined', auth.reason);
  await gateway.capture({ authorizationId: auth.value.authorizationId, idempotencyKey: key });
  return ok(auth.value.authorizationId);
}

function paymentTender(t: WindowTender, amount: Cents): TenderInput {
  switch (t.kind) {
    case 'cash':
      return { kind: 'cash', tenderedCents: amount };
    case 'check':
      return {
        kind: 'check',
        checkNumber: t.checkNumber,
        routingNumber: t.routingNumber,
        accountLast4: t.accountLast4,
      };
    case 'card':
      return { kind: 'card', token: t.token };
  }
}

async function postSale(
  tx: Tx,
  transactionId: number,
  input: WindowTransactionInput,
  parts: readonly Part[],
  ctx: PaymentContext,
): Promise<Result<number | null, WindowTransactionCode>> {
  if (parts.length === 0) return ok(null);
  const gateway = ctx.gateway ?? defaultGateway;
  const byFund = new Map<Fund, number>();
  const credits: JournalLineInput[] = [];
  for (const [i, p] of parts.entries()) {
    if (p.line.kind !== 'city') continue;
    const card = await chargeCityCard(gateway, p, `${input.idempotencyKey}/city/${i}`);
    if (!card.ok) return card;
    const authorizationId = card.value;
    await tx.query(
      `INSERT INTO city_receivable_sale (transaction_id, drawer_id, item_code, fund, gl_revenue,
         reference, tender, amount_cents, effective_date, card_authorization_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        transactionId,
        input.drawerId,
        p.line.itemCode,
        p.line.fund,
        p.line.glRevenue,
        p.line.reference,
        p.tender.kind,
        p.amountCents,
        input.effectiveDate,
        authorizationId,
      ],
    );
    byFund.set(p.line.fund, (byFund.get(p.line.fund) ?? 0) + p.amountCents);
    credits.push({
      glAccount: p.line.glRevenue,
      creditCents: p.amountCents,
      memo: p.line.itemCode,
    });
  }
  const total = [...byFund.values()].reduce((s, a) => s + a, 0);
  const debits: JournalLineInput[] = [
    { glAccount: 'cash.drawer:general', debitCents: cents(total) },
  ];
  for (const [fund, amount] of byFund) {
    if (fund === 'general') continue;
    debits.push({ glAccount: `due_from.general:${fund}`, debitCents: cents(amount) });
    credits.push({ glAccount: `due_to.${fund}:general`, creditCents: cents(amount) });
  }
  const posted = await postEntry(
    tx,
    {
      kind: 'payment',
      sourceRef: `window-transaction:${transactionId}`,
      effectiveDate: input.effectiveDate,
      memo: `city receivables at drawer ${input.drawerId} (${receiptNoOf(transactionId)})`,
      lines: [...debits, ...credits],
    },
    ctx,
  );
  return posted.ok ? ok(posted.value.entryId) : posted;
}
