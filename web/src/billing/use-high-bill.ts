import { useCallback, useEffect, useState } from 'react';
import { api, apiError } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';

export type HighBill =
  paths['/api/accounts/{accountId}/high-bill']['get']['responses'][200]['content']['application/json'];
export type HighBillService = HighBill['services'][number];

/** The high-bill investigation of one bill (default: the latest; null while loading). */
export function useHighBill(accountId: number, billId: number | null) {
  const [data, setData] = useState<HighBill | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    if (!Number.isSafeInteger(accountId) || accountId <= 0) return;
    const {
      data: d,
      error: e,
      response,
    } = await api.GET('/api/accounts/{accountId}/high-bill', {
      params: { path: { accountId }, query: billId === null ? {} : { billId } },
    });
    if (d) setData(d);
    else setError(apiError(e, response.status).message);
  }, [accountId, billId]);
  // A new account starts from "loading"; another bill of the same account keeps the panel
  // (and the focused bill picker) in place until its answer arrives.
  useEffect(() => setData(null), [accountId]);
  useEffect(() => {
    setError(null);
    load().catch(() => setError(apiError(undefined).message));
  }, [load]);
  return { data, error };
}
