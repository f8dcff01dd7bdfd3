import { useEffect, useState } from 'react';
import { api, apiError } from '../api/client.ts';
import { titleCase } from '../format.ts';
import { PickList } from './pick-list.tsx';
import type { SearchHit } from './service-api.ts';
import { useDebounced } from './use-debounced.ts';

/** Finds an account with the global search API (name, address, phone, account no…). */
export function AccountPicker(props: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly onPick: (hit: SearchHit) => void;
  readonly error?: string | undefined;
  readonly autoFocus?: boolean;
}) {
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 250);
  const [hits, setHits] = useState<readonly SearchHit[] | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    if (q.length < 2) {
      setHits(null);
      setStatus(null);
      return;
    }
    let live = true;
    setStatus('Searching…');
    void api
      .GET('/api/search', { params: { query: { q, limit: 8 } } })
      .then(({ data, error, response }) => {
        if (!live) return;
        if (!data) {
          setHits([]);
          setStatus(apiError(error, response.status).message);
          return;
        }
        setHits(data.hits);
        setStatus(
          data.hits.length === 0
            ? `No account matches “${q}”.`
            : `${data.hits.length} found — Enter picks the first, ↓ moves through the list.`,
        );
      });
    return () => {
      live = false;
    };
  }, [q]);

  return (
    <PickList
      id={props.id}
      label={props.label}
      {...(props.hint ? { hint: props.hint } : {})}
      {...(props.autoFocus ? { autoFocus: true } : {})}
      placeholder="Name, address, phone, e-mail or account number"
      query={query}
      onQuery={setQuery}
      items={hits}
      status={status}
      error={props.error}
      itemKey={(h) => h.accountId}
      onPick={props.onPick}
      renderItem={(h) => (
        <span className="pick-item">
          <strong>{h.customerName}</strong>
          <span className="mono">{h.accountNo}</span>
          <span>{h.serviceAddress ?? 'no service address'}</span>
          <span className={`status status-${h.status}`}>{titleCase(h.status)}</span>
        </span>
      )}
    />
  );
}
