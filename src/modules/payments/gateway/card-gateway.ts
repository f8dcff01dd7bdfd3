import type { Cents } from '../../../core/money.ts';

/**
 * The card processor as OpenCIS sees it (PAY-1). A real adapter (a processor's hosted
 * fields / tokenisation + server API) implements this interface; OpenCIS never sees a card
 * number, only the processor's single-use or stored-card `token`.
 *
 * Contract for an implementation:
 * - Every call that moves money takes an `idempotencyKey` and forwards it to the
 *   processor: the same key twice must return the first outcome, never a second charge.
 *   OpenCIS uses the payment's idempotency key, so a retried payment after a timeout asks
 *   the processor again with the same key and gets the authorization it may already hold.
 * - `timeout` means "unknown": the processor may or may not have authorized. OpenCIS posts
 *   nothing and answers `gateway_timeout`; the caller retries with the same key.
 * - `declined` carries the processor's reason (a short snake_case code) for the cashier.
 * - authorize reserves the amount; capture settles it; void cancels an uncaptured (or
 *   same-day) authorization; refund returns captured money (whole or part).
 */
export type CardGateway = {
  readonly name: string;
  authorize(req: {
    readonly token: string;
    readonly amountCents: Cents;
    readonly idempotencyKey: string;
  }): Promise<GatewayOutcome<CardAuthorization>>;
  capture(req: {
    readonly authorizationId: string;
    readonly idempotencyKey: string;
  }): Promise<GatewayOutcome<{ readonly captureId: string }>>;
  void(req: {
    readonly authorizationId: string;
    readonly idempotencyKey: string;
  }): Promise<GatewayOutcome<{ readonly voidId: string }>>;
  refund(req: {
    readonly authorizationId: string;
    readonly amountCents: Cents;
    readonly idempotencyKey: string;
  }): Promise<GatewayOutcome<{ readonly refundId: string }>>;
};

export type CardAuthorization = {
  readonly authorizationId: string;
  readonly amountCents: Cents;
  readonly brand: string;
  readonly last4: string;
};

export type GatewayOutcome<T> =
  | { readonly status: 'approved'; readonly value: T }
  | { readonly status: 'declined'; readonly reason: string }
  | { readonly status: 'timeout' };
