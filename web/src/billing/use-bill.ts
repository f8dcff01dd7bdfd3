import { useEffect, useState } from 'react';
import { api, apiError, type ApiError } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';

export type BillDetail =
  paths['/api/bills/{billId}']['get']['responses'][200]['content']['application/json'];
export type BillService = BillDetail['services'][number];
export type BillLine = BillService['lines'][number];

/** One bill's detail (null while loading); `reload` after an adjustment. */
export function useBill(billId: number) {
  const [bill, setBill] = useState<BillDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    setError(null);
    if (!Number.isSafeInteger(billId) || billId <= 0) return;
    let current = true;
    void api
      .GET('/api/bills/{billId}', { params: { path: { billId } } })
      .then(({ data, error: e, response }) => {
        if (!current) return;
        if (data) setBill(data);
        else setError(apiError(e, response.status));
      })
      .catch(() => current && setError(apiError(undefined)));
    return () => {
      current = false;
    };
  }, [billId, version]);
  return { bill, error, reload: () => setVersion((v) => v + 1) };
}
