import { useRef, type KeyboardEvent, type ReactNode } from 'react';

/**
 * A search box with a list of results to pick from, keyboard first: Enter in the box picks
 * the first result, ArrowDown moves into the list, ArrowUp/Down move within it, Enter or Space
 * on a result picks it, Escape goes back to the box.
 */
export function PickList<T>(props: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly query: string;
  readonly onQuery: (q: string) => void;
  readonly items: readonly T[] | null;
  readonly status: string | null;
  readonly error?: string | undefined;
  readonly itemKey: (item: T) => string | number;
  readonly renderItem: (item: T) => ReactNode;
  readonly onPick: (item: T) => void;
  readonly placeholder?: string;
  readonly autoFocus?: boolean;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const focusItem = (i: number) => {
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button');
    if (!buttons || buttons.length === 0) return;
    buttons[Math.max(0, Math.min(i, buttons.length - 1))]?.focus();
  };
  const onInputKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const first = props.items?.[0];
    if (e.key === 'Enter') {
      e.preventDefault();
      if (first !== undefined) props.onPick(first);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusItem(0);
    }
  };
  const onItemKey = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      focusItem(i + 1);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (i === 0) inputRef.current?.focus();
      else focusItem(i - 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      inputRef.current?.focus();
    }
  };
  const describedBy = [props.hint ? `${props.id}-hint` : '', `${props.id}-status`]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={`pick${props.error ? ' field-invalid' : ''}`}>
      <div className="field">
        <label htmlFor={props.id}>{props.label}</label>
        <input
          id={props.id}
          ref={inputRef}
          type="search"
          autoComplete="off"
          value={props.query}
          placeholder={props.placeholder}
          maxLength={200}
          autoFocus={props.autoFocus}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? `${props.id}-error` : describedBy}
          aria-controls={props.items && props.items.length > 0 ? `${props.id}-results` : undefined}
          onChange={(e) => props.onQuery(e.target.value)}
          onKeyDown={onInputKey}
        />
        {props.hint ? (
          <div id={`${props.id}-hint`} className="field-hint">
            {props.hint}
          </div>
        ) : null}
        {props.error ? (
          <div id={`${props.id}-error`} className="field-error" role="alert">
            {props.error}
          </div>
        ) : null}
      </div>
      <div id={`${props.id}-status`} className="pick-status muted" aria-live="polite">
        {props.status}
      </div>
      {props.items && props.items.length > 0 ? (
        <ul id={`${props.id}-results`} className="pick-list" ref={listRef}>
          {props.items.map((item, i) => (
            <li key={props.itemKey(item)}>
              <button
                type="button"
                onClick={() => props.onPick(item)}
                onKeyDown={(e) => onItemKey(e, i)}
              >
                {props.renderItem(item)}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
