import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { CycleFilter, Field, SelectField } from '../components/field.tsx';
import { OrderActions } from '../field/order-actions.tsx';
import { kindLabels, orderKinds, reasonLabel, type OrderKind } from '../field/order-labels.ts';
import { useOrderQueue, type OrderFilters } from '../field/use-order-queue.ts';
import { formatDate, todayIso } from '../format.ts';
import '../reads/reads.css';

/**
 * The dispatcher's work list (FLD): open field orders oldest first — re-reads, leak checks,
 * turn-ons and offs — with the premise, the meter and the account, filtered by kind, cycle
 * and due date. A re-read is recorded right here with its reading; other orders are
 * completed with what the crew found, or cancelled.
 */
export function FieldOrdersPage() {
  const [filters, setFilters] = useState<OrderFilters>({ kind: '', cycle: '', dueBy: '' });
  const { orders, total, hasMore, error, reload, more } = useOrderQueue(filters);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    document.title = 'Field orders · OpenCIS';
    return () => {
      document.title = 'OpenCIS';
    };
  }, []);

  const changed = useCallback(
    async (message: string | null) => {
      await reload();
      if (!message) return;
      setNotice(message);
      requestAnimationFrame(() => noticeRef.current?.focus());
    },
    [reload],
  );
  const filtered = filters.kind || filters.cycle || filters.dueBy;

  return (
    <section className="page" aria-labelledby="field-orders-title">
      <h1 id="field-orders-title">Field orders</h1>
      <p className="muted">
        Open orders for the field crew, oldest first. Record a re-read with its reading — it
        confirms or corrects the read that was held — and complete or cancel the others.
      </p>
      <form
        className="reads-filters"
        aria-label="Filter field orders"
        onSubmit={(e) => e.preventDefault()}
      >
        <SelectField
          label="Kind"
          value={filters.kind}
          onChange={(v) => setFilters({ ...filters, kind: v as OrderKind | '' })}
          options={[
            { value: '', label: 'All kinds' },
            ...orderKinds.map((k) => ({ value: k, label: kindLabels[k] })),
          ]}
        />
        <CycleFilter value={filters.cycle} onChange={(v) => setFilters({ ...filters, cycle: v })} />
        <Field
          label="Due by"
          type="date"
          value={filters.dueBy}
          onChange={(e) => setFilters({ ...filters, dueBy: e.target.value })}
        />
        <button type="button" onClick={() => setFilters({ ...filters, dueBy: todayIso() })}>
          Due today or overdue
        </button>
      </form>
      <div role="status" aria-live="polite">
        {notice ? (
          <p className="notice" ref={noticeRef} tabIndex={-1}>
            {notice}
          </p>
        ) : null}
      </div>
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : null}
      {orders === null ? (
        <p aria-live="polite">Loading field orders…</p>
      ) : orders.length === 0 ? (
        <p>No open field orders{filtered ? ' for these filters' : ''}.</p>
      ) : (
        <>
          <p className="muted">
            {orders.length < total
              ? `Showing the oldest ${orders.length.toLocaleString()} of ${total.toLocaleString()} open orders.`
              : `${total.toLocaleString()} open order${total === 1 ? '' : 's'}, oldest first.`}
          </p>
          <ul className="field-orders" aria-label="Open field orders">
            {orders.map((o) => (
              <li key={o.id} className="field-order">
                <h2 className="field-order-head">
                  {kindLabels[o.kind]} order {o.id}
                  {o.meterNumber ? (
                    <>
                      {' · meter '}
                      <span className="mono">{o.meterNumber}</span>
                    </>
                  ) : null}
                </h2>
                <p className="field-order-line">
                  {o.address} · cycle {o.cycle}
                  {o.accountId !== null ? (
                    <>
                      {' · account '}
                      <Link href={`/accounts/${o.accountId}`}>{o.accountNo}</Link>
                    </>
                  ) : (
                    ' · no account (vacant)'
                  )}
                </p>
                <p className="field-order-line muted">
                  Opened {formatDate(o.createdAt.slice(0, 10))} by {o.createdBy}
                  {o.dueOn ? ` · due ${formatDate(o.dueOn)}` : ''} · {reasonLabel(o.reason)}
                  {o.note ? ` — ${o.note}` : ''}
                </p>
                <OrderActions
                  orderId={o.id}
                  kind={o.kind}
                  meterNumber={o.meterNumber}
                  accountId={o.accountId}
                  level={3}
                  changed={changed}
                />
              </li>
            ))}
          </ul>
          {hasMore ? (
            <button type="button" className="reads-more" onClick={() => void more()}>
              Show more ({(total - orders.length).toLocaleString()} left)
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
