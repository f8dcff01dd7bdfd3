import { formatDate } from '../format.ts';
import type { AccountMeter } from '../reads/use-account-meters.ts';
import { OrderActions } from '../field/order-actions.tsx';
import { kindLabels, reasonLabel } from '../field/order-labels.ts';
import type { MeterFormProps } from './meter-change-draft.ts';

/**
 * A meter's open field orders (FLD, BIL-1) and, for roles that complete orders, their
 * actions: a re-read is recorded with its reading; other orders are completed with what the
 * crew found; any order can be cancelled with a reason.
 */
export function MeterOrders(
  props: Pick<MeterFormProps, 'changed'> & {
    readonly meter: AccountMeter;
    readonly canComplete: boolean;
  },
) {
  const m = props.meter;
  if (m.openOrders.length === 0) return null;
  return (
    <ul className="meter-orders" aria-label={`Open field orders for meter ${m.meterNumber}`}>
      {m.openOrders.map((o) => {
        const kind = kindLabels[o.kind];
        const name = `${kind} order ${o.orderId}`;
        return (
          <li key={o.orderId}>
            <p className="meter-order-line">
              <strong>{name}</strong>
              {` · opened ${formatDate(o.openedOn)}`}
              {o.dueOn ? ` · due ${formatDate(o.dueOn)}` : ''}
              {` · ${reasonLabel(o.reason)}`}
              {o.note ? <span className="muted"> — {o.note}</span> : null}
            </p>
            {props.canComplete ? (
              <OrderActions
                orderId={o.orderId}
                kind={o.kind}
                meterNumber={m.meterNumber}
                meter={m}
                level={4}
                changed={props.changed}
              />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
