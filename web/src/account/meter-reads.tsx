import { useState } from 'react';
import { api, apiError } from '../api/client.ts';
import { formatDate, titleCase } from '../format.ts';
import { units } from '../reads/units.ts';
import { readStatusLabel, type AccountMeter } from '../reads/use-account-meters.ts';
import { ActionPanel } from './controls.tsx';
import { MeterExchangeForm } from './meter-exchange-form.tsx';
import { ManualReadForm } from './manual-read-form.tsx';
import { MeterOrders } from './meter-orders.tsx';
import { MeterRemoveForm } from './meter-remove-form.tsx';

/**
 * One meter of the account: its state, its open field orders, its registers' recent reads,
 * and the actions the role allows (request a re-read; record it; exchange or remove it).
 */
export function MeterReads(props: {
  readonly meter: AccountMeter;
  /** Where the meter is, when the account has meters at several premises; else null. */
  readonly at: string | null;
  readonly canReRead: boolean;
  readonly canManage: boolean;
  readonly canCompleteOrders: boolean;
  readonly changed: (message: string | null) => Promise<void>;
}) {
  const m = props.meter;
  const installed = m.status === 'installed';
  const [problem, setProblem] = useState<string | null>(null);
  async function reRead() {
    setProblem(null);
    const { data, error, response } = await api.POST('/api/meters/{meterNumber}/re-read', {
      params: { path: { meterNumber: m.meterNumber } },
      body: { reason: 're_read' },
    });
    if (!data) return setProblem(apiError(error, response.status).message);
    // The list reloads so the new order shows under the meter, with its actions.
    await props.changed(
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
          {props.at ? `at ${props.at} · ` : ''}
          {m.size ? `${m.size}" · ` : ''}
          {installed
            ? `installed ${formatDate(m.installedOn)}`
            : `removed ${formatDate(m.removedOn)}`}
          {m.exchangedFor ? ` · exchanged for ${m.exchangedFor}` : ''}
        </span>
        {props.canReRead && installed ? (
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
      <MeterOrders meter={m} canComplete={props.canCompleteOrders} changed={props.changed} />
      {(props.canManage || props.canReRead) && installed ? (
        <div className="meter-actions">
          {props.canReRead ? (
            <ActionPanel
              label="Enter read"
              ariaLabel={`Enter read of meter ${m.meterNumber}`}
              title={`Enter a read of meter ${m.meterNumber}`}
              level={4}
            >
              {(done) => <ManualReadForm meter={m} done={done} changed={props.changed} />}
            </ActionPanel>
          ) : null}
          {props.canManage ? (
            <>
              <ActionPanel
                label="Exchange meter"
                ariaLabel={`Exchange meter ${m.meterNumber}`}
                title={`Exchange meter ${m.meterNumber}`}
                level={4}
              >
                {(done) => <MeterExchangeForm meter={m} done={done} changed={props.changed} />}
              </ActionPanel>
              <ActionPanel
                label="Remove meter"
                ariaLabel={`Remove meter ${m.meterNumber}`}
                title={`Remove meter ${m.meterNumber}`}
                level={4}
              >
                {(done) => <MeterRemoveForm meter={m} done={done} changed={props.changed} />}
              </ActionPanel>
            </>
          ) : null}
        </div>
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
