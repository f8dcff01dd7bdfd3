import { formatDate, titleCase } from '../format.ts';
import type { CycleToBill } from './use-bill-runs.ts';

/**
 * What is left to bill: the recent cycle reads no completed run covers, oldest first. "Fill
 * in" puts a cycle and its read date into the start form; a running or failed run can be
 * opened from here.
 */
export function CyclesToBill(props: {
  readonly cycles: readonly CycleToBill[] | null;
  readonly onFill: (c: CycleToBill) => void;
  readonly onShowRun: (runId: number) => void;
}) {
  if (props.cycles === null) return <p className="muted">Loading…</p>;
  if (props.cycles.length === 0) {
    return (
      <p className="muted">
        Nothing waiting: every scheduled cycle read of the last 45 days has a completed run.
      </p>
    );
  }
  return (
    <table className="table" aria-label="Cycles to bill">
      <thead>
        <tr>
          <th scope="col">Cycle</th>
          <th scope="col">Read date</th>
          <th scope="col">Bill date</th>
          <th scope="col">State</th>
          <th scope="col">
            <span className="visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.cycles.map((c) => (
          <tr key={`${c.cycle}-${c.readDate}`}>
            <td>{c.cycle}</td>
            <td>{formatDate(c.readDate)}</td>
            <td>{formatDate(c.billDate)}</td>
            <td>
              <span className={`status status-due-${c.state}`}>
                {c.state === 'ready' ? 'Not billed' : titleCase(c.state)}
              </span>
              {c.lastRunId !== null ? (
                <>
                  {' '}
                  <button
                    type="button"
                    className="link"
                    aria-label={`Show run ${c.lastRunId}`}
                    onClick={() => props.onShowRun(c.lastRunId!)}
                  >
                    run {c.lastRunId}
                  </button>
                </>
              ) : null}
            </td>
            <td>
              {c.state === 'running' ? null : (
                <button
                  type="button"
                  aria-label={`Fill in cycle ${c.cycle} as of ${formatDate(c.readDate)}`}
                  onClick={() => props.onFill(c)}
                >
                  Fill in
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
