import { useCallback, useRef, useState } from 'react';
import { titleCase } from '../format.ts';
import { useAccountMeters, type ServiceWithoutMeter } from '../reads/use-account-meters.ts';
import { ActionPanel } from './controls.tsx';
import { MeterInstallForm } from './meter-install-form.tsx';
import { meterPlaces } from './meter-places.ts';
import { MeterReads } from './meter-reads.tsx';
import '../reads/reads.css';

type Props = {
  readonly accountId: number;
  /** reads.enter: request a re-read. */
  readonly canReRead: boolean;
  /** meters.manage: install, exchange and remove meters. */
  readonly canManage: boolean;
  /** orders.complete: record a re-read on its order, complete or cancel field orders. */
  readonly canCompleteOrders: boolean;
  /** Re-reads the account (a meter change moves its services and adds to its timeline). */
  readonly accountChanged: () => Promise<void>;
  /** The account's premises' addresses: a meter names its premise when there are several. */
  readonly addresses: ReadonlyMap<number, string>;
};

/**
 * Meters and reads (BIL-1): each meter on the account (and those exchanged away) with its
 * recent reads and their validation status and open field orders; a "Request re-read" action
 * for roles that may enter reads, install / exchange / remove for roles that manage meters,
 * and recording a re-read (or completing / cancelling an order) for roles that complete
 * orders. After a change the list reloads and a notice says what was done.
 */
export function MetersSection(props: Props) {
  const { meters, servicesWithoutMeter, error, reload } = useAccountMeters(props.accountId);
  const { accountChanged } = props;
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const changed = useCallback(
    async (message: string | null) => {
      await reload();
      if (!message) return;
      await accountChanged();
      setNotice(message);
      requestAnimationFrame(() => noticeRef.current?.focus());
    },
    [reload, accountChanged],
  );
  return (
    <section className="card" aria-labelledby="acct-meters">
      <h2 id="acct-meters">Meters and reads</h2>
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
      ) : meters === null ? (
        <p aria-live="polite">Loading meters…</p>
      ) : (
        <>
          {meters.length === 0 ? (
            <p className="muted">No meters on this account's services.</p>
          ) : null}
          {meters.map((m) => (
            <MeterReads
              key={m.meterNumber}
              meter={m}
              at={meterPlaces(meters, props.addresses).get(m.meterNumber) ?? null}
              canReRead={props.canReRead}
              canManage={props.canManage}
              canCompleteOrders={props.canCompleteOrders}
              changed={changed}
            />
          ))}
          {servicesWithoutMeter.map((s) => (
            <NoMeter
              key={`${s.premiseId}:${s.service}`}
              service={s}
              canManage={props.canManage}
              changed={changed}
            />
          ))}
        </>
      )}
    </section>
  );
}

/** A metered service with no meter yet, and the install action for roles that manage meters. */
function NoMeter(props: {
  readonly service: ServiceWithoutMeter;
  readonly canManage: boolean;
  readonly changed: (message: string | null) => Promise<void>;
}) {
  const s = props.service;
  const what = `${s.service} meter`;
  return (
    <div className="reads-meter">
      <div className="reads-meter-head">
        <h3>{titleCase(s.service)}: no meter installed</h3>
        <span className="muted reads-small">{s.address}</span>
      </div>
      {props.canManage ? (
        <ActionPanel
          label={`Install ${what}`}
          ariaLabel={`Install ${what} at ${s.address}`}
          title={`Install a ${what} at ${s.address}`}
          level={4}
        >
          {(done) => <MeterInstallForm target={s} done={done} changed={props.changed} />}
        </ActionPanel>
      ) : null}
    </div>
  );
}
