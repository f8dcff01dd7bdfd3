import { useEffect, useState } from 'react';
import { CycleFilter, Field, SelectField } from '../components/field.tsx';
import { titleCase } from '../format.ts';
import { HeldReadsTable } from '../reads/held-reads-table.tsx';
import {
  holdReasons,
  useHeldReads,
  type Filters,
  type HoldReason,
} from '../reads/use-held-reads.ts';
import '../reads/reads.css';

/**
 * The held-read review queue (BIL-1): reads that validation held, oldest first, with the
 * premise, the account and the previous reads, and the reviewer's decisions in place.
 */
export function ReadReviewPage() {
  // A link may narrow the queue to one meter (`?meter=`, from a bill run's exceptions).
  const linked = (new URLSearchParams(window.location.search).get('meter') ?? '')
    .trim()
    .toUpperCase();
  const [filters, setFilters] = useState<Filters>({ reason: '', cycle: '', meter: linked });
  const [meter, setMeter] = useState(linked);
  const { reads, total, hasMore, error, reload, more } = useHeldReads(filters);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Read review · OpenCIS';
    return () => {
      document.title = 'OpenCIS';
    };
  }, []);

  async function done(message: string) {
    setNotice(message);
    await reload();
  }

  return (
    <section className="page" aria-labelledby="read-review-title">
      <h1 id="read-review-title">Read review</h1>
      <p className="muted">
        Reads that validation held (high, low, zero or backwards usage). Release a read that is
        right, reject one that is wrong, enter the corrected value, or send the crew to read the
        meter again.
      </p>
      <form
        className="reads-filters"
        aria-label="Filter held reads"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...filters, meter: meter.trim().toUpperCase() });
        }}
      >
        <SelectField
          label="Held because"
          value={filters.reason}
          onChange={(v) => setFilters({ ...filters, reason: v as HoldReason | '' })}
          options={[
            { value: '', label: 'Any reason' },
            ...holdReasons.map((r) => ({ value: r, label: titleCase(r) })),
          ]}
        />
        <CycleFilter value={filters.cycle} onChange={(v) => setFilters({ ...filters, cycle: v })} />
        <Field
          label="Meter number"
          value={meter}
          maxLength={30}
          onChange={(e) => setMeter(e.target.value)}
        />
        <button type="submit">Filter</button>
      </form>
      <div role="status" aria-live="polite">
        {notice ? <p className="notice">{notice}</p> : null}
      </div>
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : null}
      {reads === null ? (
        <p aria-live="polite">Loading held reads…</p>
      ) : reads.length === 0 ? (
        <p>
          No held reads
          {filters.reason || filters.cycle || filters.meter ? ' for these filters' : ''}. Reads that
          validation holds on import or entry appear here.
        </p>
      ) : (
        <>
          <p className="muted">
            {reads.length < total
              ? `Showing the oldest ${reads.length.toLocaleString()} of ${total.toLocaleString()} held reads.`
              : `${total.toLocaleString()} held read${total === 1 ? '' : 's'}, oldest first.`}
          </p>
          <HeldReadsTable reads={reads} onDone={done} />
          {hasMore ? (
            <button type="button" className="reads-more" onClick={() => void more()}>
              Show more ({(total - reads.length).toLocaleString()} left)
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
