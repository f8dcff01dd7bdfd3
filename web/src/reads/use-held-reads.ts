import { useCallback } from 'react';
import { api, apiError, type ApiError } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import { usePagedQueue } from '../components/use-paged-queue.ts';

type Json<T> = T extends { responses: { 200: { content: { 'application/json': infer R } } } }
  ? R
  : never;
export type HeldRead = Json<paths['/api/reads/held']['get']>['reads'][number];
export type HoldReason = HeldRead['holdReason'];

export const holdReasons: readonly HoldReason[] = [
  'high_usage',
  'low_usage',
  'zero_usage',
  'negative_usage',
];

export type Filters = {
  readonly reason: HoldReason | '';
  readonly cycle: string;
  readonly meter: string;
};

/**
 * The held-read queue (oldest first) for the filters, a page at a time: `more` appends the
 * next page; `reload` (after a decision) starts again from the first.
 */
export function useHeldReads(filters: Filters) {
  const fetchPage = useCallback(
    async (afterReadId: number | undefined, fail: (message: string) => void) => {
      const query = {
        ...(filters.reason ? { reason: filters.reason } : {}),
        ...(filters.cycle ? { cycle: Number(filters.cycle) } : {}),
        ...(filters.meter ? { meterNumber: filters.meter } : {}),
        ...(afterReadId === undefined ? {} : { afterReadId }),
      };
      const { data, error: e, response } = await api.GET('/api/reads/held', { params: { query } });
      if (!data) {
        fail(apiError(e, response.status).message);
        return undefined;
      }
      return { items: data.reads, total: data.total, next: data.next };
    },
    [filters.reason, filters.cycle, filters.meter],
  );
  const { items, ...queue } = usePagedQueue(fetchPage);
  return { reads: items, ...queue };
}

type Outcome = { ok: true } | { ok: false; error: ApiError };

async function outcome(p: Promise<{ error?: unknown; response: Response }>): Promise<Outcome> {
  try {
    const { error, response } = await p;
    return response.ok ? { ok: true } : { ok: false, error: apiError(error, response.status) };
  } catch {
    return { ok: false, error: apiError(undefined) };
  }
}

/** The reviewer's decisions on one held read. */
export const decide = {
  release: (readId: number) =>
    outcome(api.POST('/api/reads/{readId}/release', { params: { path: { readId } }, body: {} })),
  reject: (readId: number, reason: string, requestReRead: boolean) =>
    outcome(
      api.POST('/api/reads/{readId}/reject', {
        params: { path: { readId } },
        body: { reason, requestReRead },
      }),
    ),
  replace: (readId: number, reading: string) =>
    outcome(
      api.POST('/api/reads/{readId}/replace', {
        params: { path: { readId } },
        body: { reading },
      }),
    ),
  reRead: (meterNumber: string) =>
    outcome(
      api.POST('/api/meters/{meterNumber}/re-read', {
        params: { path: { meterNumber } },
        body: { reason: 'held_read' },
      }),
    ),
};
