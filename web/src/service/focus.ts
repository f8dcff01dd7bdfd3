/** Moves the keyboard to the first input the form marks invalid (after a refused submit). */
export function focusFirstInvalid(): void {
  const el = document.querySelector<HTMLElement>('.service-form [aria-invalid="true"]');
  el?.focus();
  el?.scrollIntoView({ block: 'center' });
}

/** The live preview's heading (focusable), where the agent reads why a start is blocked. */
export function previewHeading(): HTMLElement | null {
  return document.getElementById('preview-heading');
}
