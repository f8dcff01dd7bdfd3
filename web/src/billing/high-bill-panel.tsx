import { useState } from 'react';
import { api, apiError } from '../api/client.ts';
import { formatCents, formatDate, formatPeriod, titleCase } from '../format.ts';
import { useHighBill, type HighBillService } from './use-high-bill.ts';
import './high-bill.css';

const likelihoodLabel = { low: 'Low', medium: 'Medium', high: 'High' } as const;

/**
 * High-bill investigation (BIL-8) of the latest bill: per metered service, usage against the
 * previous period, last year and the 12-month average, the facts that explain a change, the
 * leak likelihood with its reasons, and a re-read or leak check for roles that enter reads.
 */
export function HighBillPanel(props: { readonly accountId: number; readonly canAct: boolean }) {
  const [billId, setBillId] = useState<number | null>(null);
  const { data, error } = useHighBill(props.accountId, billId);
  const [notice, setNotice] = useState<string | null>(null);
  const bill = data?.bill ?? null;
  return (
    <section className="card" aria-labelledby="acct-high-bill">
      <h2 id="acct-high-bill">High bill</h2>
      <div role="status" aria-live="polite">
        {notice ? <p className="notice">{notice}</p> : null}
      </div>
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : data === null ? (
        <p aria-live="polite">Loading the investigation…</p>
      ) : bill === null ? (
        <p className="muted">
          No bills yet. Once the account is billed, its latest bill is compared here with the
          previous period and the same period last year.
        </p>
      ) : (
        <>
          <label className="hb-pick">
            Bill to investigate
            <select
              value={String(billId ?? bill.billId)}
              onChange={(e) => setBillId(Number(e.target.value))}
            >
              {data.bills.map((b) => (
                <option key={b.billId} value={b.billId}>
                  {formatDate(b.periodEnd)} · {formatCents(b.totalCents)}
                </option>
              ))}
            </select>
          </label>
          <p className="hb-summary">
            Bill {formatPeriod(bill.periodStart, bill.periodEnd)} ({bill.days} days):{' '}
            <strong>{formatCents(bill.totalCents)}</strong>
            {bill.previousTotalCents !== null
              ? `; previous ${formatCents(bill.previousTotalCents)}`
              : ''}
            {bill.lastYearTotalCents !== null
              ? `; same period last year ${formatCents(bill.lastYearTotalCents)}`
              : ''}
            .
          </p>
          {data.services.length === 0 ? (
            <p className="muted">This bill has no metered service to compare.</p>
          ) : (
            data.services.map((s) => (
              <ServiceComparison
                key={s.agreementId}
                accountId={props.accountId}
                service={s}
                canAct={props.canAct}
                onNotice={setNotice}
              />
            ))
          )}
        </>
      )}
    </section>
  );
}

function change(pct: number | null): string {
  if (pct === null) return '—';
  return pct > 0 ? `+${pct}%` : `${pct}%`;
}

function ServiceComparison(props: {
  readonly accountId: number;
  readonly service: HighBillService;
  readonly canAct: boolean;
  readonly onNotice: (message: string) => void;
}) {
  const s = props.service;
  const [problem, setProblem] = useState<string | null>(null);
  const unit = s.unit;
  const label = `${titleCase(s.service)}${s.meterNumber ? ` meter ${s.meterNumber}` : ''}`;
  async function order(action: 're_read' | 'leak_check') {
    setProblem(null);
    const { data, error, response } = await api.POST(
      '/api/accounts/{accountId}/high-bill/actions',
      {
        params: { path: { accountId: props.accountId } },
        body: { agreementId: s.agreementId, action },
      },
    );
    if (!data) return setProblem(apiError(error, response.status).message);
    const what = action === 'leak_check' ? 'Leak check' : 'Re-read';
    props.onNotice(
      data.created
        ? `${what} requested for ${label} (order ${data.orderId}).`
        : `A ${what.toLowerCase()} of ${label} is already open (order ${data.orderId}).`,
    );
  }
  const rows = [
    { name: 'This period', p: { ...s.current, changePct: null as number | null } },
    { name: 'Previous period', p: s.previous },
    { name: 'Same period last year', p: s.lastYear },
  ];
  return (
    <div className="hb-service">
      <h3>{label}</h3>
      <div className="hb-scroll">
        <table className="table" aria-label={`${titleCase(s.service)} usage comparison`}>
          <thead>
            <tr>
              <th scope="col">Period</th>
              <th scope="col" className="num">
                Days
              </th>
              <th scope="col" className="num">
                Usage ({unit})
              </th>
              <th scope="col" className="num">
                Per day
              </th>
              <th scope="col" className="num">
                This period vs it
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.name}>
                <th scope="row">
                  {r.name}
                  {r.p ? (
                    <span className="muted hb-dates">
                      {formatPeriod(r.p.periodStart, r.p.periodEnd)}
                    </span>
                  ) : null}
                </th>
                {r.p ? (
                  <>
                    <td className="num">{r.p.days}</td>
                    <td className="num">{r.p.usage.toLocaleString('en-US')}</td>
                    <td className="num">{r.p.dailyAverage.toLocaleString('en-US')}</td>
                    <td className="num">{r.name === 'This period' ? '' : change(r.p.changePct)}</td>
                  </>
                ) : (
                  <td colSpan={4} className="muted">
                    No bill for this period
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="hb-facts">
        <dt>12-month average</dt>
        <dd>
          {s.twelveMonthDailyAverage === null
            ? 'No history yet'
            : `${s.twelveMonthDailyAverage.toLocaleString('en-US')} ${unit} per day`}
        </dd>
        <dt>Estimated reads</dt>
        <dd>{s.estimatedReads === 0 ? 'None: actual reads' : s.estimatedReads}</dd>
        <dt>Rate changes</dt>
        <dd>
          {s.rateChanges.length === 0
            ? 'None in the period'
            : s.rateChanges
                .map((c) => `${c.scheduleCode} from ${formatDate(c.effectiveFrom)}`)
                .join(', ')}
        </dd>
        <dt>Season</dt>
        <dd>{s.seasonNote}</dd>
      </dl>
      {s.leak ? (
        <div className="hb-leak">
          <p>
            Leak likelihood:{' '}
            <span className={`badge hb-leak-${s.leak.likelihood}`}>
              {likelihoodLabel[s.leak.likelihood]}
            </span>
          </p>
          <ul aria-label={`Why the leak likelihood of ${label} is ${s.leak.likelihood}`}>
            {s.leak.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      {props.canAct && s.actions.length > 0 ? (
        <div className="hb-actions">
          {s.actions.includes('re_read') ? (
            <button type="button" onClick={() => void order('re_read')}>
              High-bill re-read of {label}
            </button>
          ) : null}
          {s.actions.includes('leak_check') ? (
            <button type="button" onClick={() => void order('leak_check')}>
              Leak check of {label}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
