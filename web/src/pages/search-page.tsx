import { useEffect, useState } from 'react';
import { Link, useSearch } from 'wouter';
import { api, apiError } from '../api/client.ts';
import { titleCase } from '../format.ts';

type Hit = {
  readonly accountId: number;
  readonly accountNo: string;
  readonly customerName: string;
  readonly serviceAddress: string | null;
  readonly status: string;
  readonly matchedOn: string;
  readonly phoneMasked?: string;
  readonly emailMasked?: string;
};

/** Ranked, typo-tolerant results for the global search box (ACC-6). */
export function SearchPage() {
  const params = new URLSearchParams(useSearch());
  const q = params.get('q') ?? '';
  const [hits, setHits] = useState<readonly Hit[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!q) {
      setHits(null);
      return;
    }
    let live = true;
    setError(null);
    void api
      .GET('/api/search', { params: { query: { q, limit: 25 } } })
      .then(({ data, error: e, response }) => {
        if (!live) return;
        if (e || !data) {
          setError(apiError(e, response.status).message);
          setHits([]);
        } else setHits(data.hits as readonly Hit[]);
      });
    return () => {
      live = false;
    };
  }, [q]);

  if (!q) {
    return (
      <section className="page">
        <h1>Find a customer</h1>
        <p className="muted">
          Type a name (misspellings are fine), a service address, phone, e-mail, account number or
          meter number in the search box above. Press <kbd>/</kbd> to jump there.
        </p>
      </section>
    );
  }
  return (
    <section className="page">
      <h1>Results for “{q}”</h1>
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : null}
      {hits === null ? <p aria-live="polite">Searching…</p> : null}
      {hits && hits.length === 0 && !error ? <p>No customer matches “{q}”.</p> : null}
      {hits && hits.length > 0 ? (
        <table className="table results">
          <thead>
            <tr>
              <th scope="col">Customer</th>
              <th scope="col">Account</th>
              <th scope="col">Service address</th>
              <th scope="col">Contact</th>
              <th scope="col">Status</th>
              <th scope="col">Matched on</th>
            </tr>
          </thead>
          <tbody>
            {hits.map((h) => (
              <tr key={h.accountId}>
                <td>
                  <Link href={`/accounts/${h.accountId}`}>{h.customerName}</Link>
                </td>
                <td className="mono">{h.accountNo}</td>
                <td>{h.serviceAddress ?? '—'}</td>
                <td className="muted">
                  {[h.phoneMasked, h.emailMasked].filter(Boolean).join(' · ')}
                </td>
                <td>
                  <span className={`status status-${h.status}`}>{titleCase(h.status)}</span>
                </td>
                <td className="muted">{titleCase(h.matchedOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
