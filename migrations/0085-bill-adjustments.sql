-- Billing (issue 4, BIL-6): adjustments with approval limits by role, and cancel/rebill.
-- Owned by src/modules/billing. Approval limits and reason codes are effective-dated data:
-- a utility changes a limit by closing the row (effective_to) and inserting a new one.

-- Cancel/rebill: a cancelled bill keeps who, when and why, and the reversing entry; the
-- bill that replaces it points back to it (the pair shows in the bill history).
ALTER TABLE bill
  ADD COLUMN cancelled_at timestamptz,
  ADD COLUMN cancelled_by text,
  ADD COLUMN cancel_reason text,
  ADD COLUMN cancel_entry_id bigint REFERENCES journal_entry (id),
  ADD COLUMN replaces_bill_id bigint REFERENCES bill (id);
ALTER TABLE bill ADD CONSTRAINT bill_cancelled_has_reason CHECK (
  (status = 'cancelled') = (cancelled_at IS NOT NULL AND cancelled_by IS NOT NULL
                            AND cancel_reason IS NOT NULL));
CREATE INDEX bill_account ON bill (account_id, period_end);

-- Approval limit per role (largest adjustment a role may post without an approver); null =
-- unlimited. A role without a row may post nothing on its own.
CREATE TABLE adjustment_approval_limit (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  role             text NOT NULL,
  effective_from   date NOT NULL,
  effective_to     date,                        -- inclusive last day; null = open-ended
  limit_cents      bigint CHECK (limit_cents IS NULL OR limit_cents >= 0),
  UNIQUE (role, effective_from),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
INSERT INTO adjustment_approval_limit (role, effective_from, limit_cents) VALUES
  ('csr1', '2020-01-01', 5000),
  ('csr2', '2020-01-01', 25000),
  ('supervisor', '2020-01-01', 250000),
  ('admin', '2020-01-01', NULL);

CREATE TABLE adjustment_reason (
  code             text PRIMARY KEY,
  description      text NOT NULL,
  active           boolean NOT NULL DEFAULT true
);
INSERT INTO adjustment_reason (code, description) VALUES
  ('billing_error', 'Billing error'),
  ('meter_misread', 'Meter misread'),
  ('rate_correction', 'Wrong rate applied'),
  ('leak_credit', 'Leak credit'),
  ('fee_waiver', 'Fee waived'),
  ('courtesy_credit', 'Courtesy credit'),
  ('unbilled_service', 'Unbilled service (back-bill)'),
  ('other', 'Other (see memo)');

CREATE TABLE bill_adjustment (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id        bigint NOT NULL REFERENCES account (id),
  bill_id           bigint REFERENCES bill (id),           -- null: an account adjustment
  bill_line_id      bigint REFERENCES bill_line (id),
  service           text NOT NULL,
  direction         text NOT NULL CHECK (direction IN ('credit', 'debit')),
  amount_cents      bigint NOT NULL CHECK (amount_cents > 0),
  reason_code       text NOT NULL REFERENCES adjustment_reason (code),
  memo              text NOT NULL,
  status            text NOT NULL CHECK (status IN ('pending', 'posted', 'denied')),
  requested_by_kind text NOT NULL,
  requested_by_id   bigint,
  requested_by_name text NOT NULL,
  requested_at      timestamptz NOT NULL,
  decided_by_name   text,
  decided_at        timestamptz,
  decision_reason   text,
  journal_entry_id  bigint REFERENCES journal_entry (id),
  idempotency_key   text UNIQUE,
  CHECK ((status = 'posted') = (journal_entry_id IS NOT NULL)),
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (bill_line_id IS NULL OR bill_id IS NOT NULL)
);
CREATE INDEX bill_adjustment_pending ON bill_adjustment (requested_at) WHERE status = 'pending';
CREATE INDEX bill_adjustment_account ON bill_adjustment (account_id);
