import { useCallback, useEffect, useState } from 'react';
import { api, apiError, type ApiError } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';

export type AdjustBody = NonNullable<
  paths['/api/bills/{billId}/adjustments']['post']['requestBody']
>['content']['application/json'];
export type Adjustment =
  paths['/api/bills/{billId}/adjustments']['post']['responses'][201]['content']['application/json'];
export type Reasons =
  paths['/api/adjustments/reasons']['get']['responses'][200]['content']['application/json'];
export type PendingAdjustment =
  paths['/api/adjustments/pending']['get']['responses'][200]['content']['application/json']['adjustments'][number];

/** Dollars typed by a person ('12', '12.5', '12.50') as integer cents; null when not money. */
export function parseDollars(text: string): number | null {
  const m = /^\s*\$?(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return cents > 0 ? cents : null;
}

/** The reason codes and the signed-in role's approval limit. */
export function useReasons() {
  const [reasons, setReasons] = useState<Reasons | null>(null);
  useEffect(() => {
    let current = true;
    void api.GET('/api/adjustments/reasons').then(({ data }) => {
      if (current && data) setReasons(data);
    });
    return () => {
      current = false;
    };
  }, []);
  return reasons;
}

export async function adjustBill(
  billId: number,
  body: AdjustBody,
): Promise<{ ok: true; value: Adjustment } | { ok: false; error: ApiError }> {
  const { data, error, response } = await api.POST('/api/bills/{billId}/adjustments', {
    params: { path: { billId } },
    body,
  });
  return data ? { ok: true, value: data } : { ok: false, error: apiError(error, response.status) };
}

/** The approval queue; `decide` approves or denies one and reloads. */
export function usePending() {
  const [list, setList] = useState<readonly PendingAdjustment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const { data, error: e, response } = await api.GET('/api/adjustments/pending');
    if (data) {
      setList(data.adjustments);
      setError(null);
    } else setError(apiError(e, response.status).message);
  }, []);
  useEffect(() => {
    void reload().catch(() => setError(apiError(undefined).message));
  }, [reload]);

  const decide = useCallback(
    async (adjustmentId: number, verdict: 'approve' | 'deny', reason: string) => {
      const params = { params: { path: { adjustmentId } } };
      const r =
        verdict === 'approve'
          ? await api.POST('/api/adjustments/{adjustmentId}/approve', {
              ...params,
              body: reason ? { reason } : {},
            })
          : await api.POST('/api/adjustments/{adjustmentId}/deny', { ...params, body: { reason } });
      if (!r.data) return apiError(r.error, r.response.status).message;
      await reload();
      return null;
    },
    [reload],
  );
  return { list, error, decide };
}
