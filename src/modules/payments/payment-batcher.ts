import { ok, type Result } from '../../core/result.ts';
import { inTransaction, type Database } from '../../db/index.ts';
import { postPaymentBatch, type BatchItem, type BatchOutcome } from './payment-batch.ts';
import { postPaymentUnlessWrittenOff, type PostPaymentCode } from './post-payment.ts';
import { preparedTx } from './prepared-tx.ts';
import { postPaymentWithRecovery } from './recovery-payment.ts';
import type { PaymentContext, PaymentView, PostPaymentInput } from './types.ts';

type Answer = Result<PaymentView, PostPaymentCode>;

/**
 * One payment in its own transaction (POST /api/payments): postPayment, or on a written-off
 * account the recovery first (PAY-9). Its statements are prepared once per connection.
 */
export async function postOnePayment(
  db: Database,
  input: PostPaymentInput,
  ctx: PaymentContext,
): Promise<Answer> {
  return inTransaction(db, async (tx) => {
    const ptx = preparedTx(tx);
    const paid = await postPaymentUnlessWrittenOff(ptx, input, ctx);
    if (paid !== 'written_off') return paid;
    const recovered = await postPaymentWithRecovery(ptx, input, ctx);
    return recovered.ok ? ok(recovered.value.payment) : recovered;
  });
}

type Pending = {
  readonly item: BatchItem;
  readonly group: string;
  readonly resolve: (a: Answer) => void;
  readonly reject: (e: unknown) => void;
};

export type BatcherOptions = {
  /** Transactions of this batcher at once (each a batch, or one payment). */
  readonly inFlight?: number;
  /** The most payments in one batch. */
  readonly maxBatch?: number;
};

export type BatcherStats = {
  /** Payments answered by a batch of two or more. */
  batched: number;
  batches: number;
  /** Payments that went through postOnePayment (alone, or left to it by a batch). */
  single: number;
  /** Batches that threw and were posted one by one instead. */
  fallbacks: number;
};

/** A database's payment batcher (createPaymentBatcher). */
export type PaymentBatcher = {
  readonly stats: Readonly<BatcherStats>;
  /** postOnePayment's answer, alone or in a batch. */
  post(input: PostPaymentInput, ctx: PaymentContext): Promise<Answer>;
};

/**
 * Group posting for the payment API (issue 5: ≥ 1,000 payments/s under 50 concurrent
 * clients). Requests queue here; at most `inFlight` transactions run at once. When one
 * ends, the requests that arrived meanwhile go together: those of one actor and one date
 * (up to `maxBatch`) through ONE transaction of postPaymentBatch, which answers each as
 * postPayment would have one after the other. A request that finds a free slot runs alone
 * at once through postOnePayment (no added latency when the window is quiet).
 *
 * Items a batch leaves to postPayment (an unknown account, a written-off one, a key repeated
 * inside the batch, a bad input) run through postOnePayment after the batch commits, in
 * arrival order. If the batch throws (say a racing request took one of its keys), nothing of
 * it was written, and every item runs through postOnePayment instead. Card payments never
 * come here (the gateway is called per payment): see `takePayment`.
 */
export function createPaymentBatcher(db: Database, options: BatcherOptions = {}): PaymentBatcher {
  const inFlight = options.inFlight ?? 2;
  const maxBatch = options.maxBatch ?? 200;
  const stats: BatcherStats = { batched: 0, batches: 0, single: 0, fallbacks: 0 };
  const queue: Pending[] = [];
  let running = 0;

  // A turn of the event loop first: requests already in flight join (on PGlite a whole
  // transaction runs in microtasks, so without it every request would find a free slot).
  const start = async (): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve));
    if (queue.length > 0) await run(take(queue, maxBatch));
  };
  const pump = (): void => {
    while (running < inFlight && queue.length > 0) {
      running++;
      void start().finally(() => {
        running--;
        pump();
      });
    }
  };

  const alone = async (p: Pending): Promise<void> => {
    stats.single++;
    try {
      p.resolve(await postOnePayment(db, p.item.input, p.item.ctx));
    } catch (e) {
      p.reject(e);
    }
  };

  const run = async (batch: readonly Pending[]): Promise<void> => {
    if (batch.length === 1) return alone(batch[0]!);
    const outcomes = await batchOutcomes(db, batch);
    if (outcomes === null) stats.fallbacks++;
    else stats.batches++;
    const left: Pending[] = [];
    for (const [i, p] of batch.entries()) {
      const o = outcomes?.[i];
      if (o?.kind === 'done') {
        stats.batched++;
        p.resolve(o.result);
      } else left.push(p);
    }
    for (const p of left) await alone(p);
  };

  return {
    stats,
    post(input, ctx) {
      const a = ctx.actor;
      const group = `${a.kind}:${a.kind === 'system' ? '' : a.id}:${a.name}|${input.effectiveDate}`;
      return new Promise<Answer>((resolve, reject) => {
        queue.push({ item: { input, ctx }, group, resolve, reject });
        pump();
      });
    },
  };
}

/** The first queued request's group, in arrival order, up to `max` (taken off the queue). */
function take(queue: Pending[], max: number): Pending[] {
  const group = queue[0]!.group;
  const batch: Pending[] = [];
  for (let i = 0; i < queue.length && batch.length < max;) {
    if (queue[i]!.group === group) batch.push(...queue.splice(i, 1));
    else i++;
  }
  return batch;
}

/** The batch's outcomes, committed; null when it threw (rolled back: nothing written). */
async function batchOutcomes(
  db: Database,
  batch: readonly Pending[],
): Promise<BatchOutcome[] | null> {
  try {
    const r = await inTransaction(db, async (tx) =>
      ok(
        await postPaymentBatch(
          preparedTx(tx),
          batch.map((p) => p.item),
        ),
      ),
    );
    return r.ok ? r.value : null;
  } catch {
    // Each item then runs alone: a bug that broke the batch surfaces there, per request.
    return null;
  }
}

const batchers = new WeakMap<Database, PaymentBatcher>();

/** The database's batcher (one per process and database). */
export function paymentBatcher(db: Database): PaymentBatcher {
  let b = batchers.get(db);
  if (b === undefined) {
    b = createPaymentBatcher(db);
    batchers.set(db, b);
  }
  return b;
}

/**
 * Takes one payment (POST /api/payments): a card alone (its gateway calls), anything else
 * through the database's batcher — the same answer as postOnePayment.
 */
export function takePayment(
  db: Database,
  input: PostPaymentInput,
  ctx: PaymentContext,
): Promise<Answer> {
  if (input.tender.kind === 'card') return postOnePayment(db, input, ctx);
  return paymentBatcher(db).post(input, ctx);
}
