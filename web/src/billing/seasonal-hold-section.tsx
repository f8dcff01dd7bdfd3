import { useState, type FormEvent } from 'react';
import { formatCents, formatDate, titleCase, todayIso } from '../format.ts';
import { useSeasonalHolds, type NewHold, type SeasonalHolds } from './use-seasonal-holds.ts';

type Hold = SeasonalHolds['holds'][number];
type HoldService = NewHold['services'][number];

/**
 * Seasonal hold (BIL-9 furlough) on the account page: the holds with their phase, a form to
 * place one (dates, services, the trip fee), cancel one that has not started, and "back
 * early" for one under way — for roles that change accounts.
 */
export function SeasonalHoldSection(props: {
  readonly accountId: number;
  readonly canWrite: boolean;
  /** Called after a change, so the balance (trip fee) and the timeline reload. */
  readonly changed?: () => void;
}) {
  const { data, error, place, cancel, endEarly } = useSeasonalHolds(props.accountId);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Runs an action; true when it was done (false: the refusal is shown). */
  async function run(action: () => Promise<string | null>, done: string): Promise<boolean> {
    setProblem(null);
    setNotice(null);
    const refused = await action();
    if (refused) setProblem(refused);
    else {
      setNotice(done);
      props.changed?.();
    }
    return refused === null;
  }
  return (
    <section className="card" aria-labelledby="acct-hold">
      <h2 id="acct-hold">Seasonal hold</h2>
      <div role="status" aria-live="polite">
        {notice ? <p className="notice">{notice}</p> : null}
      </div>
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : data === null ? (
        <p aria-live="polite">Loading seasonal holds…</p>
      ) : (
        <>
          <p className="muted">
            Electric and gas (and water if asked) are turned off and locked; the account stays open.
            Water, wastewater and solid-waste service charges continue.
          </p>
          <HoldTable
            holds={data.holds}
            canWrite={props.canWrite}
            onCancel={(id) =>
              void run(() => cancel(id), 'Seasonal hold cancelled; the fee was reversed.')
            }
            onEnd={(id, on) =>
              void run(() => endEarly(id, on), `Service goes back on ${formatDate(on)}.`)
            }
          />
          {props.canWrite && data.services.length > 0 ? (
            <PlaceForm
              data={data}
              onPlace={(body) =>
                run(() => place(body), 'Seasonal hold placed; field orders created.')
              }
            />
          ) : null}
        </>
      )}
    </section>
  );
}

function HoldTable(props: {
  holds: SeasonalHolds['holds'];
  canWrite: boolean;
  onCancel: (holdId: number) => void;
  onEnd: (holdId: number, on: string) => void;
}) {
  if (props.holds.length === 0) return <p>No seasonal hold.</p>;
  return (
    <table className="table" aria-label="Seasonal holds">
      <thead>
        <tr>
          <th scope="col">Off</th>
          <th scope="col">Back on</th>
          <th scope="col">Services</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.holds.map((h) => (
          <tr key={h.holdId}>
            <td>{formatDate(h.from)}</td>
            <td>{formatDate(nextDay(h.through))}</td>
            <td>{h.services.map(titleCase).join(', ')}</td>
            <td>{titleCase(h.phase)}</td>
            <td>{props.canWrite ? <HoldActions hold={h} {...props} /> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function HoldActions(props: {
  hold: Hold;
  onCancel: (holdId: number) => void;
  onEnd: (holdId: number, on: string) => void;
}) {
  const [on, setOn] = useState(todayIso());
  const h = props.hold;
  if (h.phase === 'scheduled') {
    return (
      <button type="button" onClick={() => props.onCancel(h.holdId)}>
        Cancel hold
      </button>
    );
  }
  if (h.phase !== 'active') return null;
  return (
    <form
      className="bb-hold"
      aria-label={`Back early from the hold of ${formatDate(h.from)}`}
      onSubmit={(e) => {
        e.preventDefault();
        props.onEnd(h.holdId, on);
      }}
    >
      <label>
        Back on <input type="date" value={on} onChange={(e) => setOn(e.target.value)} required />
      </label>{' '}
      <button type="submit">Back early</button>
    </form>
  );
}

function PlaceForm(props: { data: SeasonalHolds; onPlace: (body: NewHold) => Promise<boolean> }) {
  const { data } = props;
  const [from, setFrom] = useState('');
  const [through, setThrough] = useState('');
  // Electric and gas are turned off by default; water only when asked (or when it is all the
  // account has).
  const energy = data.services.filter((s) => s !== 'water');
  const [services, setServices] = useState<HoldService[]>(
    energy.length > 0 ? energy : [...data.services],
  );
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const fee = data.feePerServiceCents === null ? null : data.feePerServiceCents * services.length;
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const done = await props.onPlace({
      from,
      through,
      services,
      ...(reason.trim() ? { reason } : {}),
    });
    setBusy(false);
    if (done) {
      setFrom('');
      setThrough('');
      setReason('');
    }
  }
  function toggle(s: HoldService, on: boolean) {
    setServices((cur) => (on ? [...cur, s] : cur.filter((x) => x !== s)));
  }
  return (
    <form onSubmit={(e) => void submit(e)} aria-label="Place a seasonal hold">
      <h3>Place a seasonal hold</h3>
      <div className="bb-hold">
        <label>
          Turn off on{' '}
          <input
            type="date"
            value={from}
            min={todayIso()}
            onChange={(e) => setFrom(e.target.value)}
            required
          />
        </label>{' '}
        <label>
          Last day off{' '}
          <input
            type="date"
            value={through}
            min={from || todayIso()}
            onChange={(e) => setThrough(e.target.value)}
            required
          />
        </label>
      </div>
      <p className="muted">
        {data.monthsMin} to {data.monthsMax} months, starting within {data.leadDaysMax} days.
      </p>
      <fieldset className="bb-actions">
        <legend>Services to turn off</legend>
        {data.services.map((s) => (
          <label key={s}>
            <input
              type="checkbox"
              checked={services.includes(s)}
              onChange={(e) => toggle(s, e.target.checked)}
            />{' '}
            {titleCase(s)}
          </label>
        ))}
      </fieldset>
      <div className="bb-hold">
        <label>
          Note <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </label>
        <p>
          Trip fee:{' '}
          {fee === null
            ? 'not configured'
            : `${formatCents(fee)} (${services.length} × ${formatCents(data.feePerServiceCents ?? 0)})`}
        </p>
        <button type="submit" disabled={busy || services.length === 0}>
          Place seasonal hold
        </button>
      </div>
    </form>
  );
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
