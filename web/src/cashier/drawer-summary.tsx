import { formatCents } from '../format.ts';
import type { Drawer } from './cashier-api.ts';

const tenders = ['cash', 'check', 'card'] as const;
const tenderLabel = { cash: 'Cash', check: 'Checks', card: 'Cards' };

/** Receipts by tender; after close, expected vs counted and the over/short. */
export function DrawerSummary(props: { readonly drawer: Drawer }) {
  const d = props.drawer;
  const os = d.overShortCents;
  return (
    <section className="card" aria-labelledby="drawer-heading">
      <h2 id="drawer-heading">
        Drawer {d.drawerId} — {d.status}
      </h2>
      <p>
        Business date {d.businessDate} · float {formatCents(d.floatCents)} · dropped to safe{' '}
        {formatCents(d.dropsCents)}
      </p>
      <table className="table" aria-label={`Drawer ${d.drawerId} by tender`}>
        <thead>
          <tr>
            <th scope="col">Tender</th>
            <th scope="col" className="num">
              Receipts
            </th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col" className="num">
              Expected
            </th>
            <th scope="col" className="num">
              Counted
            </th>
          </tr>
        </thead>
        <tbody>
          {tenders.map((t) => (
            <tr key={t}>
              <th scope="row">{tenderLabel[t]}</th>
              <td className="num">{d.receipts[t].count}</td>
              <td className="num">{formatCents(d.receipts[t].cents)}</td>
              <td className="num">{d.expected ? formatCents(d.expected[t]) : '—'}</td>
              <td className="num">{d.counted ? formatCents(d.counted[t]) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {os === null ? null : (
        <p className={os === 0 ? 'notice' : 'warning'}>
          {os === 0
            ? 'Balanced: no over or short.'
            : `${os > 0 ? 'Over' : 'Short'} ${formatCents(Math.abs(os))} (posted to over/short).`}
        </p>
      )}
    </section>
  );
}
