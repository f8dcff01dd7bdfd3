import { limits } from '../../core/limits.ts';
import { err, ok, type Result } from '../../core/result.ts';
import type { Queryable } from '../../db/index.ts';
import { addressSearchSql, keySearchSql, textSearchSql } from './search-sql.ts';

/**
 * Agent search (ACC-6): one box for name, service address, phone, e-mail, account number
 * and meter number; typo-tolerant and ranked. Reads only the derived search tables
 * (search-documents.ts keeps them current), with the same SQL on PGlite and PostgreSQL.
 */
export type SearchMatch = 'name' | 'address' | 'phone' | 'email' | 'account_no' | 'meter';

export type SearchHit = {
  readonly accountId: number;
  readonly accountNo: string;
  readonly customerName: string;
  readonly serviceAddress: string | null;
  readonly status: string;
  readonly matchedOn: SearchMatch;
  /** Higher is better; comparable within one result list only. */
  readonly score: number;
  /** "***-***-1234": enough for the agent to confirm, never the whole number. */
  readonly phoneMasked?: string;
  /** "m***@example.com" */
  readonly emailMasked?: string;
};

export type SearchInput = { readonly q: string; readonly limit?: number };

export type SearchQuery =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'address'; readonly text: string }
  | { readonly kind: 'text'; readonly text: string; readonly manyWords: boolean };

/** Results when the caller does not say. */
export const searchResultsDefault = 20;

/**
 * Decides which path a query takes (pure): an e-mail address, an identifier (digits with
 * phone punctuation, an account number "551234-125678", a meter number "W40007922"), an
 * address (starts with a house number), or free text (names, businesses, streets).
 */
export function classifySearchQuery(raw: string): SearchQuery {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text.includes('@')) return { kind: 'key', key: text.toLowerCase() };
  const compact = text.replace(/[\s\-().+#/]/g, '');
  if (/^[0-9]{3,}$/.test(compact)) {
    const digits = compact.length === 11 && compact.startsWith('1') ? compact.slice(1) : compact;
    return { kind: 'key', key: digits };
  }
  if (/^[a-z]{1,3}[0-9]{4,}$/i.test(compact)) return { kind: 'key', key: compact.toLowerCase() };
  if (/^[0-9]+[a-z]?\s+\S/i.test(text)) return { kind: 'address', text };
  return { kind: 'text', text, manyWords: text.includes(' ') };
}

/**
 * Searches accounts. Codes: `invalid` — `q` empty or longer than limits.searchQueryCharsMax,
 * or `limit` outside 1..limits.searchResultsMax (field messages say which).
 */
export async function searchAccounts(
  q: Queryable,
  input: SearchInput,
): Promise<Result<SearchHit[], 'invalid'>> {
  const text = input.q.trim();
  const limit = input.limit ?? searchResultsDefault;
  if (text.length === 0)
    return err('invalid', 'empty search', { q: 'enter something to search for' });
  if (text.length > limits.searchQueryCharsMax) {
    return err('invalid', 'search too long', {
      q: `at most ${limits.searchQueryCharsMax} characters`,
    });
  }
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > limits.searchResultsMax) {
    return err('invalid', 'bad limit', { limit: `between 1 and ${limits.searchResultsMax}` });
  }
  const query = classifySearchQuery(text);
  const r = await runSearch(q, query, limit);
  return ok(r.map(toHit));
}

type Row = {
  accountId: number;
  accountNo: string;
  customerName: string;
  serviceAddress: string | null;
  status: string;
  matchedOn: SearchMatch;
  score: number;
  phone: string | null;
  email: string | null;
};

async function runSearch(q: Queryable, query: SearchQuery, limit: number): Promise<Row[]> {
  switch (query.kind) {
    case 'key': {
      // Prefix matches only from 4 characters: "480" alone would list every phone.
      const pattern = query.key.length >= 4 ? `${escapeLike(query.key)}%` : escapeLike(query.key);
      return (await q.query<Row>(keySearchSql, [query.key, limit, pattern])).rows;
    }
    case 'address':
      return (await q.query<Row>(addressSearchSql, [query.text, limit])).rows;
    case 'text':
      return (await q.query<Row>(textSearchSql(query.manyWords), [query.text, limit])).rows;
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toHit(r: Row): SearchHit {
  const phone = r.phone !== null && r.phone.length >= 4 ? maskPhone(r.phone) : undefined;
  const email = r.email !== null ? maskEmail(r.email) : undefined;
  return {
    accountId: r.accountId,
    accountNo: r.accountNo,
    customerName: r.customerName,
    serviceAddress: r.serviceAddress,
    status: r.status,
    matchedOn: r.matchedOn,
    score: r.score,
    ...(phone === undefined ? {} : { phoneMasked: phone }),
    ...(email === undefined ? {} : { emailMasked: email }),
  };
}

export function maskPhone(digits: string): string {
  return `***-***-${digits.slice(-4)}`;
}

export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
