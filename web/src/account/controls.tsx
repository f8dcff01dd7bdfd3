import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/** A labelled checkbox. */
export function Checkbox(props: {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly hint?: string;
}) {
  const id = useId();
  return (
    <div className="acct-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {props.hint}
        </span>
      ) : null}
    </div>
  );
}

/**
 * An in-place action: a toggle button opens a small form under it. Opening moves focus to
 * the form's first field; cancelling or finishing returns focus to the button, and a
 * finished action leaves a success notice (a polite live region).
 */
export function ActionPanel(props: {
  readonly label: string;
  /** The button's name for assistive technology when the label needs context (contains it). */
  readonly ariaLabel?: string;
  readonly title: string;
  /** Heading level of the form's title: one below the heading it sits under. */
  readonly level?: 3 | 4;
  readonly onOpen?: () => void;
  readonly children: (done: (message: string | null) => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const first = panelRef.current?.querySelector<HTMLElement>(
      'input:not([type=hidden]), select, textarea, button',
    );
    first?.focus();
  }, [open]);

  function done(message: string | null) {
    setOpen(false);
    setNotice(message);
    requestAnimationFrame(() => buttonRef.current?.focus());
  }

  return (
    <div className="acct-action">
      <button
        ref={buttonRef}
        type="button"
        aria-label={props.ariaLabel}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => {
          setNotice(null);
          if (!open) props.onOpen?.();
          setOpen((o) => !o);
        }}
      >
        {props.label}
      </button>
      <div role="status" aria-live="polite" className="acct-live">
        {notice ? <p className="notice">{notice}</p> : null}
      </div>
      {open ? (
        <div
          ref={panelRef}
          id={panelId}
          className="acct-panel"
          role="group"
          aria-label={props.title}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              done(null);
            }
          }}
        >
          {props.level === 4 ? <h4>{props.title}</h4> : <h3>{props.title}</h3>}
          {props.children(done)}
        </div>
      ) : null}
    </div>
  );
}

/** Submit + Cancel row of an action form. */
export function FormButtons(props: {
  readonly submit: string;
  readonly busy: boolean;
  readonly onCancel?: () => void;
  readonly danger?: boolean;
  /** The close button's words when "Cancel" would be ambiguous (cancelling an order). */
  readonly cancelLabel?: string;
}) {
  return (
    <div className="acct-buttons">
      <button type="submit" className={props.danger ? 'danger' : 'primary'} disabled={props.busy}>
        {props.busy ? 'Saving…' : props.submit}
      </button>
      {props.onCancel ? (
        <button type="button" onClick={props.onCancel}>
          {props.cancelLabel ?? 'Cancel'}
        </button>
      ) : null}
    </div>
  );
}
