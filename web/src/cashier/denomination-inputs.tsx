import { useId } from 'react';
import type { Count } from './cashier-api.ts';
import { formatCents } from '../format.ts';

/** Denominations in cents and how a cashier names them. */
export const denominationLabels: readonly (readonly [string, string])[] = [
  ['10000', '$100 bills'],
  ['5000', '$50 bills'],
  ['2000', '$20 bills'],
  ['1000', '$10 bills'],
  ['500', '$5 bills'],
  ['100', '$1 bills and dollar coins'],
  ['25', 'Quarters'],
  ['10', 'Dimes'],
  ['5', 'Nickels'],
  ['1', 'Pennies'],
];

export function countTotal(count: Count): number {
  return Object.entries(count).reduce((s, [d, n]) => s + Number(d) * n, 0);
}

/** One labelled number input per denomination, with the running total. */
export function DenominationInputs(props: {
  readonly legend: string;
  readonly count: Count;
  readonly onChange: (c: Count) => void;
}) {
  const uid = useId();
  return (
    <fieldset className="denominations">
      <legend>{props.legend}</legend>
      <div className="denomination-grid">
        {denominationLabels.map(([denom, label]) => (
          <div key={denom} className="denomination">
            <label htmlFor={`${uid}-${denom}`}>{label}</label>
            <input
              id={`${uid}-${denom}`}
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              value={props.count[denom] ?? ''}
              onChange={(e) => {
                const n =
                  e.target.value === '' ? 0 : Math.max(0, Math.trunc(Number(e.target.value)));
                props.onChange({ ...props.count, [denom]: n });
              }}
            />
          </div>
        ))}
      </div>
      <p>
        Total counted: <strong>{formatCents(countTotal(props.count))}</strong>
      </p>
    </fieldset>
  );
}
