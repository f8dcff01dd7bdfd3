import { ActionPanel } from '../account/controls.tsx';
import type { MeterFormProps } from '../account/meter-change-draft.ts';
import { OrderCloseForm } from '../account/order-close-form.tsx';
import { ReReadForm } from '../account/re-read-form.tsx';
import { useAccountMeters, type AccountMeter } from '../reads/use-account-meters.ts';
import { kindLabels, type OrderKind } from './order-labels.ts';

type Props = Pick<MeterFormProps, 'changed'> & {
  readonly orderId: number;
  readonly kind: OrderKind;
  readonly meterNumber: string | null;
  /** The meter with its registers and reads, when the page has it (the account page). */
  readonly meter?: AccountMeter | undefined;
  /** Else the account to load it from (the work list); null when no account has the meter. */
  readonly accountId?: number | null | undefined;
  /** Heading level of the forms' titles: one below the order's heading. */
  readonly level: 3 | 4;
};

/** The orders that read a meter (the server's `readingKinds`). */
const readingKinds: readonly OrderKind[] = ['re_read', 'turn_on', 'turn_off', 'move_read'];

/**
 * The actions on one open field order (FLD): an order that reads a meter is recorded with its
 * reading (a re-read only so), others are completed with what the crew found, and any can be
 * cancelled with a reason.
 */
export function OrderActions(props: Props) {
  const kind = kindLabels[props.kind];
  const name = `${kind} order ${props.orderId}`;
  const { orderId, changed } = props;
  // A re-read is completed by its reading only; a turn-on, turn-off or move read by its
  // reading, or by what the crew found when there was none to take.
  const reRead = props.kind === 're_read';
  const readsMeter = readingKinds.includes(props.kind);
  return (
    <div className="meter-actions">
      {readsMeter && props.meterNumber !== null ? (
        <ActionPanel
          label={reRead ? 'Record re-read' : 'Record reading'}
          ariaLabel={`${reRead ? 'Record re-read' : 'Record reading'} for ${name}`}
          title={`${reRead ? 'Re-read' : 'Reading'} of meter ${props.meterNumber}`}
          level={props.level}
        >
          {(done) =>
            props.meter ? (
              <ReReadForm
                meter={props.meter}
                orderId={orderId}
                reRead={reRead}
                done={done}
                changed={changed}
              />
            ) : (
              <LoadedReReadForm
                accountId={props.accountId ?? null}
                meterNumber={props.meterNumber!}
                orderId={orderId}
                reRead={reRead}
                done={done}
                changed={changed}
              />
            )
          }
        </ActionPanel>
      ) : null}
      {reRead ? null : (
        <ActionPanel
          label="Complete"
          ariaLabel={`Complete ${name}`}
          title={`Complete ${name}`}
          level={props.level}
        >
          {(done) => (
            <OrderCloseForm
              orderId={orderId}
              what={kind}
              action="complete"
              done={done}
              changed={changed}
            />
          )}
        </ActionPanel>
      )}
      <ActionPanel
        label="Cancel order"
        ariaLabel={`Cancel order ${orderId} (${kind.toLowerCase()})`}
        title={`Cancel ${name}`}
        level={props.level}
      >
        {(done) => (
          <OrderCloseForm
            orderId={orderId}
            what={kind}
            action="cancel"
            done={done}
            changed={changed}
          />
        )}
      </ActionPanel>
    </div>
  );
}

/** The re-read form once the meter's registers are loaded from its account. */
function LoadedReReadForm(
  props: MeterFormProps & {
    readonly accountId: number | null;
    readonly meterNumber: string;
    readonly orderId: number;
    readonly reRead: boolean;
  },
) {
  if (props.accountId === null)
    return (
      <p className="muted">
        No account has meter {props.meterNumber}: record the read from the meter&apos;s premise.
      </p>
    );
  return <AccountMeterReReadForm {...props} accountId={props.accountId} />;
}

function AccountMeterReReadForm(
  props: MeterFormProps & {
    readonly accountId: number;
    readonly meterNumber: string;
    readonly orderId: number;
    readonly reRead: boolean;
  },
) {
  const { meters, error } = useAccountMeters(props.accountId);
  if (error)
    return (
      <p className="form-error" role="alert">
        {error}
      </p>
    );
  if (meters === null) return <p aria-live="polite">Loading the meter…</p>;
  const meter = meters.find((m) => m.meterNumber === props.meterNumber);
  if (!meter)
    return <p className="muted">Meter {props.meterNumber} is no longer on the account.</p>;
  return (
    <ReReadForm
      meter={meter}
      orderId={props.orderId}
      reRead={props.reRead}
      done={props.done}
      changed={props.changed}
    />
  );
}
