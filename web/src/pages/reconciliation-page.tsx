import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import { formatCents, titleCase, todayIso } from '../format.ts';

type Rec = {
  byTender: {
    tender: string;
    receiptsCents: number;
    countedCents: number;
    depositedCents: number;
  }[];
  byFund: { fund: string; receiptsCents: number; depositedCents: number }[];
  differences: { kind: string; amountCents: number; detail: string }[];
  tied: boolean;
  ledgerDrawerCents: number;
};

/** Supervisor: receipts vs drawers vs deposits vs ledger for a day (PAY-4). */
export function ReconciliationPage() {
  const [date, setDate] = useState(todayIso());
  const [rec, setRec] = useState<Rec | null>(null);
  useEffect(() => {
    void api
      .GET('/api/reconciliation', { params: { query: { date } } })
      .then(({ data }) => setRec((data ?? null) as Rec | null));
  }, [date]);
  return (
    <section className="page">
      <h1>Daily reconciliation</h1>
      <div className="field">
        <label htmlFor="business-date">Business date</label>
        <input
          id="business-date"
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
        />
      </div>
      {rec ? (
        <>
          <p className={rec.tied ? 'notice' : 'warning'} role="status">
            {rec.tied
              ? 'Ties to zero: no unexplained difference.'
              : `${rec.differences.filter((d) => d.kind !== 'over_short').length} differences to resolve.`}
          </p>
          <h2>By tender</h2>
          <table className="table" aria-label="By tender">
            <thead>
              <tr>
                <th scope="col">Tender</th>
                <th scope="col" className="num">
                  Receipts
                </th>
                <th scope="col" className="num">
                  Drawers counted
                </th>
                <th scope="col" className="num">
                  Deposited
                </th>
              </tr>
            </thead>
            <tbody>
              {rec.byTender.map((r) => (
                <tr key={r.tender}>
                  <th scope="row">{titleCase(r.tender)}</th>
                  <td className="num">{formatCents(r.receiptsCents)}</td>
                  <td className="num">{formatCents(r.countedCents)}</td>
                  <td className="num">{formatCents(r.depositedCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>By fund</h2>
          <table className="table" aria-label="By fund">
            <thead>
              <tr>
                <th scope="col">Fund</th>
                <th scope="col" className="num">
                  Receipts and over/short
                </th>
                <th scope="col" className="num">
                  Deposited
                </th>
              </tr>
            </thead>
            <tbody>
              {rec.byFund.map((r) => (
                <tr key={r.fund}>
                  <th scope="row">{titleCase(r.fund)}</th>
                  <td className="num">{formatCents(r.receiptsCents)}</td>
                  <td className="num">{formatCents(r.depositedCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>Ledger: cash in drawers moved {formatCents(rec.ledgerDrawerCents)} on the day.</p>
          <h2>Differences</h2>
          {rec.differences.length === 0 ? (
            <p>None.</p>
          ) : (
            <ul aria-label="Differences">
              {rec.differences.map((d, i) => (
                <li key={i}>
                  {d.detail}: {formatCents(d.amountCents)}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
