-- Billing (issue 4, BIL-4): bill runs, bills, bill lines and per-account run outcomes.
-- Owned by src/modules/billing. "Billed exactly once per period" is enforced here by
-- UNIQUE (account_id, period_end); "one active run per cycle" by a unique partial index.

CREATE TABLE bill_run (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  cycle            smallint NOT NULL CHECK (cycle BETWEEN 1 AND 16),
  as_of            date NOT NULL,
  status           text NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
  started_at       timestamptz NOT NULL,
  finished_at      timestamptz,
  billed_count     int NOT NULL DEFAULT 0 CHECK (billed_count >= 0),
  skipped_count    int NOT NULL DEFAULT 0 CHECK (skipped_count >= 0),
  failed_count     int NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
  started_by       text NOT NULL,
  CHECK ((status = 'running') = (finished_at IS NULL))
);
CREATE UNIQUE INDEX bill_run_one_active ON bill_run (cycle) WHERE status = 'running';

CREATE TABLE bill (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       bigint NOT NULL REFERENCES account (id),
  period_start     date NOT NULL,              -- half-open [period_start, period_end)
  period_end       date NOT NULL,
  bill_date        date NOT NULL,
  due_date         date NOT NULL,
  total_cents      bigint NOT NULL,
  journal_entry_id bigint REFERENCES journal_entry (id),
  run_id           bigint REFERENCES bill_run (id),
  status           text NOT NULL CHECK (status IN ('issued', 'cancelled')),
  created_at       timestamptz NOT NULL,
  CHECK (period_end > period_start),
  CHECK (due_date = bill_date + 21),
  UNIQUE (account_id, period_end)
);
CREATE INDEX bill_run_id ON bill (run_id);

CREATE TABLE bill_line (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bill_id          bigint NOT NULL REFERENCES bill (id),
  line_no          int NOT NULL CHECK (line_no >= 1),
  account_id       bigint NOT NULL,            -- shard key, copied from the bill
  agreement_id     bigint REFERENCES service_agreement (id),  -- null for account-level fees
  service          text NOT NULL,
  code             text NOT NULL,
  description      text NOT NULL,
  quantity         numeric(20, 4) NOT NULL,
  unit             text NOT NULL,
  amount_cents     bigint NOT NULL,
  explanation      jsonb NOT NULL,
  UNIQUE (bill_id, line_no)
);
CREATE INDEX bill_line_account ON bill_line (account_id);

CREATE TABLE bill_run_item (
  run_id           bigint NOT NULL REFERENCES bill_run (id),
  account_id       bigint NOT NULL,
  status           text NOT NULL CHECK (status IN ('billed', 'skipped', 'failed')),
  code             text,
  detail           text,
  bill_id          bigint REFERENCES bill (id),
  PRIMARY KEY (run_id, account_id),
  CHECK ((status = 'billed') = (bill_id IS NOT NULL))
);
