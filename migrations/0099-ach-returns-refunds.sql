-- ACH autopay, returns and NOCs, returned checks, misapplied-payment transfers, refunds
-- (issue 5, PAY-6 … PAY-9), owned by src/modules/payments (ach-*, autopay-*, returned-*,
-- transfer-*, refund-* files).

-- Autopay enrolment (PAY-6): the bank account the city drafts on a bill's due date. The
-- account number is stored encrypted (AES-256-GCM, key from CIS_PII_KEY; autopay-crypto.ts)
-- because the NACHA file needs it in full; screens show only the last four.
CREATE TABLE autopay_enrolment (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id          bigint NOT NULL REFERENCES account (id),
  routing_number      text NOT NULL CHECK (routing_number ~ '^[0-9]{9}$'),
  account_number_enc  text NOT NULL,
  account_last4       text NOT NULL CHECK (account_last4 ~ '^[0-9A-Za-z-]{1,4}$'),
  account_type        text NOT NULL CHECK (account_type IN ('checking', 'savings')),
  holder_name         text NOT NULL CHECK (length(holder_name) BETWEEN 1 AND 22),
  -- prenote: a zero-dollar prenotification goes out first; debits start on live_on.
  status              text NOT NULL CHECK (status IN ('prenote', 'active', 'stopped')),
  enrolled_on         date NOT NULL,
  live_on             date NOT NULL,
  stopped_on          date,
  stop_reason         text,
  enrolled_by         text NOT NULL,
  enrolled_at         timestamptz NOT NULL,
  CHECK ((status = 'stopped') = (stopped_on IS NOT NULL AND stop_reason IS NOT NULL)),
  CHECK (live_on >= enrolled_on)
);
CREATE UNIQUE INDEX autopay_enrolment_open ON autopay_enrolment (account_id)
  WHERE status <> 'stopped';

-- The 7-digit sequence of autopay trace numbers (the ODFI's 8 digits + this).
CREATE SEQUENCE ach_trace_seq MAXVALUE 9999999 CYCLE;

-- One row per entry written to an autopay NACHA file: a debit for one bill (at most one per
-- bill, so generating a date twice never debits twice) or an enrolment's prenote.
CREATE TABLE ach_entry (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_date           date NOT NULL,
  enrolment_id        bigint NOT NULL REFERENCES autopay_enrolment (id),
  account_id          bigint NOT NULL REFERENCES account (id),
  kind                text NOT NULL CHECK (kind IN ('debit', 'prenote')),
  bill_id             bigint UNIQUE,
  amount_cents        bigint NOT NULL CHECK (amount_cents >= 0),
  trace_number        text NOT NULL UNIQUE CHECK (trace_number ~ '^[0-9]{15}$'),
  payment_id          bigint REFERENCES payment (id),
  return_code         text,
  CHECK ((kind = 'debit') = (bill_id IS NOT NULL))
);
CREATE UNIQUE INDEX ach_entry_one_prenote ON ach_entry (enrolment_id) WHERE kind = 'prenote';
CREATE INDEX ach_entry_file_date ON ach_entry (file_date, id);

-- A returned payment (PAY-6): an ACH return (R-code) or a check the bank sent back. Once per
-- payment. Two in 12 months make the account cash-only (demo-city-rates.md).
CREATE TABLE payment_return (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  payment_id          bigint NOT NULL UNIQUE REFERENCES payment (id),
  account_id          bigint NOT NULL REFERENCES account (id),
  source              text NOT NULL CHECK (source IN ('ach', 'check')),
  return_code         text NOT NULL,
  returned_on         date NOT NULL,
  fee_entry_id        bigint REFERENCES journal_entry (id),
  recorded_by         text NOT NULL,
  recorded_at         timestamptz NOT NULL
);
CREATE INDEX payment_return_account ON payment_return (account_id, returned_on);

-- A misapplied payment moved to the right account (PAY-7): the original is reversed and an
-- equal payment posted on the other account; both are linked here.
CREATE TABLE payment_transfer (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  from_payment_id     bigint NOT NULL UNIQUE REFERENCES payment (id),
  to_payment_id       bigint NOT NULL UNIQUE REFERENCES payment (id),
  from_account_id     bigint NOT NULL REFERENCES account (id),
  to_account_id       bigint NOT NULL REFERENCES account (id),
  amount_cents        bigint NOT NULL CHECK (amount_cents > 0),
  reason              text NOT NULL,
  transferred_by      text NOT NULL,
  transferred_at      timestamptz NOT NULL,
  CHECK (from_account_id <> to_account_id)
);

-- A refund check request for accounts payable (PAY-8): a credit balance or a deposit paid
-- out. The entry posts when requested; the CSV export marks the request exported.
CREATE TABLE refund_request (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id          bigint NOT NULL REFERENCES account (id),
  kind                text NOT NULL CHECK (kind IN ('credit_balance', 'deposit')),
  amount_cents        bigint NOT NULL CHECK (amount_cents > 0),
  by_fund             jsonb NOT NULL,
  payee_name          text NOT NULL,
  mail_line1          text NOT NULL,
  mail_line2          text,
  mail_city           text NOT NULL,
  mail_state          text NOT NULL,
  mail_zip            text NOT NULL,
  reason              text NOT NULL,
  journal_entry_id    bigint NOT NULL REFERENCES journal_entry (id),
  idempotency_key     text NOT NULL UNIQUE,
  requested_on        date NOT NULL,
  requested_by        text NOT NULL,
  requested_at        timestamptz NOT NULL,
  exported_at         timestamptz
);
CREATE INDEX refund_request_unexported ON refund_request (id) WHERE exported_at IS NULL;

-- The returned-payment fee (demo-city-rates.md: 25.00), General Fund revenue (0010).
INSERT INTO fee_schedule (code, description, effective_from, amount_cents, gl_revenue, fund, per)
VALUES ('returned_payment', 'Returned payment', '2020-01-01', 2500,
        'revenue.fee.returned_payment:general', 'general', 'account');
