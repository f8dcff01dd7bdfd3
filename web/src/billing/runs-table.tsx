import { ScrollBox } from './scroll-box.tsx';
import { formatCents, formatDate, formatDateTime, titleCase } from '../format.ts';
import type { RunView } from './use-bill-runs.ts';

/** The recent runs, newest first; each can be opened to see its progress and results. */
export function RunsTable(props: {
  readonly runs: readonly RunView[];
  readonly selected: number | null;
  readonly onSelect: (runId: number) => void;
}) {
  if (props.runs.length === 0) {
    return <p className="muted">No bill runs yet. Start one above for a cycle and date.</p>;
  }
  return (
    <ScrollBox label={'Recent bill runs (scrollable)'}>
      <table className="table" aria-label="Recent bill runs">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Cycle</th>
            <th scope="col">As of</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Billed
            </th>
            <th scope="col" className="num">
              Skipped
            </th>
            <th scope="col" className="num">
              Failed
            </th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Started</th>
          </tr>
        </thead>
        <tbody>
          {props.runs.map((r) => (
            <tr key={r.runId} aria-current={r.runId === props.selected ? 'true' : undefined}>
              <td>
                <button
                  type="button"
                  className="link"
                  aria-label={`Show run ${r.runId}`}
                  onClick={() => props.onSelect(r.runId)}
                >
                  {r.runId}
                </button>
              </td>
              <td>{r.cycle}</td>
              <td>{formatDate(r.asOf)}</td>
              <td>
                <span className={`status status-run-${r.status}`}>{titleCase(r.status)}</span>
              </td>
              <td className="num">{r.billed.toLocaleString('en-US')}</td>
              <td className="num">{r.skipped.toLocaleString('en-US')}</td>
              <td className="num">{r.failed.toLocaleString('en-US')}</td>
              <td className="num">{formatCents(r.billedCents)}</td>
              <td>
                {formatDateTime(r.startedAt)} <span className="muted">by {r.startedBy}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
