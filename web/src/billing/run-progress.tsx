import { formatCents, formatDate, formatDateTime, titleCase } from '../format.ts';
import type { RunDetail } from './use-bill-runs.ts';

/** A run's live progress: a bar of accounts done out of the cycle's accounts, and counts. */
export function RunProgress({ run }: { readonly run: RunDetail }) {
  const max = Math.max(run.accounts, 1);
  const percent = Math.round((run.done / max) * 100);
  const running = run.status === 'running';
  return (
    <div className="run-progress">
      <p aria-live="polite" aria-atomic="true">
        Run {run.runId} · cycle {run.cycle} as of {formatDate(run.asOf)}:{' '}
        <strong className={`status status-run-${run.status}`}>{titleCase(run.status)}</strong>
        {running ? '' : ` · ${run.done.toLocaleString('en-US')} accounts`}
      </p>
      <div
        role="progressbar"
        aria-label={`Bill run ${run.runId} progress`}
        aria-valuemin={0}
        aria-valuemax={run.accounts}
        aria-valuenow={run.done}
        aria-valuetext={`${run.done} of ${run.accounts} accounts`}
        className="progress"
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      <dl className="run-counts">
        <div>
          <dt>Accounts</dt>
          <dd className="num">
            {run.done.toLocaleString('en-US')} of {run.accounts.toLocaleString('en-US')}
          </dd>
        </div>
        <div>
          <dt>Billed</dt>
          <dd className="num">{run.billed.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>Skipped</dt>
          <dd className="num">{run.skipped.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd className="num">{run.failed.toLocaleString('en-US')}</dd>
        </div>
        <div>
          <dt>Billed amount</dt>
          <dd className="num">{formatCents(run.billedCents)}</dd>
        </div>
      </dl>
      <p className="muted">
        Started {formatDateTime(run.startedAt)} by {run.startedBy}
        {run.finishedAt ? ` · finished ${formatDateTime(run.finishedAt)}` : ''}
      </p>
    </div>
  );
}
