-- Remittance (issue 5, PAY-5), owned by src/modules/payments: bank lockbox, BAI2 and CSV
-- payment files. One row per imported file (its sha256 refuses the same file twice); the
-- matched items are ordinary `payment` rows (channel 'lockbox', idempotency key
-- remit:<sha256>:<item index>); items that match no account are unapplied cash, a research
-- queue, until staff transfer them to an account or refund them (each a new entry).
CREATE TABLE remittance_file (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sha256             text NOT NULL UNIQUE,
  file_name          text NOT NULL,
  format             text NOT NULL CHECK (format IN ('lockbox', 'bai2', 'remittance-csv')),
  layout             text,                       -- lockbox layout name (lockbox-layouts.ts)
  item_count         int NOT NULL CHECK (item_count >= 0),
  total_cents        bigint NOT NULL CHECK (total_cents >= 0),
  posted_count       int NOT NULL CHECK (posted_count >= 0),
  unmatched_count    int NOT NULL CHECK (unmatched_count >= 0),
  rejected_count     int NOT NULL CHECK (rejected_count >= 0),
  -- [{ index, line, amountCents, reason }]: items that are not payments (debits, currency).
  rejected           jsonb NOT NULL DEFAULT '[]',
  imported_by        text NOT NULL,
  imported_at        timestamptz NOT NULL,
  CHECK (posted_count + unmatched_count + rejected_count = item_count)
);

-- An item no account matched: cash.bank:general debit, unapplied_cash:general credit
-- (journal_entry_id). Applying it to an account posts a `transfer` entry out of unapplied
-- cash into the account's receivables (resolved_entry_id); a refund posts a `refund` entry.
CREATE TABLE unapplied_cash (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  remittance_file_id   bigint NOT NULL REFERENCES remittance_file (id),
  item_index           int NOT NULL CHECK (item_index >= 0),
  line                 int NOT NULL,
  amount_cents         bigint NOT NULL CHECK (amount_cents > 0),
  effective_date       date NOT NULL,
  account_ref          text,
  invoice_ref          text,
  payer_name           text,
  check_number         text,
  routing_number       text,
  status               text NOT NULL CHECK (status IN ('open', 'applied', 'refunded')),
  journal_entry_id     bigint NOT NULL REFERENCES journal_entry (id),
  resolved_account_id  bigint REFERENCES account (id),
  resolved_payment_id  bigint REFERENCES payment (id),
  resolved_entry_id    bigint REFERENCES journal_entry (id),
  resolved_at          timestamptz,
  resolved_by          text,
  note                 text,
  UNIQUE (remittance_file_id, item_index),
  CHECK ((status = 'open') = (resolved_entry_id IS NULL AND resolved_at IS NULL)),
  CHECK ((status = 'applied') = (resolved_account_id IS NOT NULL))
);
CREATE INDEX unapplied_cash_open ON unapplied_cash (id) WHERE status = 'open';
