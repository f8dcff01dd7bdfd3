-- The journal (style.md §11–12): double entry, two unsigned columns, every entry with a
-- kind, a unique source reference and an optional idempotency key. Append-only and
-- balance-checked by 0012. Owned by the `ledger` module, its only writer.
--
-- journal_line.account_id is the customer account (customers module, migration 0030). It
-- has no foreign key on purpose: the ledger does not depend on another module's table, and
-- lines are sharded by account_id later (ARCHITECTURE.md, "Scale-out").

CREATE TABLE journal_entry (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind              text NOT NULL CHECK (kind IN (
                      'bill', 'payment', 'adjustment', 'refund', 'write_off', 'deposit',
                      'deposit_transfer', 'fee', 'reversal', 'transfer', 'over_short',
                      'conversion', 'manual', 'recovery', 'return')),
  source_ref        text NOT NULL UNIQUE CHECK (length(source_ref) BETWEEN 1 AND 200),
  idempotency_key   text UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 200),
  -- SHA-256 of the canonical request: same key + different payload is a conflict.
  request_hash      text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
  effective_date    date NOT NULL,
  posted_at         timestamptz NOT NULL,
  memo              text NOT NULL CHECK (length(memo) BETWEEN 1 AND 500),
  actor_kind        text NOT NULL CHECK (actor_kind IN ('staff', 'customer', 'system')),
  actor_id          bigint,
  actor_name        text NOT NULL,
  reverses_entry_id bigint REFERENCES journal_entry (id),
  CHECK ((kind = 'reversal') = (reverses_entry_id IS NOT NULL)),
  CHECK (reverses_entry_id IS NULL OR reverses_entry_id < id)
);
-- An entry is reversed at most once.
CREATE UNIQUE INDEX journal_entry_reverses ON journal_entry (reverses_entry_id)
  WHERE reverses_entry_id IS NOT NULL;
CREATE INDEX journal_entry_effective ON journal_entry (effective_date, id);

CREATE TABLE journal_line (
  entry_id       bigint NOT NULL REFERENCES journal_entry (id),
  line_no        smallint NOT NULL CHECK (line_no BETWEEN 1 AND 200),
  gl_account     text NOT NULL,
  -- Copies of the account's fund and sub-ledger flag, checked by the composite foreign key.
  fund           text NOT NULL,
  has_subledger  boolean NOT NULL,
  account_id     bigint CHECK (account_id > 0),
  debit_cents    bigint NOT NULL CHECK (debit_cents >= 0),
  credit_cents   bigint NOT NULL CHECK (credit_cents >= 0),
  memo           text CHECK (length(memo) <= 500),
  PRIMARY KEY (entry_id, line_no),
  FOREIGN KEY (gl_account, fund, has_subledger)
    REFERENCES gl_account (code, fund, has_subledger),
  -- Exactly one side is non-zero.
  CHECK ((debit_cents > 0) <> (credit_cents > 0)),
  -- Receivable and deposit lines name the customer account; no other line does.
  CHECK (has_subledger = (account_id IS NOT NULL))
);
-- A customer's balances and timeline; the prefix is also the shard key.
CREATE INDEX journal_line_account ON journal_line (account_id, entry_id)
  WHERE account_id IS NOT NULL;
CREATE INDEX journal_line_gl_account ON journal_line (gl_account);
