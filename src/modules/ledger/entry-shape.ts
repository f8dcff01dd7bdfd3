import { createHash } from 'node:crypto';
import { assert } from '../../core/assert.ts';
import { limits } from '../../core/limits.ts';
import { cents, type Cents } from '../../core/money.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Chart } from './chart.ts';
import type { Fund, PostEntryCode, PostEntryInput } from './types.ts';

/** A line checked against the chart, ready to insert. */
export type ResolvedLine = {
  readonly lineNo: number;
  readonly glAccount: string;
  readonly fund: Fund;
  readonly hasSubledger: boolean;
  readonly accountId: number | null;
  readonly debitCents: Cents;
  readonly creditCents: Cents;
  readonly memo: string | null;
};

function textOk(text: string | undefined, max: number): boolean {
  return text !== undefined && text.trim().length > 0 && text.length <= max;
}

function amountOk(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/** Header fields: source reference, memo, idempotency key, line count, kind. */
function checkHeader(input: PostEntryInput): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!textOk(input.sourceRef, limits.journalSourceRefCharsMax)) {
    fields.sourceRef = `1 to ${limits.journalSourceRefCharsMax} characters`;
  }
  if (!textOk(input.memo, limits.journalMemoCharsMax)) {
    fields.memo = `1 to ${limits.journalMemoCharsMax} characters`;
  }
  if (
    input.idempotencyKey !== undefined &&
    !textOk(input.idempotencyKey, limits.idempotencyKeyCharsMax)
  ) {
    fields.idempotencyKey = `1 to ${limits.idempotencyKeyCharsMax} characters`;
  }
  if (input.lines.length < 2 || input.lines.length > limits.journalLinesPerEntryMax) {
    fields.lines = `2 to ${limits.journalLinesPerEntryMax} lines`;
  }
  if (input.kind === 'reversal') fields.kind = 'reversals are posted by reverseEntry';
  return fields;
}

/**
 * Checks an entry against the chart without touching the database (a pure leaf): the
 * header, every line's shape (one side > 0, safe integers, an account id exactly on
 * sub-ledger accounts), that every GL account exists and is active, and that debits
 * equal credits. Codes: `invalid`, `unknown_gl_account`, `unbalanced_entry`.
 */
export function resolveEntry(
  input: PostEntryInput,
  chart: Chart,
): Result<ResolvedLine[], PostEntryCode> {
  const fields = checkHeader(input);
  const unknown: string[] = [];
  const lines: ResolvedLine[] = [];
  input.lines.forEach((line, i) => {
    const debit = line.debitCents ?? 0;
    const credit = line.creditCents ?? 0;
    const at = `lines.${i}`;
    if (!amountOk(debit) || !amountOk(credit) || debit > 0 === credit > 0) {
      fields[at] = 'exactly one of debitCents and creditCents must be a positive integer';
    }
    if (line.memo !== undefined && line.memo.length > limits.journalMemoCharsMax) {
      fields[`${at}.memo`] = `at most ${limits.journalMemoCharsMax} characters`;
    }
    const account = chart.get(line.glAccount);
    if (!account || !account.active) {
      unknown.push(line.glAccount);
      return;
    }
    const id = line.accountId;
    if (account.hasSubledger && (id === undefined || !Number.isSafeInteger(id) || id <= 0)) {
      fields[`${at}.accountId`] = `${account.code} lines need the customer account id`;
    } else if (!account.hasSubledger && id !== undefined) {
      fields[`${at}.accountId`] = `${account.code} lines carry no customer account id`;
    }
    lines.push({
      lineNo: i + 1,
      glAccount: account.code,
      fund: account.fund,
      hasSubledger: account.hasSubledger,
      accountId: id ?? null,
      debitCents: cents(amountOk(debit) ? debit : 0),
      creditCents: cents(amountOk(credit) ? credit : 0),
      memo: line.memo ?? null,
    });
  });
  if (Object.keys(fields).length > 0) return err('invalid', 'the entry is malformed', fields);
  if (unknown.length > 0) {
    return err('unknown_gl_account', `unknown or inactive: ${[...new Set(unknown)].join(', ')}`);
  }
  const { debitCents, creditCents } = totalsOf(lines);
  if (debitCents !== creditCents) {
    return err('unbalanced_entry', `debits ${debitCents} ≠ credits ${creditCents}`);
  }
  return ok(lines);
}

export function totalsOf(
  lines: readonly { readonly debitCents: Cents; readonly creditCents: Cents }[],
): { debitCents: Cents; creditCents: Cents } {
  let debit = 0;
  let credit = 0;
  for (const l of lines) {
    debit += l.debitCents;
    credit += l.creditCents;
  }
  return { debitCents: cents(debit), creditCents: cents(credit) };
}

/** Pair assertion (style.md §17): an entry balances, with ≥ 2 lines, each one-sided. */
export function assertBalanced(
  lines: readonly { readonly debitCents: Cents; readonly creditCents: Cents }[],
  what: string,
): void {
  assert(lines.length >= 2, `${what}: fewer than two lines`);
  for (const l of lines) {
    assert(l.debitCents > 0 !== l.creditCents > 0, `${what}: a line with two or no sides`);
  }
  const t = totalsOf(lines);
  assert(
    t.debitCents === t.creditCents,
    `${what}: debits ${t.debitCents} ≠ credits ${t.creditCents}`,
  );
}

/**
 * The canonical hash of a posting request: same idempotency key with a different hash is
 * `idempotency_key_reused`. Absent optional fields hash like their defaults (0, null), so
 * `{debitCents: 5}` and `{debitCents: 5, creditCents: 0}` are the same request.
 */
export function requestHashOf(input: PostEntryInput): string {
  const canonical = [
    'post-entry/v1',
    input.kind,
    input.sourceRef,
    input.effectiveDate,
    input.memo,
    input.lines.map((l) => [
      l.glAccount,
      l.debitCents ?? 0,
      l.creditCents ?? 0,
      l.accountId ?? null,
      l.memo ?? null,
    ]),
  ];
  return sha256(JSON.stringify(canonical));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
