import { limits } from '../../core/limits.ts';
import { cents } from '../../core/money.ts';
import type { PostPaymentInput, TenderDetail } from './types.ts';

/**
 * An ABA routing number: 9 digits whose weighted sum 3·(d1+d4+d7) + 7·(d2+d5+d8) +
 * (d3+d6+d9) is a multiple of 10 (the ninth digit is the check digit).
 */
export function isValidRoutingNumber(text: string): boolean {
  if (!/^\d{9}$/.test(text)) return false;
  const d = [...text].map(Number);
  const weighted =
    3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  return weighted % 10 === 0;
}

export type InputProblem = { readonly detail: string; readonly fields: Record<string, string> };

/** Why an input cannot be a payment (before any database work), or null. */
export function paymentInputProblem(input: PostPaymentInput): InputProblem | null {
  const key = input.idempotencyKey;
  if (key.length === 0 || key.length > limits.idempotencyKeyCharsMax) {
    return {
      detail: 'idempotency key',
      fields: { idempotencyKey: 'required, 1 to 200 characters' },
    };
  }
  if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) {
    return { detail: 'amount', fields: { amountCents: 'a positive number of cents' } };
  }
  const t = input.tender;
  if (t.kind === 'cash') {
    if (input.channel !== 'window') {
      return { detail: 'cash is taken at the window only', fields: { channel: 'window for cash' } };
    }
    if (t.tenderedCents !== undefined && t.tenderedCents < input.amountCents) {
      return {
        detail: 'tendered less than the amount',
        fields: { tenderedCents: 'at least the amount' },
      };
    }
  }
  if (t.kind === 'check' && !/^\d{1,15}$/.test(t.checkNumber)) {
    return { detail: 'check number', fields: { checkNumber: '1 to 15 digits' } };
  }
  // A bank's remittance file (channel lockbox) may not carry the MICR line: the bank has
  // already taken the item, so a missing routing number or account is accepted there.
  const bankFile = input.channel === 'lockbox';
  if (
    (t.kind === 'check' || t.kind === 'ach') &&
    !(bankFile && t.routingNumber === '') &&
    !isValidRoutingNumber(t.routingNumber)
  ) {
    return { detail: 'routing number', fields: { routingNumber: 'a 9-digit ABA routing number' } };
  }
  if (
    (t.kind === 'check' || t.kind === 'ach') &&
    !(bankFile && t.accountLast4 === '') &&
    !/^\d{4}$/.test(t.accountLast4)
  ) {
    return { detail: 'account last four', fields: { accountLast4: 'the last 4 digits only' } };
  }
  if (t.kind === 'card' && !/^tok_[A-Za-z0-9_]{4,60}$/.test(t.token)) {
    return {
      detail: 'card token',
      fields: { token: 'a gateway token (tok_…), never a card number' },
    };
  }
  return null;
}

/** The stored tender of a non-card payment (cash: change due = tendered − amount). */
export function plainTenderDetail(input: PostPaymentInput): TenderDetail {
  const t = input.tender;
  switch (t.kind) {
    case 'cash': {
      const tendered = t.tenderedCents ?? input.amountCents;
      return {
        kind: 'cash',
        tenderedCents: cents(tendered),
        changeCents: cents(tendered - input.amountCents),
      };
    }
    case 'check':
      return {
        kind: 'check',
        checkNumber: t.checkNumber,
        routingNumber: t.routingNumber,
        accountLast4: t.accountLast4,
      };
    case 'ach':
      return { kind: 'ach', routingNumber: t.routingNumber, accountLast4: t.accountLast4 };
    case 'card':
      throw new Error('a card tender comes from the gateway');
  }
}
