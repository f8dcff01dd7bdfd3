-- Why a remittance item is unapplied cash (PAY-5): no account matched its account or bill
-- number, or it matched an account that may not take it (a cash-only account's check is held
-- as at the window, remittance-recovery.ts). Shown in the research queue, so staff know
-- whether to look for the customer or to decide on a refused check. Items held before this
-- migration have none (NULL).
ALTER TABLE unapplied_cash ADD COLUMN hold_reason text
  CHECK (length(hold_reason) BETWEEN 1 AND 500);
