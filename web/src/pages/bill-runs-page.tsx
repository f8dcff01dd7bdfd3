import { useCallback, useState } from 'react';
import { CyclesToBill } from '../billing/cycles-to-bill.tsx';
import { DryRunResult } from '../billing/dry-run-report.tsx';
import { ExceptionsTable } from '../billing/exceptions-table.tsx';
import { RegisterReport } from '../billing/register-report.tsx';
import { RunProgress } from '../billing/run-progress.tsx';
import { RunsTable } from '../billing/runs-table.tsx';
import { StartRunForm, type RunPreset } from '../billing/start-run-form.tsx';
import {
  startRun,
  useCyclesToBill,
  useRecentRuns,
  useRun,
  useRunResults,
  type DryRunReport,
  type StartBody,
} from '../billing/use-bill-runs.ts';
import { FormError } from '../components/field.tsx';
import '../billing/billing.css';

/**
 * Bill runs (BIL-4): start a cycle's run (or a dry run), watch its progress live, then read
 * its exceptions and its register. Runs continue in the server if the page is left.
 */
export function BillRunsPage() {
  const recent = useRecentRuns();
  const [picked, setPicked] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Readonly<Record<string, string>>>({});
  const [dry, setDry] = useState<{ report: DryRunReport; body: StartBody } | null>(null);
  const selected = picked ?? recent.runs[0]?.runId ?? null;
  const reload = recent.reload;
  const finished = useCallback(() => void reload(), [reload]);
  const { run, error: runError } = useRun(selected, finished);
  const done = run !== null && run.runId === selected && run.status !== 'running';
  const results = useRunResults(selected, done);
  const toBill = useCyclesToBill(recent.runs.map((r) => `${r.runId}:${r.status}`).join());
  const [preset, setPreset] = useState<RunPreset | null>(null);

  async function start(body: StartBody) {
    setBusy(true);
    setError(null);
    setFields({});
    const outcome = await startRun(body).finally(() => setBusy(false));
    if (outcome.kind === 'refused') {
      const f = outcome.error.fields ?? {};
      setFields(f);
      if (Object.keys(f).length === 0) setError(outcome.error.message);
      return;
    }
    if (outcome.kind === 'dry') {
      setDry({ report: outcome.report, body: outcome.body });
      return;
    }
    setDry(null);
    setPicked(outcome.runId);
    await reload();
  }

  return (
    <section className="page bill-runs">
      <h1>Bill runs</h1>
      <div className="bill-runs-top">
        <StartRunForm
          preset={preset}
          busy={busy}
          error={error}
          fieldErrors={fields}
          onStart={(b) => void start(b)}
        />
        <section className="card" aria-labelledby="run-heading">
          <h2 id="run-heading">{selected === null ? 'Run progress' : `Run ${selected}`}</h2>
          <FormError message={runError} />
          {run && run.runId === selected ? (
            <RunProgress run={run} />
          ) : (
            <p className="muted">Start a run to watch its progress here.</p>
          )}
        </section>
      </div>
      {dry ? <DryRunResult report={dry.report} body={dry.body} /> : null}
      <section className="card" aria-labelledby="to-bill-heading">
        <h2 id="to-bill-heading">Cycles to bill</h2>
        <FormError message={toBill.error} />
        <CyclesToBill
          cycles={toBill.cycles}
          onFill={(c) => setPreset({ cycle: c.cycle, asOf: c.readDate })}
          onShowRun={setPicked}
        />
      </section>
      <section className="card" aria-labelledby="recent-runs-heading">
        <h2 id="recent-runs-heading">Recent runs</h2>
        <FormError message={recent.error} />
        <RunsTable runs={recent.runs} selected={selected} onSelect={setPicked} />
      </section>
      {done && selected !== null ? (
        <>
          <section className="card" aria-labelledby="exceptions-heading">
            <h2 id="exceptions-heading">Exceptions of run {selected}</h2>
            <FormError message={results.error} />
            {results.exceptions ? (
              <ExceptionsTable key={selected} runId={selected} first={results.exceptions} />
            ) : (
              <p className="muted">Loading…</p>
            )}
          </section>
          <section className="card" aria-labelledby="register-heading">
            <h2 id="register-heading">Bill register of run {selected}</h2>
            {results.register ? (
              <RegisterReport register={results.register} />
            ) : (
              <p className="muted">Loading…</p>
            )}
          </section>
        </>
      ) : null}
    </section>
  );
}
