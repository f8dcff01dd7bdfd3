import { cents, formatCents } from '../../../core/money.ts';
import type { Language, Messages } from './messages.ts';

/** `$1,234.56` / `-$5.00` from integer cents (both languages: US dollars). */
export function money(amount: number): string {
  return formatCents(cents(amount));
}

/** A whole or decimal quantity with thousands separators (`6,000`, `12.5`). */
export function quantity(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** `Jan 31, 2026` / `31 ene 2026`. */
export function longDate(isoDate: string, m: Messages, language: Language): string {
  const [y, mo, d] = isoDate.split('-').map(Number) as [number, number, number];
  const month = m.months[mo - 1]!;
  return language === 'es' ? `${d} ${month} ${y}` : `${month} ${d}, ${y}`;
}

/** `Jan 1 – Jan 31, 2026`: the period's first and last day (the end is exclusive). */
export function periodText(
  start: string,
  endExclusive: string,
  m: Messages,
  language: Language,
): string {
  const last = new Date(`${endExclusive}T00:00:00Z`);
  last.setUTCDate(last.getUTCDate() - 1);
  const lastDay = last.toISOString().slice(0, 10);
  return `${longDate(start, m, language)} – ${longDate(lastDay, m, language)}`;
}

/** `Feb` of `2026-02` (the chart's axis). */
export function monthLabel(month: string, m: Messages): string {
  return m.months[Number(month.slice(5, 7)) - 1]!;
}

/** The scan line of the remittance stub: account digits and the amount due in cents. */
export function scanLine(accountNo: string, amountDueCents: number): string {
  const digits = accountNo.replace(/\D/g, '');
  return `${digits} ${String(Math.max(0, amountDueCents)).padStart(10, '0')}`;
}
