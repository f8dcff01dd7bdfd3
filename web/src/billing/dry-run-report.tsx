import { formatCents, formatDate, titleCase } from '../format.ts';
import type { DryRunReport, StartBody } from './use-bill-runs.ts';

/** What a dry run would bill: nothing was written. */
export function DryRunResult(props: { readonly report: DryRunReport; readonly body: StartBody }) {
  const r = props.report;
  return (
    <section className="card" aria-labelledby="dry-run-heading">
      <h2 id="dry-run-heading">
        Dry run: cycle {props.body.cycle} as of {formatDate(props.body.asOf)}
      </h2>
      <p className="notice" role="status">
        Nothing was billed. A real run would bill {r.billed.toLocaleString('en-US')} of{' '}
        {r.accounts.toLocaleString('en-US')} accounts for {formatCents(r.totalCents)}; skip{' '}
        {r.skipped.toLocaleString('en-US')} and fail {r.failed.toLocaleString('en-US')}.
      </p>
      {r.exceptions.length > 0 ? (
        <table className="table" aria-label="Dry run exceptions by code">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col" className="num">
                Accounts
              </th>
            </tr>
          </thead>
          <tbody>
            {r.exceptions.map((x) => (
              <tr key={`${x.status}:${x.code}`}>
                <th scope="row">
                  {titleCase(x.status)}: {x.code}
                </th>
                <td className="num">{x.accounts.toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
