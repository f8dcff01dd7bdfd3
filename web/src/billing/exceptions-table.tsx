import { ScrollBox } from './scroll-box.tsx';
import { useState } from 'react';
import { Link } from 'wouter';
import { titleCase } from '../format.ts';
import { moreExceptions, type ExceptionsPage } from './use-bill-runs.ts';

/** A held read's exception links to the read-review queue, narrowed to its meter. */
function ReviewLink(props: { readonly code: string | null; readonly detail: string | null }) {
  const meter = props.code === 'held_read' ? /^meter (\S+) /.exec(props.detail ?? '')?.[1] : null;
  if (!meter) return null;
  return (
    <>
      {' · '}
      <Link href={`/reads/review?meter=${encodeURIComponent(meter)}`}>Review the read</Link>
    </>
  );
}

/** The accounts a run did not bill, with why; more pages on request. */
export function ExceptionsTable(props: { readonly runId: number; readonly first: ExceptionsPage }) {
  const [rows, setRows] = useState(props.first.exceptions);
  const [next, setNext] = useState(props.first.nextAfter);
  const [loading, setLoading] = useState(false);

  async function loadMore() {
    if (next === null) return;
    setLoading(true);
    const page = await moreExceptions(props.runId, next);
    setLoading(false);
    if (!page) return;
    setRows((r) => [...r, ...page.exceptions]);
    setNext(page.nextAfter);
  }

  if (rows.length === 0) {
    return <p className="muted">Every account of the run was billed.</p>;
  }
  return (
    <>
      <ScrollBox label={`Exceptions of run ${props.runId} (scrollable)`}>
        <table className="table" aria-label={`Exceptions of run ${props.runId}`}>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Status</th>
              <th scope="col">Code</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((x) => (
              <tr key={x.accountId}>
                <td>
                  <Link href={`/accounts/${x.accountId}`}>{x.accountNo}</Link>
                </td>
                <td>{titleCase(x.status)}</td>
                <td className="mono">{x.code}</td>
                <td>
                  {x.detail ?? '—'}
                  <ReviewLink code={x.code} detail={x.detail} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {next !== null ? (
        <button type="button" onClick={() => void loadMore()} disabled={loading}>
          {loading ? 'Loading…' : 'More exceptions'}
        </button>
      ) : null}
    </>
  );
}
