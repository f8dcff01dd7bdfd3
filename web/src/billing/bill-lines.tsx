import { ScrollBox } from './scroll-box.tsx';
import { useId, useState } from 'react';
import { quantityText } from '../estimator/estimate-result.tsx';
import { formatCents, formatDate, titleCase } from '../format.ts';
import { blockText, priceText, unroundedText, type Explanation } from './explain.ts';
import type { BillLine, BillService } from './use-bill.ts';

/** One line, with its explanation shown on request. */
function LineRow({ line }: { readonly line: BillLine }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const e = line.explanation as Explanation;
  const facts: [string, string][] = [];
  const block = blockText(e);
  if (block) facts.push(['Block', block]);
  const price = priceText(e);
  if (price) facts.push(['Unit price', price]);
  if (e.proration) facts.push(['Proration', `${e.proration} of a month`]);
  facts.push(['Unrounded amount', unroundedText(e.unroundedMicros)]);
  facts.push(['Rounded amount', formatCents(line.amountCents)]);
  if (e.scheduleCode) facts.push(['Rate schedule', e.scheduleCode]);
  if (e.versionsEffectiveFrom?.length) {
    facts.push(['Rates effective', e.versionsEffectiveFrom.map((d) => formatDate(d)).join(', ')]);
  }
  return (
    <>
      <tr>
        <td>{line.description}</td>
        <td className="num">{quantityText(line.quantity, line.unit)}</td>
        <td className="num">{formatCents(line.amountCents)}</td>
        <td>
          <button
            type="button"
            className="link"
            aria-expanded={open}
            aria-controls={id}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? 'Hide' : 'Explain'}
            <span className="visually-hidden"> {line.description}</span>
          </button>
        </td>
      </tr>
      <tr id={id} hidden={!open}>
        <td colSpan={4}>
          {open ? (
            <div className="explain">
              <dl>
                {facts.map(([k, v]) => (
                  <div key={k} style={{ display: 'contents' }}>
                    <dt>{k}</dt>
                    <dd>{v}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ) : null}
        </td>
      </tr>
    </>
  );
}

type RegisterReads = NonNullable<BillService['reads']>;

/** One meter's reads in the period; a replaced (removed) meter's last read is its final read. */
function Reads({ reads, removed }: { readonly reads: RegisterReads; readonly removed: boolean }) {
  const v = (r: RegisterReads['previous']) =>
    r
      ? `${r.value.toLocaleString('en-US')} on ${formatDate(r.readDate)}${r.estimated ? ' (estimated)' : ''}`
      : '—';
  return (
    <p className="muted">
      Meter {reads.meterNumber}
      {removed ? ' (removed)' : ''}: previous {v(reads.previous)}, {removed ? 'final' : 'current'}{' '}
      {v(reads.current)}; usage {quantityText(reads.usage, reads.register)}
    </p>
  );
}

/**
 * A metered service's reads: the meters exchanged in the period first, then its own (left out
 * when it had no read yet: an old bill after a later exchange), then the total.
 */
function ServiceReads({ s }: { readonly s: BillService }) {
  const own = s.reads;
  const unread = own !== null && own.previous === null && own.current === null;
  const shown = own !== null && !(unread && s.replacedMeterReads.length > 0) ? own : null;
  const rows = [...s.replacedMeterReads, ...(shown ? [shown] : [])];
  if (rows.length === 0) return null;
  const total = rows.reduce((n, r) => n + r.usage, 0);
  return (
    <>
      {s.replacedMeterReads.map((r) => (
        <Reads key={r.meterNumber} reads={r} removed />
      ))}
      {shown ? <Reads reads={shown} removed={false} /> : null}
      {rows.length > 1 ? (
        <p className="muted">Total usage {quantityText(total, rows[0]!.register)}</p>
      ) : null}
    </>
  );
}

/** One service's section of the bill: its lines, taxes and meter reads. */
export function ServiceLines({ s }: { readonly s: BillService }) {
  const name = s.service === 'account' ? 'Account charges' : titleCase(s.service);
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {name}
        {s.rateSchedule ? <span className="muted"> · {s.rateSchedule}</span> : null}
      </h2>
      {s.serviceAddress ? <p className="muted">{s.serviceAddress}</p> : null}
      <ServiceReads s={s} />
      <ScrollBox label={`${name} lines (scrollable)`}>
        <table className="table" aria-label={`${name} lines`}>
          <thead>
            <tr>
              <th scope="col">Description</th>
              <th scope="col" className="num">
                Quantity
              </th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">
                <span className="visually-hidden">Explanation</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {s.lines.map((l) => (
              <LineRow key={l.lineNo} line={l} />
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {name} subtotal
              </th>
              <td className="num">{formatCents(s.subtotalCents)}</td>
              <td />
            </tr>
          </tfoot>
        </table>
      </ScrollBox>
    </section>
  );
}
