import { useEffect, useState } from 'react';
import { api, apiError, type ApiError } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import {
  needsDemand,
  needsMeterSize,
  needsWinterAverage,
  offersSenior,
  usageUnitWord,
  type EstimatorInputs,
  type ScheduleInfo,
} from './estimator-inputs.ts';

type EstimateOp = paths['/api/rates/estimate']['post'];
export type EstimateBody = NonNullable<EstimateOp['requestBody']>['content']['application/json'];
export type Estimate = EstimateOp['responses'][200]['content']['application/json'];
export type Schedules =
  paths['/api/rates/schedules']['get']['responses'][200]['content']['application/json'];

/** How long the inputs must stay still before the estimate is asked for again. */
export const estimateDebounceMs = 350;

/** The request body for these inputs: only the extras this schedule uses are sent. */
export function estimateBody(i: EstimatorInputs, s: ScheduleInfo): EstimateBody {
  const usage = usageUnitWord(s.unit) ? Number(i.usage.trim()) : 0;
  return {
    schedule: s.code,
    usage,
    from: i.from,
    to: i.to,
    ...(needsMeterSize(s)
      ? { meterSize: i.meterSize as NonNullable<EstimateBody['meterSize']> }
      : {}),
    ...(needsWinterAverage(s) ? { winterAverageKgal: Number(i.winterAverageKgal.trim()) } : {}),
    ...(needsDemand(s) ? { demandKw: Number(i.demandKw.trim()) } : {}),
    ...(offersSenior(s) ? { senior: i.senior } : {}),
  };
}

export type EstimateState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly last: Estimate | null }
  | { readonly kind: 'done'; readonly estimate: Estimate }
  | { readonly kind: 'refused'; readonly error: ApiError };

/**
 * The estimate for `body`, asked for once the body has been unchanged for the debounce
 * time; `null` means "inputs not ready". A late answer for an older body is ignored.
 */
export function useEstimate(body: EstimateBody | null): EstimateState {
  const [state, setState] = useState<EstimateState>({ kind: 'idle' });
  const key = body ? JSON.stringify(body) : null;
  useEffect(() => {
    if (key === null) {
      setState({ kind: 'idle' });
      return;
    }
    let current = true;
    setState((s) => ({ kind: 'loading', last: s.kind === 'done' ? s.estimate : lastOf(s) }));
    const timer = setTimeout(() => {
      void (async () => {
        const sent = JSON.parse(key) as EstimateBody;
        const { data, error, response } = await api.POST('/api/rates/estimate', { body: sent });
        if (!current) return;
        if (data) setState({ kind: 'done', estimate: data });
        else setState({ kind: 'refused', error: apiError(error, response.status) });
      })().catch(() => {
        if (current) setState({ kind: 'refused', error: apiError(undefined) });
      });
    }, estimateDebounceMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  return state;
}

function lastOf(s: EstimateState): Estimate | null {
  return s.kind === 'loading' ? s.last : null;
}
