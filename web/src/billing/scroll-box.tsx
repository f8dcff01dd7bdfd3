import type { ReactNode } from 'react';

/**
 * A wide table's horizontal scroller: focusable and named, so a keyboard user can scroll it
 * (axe scrollable-region-focusable) on a narrow window.
 */
export function ScrollBox(props: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={props.label} tabIndex={0}>
      {props.children}
    </div>
  );
}
