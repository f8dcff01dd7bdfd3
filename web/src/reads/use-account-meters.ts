import { useCallback, useEffect, useState } from 'react';
import { api, apiError } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';

type Json<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } }
  ? R
  : never;
type AccountMeters = Json<paths['/api/accounts/{accountId}/meters']['get']>;
export type AccountMeter = AccountMeters['meters'][number];
export type MeterRead = AccountMeter['registers'][number]['reads'][number];
/** An active metered service of the account with no meter: where one can be installed. */
export type ServiceWithoutMeter = AccountMeters['servicesWithoutMeter'][number];

/** The account's meters with their recent reads, and its metered services without a meter. */
export function useAccountMeters(accountId: number) {
  const [meters, setMeters] = useState<readonly AccountMeter[] | null>(null);
  const [unmetered, setUnmetered] = useState<readonly ServiceWithoutMeter[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const {
      data,
      error: e,
      response,
    } = await api.GET('/api/accounts/{accountId}/meters', {
      params: { path: { accountId } },
    });
    if (data) {
      setMeters(data.meters);
      setUnmetered(data.servicesWithoutMeter);
      setError(null);
    } else setError(apiError(e, response.status).message);
  }, [accountId]);
  useEffect(() => {
    void reload().catch(() => setError(apiError(undefined).message));
  }, [reload]);
  return { meters, servicesWithoutMeter: unmetered, error, reload };
}

/** What a read's status means to an agent: 'Accepted', 'Held: high usage', 'Released'. */
export function readStatusLabel(r: MeterRead): string {
  if (r.review === 'released') return 'Held, released';
  if (r.review === 'rejected') return 'Held, rejected';
  if (r.review === 'replaced') return 'Held, replaced';
  if (r.status === 'held') return `Held: ${(r.holdReason ?? '').replaceAll('_', ' ')}`;
  return r.status === 'accepted' ? 'Accepted' : 'Rejected';
}
