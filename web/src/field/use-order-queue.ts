import { useCallback } from 'react';
import { api, apiError } from '../api/client.ts';
import { usePagedQueue } from '../components/use-paged-queue.ts';
import type { OrderKind } from './order-labels.ts';

export type OrderFilters = {
  readonly kind: OrderKind | '';
  readonly cycle: string;
  /** Only orders due on or before this day ('' for all). */
  readonly dueBy: string;
};

/** The open field orders for the filters, oldest first, a page at a time. */
export function useOrderQueue(filters: OrderFilters) {
  const fetchPage = useCallback(
    async (after: number | undefined, fail: (message: string) => void) => {
      const query = {
        ...(filters.kind ? { kind: filters.kind } : {}),
        ...(filters.cycle ? { cycle: Number(filters.cycle) } : {}),
        ...(filters.dueBy ? { dueBy: filters.dueBy } : {}),
        ...(after === undefined ? {} : { after }),
      };
      const { data, error, response } = await api.GET('/api/service-orders/open', {
        params: { query },
      });
      if (!data) {
        fail(apiError(error, response.status).message);
        return undefined;
      }
      return { items: data.orders, total: data.total, next: data.next };
    },
    [filters.kind, filters.cycle, filters.dueBy],
  );
  const { items, ...queue } = usePagedQueue(fetchPage);
  return { orders: items, ...queue };
}
