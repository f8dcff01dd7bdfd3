import type { ApiError } from '../api/client.ts';
import { formatCents, titleCase } from '../format.ts';
import { friendlyMessage } from './friendly.ts';
import type { StartPreview } from './service-api.ts';

export type FraudChoices = {
  readonly overrideReason: string;
  readonly acceptDeposit: boolean;
};

/**
 * The live preview of a start: each fee and the total, deposits, and the fraud signals with
 * what the agent can do about each (override with a reason, accept the deposit).
 */
export function PreviewPanel(props: {
  readonly heading: string;
  readonly preview: StartPreview | null;
  readonly pending: boolean;
  readonly error: ApiError | null;
  readonly missing: string | null;
  readonly canOverride: boolean;
  readonly choices: FraudChoices;
  readonly onChoices: (c: FraudChoices) => void;
  readonly overrideError?: string | undefined;
  readonly depositError?: string | undefined;
}) {
  const p = props.preview;
  return (
    <section className="card preview" aria-labelledby="preview-heading" aria-busy={props.pending}>
      <h2 id="preview-heading" tabIndex={-1}>
        {props.heading}
      </h2>
      <div aria-live="polite" className="muted preview-state">
        {props.missing ?? (props.pending ? 'Updating…' : '')}
      </div>
      {props.error ? (
        <div className="warning" role="alert">
          {friendlyMessage(props.error)}
        </div>
      ) : null}
      {p && !props.missing ? (
        <>
          <p className="muted">
            {p.opensAccount ? `Opens a new ${p.accountClass} account. ` : ''}
            {p.agreements.map((a) => `${titleCase(a.service)} ${a.rateSchedule}`).join(' · ')}
          </p>
          <table className="table fees">
            <caption className="visually-hidden">Fees posted at the start</caption>
            <thead>
              <tr>
                <th scope="col">Fee</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {p.fees.length === 0 ? (
                <tr>
                  <td colSpan={2} className="muted">
                    No fees
                  </td>
                </tr>
              ) : null}
              {p.fees.map((f, i) => (
                <tr key={`${f.code}-${i}`}>
                  <td>{f.description}</td>
                  <td className="num">{formatCents(f.amountCents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total fees</th>
                <td className="num total">{formatCents(p.totalFeesCents)}</td>
              </tr>
            </tfoot>
          </table>
          {p.supersededAgreementIds.length > 0 ? (
            <p className="muted">
              Takes over {p.supersededAgreementIds.length} service(s) from the landlord’s
              continuous-service account the day before.
            </p>
          ) : null}
          <FraudSection {...props} preview={p} />
        </>
      ) : null}
    </section>
  );
}

function FraudSection(props: Parameters<typeof PreviewPanel>[0] & { preview: StartPreview }) {
  const p = props.preview;
  const kinds = p.fraudSignals.map((s) => s.kind);
  const acting = kinds.includes('owes_prior_balance') || kinds.includes('duplicate_identity');
  const depositTotal = p.depositRequirements.reduce((n, d) => n + d.amountCents, 0);
  const set = (c: Partial<FraudChoices>) => props.onChoices({ ...props.choices, ...c });
  return (
    <>
      {p.fraudSignals.length > 0 ? (
        <div className="signals">
          <h3>Checks</h3>
          <ul>
            {p.fraudSignals.map((s, i) => (
              <li key={i} className={`signal signal-${s.kind}`}>
                {signalText(s, props.canOverride)}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="ok-line">No fraud signals.</p>
      )}
      {p.blocked ? (
        <div className="form-error" role="alert">
          Blocked: {p.blockReason}.
        </div>
      ) : null}
      {acting && props.canOverride ? (
        <div className={`field${props.overrideError ? ' field-invalid' : ''}`}>
          <label htmlFor="fraud-override">Override reason (passes the block and deposit)</label>
          <textarea
            id="fraud-override"
            rows={2}
            maxLength={500}
            value={props.choices.overrideReason}
            aria-invalid={props.overrideError ? true : undefined}
            aria-describedby={props.overrideError ? 'fraud-override-error' : undefined}
            onChange={(e) => set({ overrideReason: e.target.value })}
          />
          {props.overrideError ? (
            <div id="fraud-override-error" className="field-error" role="alert">
              {props.overrideError}
            </div>
          ) : null}
        </div>
      ) : null}
      {p.depositRequirements.length > 0 ? (
        <div className={`check deposit${props.depositError ? ' field-invalid' : ''}`}>
          <input
            id="accept-deposit"
            type="checkbox"
            checked={props.choices.acceptDeposit}
            aria-invalid={props.depositError ? true : undefined}
            aria-describedby={props.depositError ? 'accept-deposit-error' : 'deposit-why'}
            onChange={(e) => set({ acceptDeposit: e.target.checked })}
          />
          <label htmlFor="accept-deposit">
            Customer accepts the deposit of {formatCents(depositTotal)}
          </label>
          <div id="deposit-why" className="field-hint">
            {p.depositRequirements
              .map((d) => `${formatCents(d.amountCents)} — ${titleCase(d.reason)}`)
              .join('; ')}
            .
          </div>
          {props.depositError ? (
            <div id="accept-deposit-error" className="field-error" role="alert">
              {props.depositError}
            </div>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

function signalText(s: StartPreview['fraudSignals'][number], canOverride: boolean): string {
  const accounts = (s.accountNos ?? []).join(', ');
  switch (s.kind) {
    case 'owes_prior_balance':
      return (
        `Owes ${formatCents(s.amountCents ?? 0)} on closed account ${accounts}: the start is ` +
        (canOverride
          ? 'blocked. Collect the balance, or enter an override reason below.'
          : 'blocked. Collect the balance first, or ask a CSR II or supervisor to override.')
      );
    case 'duplicate_identity':
      return (
        `The same identity holds active account ${accounts}: a deposit is required` +
        (canOverride ? ' (or override with a reason below).' : '.')
      );
    case 'identity_not_verified':
      return 'Identity not verified — record an ID check (recommended, not required).';
    default:
      return titleCase(s.kind);
  }
}
