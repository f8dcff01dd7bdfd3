import type { Cents } from '../../../core/money.ts';
import type { CardAuthorization, CardGateway, GatewayOutcome } from './card-gateway.ts';

/**
 * A card processor in memory that behaves like a real one (approvals, declines, timeouts,
 * idempotency keys), for development, tests and the demo. Magic values:
 *
 * | token starts with  | outcome                                                              |
 * | ------------------ | -------------------------------------------------------------------- |
 * | `tok_decline`      | declined `card_declined`                                             |
 * | `tok_insufficient` | declined `insufficient_funds`                                        |
 * | `tok_timeout_once` | the first authorize of a key times out AFTER authorizing (the answer |
 * |                    | was lost); a retry with the same key gets that same authorization    |
 * | `tok_timeout`      | every authorize times out (nothing authorized)                       |
 * | any other `tok_…`  | approved; brand from `amex`/`mc` in the token (else visa); last four |
 * |                    | = the token's last four digits (else 4242)                           |
 *
 * An amount of 1,000,000 cents ($10,000.00) or more is declined `over_limit`. A token that
 * is not `tok_` + 4–60 letters, digits or underscores is declined `invalid_token`.
 */
export function sandboxGateway(): CardGateway {
  const s: SandboxState = { byKey: new Map(), auths: new Map(), timedOut: new Set(), seq: 0 };
  return {
    name: 'sandbox',
    authorize: async (req) => authorize(s, req.token, req.amountCents, req.idempotencyKey),
    capture: async ({ authorizationId, idempotencyKey }) =>
      once(s, `capture:${idempotencyKey}`, () => capture(s, authorizationId)),
    void: async ({ authorizationId, idempotencyKey }) =>
      once(s, `void:${idempotencyKey}`, () => voidAuth(s, authorizationId)),
    refund: async ({ authorizationId, amountCents, idempotencyKey }) =>
      once(s, `refund:${idempotencyKey}`, () => refund(s, authorizationId, amountCents)),
  };
}

type AuthState = {
  state: 'authorized' | 'captured' | 'voided';
  refunded: number;
  readonly auth: CardAuthorization;
};

/** The processor's memory: outcomes by idempotency key, authorizations by id. */
type SandboxState = {
  readonly byKey: Map<string, GatewayOutcome<unknown>>;
  readonly auths: Map<string, AuthState>;
  readonly timedOut: Set<string>;
  seq: number;
};

/** The first outcome of a key, forever (a timeout is not remembered: nothing happened). */
function once<T>(s: SandboxState, key: string, run: () => GatewayOutcome<T>): GatewayOutcome<T> {
  const seen = s.byKey.get(key);
  if (seen) return seen as GatewayOutcome<T>;
  const outcome = run();
  if (outcome.status !== 'timeout') s.byKey.set(key, outcome);
  return outcome;
}

function authorize(
  s: SandboxState,
  token: string,
  amountCents: Cents,
  idempotencyKey: string,
): GatewayOutcome<CardAuthorization> {
  const key = `auth:${idempotencyKey}`;
  if (token.startsWith('tok_timeout_once') && !s.timedOut.has(key)) {
    s.timedOut.add(key);
    once(s, key, () => approve(s, token, amountCents));
    return { status: 'timeout' };
  }
  if (token.startsWith('tok_timeout') && !token.startsWith('tok_timeout_once')) {
    return { status: 'timeout' };
  }
  return once(s, key, () => approve(s, token, amountCents));
}

function capture(s: SandboxState, id: string): GatewayOutcome<{ readonly captureId: string }> {
  const a = s.auths.get(id);
  if (!a || a.state !== 'authorized') return { status: 'declined', reason: 'not_capturable' };
  a.state = 'captured';
  return { status: 'approved', value: { captureId: `cap_${id}` } };
}

function voidAuth(s: SandboxState, id: string): GatewayOutcome<{ readonly voidId: string }> {
  const a = s.auths.get(id);
  if (!a || a.state === 'voided') return { status: 'declined', reason: 'not_voidable' };
  a.state = 'voided';
  return { status: 'approved', value: { voidId: `void_${id}` } };
}

function refund(
  s: SandboxState,
  id: string,
  amountCents: Cents,
): GatewayOutcome<{ readonly refundId: string }> {
  const a = s.auths.get(id);
  if (!a || a.state !== 'captured') return { status: 'declined', reason: 'not_refundable' };
  if (a.refunded + amountCents > a.auth.amountCents) {
    return { status: 'declined', reason: 'refund_exceeds_capture' };
  }
  a.refunded += amountCents;
  return { status: 'approved', value: { refundId: `ref_${id}_${a.refunded}` } };
}

function approve(
  s: SandboxState,
  token: string,
  amountCents: Cents,
): GatewayOutcome<CardAuthorization> {
  if (!/^tok_[A-Za-z0-9_]{4,60}$/.test(token)) {
    return { status: 'declined', reason: 'invalid_token' };
  }
  if (token.startsWith('tok_decline')) return { status: 'declined', reason: 'card_declined' };
  if (token.startsWith('tok_insufficient')) {
    return { status: 'declined', reason: 'insufficient_funds' };
  }
  if (amountCents >= 1_000_000) return { status: 'declined', reason: 'over_limit' };
  s.seq += 1;
  const last4 = /(\d{4})$/.exec(token)?.[1] ?? '4242';
  const brand = token.includes('amex') ? 'amex' : token.includes('mc') ? 'mastercard' : 'visa';
  const auth = { authorizationId: `auth_${s.seq}`, amountCents, brand, last4 };
  s.auths.set(auth.authorizationId, { state: 'authorized', refunded: 0, auth });
  return { status: 'approved', value: auth };
}

/** The process-wide sandbox the HTTP shell uses until a real processor is configured. */
export const defaultGateway: CardGateway = sandboxGateway();
