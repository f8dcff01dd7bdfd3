import { useEffect, useState } from 'react';
import { api, apiError, type ApiError } from '../api/client.ts';
import type { StartBody, StartPreview } from './service-api.ts';
import { useDebounced } from './use-debounced.ts';

/**
 * The live start preview: POST /api/service/start/preview for the body once it has been
 * still for a moment; a newer body discards an older answer. `body` null = not ready.
 */
export function useStartPreview(body: StartBody | null): {
  readonly preview: StartPreview | null;
  readonly pending: boolean;
  readonly error: ApiError | null;
} {
  const key = body ? JSON.stringify(body) : '';
  const settled = useDebounced(key, 350);
  const [state, setState] = useState<{
    key: string;
    preview: StartPreview | null;
    error: ApiError | null;
  }>({ key: '', preview: null, error: null });

  useEffect(() => {
    if (!settled) return;
    let live = true;
    void api
      .POST('/api/service/start/preview', { body: JSON.parse(settled) as StartBody })
      .then(({ data, error, response }) => {
        if (!live) return;
        if (data) setState({ key: settled, preview: data, error: null });
        else setState({ key: settled, preview: null, error: apiError(error, response.status) });
      });
    return () => {
      live = false;
    };
  }, [settled]);

  if (!key) return { preview: null, pending: false, error: null };
  const current = state.key === key;
  return {
    // Keep showing the last preview while a new one is on its way (no flicker).
    preview: state.preview,
    pending: !current,
    error: current ? state.error : null,
  };
}
