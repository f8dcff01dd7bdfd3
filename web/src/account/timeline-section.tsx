import { useRef } from 'react';
import { formatDateTime, titleCase } from '../format.ts';
import type { TimelineEvent } from './types.ts';

type Props = {
  readonly events: readonly TimelineEvent[];
  readonly nextBefore: string | null;
  readonly loadingMore: boolean;
  readonly error: string | null;
  readonly loadMore: () => Promise<void>;
};

/** The account's history, newest first; "Load more" appends older events. */
export function TimelineSection(props: Props) {
  const listRef = useRef<HTMLOListElement>(null);
  async function more() {
    const before = props.events.length;
    await props.loadMore();
    // Move focus to the first newly loaded event so keyboard users continue from there.
    requestAnimationFrame(() => {
      const item = listRef.current?.children[before] as HTMLElement | undefined;
      item?.focus();
    });
  }
  return (
    <section className="card acct-wide" aria-labelledby="acct-timeline">
      <h2 id="acct-timeline">Timeline</h2>
      {props.error ? (
        <div className="form-error" role="alert">
          {props.error}
        </div>
      ) : null}
      {props.events.length === 0 && !props.error ? (
        <p className="muted">Nothing has happened on this account yet.</p>
      ) : (
        <ol className="acct-timeline" ref={listRef}>
          {props.events.map((e) => (
            <li key={`${e.source}-${e.id}`} tabIndex={-1}>
              <time dateTime={e.at} className="acct-time">
                {formatDateTime(e.at)}
              </time>
              <span className="acct-kind">{titleCase(e.kind)}</span>
              <span className="acct-summary">{e.summary}</span>
              <span className="muted acct-actor">{e.actorName}</span>
            </li>
          ))}
        </ol>
      )}
      {props.nextBefore !== null ? (
        <button type="button" disabled={props.loadingMore} onClick={() => void more()}>
          {props.loadingMore ? 'Loading…' : 'Load more'}
        </button>
      ) : props.events.length > 0 ? (
        <p className="muted acct-small">That is the whole history.</p>
      ) : null}
    </section>
  );
}
