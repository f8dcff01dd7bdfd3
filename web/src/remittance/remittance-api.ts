import { api, apiError } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';

type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;
export type UnappliedItem = Json<
  paths['/api/unapplied-cash']['get']['responses'][200]
>['items'][number];

/** The research queue (open items unless `status` says otherwise). */
export async function unappliedCash(q: string): Promise<readonly UnappliedItem[]> {
  const query = q.trim() ? { q: q.trim() } : {};
  const { data } = await api.GET('/api/unapplied-cash', { params: { query } });
  return data?.items ?? [];
}

/** Applies an item to an account; an error message naming the problem, or null. */
export async function applyItem(id: number, accountId: number): Promise<string | null> {
  const { error, response } = await api.POST('/api/unapplied-cash/{id}/apply', {
    params: { path: { id } },
    body: { accountId },
  });
  if (!error) return null;
  const e = apiError(error, response.status);
  const fields = e.fields ? Object.entries(e.fields).map(([f, m]) => `${f}: ${m}`) : [];
  return fields.length ? `${e.message} (${fields.join('; ')})` : e.message;
}

/** Who accounts payable mails the refund check to. */
export type RefundPayee = {
  name: string;
  line1: string;
  line2: string;
  city: string;
  state: string;
  zip: string;
};

/** Refunds an item to its sender; an error message naming the problem, or null. */
export async function refundItem(
  id: number,
  reason: string,
  payee: RefundPayee,
): Promise<string | null> {
  const { error, response } = await api.POST('/api/unapplied-cash/{id}/refund', {
    params: { path: { id } },
    body: { reason, payee: { ...payee, line2: payee.line2.trim() || null } },
  });
  if (!error) return null;
  const e = apiError(error, response.status);
  const fields = e.fields ? Object.entries(e.fields).map(([f, m]) => `${f}: ${m}`) : [];
  return fields.length ? `${e.message} (${fields.join('; ')})` : e.message;
}

/** Adds a research note; the item with all its notes, or an error message. */
export async function addNote(
  id: number,
  body: string,
): Promise<{ item: UnappliedItem } | { error: string }> {
  const { data, error, response } = await api.POST('/api/unapplied-cash/{id}/notes', {
    params: { path: { id } },
    body: { body },
  });
  if (data) return { item: data };
  return { error: apiError(error, response.status).message };
}
