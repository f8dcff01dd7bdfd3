import { useState } from 'react';
import { api, apiError } from '../api/client.ts';
import { formatDate, titleCase } from '../format.ts';
import { units } from '../reads/units.ts';
import {
  readStatusLabel,
  useAccountMeters,
  type AccountMeter,
} from '../reads/use-account-meters.ts';
import '../reads/reads.css';

/**
 * Meters and reads (BIL-1): each meter on the account with its recent reads, their
 * validation status, and a "Request re-read" action for roles that may enter reads.
 */
export function MetersSection(props: { readonly accountId: number; readonly canReRead: boolean }) {
  const { meters, error } = useAccountMeters(props.accountId);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <section className="card" aria-labelledby="acct-meters">
      <h2 id="acct-meters">Meters and reads</h2>
      <div role="status" aria-live="polite">
        {notice ? <p className="notice">{notice}</p> : null}
      </div>
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : meters === null ? (
        <p aria-live="polite">Loading meters…</p>
      ) : meters.length === 0 ? (
        <p className="muted">No meters on this account's services.</p>
      ) : (
        meters.map((m) => (
          <MeterReads
            key={m.meterNumber}
            meter={m}
            canReRead={props.canReRead}
            onNotice={setNotice}
          />
        ))
      )}
    </section>
  );
}

function MeterReads(props: {
  readonly meter: AccountMeter;
  readonly canReRead: boolean;
  readonly onNotice: (message: string) => void;
}) {
  const m = props.meter;
  const [problem, setProblem] = useState<string | null>(null);
  async function reRead() {
    setProblem(null);
    const { data, error, response } = await api.POST('/api/meters/{meterNumber}/re-read', {
      params: { path: { meterNumber: m.meterNumber } },
      body: { reason: 're_read' },
    });
    if (!data) return setProblem(apiError(error, response.status).message);
    props.onNotice(
      data.created
        ? `Re-read requested for meter ${m.meterNumber} (order ${data.orderId}).`
        : `A re-read of meter ${m.meterNumber} is already open (order ${data.orderId}).`,
    );
  }
  return (
    <div className="reads-meter">
      <div className="reads-meter-head">
        <h3>
          {titleCase(m.service)} meter <span className="mono">{m.meterNumber}</span>
        </h3>
        <span className="muted reads-small">
          {m.size ? `${m.size}" · ` : ''}
          {m.status === 'installed'
            ? `installed ${formatDate(m.installedOn)}`
            : `removed ${formatDate(m.removedOn)}`}
        </span>
        {props.canReRead && m.status === 'installed' ? (
          <button
            type="button"
            aria-label={`Request re-read of meter ${m.meterNumber}`}
            onClick={() => void reRead()}
          >
            Request re-read
          </button>
        ) : null}
      </div>
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      {m.registers.map((reg) => (
        <div className="reads-scroll" key={reg.kind}>
          <table className="table" aria-label={`Reads of meter ${m.meterNumber}, ${reg.kind}`}>
            <thead>
              <tr>
                <th scope="col">Read date</th>
                <th scope="col" className="num">
                  Reading
                </th>
                <th scope="col" className="num">
                  Usage ({reg.kind})
                </th>
                <th scope="col">Source</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {reg.reads.map((r) => (
                <tr key={r.readId}>
                  <td>{formatDate(r.readDate)}</td>
                  <td className="num">{units(r.value)}</td>
                  <td className="num">{units(r.usage)}</td>
                  <td>
                    {titleCase(r.source)}
                    {r.kind !== 'regular' ? ` (${r.kind})` : ''}
                  </td>
                  <td>
                    <span className={`badge reads-status-${r.review ? 'reviewed' : r.status}`}>
                      {readStatusLabel(r)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
