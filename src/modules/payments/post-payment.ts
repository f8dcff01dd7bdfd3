import { createHash } from 'node:crypto';
import { assert } from '../../core/assert.ts';
import { cents, type Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Tx } from '../../db/index.ts';
import type { AuditEntry } from '../audit/index.ts';
import { accountFacts, type AccountFacts } from '../customers/index.ts';
import { postEntry, type PostEntryCode } from '../ledger/index.ts';
import { applyPayment } from './application.ts';
import { ownOpenDrawer } from './drawer.ts';
import { defaultGateway } from './gateway/sandbox-gateway.ts';
import { openItemsFor, type OpenItemsAccount } from './open-items.ts';
import { paymentEntry } from './payment-entry.ts';
import {
  attachEntry,
  insertPayment,
  readPaymentByKey,
  type StoredPayment,
} from './payment-store.ts';
import { feeFor } from './policy.ts';
import { lockedPaymentStart, type PaymentStart } from './post-payment-start.ts';
import { paymentInputProblem, plainTenderDetail } from './tender.ts';
import type {
  AppliedLine,
  PaymentContext,
  PaymentView,
  PostPaymentInput,
  TenderDetail,
} from './types.ts';

/** Payment locks are keyed by int4: a larger id is no account. */
export const int4Max = 2_147_483_647;

export type PostPaymentCode =
  | 'invalid'
  | 'account_not_found'
  | 'cash_only_account'
  | 'card_declined'
  | 'gateway_timeout'
  | 'idempotency_key_reused'
  | 'drawer_not_found'
  | 'drawer_not_open'
  | PostEntryCode;

/**
 * Takes a payment (PAY-1): validates the tender, charges a card through the gateway (with
 * the payment's idempotency key), applies the amount by the application policy in effect
 * (deposit due, arrangement instalments, oldest past due by fund, current charges, then a
 * credit), and posts ONE balanced journal entry; audited. The card convenience fee
 * (payment_tender_fee) comes on top of the amount, as its own revenue line.
 *
 * Idempotent: the same key with the same request returns the first payment with
 * `replayed: true`, even when requests race (a unique key + ON CONFLICT DO NOTHING); the
 * same key with a different request is `idempotency_key_reused`.
 *
 * Codes: `invalid` (fields say which), `account_not_found`, `cash_only_account` (checks and
 * ACH refused on a cash-only account), `card_declined` (detail: the processor's reason),
 * `gateway_timeout` (nothing posted; retry with the same key), `idempotency_key_reused`,
 * `drawer_not_found` / `drawer_not_open` (a drawer id that is not the actor's open drawer),
 * ledger codes (a configuration bug).
 */
export async function postPayment(
  tx: Tx,
  input: PostPaymentInput,
  ctx: PaymentContext,
  known: { readonly account?: AccountFacts } = {},
): Promise<Result<PaymentView, PostPaymentCode>> {
  const r = await post(tx, input, ctx, known, false);
  assert(r !== 'written_off', 'asked to post on a written-off account too');
  return r;
}

/**
 * `postPayment`, except that a new payment on a written-off account posts nothing and
 * answers `'written_off'`: the caller takes it through `postPaymentWithRecovery` (PAY-9),
 * which re-establishes the debt first. A replay of a key is answered either way. For
 * POST /api/payments: the account's facts come in the payment's first statement.
 */
export async function postPaymentUnlessWrittenOff(
  tx: Tx,
  input: PostPaymentInput,
  ctx: PaymentContext,
): Promise<Result<PaymentView, PostPaymentCode> | 'written_off'> {
  return post(tx, input, ctx, {}, true);
}

