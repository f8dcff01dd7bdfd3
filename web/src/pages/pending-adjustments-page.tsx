import { PendingTable } from '../billing/pending-table.tsx';
import { usePending } from '../billing/use-adjustments.ts';
import { FormError } from '../components/field.tsx';
import '../billing/billing.css';

/** Adjustments above their requesters' approval limits, for an approver to decide (BIL-6). */
export function PendingAdjustmentsPage() {
  const { list, error, decide } = usePending();
  return (
    <section className="page">
      <h1>Pending adjustments</h1>
      <FormError message={error} />
      <section className="card" aria-labelledby="pending-heading">
        <h2 id="pending-heading">Waiting for approval</h2>
        {list === null && !error ? <p className="muted">Loading…</p> : null}
        {list ? <PendingTable list={list} decide={decide} /> : null}
      </section>
    </section>
  );
}
