-- Payments (issue 5, PAY-1), owned by src/modules/payments. One row per payment taken, by
-- any channel; the money itself is the payment's journal entry (ledger). A payment is never
-- edited: a reversal marks it `reversed` and points at the reversing entry.
CREATE TABLE payment (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id         bigint NOT NULL REFERENCES account (id),
  amount_cents       bigint NOT NULL CHECK (amount_cents > 0),   -- applied to the account
  fee_cents          bigint NOT NULL DEFAULT 0 CHECK (fee_cents >= 0), -- card convenience fee
  tender             text NOT NULL CHECK (tender IN ('cash', 'check', 'card', 'ach')),
  channel            text NOT NULL CHECK (channel IN
                       ('window', 'mail', 'lockbox', 'phone', 'web', 'autopay')),
  -- What the receipt shows about the tender: cash tendered/change, check number, routing
  -- number and account last four, card token/brand/last four/authorization. Never a card
  -- number or a full bank account number.
  tender_detail      jsonb NOT NULL,
  drawer_id          bigint,                     -- the cash drawer (PAY-2 adds its table)
  effective_date     date NOT NULL,
  status             text NOT NULL CHECK (status IN ('posted', 'reversed')),
  -- How the payment was applied: [{ bucket, fund, glAccount, amountCents }] (application.ts).
  application        jsonb NOT NULL,
  journal_entry_id   bigint REFERENCES journal_entry (id),
  idempotency_key    text NOT NULL,
  request_hash       text NOT NULL,
  received_by_kind   text NOT NULL,
  received_by_id     bigint,
  received_by_name   text NOT NULL,
  received_at        timestamptz NOT NULL,
  reversal_entry_id  bigint REFERENCES journal_entry (id),
  reversed_at        timestamptz,
  reversed_by        text,
  reverse_reason     text,
  CONSTRAINT payment_idempotency_key UNIQUE (idempotency_key),
  CHECK ((status = 'reversed') = (reversal_entry_id IS NOT NULL AND reversed_at IS NOT NULL
                                  AND reversed_by IS NOT NULL AND reverse_reason IS NOT NULL))
);
CREATE INDEX payment_account ON payment (account_id, id);

-- The order in which a payment pays what an account owes (PAY-1), as effective-dated data:
-- a utility changes it by closing the row (effective_to) and inserting a new one.
-- buckets: JSON array of 'deposit', 'arrangement', 'past_due', 'current' (in that order of
-- priority); fund_order breaks ties between funds with the same due date; what is left after
-- every bucket is an overpayment: a credit balance on receivable:<overpayment_fund>.
CREATE TABLE payment_application_policy (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  effective_from     date NOT NULL UNIQUE,
  effective_to       date,                        -- inclusive last day; null = open-ended
  buckets            jsonb NOT NULL CHECK (jsonb_typeof(buckets) = 'array'),
  fund_order         jsonb NOT NULL CHECK (jsonb_typeof(fund_order) = 'array'),
  overpayment_fund   text NOT NULL REFERENCES gl_fund (code),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
INSERT INTO payment_application_policy (effective_from, buckets, fund_order, overpayment_fund)
VALUES ('2000-01-01', '["deposit", "arrangement", "past_due", "current"]',
        '["electric", "gas", "water", "wastewater", "solid_waste", "general"]', 'general');

-- Percentage fees on a tender (demo-city-rates.md: card payments 2.37 % convenience fee), in
-- micros of the amount (23,700 = 2.37 %), rounded half-even to the cent once per payment.
CREATE TABLE payment_tender_fee (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tender             text NOT NULL CHECK (tender IN ('cash', 'check', 'card', 'ach')),
  effective_from     date NOT NULL,
  effective_to       date,
  rate_micros        bigint NOT NULL CHECK (rate_micros >= 0 AND rate_micros <= 1000000),
  gl_revenue         text NOT NULL,
  UNIQUE (tender, effective_from),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
