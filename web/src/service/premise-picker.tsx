import { useEffect, useState } from 'react';
import { api, apiError } from '../api/client.ts';
import { titleCase } from '../format.ts';
import { PickList } from './pick-list.tsx';
import { premiseAddress, type PremiseSummary, type PremiseView } from './service-api.ts';
import { useDebounced } from './use-debounced.ts';

/** Picks a premise by typing its address; loads the picked one's territories and services. */
export function PremisePicker(props: {
  readonly id: string;
  readonly label: string;
  readonly onPick: (premise: PremiseView) => void;
  readonly error?: string | undefined;
}) {
  const [query, setQuery] = useState('');
  const q = useDebounced(query.trim(), 250);
  const [items, setItems] = useState<readonly PremiseSummary[] | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  useEffect(() => {
    if (q.length < 2) {
      setItems(null);
      setStatus(null);
      return;
    }
    let live = true;
    setStatus('Searching…');
    void api
      .GET('/api/premises', { params: { query: { address: q } } })
      .then(({ data, error, response }) => {
        if (!live) return;
        if (!data) {
          setItems([]);
          setStatus(apiError(error, response.status).message);
          return;
        }
        const list = data.premises.slice(0, 10);
        setItems(list);
        setStatus(
          list.length === 0
            ? `No premise matches “${q}”.`
            : `${list.length} found — Enter picks the first, ↓ moves through the list.`,
        );
      });
    return () => {
      live = false;
    };
  }, [q]);

  const pick = async (p: PremiseSummary) => {
    setStatus('Loading the premise…');
    const { data, error, response } = await api.GET('/api/premises/{premiseId}', {
      params: { path: { premiseId: p.premiseId } },
    });
    if (!data) {
      setStatus(apiError(error, response.status).message);
      return;
    }
    const landlordAccountIds = await landlordHolders(data);
    setStatus(null);
    setItems(null);
    setQuery('');
    props.onPick({ ...data, landlordAccountIds });
  };

  return (
    <PickList
      id={props.id}
      label={props.label}
      hint="Type the street number and name, e.g. 458 E Main"
      query={query}
      onQuery={setQuery}
      items={items}
      status={status}
      error={props.error}
      itemKey={(p) => p.premiseId}
      onPick={(p) => void pick(p)}
      renderItem={(p) => (
        <span className="pick-item">
          <strong>{premiseAddress(p)}</strong>
          <span className="muted">{titleCase(p.premiseType)}</span>
          <span className={p.vacant ? 'tag tag-vacant' : 'tag tag-occupied'}>
            {p.vacant ? 'Vacant' : 'Occupied'}
          </span>
        </span>
      )}
    />
  );
}

/** Accounts active at the premise that hold it under an open landlord agreement. */
async function landlordHolders(p: Omit<PremiseView, 'landlordAccountIds'>): Promise<number[]> {
  const ids = [
    ...new Set(p.serviceHistory.filter((h) => h.status === 'active').map((h) => h.accountId)),
  ];
  const found = await Promise.all(
    ids.slice(0, 5).map(async (accountId) => {
      const { data } = await api.GET('/api/accounts/{accountId}', {
        params: { path: { accountId } },
      });
      const holds = data?.specialStatuses.some((s) => {
        const premises = s.details.premiseIds;
        return (
          s.status === 'landlord_agreement' &&
          Array.isArray(premises) &&
          premises.includes(p.premiseId)
        );
      });
      return holds ? accountId : null;
    }),
  );
  return found.filter((x): x is number => x !== null);
}
