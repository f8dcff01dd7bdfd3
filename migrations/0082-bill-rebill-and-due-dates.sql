-- Billing (issue 4, BIL-6/BIL-7). A cancelled bill may be rebilled for the same period, so
-- "billed exactly once per period" becomes: at most one ISSUED bill per account and period
-- end (a partial unique index; ON CONFLICT must name it with `WHERE status = 'issued'`).
-- The due date is no longer always bill date + 21: Select Due Date moves it (due-date.ts).
ALTER TABLE bill DROP CONSTRAINT bill_account_id_period_end_key;
CREATE UNIQUE INDEX bill_one_issued_per_period ON bill (account_id, period_end)
  WHERE status = 'issued';
ALTER TABLE bill DROP CONSTRAINT bill_check1;
ALTER TABLE bill ADD CONSTRAINT bill_due_after_bill_date CHECK (due_date > bill_date);
