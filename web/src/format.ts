/** Display helpers. Amounts arrive as integer cents and are only formatted here. */
export function formatCents(cents: number): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const dollars = Math.trunc(abs / 100).toLocaleString('en-US');
  return `${negative ? '-' : ''}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${m}/${d}/${y}`;
}

/**
 * A bill period as a customer reads it: its first and last day. Periods are stored half-open
 * `[start, end)` (the end is the closing read date, the next period's first day), so the last
 * day shown is the day before the end — as on the PDF bill.
 */
export function formatPeriod(start: string, endExclusive: string): string {
  const last = new Date(`${endExclusive.slice(0, 10)}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  return `${formatDate(start)} – ${formatDate(last.toISOString())}`;
}

/** A moment as the city's clock shows it (its time zone once known), whatever the browser's. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(cityTimeZone === null ? {} : { timeZone: cityTimeZone }),
  });
}

export function titleCase(snake: string): string {
  return snake.replaceAll('_', ' ').replace(/^\w/, (c) => c.toUpperCase());
}

/** The city's time zone once the session state has named it (session.tsx). */
let cityTimeZone: string | null = null;

export function setCityTimeZone(zone: string): void {
  cityTimeZone = zone;
}

/**
 * Today's calendar date as YYYY-MM-DD in the city's time zone (the server's business date:
 * drawers, deposits, reconciliation), or the browser's before the session state arrives. A
 * clerk's laptop in another zone, or past midnight UTC, must not see tomorrow's empty day.
 */
export function todayIso(): string {
  const d = new Date();
  if (cityTimeZone !== null) {
    // en-CA formats a date as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone: cityTimeZone }).format(d);
  }
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
