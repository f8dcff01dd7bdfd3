import { useCallback, useEffect, useState } from 'react';
import { api, apiError } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';

type Path = paths['/api/accounts/{accountId}/seasonal-holds'];
export type SeasonalHolds = Path['get']['responses'][200]['content']['application/json'];
export type NewHold = NonNullable<Path['post']['requestBody']>['content']['application/json'];

/** The account's seasonal holds, and place / cancel / end-early. */
export function useSeasonalHolds(accountId: number) {
  const [data, setData] = useState<SeasonalHolds | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    if (!Number.isSafeInteger(accountId) || accountId <= 0) return;
    const {
      data: d,
      error: e,
      response,
    } = await api.GET('/api/accounts/{accountId}/seasonal-holds', {
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
  /** Each action returns the refusal message, or null when done (the list is reloaded). */
  const place = useCallback(
    async (body: NewHold): Promise<string | null> => {
      const { error: e, response } = await api.POST('/api/accounts/{accountId}/seasonal-holds', {
        params: { path: { accountId } },
        body,
      });
      if (!response.ok) return apiError(e, response.status).message;
      await load();
      return null;
    },
    [accountId, load],
  );
  const cancel = useCallback(
    async (holdId: number): Promise<string | null> => {
      const { error: e, response } = await api.POST(
        '/api/accounts/{accountId}/seasonal-holds/{holdId}/cancel',
        { params: { path: { accountId, holdId } } },
      );
      if (!response.ok) return apiError(e, response.status).message;
      await load();
      return null;
    },
    [accountId, load],
  );
  const endEarly = useCallback(
    async (holdId: number, on: string): Promise<string | null> => {
      const { error: e, response } = await api.POST(
        '/api/accounts/{accountId}/seasonal-holds/{holdId}/end',
        { params: { path: { accountId, holdId } }, body: { on } },
      );
      if (!response.ok) return apiError(e, response.status).message;
      await load();
      return null;
    },
    [accountId, load],
  );
  return { data, error, place, cancel, endEarly };
}
