-- Budget (levelized) billing (issue 4, BIL-9). Owned by src/modules/billing.
-- Actual charges still post to receivable on every bill; a plan only changes the amount the
-- customer is asked to pay (docs/accounting.md, "Budget billing"). The policy is data.
CREATE TABLE budget_policy (
  id                     smallint PRIMARY KEY CHECK (id = 1),
  variance_bp            int NOT NULL CHECK (variance_bp BETWEEN 0 AND 10000),
  history_bills_min      int NOT NULL CHECK (history_bills_min >= 1),
  review_threshold_bp    int NOT NULL CHECK (review_threshold_bp > 0),
  review_threshold_cents bigint NOT NULL CHECK (review_threshold_cents > 0),
  hold_months_max        int NOT NULL CHECK (hold_months_max >= 1),
  -- enrolment windows, months 1–12 inclusive: combined services / gas only
  combined_window        int[] NOT NULL,
  gas_only_window        int[] NOT NULL
);
-- 10% energy variance; 12 bills; review when the deferred balance exceeds 2 instalments or
-- $150 (whichever is larger); a seasonal hold lasts at most 8 months (furlough rule).
INSERT INTO budget_policy VALUES (1, 1000, 12, 20000, 15000, 8, '{11,12,1}', '{6,7,8}');

CREATE TABLE budget_plan (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id         bigint NOT NULL REFERENCES account (id),
  status             text NOT NULL CHECK (status IN ('active', 'removed', 'left')),
  enrolled_on        date NOT NULL,
  -- the first bill of the plan is the first one ending after enrolled_on; the plan year is
  -- settled on the first bill ending on or after anniversary_on
  anniversary_on     date NOT NULL,
  instalment_cents   bigint NOT NULL CHECK (instalment_cents >= 0 AND instalment_cents % 100 = 0),
  basis_total_cents  bigint NOT NULL,
  basis_bills        int NOT NULL,
  ended_on           date,
  end_reason         text CHECK (end_reason IN ('late_payment', 'customer_request', 'account_closed')),
  hold_from          date,
  hold_through       date,
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL,
  CHECK ((status = 'active') = (ended_on IS NULL)),
  CHECK ((hold_from IS NULL) = (hold_through IS NULL)),
  CHECK (hold_through IS NULL OR hold_through > hold_from)
);
CREATE UNIQUE INDEX budget_plan_one_active ON budget_plan (account_id) WHERE status = 'active';

-- One row per bill of a plan: what was billed, what was asked, and the running deferral.
CREATE TABLE budget_plan_period (
  plan_id                bigint NOT NULL REFERENCES budget_plan (id),
  bill_id                bigint NOT NULL REFERENCES bill (id),
  account_id             bigint NOT NULL,
  period_end             date NOT NULL,
  actual_cents           bigint NOT NULL,
  instalment_cents       bigint NOT NULL,
  settlement_cents       bigint NOT NULL DEFAULT 0,
  amount_due_cents       bigint NOT NULL,
  deferred_after_cents   bigint NOT NULL,
  event                  text CHECK (event IN ('review', 'settlement', 'hold')),
  PRIMARY KEY (plan_id, bill_id)
);
CREATE INDEX budget_plan_period_bill ON budget_plan_period (bill_id);
