import { ScrollBox } from './scroll-box.tsx';
import type { ReactNode } from 'react';
import { formatCents, titleCase } from '../format.ts';
import type { Register } from './use-bill-runs.ts';

function Table(props: {
  readonly label: string;
  readonly head: readonly string[];
  readonly rows: readonly (readonly ReactNode[])[];
}) {
  if (props.rows.length === 0) return <p className="muted">None.</p>;
  return (
    <ScrollBox label={`${props.label} (scrollable)`}>
      <table className="table register-table" aria-label={props.label}>
        <thead>
          <tr>
            {props.head.map((h, i) => (
              <th key={h} scope="col" className={i === 0 ? undefined : 'num'}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r, i) => (
            <tr key={i}>
              {r.map((c, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {c}
                  </th>
                ) : (
                  <td key={j} className="num">
                    {c}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}

/** The bill register (BIL-4) of a run, with its CSV. */
export function RegisterReport({ register: r }: { readonly register: Register }) {
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    <>
      <p>
        <strong>{n(r.bills)}</strong> bills totalling <strong>{formatCents(r.totalCents)}</strong>.{' '}
        <a
          href={`/api/bill-runs/${r.runId}/register?format=csv`}
          download={`bill-register-run-${r.runId}.csv`}
        >
          Download the register (CSV)
        </a>
      </p>
      <div className="register-grid">
        <section aria-labelledby="reg-service">
          <h3 id="reg-service">By service</h3>
          <Table
            label="Register by service"
            head={['Service', 'Bills', 'Charges', 'Taxes', 'Total']}
            rows={r.byService.map((s) => [
              titleCase(s.service),
              n(s.bills),
              formatCents(s.chargesCents),
              formatCents(s.taxesCents),
              formatCents(s.totalCents),
            ])}
          />
        </section>
        <section aria-labelledby="reg-fund">
          <h3 id="reg-fund">By fund</h3>
          <Table
            label="Register by fund"
            head={['Fund', 'Bills', 'Receivable']}
            rows={r.byFund.map((f) => [titleCase(f.fund), n(f.bills), formatCents(f.totalCents)])}
          />
        </section>
        <section aria-labelledby="reg-schedule">
          <h3 id="reg-schedule">By rate schedule</h3>
          <Table
            label="Register by rate schedule"
            head={['Schedule', 'Bills', 'Charges']}
            rows={r.bySchedule.map((s) => [s.schedule, n(s.bills), formatCents(s.chargesCents)])}
          />
        </section>
        <section aria-labelledby="reg-taxes">
          <h3 id="reg-taxes">Taxes by jurisdiction</h3>
          <Table
            label="Taxes by jurisdiction"
            head={['Jurisdiction', 'Lines', 'Tax']}
            rows={r.taxes.map((t) => [
              titleCase(t.jurisdiction),
              n(t.lines),
              formatCents(t.amountCents),
            ])}
          />
        </section>
        <section aria-labelledby="reg-exceptions">
          <h3 id="reg-exceptions">Exceptions by code</h3>
          <Table
            label="Exceptions by code"
            head={['Code', 'Accounts']}
            rows={r.exceptions.map((x) => [`${titleCase(x.status)}: ${x.code}`, n(x.accounts)])}
          />
        </section>
      </div>
    </>
  );
}
