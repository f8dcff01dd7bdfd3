import { useCallback, useEffect, useState } from 'react';
import { api, apiError } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';

type Path = paths['/api/accounts/{accountId}/budget-billing'];
export type BudgetBilling = Path['get']['responses'][200]['content']['application/json'];
export type BudgetAction = NonNullable<Path['post']['requestBody']>['content']['application/json'];

/** The account's budget billing, and the enrol / leave / hold actions. */
export function useBudgetBilling(accountId: number) {
  const [data, setData] = useState<BudgetBilling | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    if (!Number.isSafeInteger(accountId) || accountId <= 0) return;
    const {
      data: d,
      error: e,
      response,
    } = await api.GET('/api/accounts/{accountId}/budget-billing', {
      params: { path: { accountId } },
    });
    if (d) setData(d);
    else setError(apiError(e, response.status).message);
  }, [accountId]);
  useEffect(() => {
    setData(null);
    setError(null);
    load().catch(() => setError(apiError(undefined).message));
  }, [load]);
  /** Runs an action; the refusal message, or null when it was done. */
  const act = useCallback(
    async (body: BudgetAction): Promise<string | null> => {
      const {
        data: d,
        error: e,
        response,
      } = await api.POST('/api/accounts/{accountId}/budget-billing', {
        params: { path: { accountId } },
        body,
      });
      if (!d) return apiError(e, response.status).message;
      setData(d);
      return null;
    },
    [accountId],
  );
  return { data, error, act };
}
