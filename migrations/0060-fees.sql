-- Fees as effective-dated data (BIL-3, demo-city-rates.md "Fees and policies"). Owned by
-- the `rates` module. The utility changes a fee by closing the current row
-- (effective_to = last day) and inserting a new one; history stays for old transactions.
CREATE TABLE fee_schedule (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  code             text NOT NULL,
  description      text NOT NULL,
  effective_from   date NOT NULL,
  effective_to     date,                        -- inclusive last day; null = open-ended
  amount_cents     bigint NOT NULL CHECK (amount_cents >= 0),
  gl_revenue       text NOT NULL,               -- ledger GL code credited ('deposit.held:…' for deposits)
  fund             text NOT NULL CHECK (fund IN
                     ('electric', 'gas', 'water', 'wastewater', 'solid_waste', 'general')),
  per              text NOT NULL CHECK (per IN ('account', 'service', 'order', 'meter')),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
CREATE INDEX fee_schedule_code ON fee_schedule (code, effective_from);

-- No two versions of a fee overlap: checked on insert/update, since an exclusion constraint
-- would need btree_gist, which PGlite does not ship.
CREATE FUNCTION fee_schedule_no_overlap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM fee_schedule f
              WHERE f.code = NEW.code AND f.id <> NEW.id
                AND f.effective_from <= coalesce(NEW.effective_to, 'infinity'::date)
                AND NEW.effective_from <= coalesce(f.effective_to, 'infinity'::date)) THEN
    RAISE EXCEPTION 'fee % has overlapping versions', NEW.code;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER fee_schedule_no_overlap AFTER INSERT OR UPDATE ON fee_schedule
  FOR EACH ROW EXECUTE FUNCTION fee_schedule_no_overlap();

INSERT INTO fee_schedule (code, description, effective_from, amount_cents, gl_revenue, fund, per) VALUES
  ('account_setup', 'Account set-up', '2020-01-01', 1100, 'revenue.fee.setup:general', 'general', 'account'),
  ('connection_electric', 'Electric connection', '2020-01-01', 2000, 'revenue.fee.connection:electric', 'electric', 'service'),
  ('connection_gas', 'Gas connection', '2020-01-01', 4000, 'revenue.fee.connection:gas', 'gas', 'service'),
  ('connection_water', 'Water connection', '2020-01-01', 2000, 'revenue.fee.connection:water', 'water', 'service'),
  ('same_day', 'Same-day / after-hours service', '2020-01-01', 5500, 'revenue.fee.field:general', 'general', 'order'),
  ('field_trip', 'Field trip', '2020-01-01', 2100, 'revenue.fee.field:general', 'general', 'order'),
  ('deposit_residential', 'Residential deposit', '2020-01-01', 26500, 'deposit.held:general', 'general', 'account'),
  ('deposit_residential_wws', 'Residential deposit, water/wastewater/solid waste only', '2020-01-01', 10000, 'deposit.held:water', 'water', 'account'),
  ('deposit_hydrant', 'Hydrant meter deposit', '2020-01-01', 150000, 'deposit.held:water', 'water', 'meter');
