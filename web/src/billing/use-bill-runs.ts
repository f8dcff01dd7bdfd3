import { useCallback, useEffect, useState } from 'react';
import { api, apiError, type ApiError } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';

type Json<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } }
  ? R
  : never;
export type RunList = Json<paths['/api/bill-runs']['get']>;
export type RunView = RunList['runs'][number];
export type RunDetail = Json<paths['/api/bill-runs/{runId}']['get']>;
export type ExceptionsPage = Json<paths['/api/bill-runs/{runId}/exceptions']['get']>;
export type StartBody = NonNullable<
  paths['/api/bill-runs']['post']['requestBody']
>['content']['application/json'];
export type Started =
  paths['/api/bill-runs']['post']['responses'][202]['content']['application/json'];
export type DryRunReport = NonNullable<Started['report']>;
type RegisterAny = Json<paths['/api/bill-runs/{runId}/register']['get']>;
export type Register = Exclude<RegisterAny, string>;

/** How often a running run's progress is asked for. */
export const runPollMs = 1000;

/** The recent runs; `reload` after a start or when a watched run finishes. */
export function useRecentRuns() {
  const [runs, setRuns] = useState<readonly RunView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const { data, error: e, response } = await api.GET('/api/bill-runs');
    if (data) {
      setRuns(data.runs);
      setError(null);
    } else setError(apiError(e, response.status).message);
  }, []);
  useEffect(() => {
    void reload().catch(() => setError(apiError(undefined).message));
  }, [reload]);
  return { runs, error, reload };
}

/**
 * One run, asked for again every `runPollMs` while it is running; `onFinished` is called
 * once when it leaves `running`.
 */
export function useRun(runId: number | null, onFinished: () => void) {
  const [run, setRun] = useState<RunDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setRun(null);
    setError(null);
    if (runId === null) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const {
        data,
        error: e,
        response,
      } = await api.GET('/api/bill-runs/{runId}', {
        params: { path: { runId } },
      });
      if (!current) return;
      if (!data) {
        setError(apiError(e, response.status).message);
        return;
      }
      setRun(data);
      if (data.status === 'running') timer = setTimeout(() => void poll(), runPollMs);
      else onFinished();
    };
    void poll().catch(() => current && setError(apiError(undefined).message));
    return () => {
      current = false;
      if (timer) clearTimeout(timer);
    };
  }, [runId]);
  return { run, error };
}

export type StartOutcome =
  | { readonly kind: 'started'; readonly runId: number }
  | { readonly kind: 'dry'; readonly report: DryRunReport; readonly body: StartBody }
  | { readonly kind: 'refused'; readonly error: ApiError };

export async function startRun(body: StartBody): Promise<StartOutcome> {
  const { data, error, response } = await api.POST('/api/bill-runs', { body });
  if (!data) return { kind: 'refused', error: apiError(error, response.status) };
  if (data.report) return { kind: 'dry', report: data.report, body };
  return { kind: 'started', runId: data.runId ?? 0 };
}

/** A finished run's exceptions page and register. */
export function useRunResults(runId: number | null, finished: boolean) {
  const [exceptions, setExceptions] = useState<ExceptionsPage | null>(null);
  const [register, setRegister] = useState<Register | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setExceptions(null);
    setRegister(null);
    if (runId === null || !finished) return;
    let current = true;
    const path = { params: { path: { runId } } };
    void Promise.all([
      api.GET('/api/bill-runs/{runId}/exceptions', path),
      api.GET('/api/bill-runs/{runId}/register', path),
    ]).then(([x, r]) => {
      if (!current) return;
      if (x.data) setExceptions(x.data);
      if (r.data && typeof r.data !== 'string') setRegister(r.data);
      if (!x.data || !r.data) setError('The run results could not be loaded.');
    });
    return () => {
      current = false;
    };
  }, [runId, finished]);
  return { exceptions, register, error };
}

export async function moreExceptions(runId: number, after: number) {
  const { data } = await api.GET('/api/bill-runs/{runId}/exceptions', {
    params: { path: { runId }, query: { after } },
  });
  return data ?? null;
}

export type CycleToBill = Json<paths['/api/bill-cycles/to-bill']['get']>['cycles'][number];

/**
 * The cycle reads of the last weeks that no completed run covers yet (oldest first); asked
 * again whenever `version` changes (a run started or finished).
 */
export function useCyclesToBill(version: unknown) {
  const [cycles, setCycles] = useState<readonly CycleToBill[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void api
      .GET('/api/bill-cycles/to-bill')
      .then(({ data, error: e, response }) => {
        if (!current) return;
        if (data) {
          setCycles(data.cycles);
          setError(null);
        } else setError(apiError(e, response.status).message);
      })
      .catch(() => {
        if (current) setError(apiError(undefined).message);
      });
    return () => {
      current = false;
    };
  }, [version]);
  return { cycles, error };
}
