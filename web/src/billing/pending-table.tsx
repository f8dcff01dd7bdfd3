import { useState } from 'react';
import { Link } from 'wouter';
import { formatCents, formatDateTime, titleCase } from '../format.ts';
import { ScrollBox } from './scroll-box.tsx';
import type { PendingAdjustment } from './use-adjustments.ts';

type Decide = (id: number, verdict: 'approve' | 'deny', reason: string) => Promise<string | null>;

/** Approve, or deny with a reason, one pending adjustment. */
function Decision(props: { readonly a: PendingAdjustment; readonly decide: Decide }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = props.a.adjustmentId;
  if (!props.a.canDecide) return <span className="muted">Not yours to decide</span>;

  async function act(verdict: 'approve' | 'deny') {
    if (verdict === 'deny' && !reason.trim()) {
      setError('Give the reason for denying.');
      return;
    }
    setBusy(true);
    setError(await props.decide(id, verdict, reason.trim()));
    setBusy(false);
  }

  return (
    <div className="decision">
      <label htmlFor={`reason-${id}`} className="visually-hidden">
        Reason for adjustment {id}
      </label>
      <input
        id={`reason-${id}`}
        placeholder="Reason (required to deny)"
        value={reason}
        maxLength={500}
        onChange={(e) => setReason(e.target.value)}
      />
      <button type="button" disabled={busy} onClick={() => void act('approve')}>
        Approve<span className="visually-hidden"> adjustment {id}</span>
      </button>
      <button type="button" disabled={busy} onClick={() => void act('deny')}>
        Deny<span className="visually-hidden"> adjustment {id}</span>
      </button>
      {error ? (
        <div className="field-error" role="alert">
          Adjustment {id}: {error}
        </div>
      ) : null}
    </div>
  );
}

/** The adjustments waiting above their requesters' limits, oldest first. */
export function PendingTable(props: {
  readonly list: readonly PendingAdjustment[];
  readonly decide: Decide;
}) {
  if (props.list.length === 0) {
    return <p className="muted">No adjustments are waiting for approval.</p>;
  }
  return (
    <ScrollBox label="Pending adjustments (scrollable)">
      <table className="table" aria-label="Pending adjustments">
        <thead>
          <tr>
            <th scope="col">Requested</th>
            <th scope="col">Account / bill</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">Reason</th>
            <th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {props.list.map((a) => (
            <tr key={a.adjustmentId}>
              <td>
                {formatDateTime(a.requestedAt)}
                <br />
                <span className="muted">by {a.requestedBy}</span>
              </td>
              <td>
                <Link href={`/accounts/${a.accountId}`}>Account {a.accountId}</Link>
                {a.billId !== null ? (
                  <>
                    <br />
                    <Link href={`/bills/${a.billId}`}>Bill {a.billId}</Link>
                    {a.lineCode ? <span className="muted"> · {a.lineCode}</span> : null}
                  </>
                ) : null}
              </td>
              <td className="num">
                {titleCase(a.direction)} {formatCents(a.amountCents)}
              </td>
              <td>
                {titleCase(a.reasonCode)}
                <br />
                <span className="muted">{a.memo}</span>
              </td>
              <td>
                <Decision a={a} decide={props.decide} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
