import { useId, useState } from 'react';
import { api } from '../api/client.ts';

export type PickedAccount = {
  readonly accountId: number;
  readonly accountNo: string;
  readonly customerName: string;
};

/** Finds a utility account with the search API; Enter searches, a result button picks it. */
export function AccountLookup(props: {
  readonly picked: PickedAccount | null;
  readonly onPick: (a: PickedAccount | null) => void;
}) {
  const uid = useId();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<readonly PickedAccount[] | null>(null);
  async function find() {
    if (!q.trim()) return;
    const { data } = await api.GET('/api/search', { params: { query: { q, limit: 5 } } });
    setHits((data?.hits ?? []) as readonly PickedAccount[]);
  }
  if (props.picked) {
    return (
      <p>
        Paying account <strong>{props.picked.accountNo}</strong> — {props.picked.customerName}{' '}
        <button type="button" className="link" onClick={() => props.onPick(null)}>
          Change account
        </button>
      </p>
    );
  }
  return (
    <div className="account-lookup">
      <div className="field">
        <label htmlFor={`${uid}-q`}>Account search</label>
        <input
          id={`${uid}-q`}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void find();
            }
          }}
          placeholder="Name, account number, address or phone"
        />
      </div>
      <button type="button" onClick={() => void find()}>
        Find account
      </button>
      {hits !== null && hits.length === 0 ? <p className="muted">No account found.</p> : null}
      {hits && hits.length > 0 ? (
        <ul className="lookup-hits" aria-label="Accounts found">
          {hits.map((h) => (
            <li key={h.accountId}>
              <button
                type="button"
                onClick={() => {
                  setHits(null);
                  setQ('');
                  props.onPick(h);
                }}
              >
                Pay {h.customerName} ({h.accountNo})
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
