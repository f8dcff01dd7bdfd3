import { formatDate, titleCase } from '../format.ts';
import type { Overview } from './types.ts';

/** Premises and their service agreements (newest first), with rate schedule and meter. */
export function ServicesSection({ overview }: { readonly overview: Overview }) {
  const { premises } = overview;
  return (
    <section className="card acct-wide" aria-labelledby="acct-services">
      <h2 id="acct-services">Services</h2>
      {premises.length === 0 ? (
        <p className="muted">No service on this account yet.</p>
      ) : (
        premises.map((p) => (
          <div key={p.premiseId} className="acct-premise">
            <h3>
              {p.address} <span className="muted acct-small">· premise {p.premiseNo}</span>
            </h3>
            <div className="acct-scroll">
              <table className="table">
                <caption className="visually-hidden">Services at {p.address}</caption>
                <thead>
                  <tr>
                    <th scope="col">Service</th>
                    <th scope="col">Rate schedule</th>
                    <th scope="col">Status</th>
                    <th scope="col">Start</th>
                    <th scope="col">Stop</th>
                    <th scope="col">Meter</th>
                  </tr>
                </thead>
                <tbody>
                  {p.agreements.map((a) => (
                    <tr key={a.agreementId}>
                      <th scope="row">{titleCase(a.service)}</th>
                      <td className="mono">{a.rateSchedule}</td>
                      <td>
                        <span className={`status status-${a.status}`}>{titleCase(a.status)}</span>
                      </td>
                      <td>{formatDate(a.startDate)}</td>
                      <td>{formatDate(a.stopDate)}</td>
                      <td className="mono">{a.meterNumber ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        ))
      )}
    </section>
  );
}