async function post(
  tx: Tx,
  input: PostPaymentInput,
  ctx: PaymentContext,
  known: { readonly account?: AccountFacts },
  route: boolean,
): Promise<Result<PaymentView, PostPaymentCode> | 'written_off'> {
  // POST /api/payments answered an unknown account before a bad input (its facts were read
  // first, by postPaymentWithRecovery); postPayment checks the input first.
  const problem = paymentInputProblem(input);
  if (problem !== null && !route) return err('invalid', problem.detail, problem.fields);
  const requestHash = requestHashOf(input);
  const given = known.account?.accountId === input.accountId ? known.account : undefined;
  const { policy, account } = await startOf(tx, input, given);
  if (!account) return err('account_not_found', `account ${input.accountId}`);
  if (problem !== null) return err('invalid', problem.detail, problem.fields);
  const rules = policy.rules;
  if (!rules) throw new Error(`no payment application policy in effect on ${input.effectiveDate}`);
  if (policy.seen !== null) return replayAnswer(policy.seen, requestHash);
  if (route && account.status === 'written_off') return 'written_off';
  // After the replay check: a retry of a check taken before the account became cash-only
  // is still that payment.
  const refusal = tenderRefusal(account, input);
  if (refusal !== null) return refusal;
  // Money taken into a drawer goes only into the actor's own open drawer (PAY-2).
  if (input.drawerId !== undefined) {
    const drawer = await ownOpenDrawer(tx, input.drawerId, ctx.actor);
    if (!drawer.ok) return drawer;
  }
  const fee = feeOf(input, policy.fee);
  const tender = await tenderOf(input, cents(input.amountCents + fee.cents), ctx);
  if (!tender.ok) return tender;
  const items = await openItemsFor(tx, openItemsAccount(account), input.effectiveDate);
  const application = applyPayment(input.amountCents, items, rules).lines;
  const id = await insertPayment(tx, {
    input,
    feeCents: fee.cents,
    tender: tender.value,
    application,
    requestHash,
    actor: ctx.actor,
    now: ctx.now,
  });
  // A racing request with the same key committed first: answer as its replay.
  if (id === null) return (await replayOf(tx, input.idempotencyKey, requestHash))!;
  const entry = paymentEntry({
    paymentId: id,
    accountId: input.accountId,
    input,
    application,
    feeCents: fee.cents,
    feeGl: fee.gl,
  });
  const posted = await postEntry(tx, entry, ctx);
  if (!posted.ok) {
    await voidCard(tender.value, input.idempotencyKey, ctx);
    return posted;
  }
  // The entry and the payment's audit row, in one statement.
  const { requestHash: _hash, ...view } = await attachEntry(
    tx,
    id,
    posted.value.entryId,
    postedAudit(input, ctx, fee.cents, tender.value, posted.value.entryId, application),
  );
  await captureCard(tender.value, input.idempotencyKey, ctx);
  return ok(view);
}

/**
 * Payments on one account queue here, so each applies to what the one before left; the
 * same statement reads the policy, the tender's fee, a payment already holding the key and,
 * unless a caller that just read them for this account and date passes them (`given`), the
 * few facts a payment needs (not the agent's account overview). Null: no such account.
 */
async function startOf(
  tx: Tx,
  input: PostPaymentInput,
  given: AccountFacts | undefined,
): Promise<{ policy: PaymentStart; account: AccountFacts | null }> {
  // The lock's key is an int4: an id past it is no account (or refused there, as always).
  if (given === undefined && input.accountId > int4Max) {
    const facts = await accountFacts(tx, [input.accountId], input.effectiveDate);
    if (!facts.has(input.accountId)) return { policy: noStart, account: null };
  }
  const policy = await lockedPaymentStart(tx, {
    accountId: input.accountId,
    tender: input.tender.kind,
    date: input.effectiveDate,
    idempotencyKey: input.idempotencyKey,
    withFacts: given === undefined,
  });
  return { policy, account: given ?? policy.account ?? null };
}

const noStart: PaymentStart = { rules: null, fee: null, seen: null };

/** The audit row of a posted payment: what it applied (the values its row stores). */
export function postedAudit(
  input: PostPaymentInput,
  ctx: PaymentContext,
  feeCents: Cents,
  tender: TenderDetail,
  journalEntryId: number,
  application: readonly AppliedLine[],
): Omit<AuditEntry, 'entityId'> {
  return {
    actor: ctx.actor,
    at: ctx.now,
    action: 'payment.posted',
    entityType: 'payment',
    accountId: input.accountId,
    after: {
      amountCents: input.amountCents,
      feeCents,
      tender: tender.kind,
      channel: input.channel,
      journalEntryId,
      application,
    },
  };
}

