import { formatDate } from '../format.ts';
import type { AccountMeter } from '../reads/use-account-meters.ts';
import { ActionPanel } from './controls.tsx';
import type { MeterFormProps } from './meter-change-draft.ts';
import { OrderCloseForm } from './order-close-form.tsx';
import { ReReadForm } from './re-read-form.tsx';

type Order = AccountMeter['openOrders'][number];

const kindLabels: Readonly<Record<Order['kind'], string>> = {
  re_read: 'Re-read',
  field_visit: 'Field visit',
  leak_check: 'Leak check',
  hydrant_issue: 'Hydrant meter issue',
  hydrant_return: 'Hydrant meter return',
  turn_off: 'Turn-off',
  turn_on: 'Turn-on',
  move_read: 'Move read',
};

/** Why metering or billing asked for the order, in the desk's words. */
const reasonLabels: Readonly<Record<string, string>> = {
  held_read: 'a held read to check',
  estimate_limit: 'estimated twice in a row',
  high_bill: 'high-bill complaint',
  re_read: 'requested by an agent',
  leak_check: 'leak check requested',
};

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
              {` · ${reasonLabels[o.reason] ?? o.reason}`}
              {o.note ? <span className="muted"> — {o.note}</span> : null}
            </p>
            {props.canComplete ? (
              <div className="meter-actions">
                {o.kind === 're_read' ? (
                  <ActionPanel
                    label="Record re-read"
                    ariaLabel={`Record re-read for ${name}`}
                    title={`Re-read of meter ${m.meterNumber}`}
                    level={4}
                  >
                    {(done) => (
                      <ReReadForm
                        meter={m}
                        orderId={o.orderId}
                        done={done}
                        changed={props.changed}
                      />
                    )}
                  </ActionPanel>
                ) : (
                  <ActionPanel
                    label="Complete"
                    ariaLabel={`Complete ${name}`}
                    title={`Complete ${name}`}
                    level={4}
                  >
                    {(done) => (
                      <OrderCloseForm
                        orderId={o.orderId}
                        what={kind}
                        action="complete"
                        done={done}
                        changed={props.changed}
                      />
                    )}
                  </ActionPanel>
                )}
                <ActionPanel
                  label="Cancel order"
                  ariaLabel={`Cancel order ${o.orderId} (${kind.toLowerCase()})`}
                  title={`Cancel ${name}`}
                  level={4}
                >
                  {(done) => (
                    <OrderCloseForm
                      orderId={o.orderId}
                      what={kind}
                      action="cancel"
                      done={done}
                      changed={props.changed}
                    />
                  )}
                </ActionPanel>
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
