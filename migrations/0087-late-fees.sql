-- Late fees (issue 4, BIL-7; demo-city-facts §9.2): delinquent one day after the due date;
-- fee = the greater of 2 % of the past-due amount or $5.00, plus tax; none when the past-due
-- amount is under $25.00. Owned by src/modules/billing (late_fee_policy, bill_late_fee); the
-- two amounts are fee_schedule rows (module rates) so they change like every other fee.

INSERT INTO fee_schedule (code, description, effective_from, amount_cents, gl_revenue, fund, per) VALUES
  ('late_fee_minimum', 'Late fee, minimum', '2020-01-01', 500, 'revenue.fee.late:general', 'general', 'account'),
  ('late_fee_threshold', 'Late fee, none when past due is under', '2020-01-01', 2500, 'revenue.fee.late:general', 'general', 'account');

-- The percentage part of the late fee, effective-dated like the fees.
CREATE TABLE late_fee_policy (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  effective_from   date NOT NULL UNIQUE,
  effective_to     date,                        -- inclusive last day; null = open-ended
  basis_points     int NOT NULL CHECK (basis_points BETWEEN 0 AND 10000),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
INSERT INTO late_fee_policy (effective_from, basis_points) VALUES ('2020-01-01', 200);

-- One late fee per bill at most: the job skips bills listed here; the ledger's unique
-- source reference `late_fee:<billId>` backs it up.
CREATE TABLE bill_late_fee (
  bill_id          bigint PRIMARY KEY REFERENCES bill (id),
  account_id       bigint NOT NULL,
  assessed_on      date NOT NULL,
  past_due_cents   bigint NOT NULL CHECK (past_due_cents > 0),
  fee_cents        bigint NOT NULL CHECK (fee_cents > 0),
  tax_cents        bigint NOT NULL CHECK (tax_cents >= 0),
  journal_entry_id bigint NOT NULL REFERENCES journal_entry (id),
  created_at       timestamptz NOT NULL
);
CREATE INDEX bill_late_fee_account ON bill_late_fee (account_id);
CREATE INDEX bill_due_date ON bill (due_date) WHERE status = 'issued';