/** The canonical request behind a key (not the date: a retry tomorrow is the same payment). */
export function requestHashOf(input: PostPaymentInput): string {
  const t = input.tender;
  const tender = t.kind === 'cash' ? { kind: 'cash', tenderedCents: t.tenderedCents ?? null } : t;
  const canonical = [
    'post-payment/v1',
    input.accountId,
    input.amountCents,
    tender,
    input.channel,
    input.drawerId ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

async function replayOf(
  tx: Tx,
  key: string,
  requestHash: string,
): Promise<Result<PaymentView, 'idempotency_key_reused'> | null> {
  const seen = await readPaymentByKey(tx, key);
  return seen ? replayAnswer(seen, requestHash) : null;
}

/** The first payment with this key, or `idempotency_key_reused` for a different request. */
export function replayAnswer(
  seen: StoredPayment,
  requestHash: string,
): Result<PaymentView, 'idempotency_key_reused'> {
  if (seen.requestHash !== requestHash) {
    return err('idempotency_key_reused', `payment ${seen.paymentId} was posted with this key`);
  }
  const { requestHash: _hash, ...view } = seen;
  return ok(view);
}

/** The deposits still required, in the shape open items read them. */
function openItemsAccount(account: AccountFacts): OpenItemsAccount {
  const { accountId, depositFeeCode, depositRequiredCents } = account;
  return {
    account: { accountId },
    depositRequirements:
      depositFeeCode === null
        ? []
        : [{ feeCode: depositFeeCode, amountCents: depositRequiredCents }],
  };
}

/** A cash-only account (returned payments, ACC-7) pays in certified funds: no check, no ACH. */
export function tenderRefusal(
  account: AccountFacts,
  input: Pick<PostPaymentInput, 'accountId' | 'tender'>,
): Result<never, 'cash_only_account'> | null {
  // accountFacts read the statuses open on the payment's effective date.
  if (account.cashOnly && (input.tender.kind === 'check' || input.tender.kind === 'ach')) {
    return err(
      'cash_only_account',
      `account ${input.accountId} is cash-only: cash, card, cashier's check or money order`,
    );
  }
  return null;
}

export function feeOf(
  input: PostPaymentInput,
  fee: { readonly rateMicros: number; readonly glRevenue: string } | null,
): { cents: Cents; gl: string } {
  if (fee === null) return { cents: cents(0), gl: 'revenue.misc:general' };
  return { cents: feeFor(input.amountCents, fee.rateMicros), gl: fee.glRevenue };
}

/** Authorizes a card for amount + fee (the key makes a retry after a timeout safe). */
async function tenderOf(
  input: PostPaymentInput,
  totalCents: Cents,
  ctx: PaymentContext,
): Promise<Result<TenderDetail, 'card_declined' | 'gateway_timeout'>> {
  const t = input.tender;
  if (t.kind !== 'card') return ok(plainTenderDetail(input));
  const gateway = ctx.gateway ?? defaultGateway;
  const auth = await gateway.authorize({
    token: t.token,
    amountCents: totalCents,
    idempotencyKey: input.idempotencyKey,
  });
  if (auth.status === 'timeout')
    return err('gateway_timeout', 'the card processor did not answer; retry with the same key');
  if (auth.status === 'declined') return err('card_declined', auth.reason);
  const a = auth.value;
  return ok({
    kind: 'card',
    token: t.token,
    brand: a.brand,
    last4: a.last4,
    authorizationId: a.authorizationId,
  });
}

async function captureCard(tender: TenderDetail, key: string, ctx: PaymentContext): Promise<void> {
  if (tender.kind !== 'card') return;
  const gateway = ctx.gateway ?? defaultGateway;
  // A capture that fails is settled by the processor's end-of-day batch; the payment stands.
  await gateway.capture({ authorizationId: tender.authorizationId, idempotencyKey: key });
}

/** The entry was refused (a configuration bug): release the card's authorization. */
async function voidCard(tender: TenderDetail, key: string, ctx: PaymentContext): Promise<void> {
  if (tender.kind !== 'card') return;
  const gateway = ctx.gateway ?? defaultGateway;
  await gateway.void({ authorizationId: tender.authorizationId, idempotencyKey: key });
}
