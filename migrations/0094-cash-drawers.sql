-- Cash drawers (issue 5, PAY-2), owned by src/modules/payments (drawer-*.ts). A cashier opens
-- one drawer per business day with a counted float (the change fund: it stays in the drawer
-- and is not a receipt, so it is not on the ledger), takes payments into it, drops cash to
-- the safe, closes with a count by denomination; over/short is posted to the ledger; a
-- supervisor verifies; the bank deposit by fund (0096) takes verified drawers.
CREATE TABLE cash_drawer (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  cashier_id            bigint NOT NULL,            -- the staff user who owns the drawer
  cashier_name          text NOT NULL,
  business_date         date NOT NULL,
  status                text NOT NULL CHECK (status IN ('open', 'closed', 'verified', 'deposited')),
  -- Counts by denomination in cents: {"2000": 5, "100": 20, "25": 40} (denomination → count).
  float_count           jsonb NOT NULL CHECK (jsonb_typeof(float_count) = 'object'),
  float_cents           bigint NOT NULL CHECK (float_cents >= 0),
  opened_at             timestamptz NOT NULL,
  closed_at             timestamptz,
  close_count           jsonb,
  -- At close: what the drawer should hold per tender and what was counted (cents), and the
  -- difference (counted − expected; negative = short) with its ledger entry.
  expected              jsonb,
  counted               jsonb,
  over_short_cents      bigint,
  over_short_entry_id   bigint REFERENCES journal_entry (id),
  verified_at           timestamptz,
  verified_by           text,
  deposit_id            bigint,
  CHECK ((status = 'open') = (closed_at IS NULL)),
  CHECK (status IN ('open', 'closed') OR verified_at IS NOT NULL)
);
-- One open drawer per cashier.
CREATE UNIQUE INDEX cash_drawer_one_open ON cash_drawer (cashier_id) WHERE status = 'open';
CREATE INDEX cash_drawer_date ON cash_drawer (business_date, id);

-- Cash moved from an open drawer to the safe during the day (still deposited with it).
CREATE TABLE cash_drawer_drop (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  drawer_id     bigint NOT NULL REFERENCES cash_drawer (id),
  amount_cents  bigint NOT NULL CHECK (amount_cents > 0),
  count         jsonb NOT NULL CHECK (jsonb_typeof(count) = 'object'),
  dropped_at    timestamptz NOT NULL,
  dropped_by    text NOT NULL
);
CREATE INDEX cash_drawer_drop_drawer ON cash_drawer_drop (drawer_id);
