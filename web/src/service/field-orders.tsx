import { formatDate } from '../format.ts';
import type { StopResult } from './service-api.ts';

type FieldOrder = StopResult['fieldOrders'][number];

const kindLabels: Readonly<Record<string, string>> = {
  turn_on: 'Turn on',
  turn_off: 'Turn off',
  move_read: 'Read (service stays on)',
};

const serviceNames: Readonly<Record<string, string>> = {
  electric: 'electric',
  gas: 'gas',
  water: 'water',
};

/** The field orders a start, stop or transfer opened, as the agent tells the customer. */
export function FieldOrders(props: { readonly orders: readonly FieldOrder[] }) {
  if (props.orders.length === 0) return null;
  return (
    <>
      <h2>Field orders</h2>
      <ul className="result-list" aria-label="Field orders">
        {props.orders.map((o) => (
          <li key={o.orderId}>
            {kindLabels[o.kind] ?? o.kind} {serviceNames[o.service] ?? o.service}
            {o.meterNumber ? (
              <>
                {' '}
                meter <span className="mono">{o.meterNumber}</span>
              </>
            ) : null}
            {o.dueOn ? ` on ${formatDate(o.dueOn)}` : ''}{' '}
            <span className="muted">(order {o.orderId})</span>
          </li>
        ))}
      </ul>
    </>
  );
}
