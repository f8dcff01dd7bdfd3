import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type TextareaHTMLAttributes,
} from 'react';

/** Label, hint and error around one control; the control gets `id` and `describedBy`. */
function FieldFrame(props: {
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const describedBy = props.error ? `${id}-error` : props.hint ? `${id}-hint` : undefined;
  return (
    <div className={`field${props.error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, describedBy)}
      {props.hint && !props.error ? (
        <div id={`${id}-hint`} className="field-hint">
          {props.hint}
        </div>
      ) : null}
      {props.error ? (
        <div id={`${id}-error`} className="field-error" role="alert">
          {props.error}
        </div>
      ) : null}
    </div>
  );
}

type FrameProps = {
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
};

/**
 * A labelled input with its error message tied to it (aria-describedby), shown as the user
 * types (client check) or after the server answers (field message from the API).
 */
export function Field(props: FrameProps & InputHTMLAttributes<HTMLInputElement>) {
  const { label, error, hint, ...input } = props;
  return (
    <FieldFrame label={label} error={error} hint={hint}>
      {(id, describedBy) => (
        <input
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...input}
        />
      )}
    </FieldFrame>
  );
}

/** A labelled textarea, like `<Field>`. */
export function TextArea(
  props: FrameProps & {
    readonly ref?: Ref<HTMLTextAreaElement>;
  } & TextareaHTMLAttributes<HTMLTextAreaElement>,
) {
  const { label, error, hint, ...area } = props;
  return (
    <FieldFrame label={label} error={error} hint={hint}>
      {(id, describedBy) => (
        <textarea
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...area}
        />
      )}
    </FieldFrame>
  );
}

export function SelectField(props: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly options: readonly { readonly value: string; readonly label: string }[];
  readonly error?: string | undefined;
  readonly name?: string;
}) {
  const id = useId();
  return (
    <div className={`field${props.error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error ? (
        <div id={`${id}-error`} className="field-error" role="alert">
          {props.error}
        </div>
      ) : null}
    </div>
  );
}

/** A form-level error banner for an API refusal that names no field. */
export function FormError({ message }: { readonly message: string | null | undefined }) {
  if (!message) return null;
  return (
    <div className="form-error" role="alert">
      {message}
    </div>
  );
}

const billingCycles = Array.from({ length: 16 }, (_, i) => String(i + 1));

/** A work queue's cycle filter: all cycles, or one of the 16 billing cycles. */
export function CycleFilter(props: {
  readonly value: string;
  readonly onChange: (cycle: string) => void;
}) {
  return (
    <SelectField
      label="Cycle"
      value={props.value}
      onChange={props.onChange}
      options={[
        { value: '', label: 'All cycles' },
        ...billingCycles.map((c) => ({ value: c, label: `Cycle ${c}` })),
      ]}
    />
  );
}
