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

/** Reads of a metered service in the period. */
function Reads({ reads }: { readonly reads: NonNullable<BillService['reads']> }) {
  const v = (r: typeof reads.previous) =>
    r
      ? `${r.value.toLocaleString('en-US')} on ${formatDate(r.readDate)}${r.estimated ? ' (estimated)' : ''}`
      : '—';
  return (
    <p className="muted">
      Meter {reads.meterNumber}: previous {v(reads.previous)}, current {v(reads.current)}; usage{' '}
      {quantityText(reads.usage, reads.register)}
    </p>
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
      {s.reads ? <Reads reads={s.reads} /> : null}
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
