import { formatCents, titleCase } from '../format.ts';
import type { Estimate } from './use-estimate.ts';

const plurals: Readonly<Record<string, string>> = {
  gallon: 'gallons',
  therm: 'therms',
  month: 'months',
  day: 'days',
  bin: 'bins',
};

/**
 * One line's quantity with its unit ("1 month", "3,000 gallons"); a tax line's base, in
 * cents, reads as dollars.
 */
export function quantityText(quantity: number, unit: string): string {
  if (unit === 'cents') return formatCents(quantity);
  const n = quantity.toLocaleString('en-US', { maximumFractionDigits: 3 });
  if (unit === '' || unit === 'none') return n;
  return `${n} ${quantity === 1 ? unit : (plurals[unit] ?? unit)}`;
}

/** The estimate's lines, total, days and season. */
export function EstimateResult({ estimate }: { readonly estimate: Estimate }) {
  return (
    <>
      <p className="estimate-meta">
        {estimate.scheduleName} ({estimate.schedule}) · {estimate.days} days ·{' '}
        {titleCase(estimate.season)} season
      </p>
      <table className="table estimate-lines">
        <caption className="visually-hidden">Estimated bill lines</caption>
        <thead>
          <tr>
            <th scope="col">Description</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {estimate.lines.map((l, i) => (
            <tr key={`${l.code}-${i}`}>
              <td>{l.description}</td>
              <td className="num">{quantityText(l.quantity, l.unit)}</td>
              <td className="num">{formatCents(l.amountCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td className="num estimate-total-cell">{formatCents(estimate.totalCents)}</td>
          </tr>
        </tfoot>
      </table>
    </>
  );
}
