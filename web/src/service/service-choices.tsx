import { serviceLabels, type Service } from './service-api.ts';

/** A fieldset of service checkboxes. */
export function ServiceChoices(props: {
  readonly legend: string;
  readonly offered: readonly { readonly service: Service; readonly note?: string }[];
  readonly checked: readonly Service[];
  readonly onChange: (checked: Service[]) => void;
  readonly error?: string | undefined;
  readonly idPrefix: string;
}) {
  const toggle = (s: Service, on: boolean) => {
    const next = props.offered
      .map((o) => o.service)
      .filter((x) => (x === s ? on : props.checked.includes(x)));
    props.onChange(next);
  };
  const errorId = `${props.idPrefix}-error`;
  return (
    <fieldset
      className={`choices${props.error ? ' field-invalid' : ''}`}
      aria-describedby={props.error ? errorId : undefined}
    >
      <legend>{props.legend}</legend>
      {props.offered.map((o) => {
        const id = `${props.idPrefix}-${o.service}`;
        return (
          <div className="check" key={o.service}>
            <input
              id={id}
              type="checkbox"
              checked={props.checked.includes(o.service)}
              onChange={(e) => toggle(o.service, e.target.checked)}
            />
            <label htmlFor={id}>
              {serviceLabels[o.service]}
              {o.note ? <span className="muted"> — {o.note}</span> : null}
            </label>
          </div>
        );
      })}
      {props.error ? (
        <div id={errorId} className="field-error" role="alert">
          {props.error}
        </div>
      ) : null}
    </fieldset>
  );
}
