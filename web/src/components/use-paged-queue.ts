import { useCallback, useEffect, useState } from 'react';
import { apiError } from '../api/client.ts';

/** One page of a work queue as the API gives it: the items, all that match, the cursor. */
export type QueuePage<T> = {
  readonly items: readonly T[];
  readonly total: number;
  readonly next: number | null;
};

/**
 * A work queue (oldest first) a page at a time: `more` appends the next page; `reload`
 * (after an item is dealt with, or when `fetchPage` changes with the filters) starts again
 * from the first. `fetchPage` reports its own refusal through `fail` and returns undefined.
 */
export function usePagedQueue<T>(
  fetchPage: (
    after: number | undefined,
    fail: (message: string) => void,
  ) => Promise<QueuePage<T> | undefined>,
) {
  const [queue, setQueue] = useState<QueuePage<T> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const data = await fetchPage(undefined, setError);
    if (data) {
      setQueue(data);
      setError(null);
    }
  }, [fetchPage]);
  const more = useCallback(async () => {
    if (queue?.next == null) return;
    const data = await fetchPage(queue.next, setError);
    if (data) {
      setQueue({ items: [...queue.items, ...data.items], total: data.total, next: data.next });
      setError(null);
    }
  }, [fetchPage, queue]);
  useEffect(() => {
    void reload().catch(() => setError(apiError(undefined).message));
  }, [reload]);
  return {
    items: queue?.items ?? null,
    total: queue?.total ?? 0,
    hasMore: queue?.next != null,
    error,
    reload,
    more: () => more().catch(() => setError(apiError(undefined).message)),
  };
}
