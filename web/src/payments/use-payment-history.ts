import { useEffect, useState } from 'react';
import { api, apiError } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';

export type PaymentList =
  paths['/api/accounts/{accountId}/payments']['get']['responses'][200]['content']['application/json'];
export type PaymentRow = PaymentList['payments'][number];

/** The account's payments, newest first (null while loading). */
export function usePaymentHistory(accountId: number) {
  const [data, setData] = useState<PaymentList | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setData(null);
    setError(null);
    if (!Number.isSafeInteger(accountId) || accountId <= 0) return;
    let current = true;
    void api
      .GET('/api/accounts/{accountId}/payments', { params: { path: { accountId } } })
      .then(({ data: d, error: e, response }) => {
        if (!current) return;
        if (d) setData(d);
        else setError(apiError(e, response.status).message);
      })
      .catch(() => current && setError(apiError(undefined).message));
    return () => {
      current = false;
    };
  }, [accountId]);
  return { data, error };
}
