import { Link } from 'wouter';
import { formatDate, titleCase } from '../format.ts';
import { activeAt, premiseAddress, serviceLabels, type PremiseView } from './service-api.ts';

/** The picked premise: address, type, territories and who has service there now. */
export function PremiseCard(props: {
  readonly premise: PremiseView;
  readonly onChange: () => void;
  readonly changeLabel?: string;
}) {
  const p = props.premise;
  const active = activeAt(p);
  const territories = [p.electricTerritory ? 'electric' : '', p.gasTerritory ? 'gas' : '']
    .filter(Boolean)
    .join(' and ');
  return (
    <div className="picked">
      <div className="picked-head">
        <div>
          <strong>{premiseAddress(p)}</strong> <span className="muted">{p.zip}</span>
          <div className="muted">
            Premise {p.premiseNo} · {titleCase(p.premiseType)} ·{' '}
            {territories ? `in the city ${territories} area` : 'no city electric or gas here'}
          </div>
        </div>
        <span className={p.vacant ? 'tag tag-vacant' : 'tag tag-occupied'}>
          {p.vacant ? 'Vacant' : 'Occupied'}
        </span>
        <button type="button" className="link" onClick={props.onChange}>
          {props.changeLabel ?? 'Change address'}
        </button>
      </div>
      {active.length > 0 ? (
        <div className="picked-active">
          <span>Active here now:</span>
          <ul>
            {active.map((a) => (
              <li key={a.agreementId}>
                {serviceLabels[a.service]} — {a.customerName} (
                <Link href={`/accounts/${a.accountId}`}>{a.accountNo}</Link>) since{' '}
                {formatDate(a.startDate)}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted picked-active">No service is active here.</p>
      )}
    </div>
  );
}
