import { useId } from 'react';
import type { Role, RoleInfo } from './staff-types.ts';

/** The roles as labelled checkboxes in a fieldset; the error is tied to the group. */
export function RoleCheckboxes(props: {
  readonly legend: string;
  readonly roles: readonly RoleInfo[];
  readonly value: readonly Role[];
  readonly onChange: (next: Role[]) => void;
  readonly error?: string | undefined;
}) {
  const id = useId();
  const toggle = (role: Role, on: boolean) => {
    const next = on ? [...props.value, role] : props.value.filter((r) => r !== role);
    // Keep the server's order of roles, whatever the order of clicks.
    props.onChange(props.roles.map((r) => r.role).filter((r) => next.includes(r)));
  };
  return (
    <fieldset
      className={`roles-fieldset${props.error ? ' field-invalid' : ''}`}
      aria-describedby={props.error ? `${id}-error` : undefined}
    >
      <legend>{props.legend}</legend>
      <div className="role-options">
        {props.roles.map((r) => (
          <label key={r.role} className="check">
            <input
              type="checkbox"
              name="roles"
              value={r.role}
              checked={props.value.includes(r.role)}
              onChange={(e) => toggle(r.role, e.target.checked)}
            />
            <span>{r.label}</span>
          </label>
        ))}
      </div>
      {props.error ? (
        <div id={`${id}-error`} className="field-error" role="alert">
          {props.error}
        </div>
      ) : null}
    </fieldset>
  );
}

/** A checkbox with its label to the right (Active, must change password). */
export function CheckField(props: {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly name?: string;
}) {
  return (
    <label className="check">
      <input
        type="checkbox"
        name={props.name}
        checked={props.checked}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <span>{props.label}</span>
    </label>
  );
}
