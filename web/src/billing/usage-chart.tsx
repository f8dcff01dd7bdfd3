import { useId } from 'react';
import { titleCase } from '../format.ts';

export type UsageMonth = { readonly month: string; readonly usage: number };

const unitWords: Readonly<Record<string, string>> = {
  gallon: 'gallons',
  kwh: 'kWh',
  therm: 'therms',
  kw: 'kW',
};

const monthNames = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** '2026-01' → 'Jan 2026'. */
export function monthLabel(month: string): string {
  const m = Number(month.slice(5, 7));
  return `${monthNames[m - 1] ?? month} ${month.slice(0, 4)}`;
}

const n = (x: number) => x.toLocaleString('en-US');

/** The chart's text summary: the range, the highest month and the latest month. */
export function usageSummary(service: string, unit: string, months: readonly UsageMonth[]) {
  const words = unitWords[unit] ?? unit;
  const first = months[0];
  const last = months[months.length - 1];
  if (!first || !last) return `${titleCase(service)}: no months.`;
  const range = `${monthLabel(first.month)} to ${monthLabel(last.month)}`;
  const top = months.reduce((a, b) => (b.usage > a.usage ? b : a), first);
  if (top.usage === 0) return `${titleCase(service)} usage, ${range}: no reads in these months.`;
  const total = months.reduce((s, m) => s + m.usage, 0);
  return (
    `${titleCase(service)} usage in ${words}, ${range}: total ${n(total)}; highest ` +
    `${n(top.usage)} in ${monthLabel(top.month)}; ${monthLabel(last.month)} ${n(last.usage)}.`
  );
}

const width = 520;
const height = 180;
const pad = { top: 12, right: 8, bottom: 28, left: 48 };

/** Bars of monthly usage (SVG), summarised in words, with the numbers as a table. */
export function UsageChart(props: {
  readonly service: string;
  readonly unit: string;
  readonly months: readonly UsageMonth[];
}) {
  const id = useId();
  const words = unitWords[props.unit] ?? props.unit;
  const max = Math.max(1, ...props.months.map((m) => m.usage));
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const slot = plotW / Math.max(1, props.months.length);
  const summary = usageSummary(props.service, props.unit, props.months);
  return (
    <figure className="usage-chart" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`}>
        <strong>{titleCase(props.service)}</strong>{' '}
        <span className="muted">({words} per month)</span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        <line
          className="axis"
          x1={pad.left}
          x2={width - pad.right}
          y1={pad.top + plotH}
          y2={pad.top + plotH}
        />
        <text x={pad.left - 4} y={pad.top + 8} textAnchor="end">
          {n(max)}
        </text>
        <text x={pad.left - 4} y={pad.top + plotH} textAnchor="end">
          0
        </text>
        {props.months.map((m, i) => {
          const h = (m.usage / max) * plotH;
          const x = pad.left + i * slot + slot * 0.15;
          return (
            <g key={m.month}>
              <rect className="bar" x={x} y={pad.top + plotH - h} width={slot * 0.7} height={h} />
              <text x={x + slot * 0.35} y={height - 10} textAnchor="middle">
                {monthLabel(m.month).slice(0, 3)}
              </text>
            </g>
          );
        })}
      </svg>
      <p className="muted">{summary}</p>
      <details>
        <summary>{titleCase(props.service)} usage as a table</summary>
        <table
          className="table acct-compact"
          aria-label={`${titleCase(props.service)} usage by month`}
        >
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="num">
                Usage ({words})
              </th>
            </tr>
          </thead>
          <tbody>
            {props.months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{monthLabel(m.month)}</th>
                <td className="num">{n(m.usage)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
