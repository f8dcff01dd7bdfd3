import { useCallback, useEffect, useRef, useState } from 'react';
import { api, apiError } from '../api/client.ts';
import type { Overview, TimelineEvent } from './types.ts';

const timelinePageSize = 20;

type Loaded = {
  readonly overview: Overview | null;
  readonly error: { readonly code: string; readonly message: string } | null;
  readonly events: readonly TimelineEvent[];
  readonly nextBefore: string | null;
  readonly loadingMore: boolean;
  readonly timelineError: string | null;
};

/**
 * The account overview and the first timeline page, fetched together; `refresh` re-reads
 * both after a change (the timeline restarts at its newest page), `loadMore` appends the next
 * older page.
 */
export function useAccount(accountId: number) {
  const [state, setState] = useState<Loaded>({
    overview: null,
    error: null,
    events: [],
    nextBefore: null,
    loadingMore: false,
    timelineError: null,
  });
  const current = useRef(accountId);
  current.current = accountId;

  const refresh = useCallback(async () => {
    const path = { params: { path: { accountId } } };
    const [o, t] = await Promise.all([
      api.GET('/api/accounts/{accountId}', path),
      api.GET('/api/accounts/{accountId}/timeline', {
        params: { path: { accountId }, query: { limit: timelinePageSize } },
      }),
    ]);
    if (current.current !== accountId) return;
    setState((s) => ({
      ...s,
      overview: o.data ?? null,
      error: o.data ? null : apiError(o.error, o.response.status),
      events: t.data?.events ?? [],
      nextBefore: t.data?.nextBefore ?? null,
      timelineError: t.data ? null : apiError(t.error, t.response.status).message,
    }));
  }, [accountId]);

  useEffect(() => {
    setState((s) => ({ ...s, overview: null, error: null, events: [], nextBefore: null }));
    void refresh().catch(() =>
      setState((s) => ({
        ...s,
        error: { code: 'network', message: 'The server could not be reached.' },
      })),
    );
  }, [refresh]);

  const loadMore = useCallback(async () => {
    const before = state.nextBefore;
    if (before === null) return;
    setState((s) => ({ ...s, loadingMore: true }));
    const t = await api.GET('/api/accounts/{accountId}/timeline', {
      params: { path: { accountId }, query: { limit: timelinePageSize, before } },
    });
    setState((s) => ({
      ...s,
      loadingMore: false,
      events: t.data ? [...s.events, ...t.data.events] : s.events,
      nextBefore: t.data ? t.data.nextBefore : s.nextBefore,
      timelineError: t.data ? null : apiError(t.error, t.response.status).message,
    }));
  }, [accountId, state.nextBefore]);

  return { ...state, refresh, loadMore };
}
