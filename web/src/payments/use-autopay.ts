import { useCallback, useEffect, useState } from 'react';
import { api, apiError } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';

type Path = paths['/api/accounts/{accountId}/autopay'];
/** An enrolment as the API shows it: the bank account is masked (`****1234`). */
export type Autopay = Path['get']['responses'][200]['content']['application/json'];
export type AutopayEnrol = Path['post']['requestBody']['content']['application/json'];

/**
 * The account's autopay enrolment (PAY-6) and the enrol / stop calls. `data` is undefined
 * while loading and null when the account has never enrolled; after a stop it is the
 * stopped enrolment (the open one, else the latest).
 */
export function useAutopay(accountId: number) {
  const [data, setData] = useState<Autopay | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    if (!Number.isSafeInteger(accountId) || accountId <= 0) return;
    // The status read answers null for "never enrolled" (the plain GET is a 404 then, which
    // the browser would log as an error on every account page).
    const {
      data: d,
      error: e,
      response,
    } = await api.GET('/api/accounts/{accountId}/autopay/status', {
      params: { path: { accountId } },
    });
    if (d) setData(d.enrolment);
    else setError(apiError(e, response.status).message);
  }, [accountId]);
  useEffect(() => {
    setData(undefined);
    setError(null);
    load().catch(() => setError(apiError(undefined).message));
  }, [load]);

  /** Enrols; the raw answer goes back so the form can place field errors. */
  const enrol = useCallback(
    async (body: AutopayEnrol) => {
      const r = await api.POST('/api/accounts/{accountId}/autopay', {
        params: { path: { accountId } },
        body,
      });
      if (r.data) setData(r.data);
      return r;
    },
    [accountId],
  );

  const stop = useCallback(
    async (reason: string) => {
      const r = await api.POST('/api/accounts/{accountId}/autopay/stop', {
        params: { path: { accountId } },
        body: { reason },
      });
      if (r.data) setData(r.data);
      return r;
    },
    [accountId],
  );

  /** Reloads after a refusal that means the page is out of date (someone else acted). */
  const reload = useCallback(() => {
    setError(null);
    load().catch(() => setError(apiError(undefined).message));
  }, [load]);

  return { data, error, enrol, stop, reload };
}
