import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { drawersOn, messageOf, type Drawer } from '../cashier/cashier-api.ts';
import { FormError } from '../components/field.tsx';
import { formatCents, todayIso } from '../format.ts';
import '../cashier/cashier.css';

type Deposit = {
  depositId: number;
  totalCents: number;
  byFund: Record<string, number>;
  drawerIds: number[];
};

/** Supervisor: verify closed drawers, deposit verified ones by fund, print the slip (PAY-4). */
export function DepositsPage() {
  const [date, setDate] = useState(todayIso());
  const [drawers, setDrawers] = useState<readonly Drawer[] | null>(null);
  const [deposits, setDeposits] = useState<readonly Deposit[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const load = useCallback(() => {
    void drawersOn(date).then(setDrawers);
    void api
      .GET('/api/deposits', { params: { query: { date } } })
      .then(({ data }) => setDeposits((data?.deposits ?? []) as Deposit[]));
  }, [date]);
  useEffect(load, [load]);
  async function verify(id: number) {
    setError(null);
    const { error: e, response } = await api.POST('/api/drawers/{drawerId}/verify', {
      params: { path: { drawerId: id } },
    });
    if (e) setError(messageOf(e, response.status));
    else setStatus(`Drawer ${id} verified.`);
    load();
  }
  async function deposit() {
    setError(null);
    const ids = (drawers ?? []).filter((d) => d.status === 'verified').map((d) => d.drawerId);
    const {
      data,
      error: e,
      response,
    } = await api.POST('/api/deposits', { body: { drawerIds: ids } });
    if (e || !data) setError(messageOf(e, response.status));
    else setStatus(`Deposit ${data.depositId} created: ${formatCents(data.totalCents)}.`);
    load();
  }
  const verified = (drawers ?? []).filter((d) => d.status === 'verified').length;
  return (
    <section className="page">
      <h1>Drawers and deposits</h1>
      <div className="field">
        <label htmlFor="business-date">Business date</label>
        <input
          id="business-date"
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
      </div>
      <div role="status" aria-live="polite">
        {status ? <p className="notice">{status}</p> : null}
      </div>
      <FormError message={error} />
      <section className="card" aria-labelledby="drawers-heading">
        <h2 id="drawers-heading">Drawers</h2>
        {drawers && drawers.length === 0 ? (
          <p>No drawers on this date. Cashiers open them on the Cashier page.</p>
        ) : null}
        {drawers && drawers.length > 0 ? (
          <table className="table" aria-label="Drawers of the day">
            <thead>
              <tr>
                <th scope="col">Drawer</th>
                <th scope="col">Cashier</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Over/short
                </th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {drawers.map((d) => (
                <tr key={d.drawerId}>
                  <td>{d.drawerId}</td>
                  <td>{d.cashierName}</td>
                  <td>{d.status}</td>
                  <td className="num">
                    {d.overShortCents === null ? '—' : formatCents(d.overShortCents)}
                  </td>
                  <td>
                    {d.status === 'closed' ? (
                      <button type="button" onClick={() => void verify(d.drawerId)}>
                        Verify drawer {d.drawerId}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <button
          type="button"
          className="primary"
          disabled={verified === 0}
          onClick={() => void deposit()}
        >
          Create deposit ({verified} verified drawers)
        </button>
      </section>
      <section className="card" aria-labelledby="deposits-heading">
        <h2 id="deposits-heading">Deposits</h2>
        {deposits.length === 0 ? (
          <p>No deposit yet: verify the closed drawers, then create one.</p>
        ) : null}
        <ul>
          {deposits.map((d) => (
            <li key={d.depositId}>
              Deposit {d.depositId}: {formatCents(d.totalCents)} —{' '}
              {Object.entries(d.byFund)
                .map(([f, c]) => `${f} ${formatCents(c)}`)
                .join(', ')}{' '}
              ·{' '}
              <a href={`/api/deposits/${d.depositId}/slip.pdf`} target="_blank" rel="noreferrer">
                Deposit slip {d.depositId} (PDF)
              </a>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
