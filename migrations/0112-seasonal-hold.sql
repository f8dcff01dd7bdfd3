-- Seasonal hold ("furlough", BIL-9; demo-city-facts §9.5): a customer away for the season
-- has electric and gas (and water if asked) turned off and locked. The account stays open,
-- the deposit is kept, no final bill. Fixed charges of water, wastewater, solid waste and the
-- environmental fee continue; electric and gas bill nothing for the days off. Owned by the
-- `billing` module. The limits are data (seasonal_hold_policy); the trip fee is a
-- fee_schedule row (`seasonal_hold`, per service held).
CREATE TABLE seasonal_hold_policy (
  id          smallint PRIMARY KEY CHECK (id = 1),
  months_min  int NOT NULL CHECK (months_min >= 1),
  months_max  int NOT NULL CHECK (months_max >= months_min),
  -- how many days ahead of today a hold may be asked for
  lead_days_max int NOT NULL CHECK (lead_days_max >= 0)
);
INSERT INTO seasonal_hold_policy VALUES (1, 1, 8, 120);

CREATE TABLE seasonal_hold (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id     bigint NOT NULL REFERENCES account (id),
  premise_id     bigint NOT NULL REFERENCES premise (id),
  status         text NOT NULL CHECK (status IN ('placed', 'cancelled')),
  -- the turn-off day and the last day off: service is back on hold_through + 1
  hold_from      date NOT NULL,
  hold_through   date NOT NULL,
  services       text[] NOT NULL CHECK (cardinality(services) >= 1
                   AND services <@ ARRAY['electric', 'gas', 'water']),
  meter_numbers  text[] NOT NULL,
  off_order_ids  bigint[] NOT NULL,
  on_order_ids   bigint[] NOT NULL,
  fee_entry_id   bigint REFERENCES journal_entry (id),
  reason         text,
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL,
  cancelled_by   text,
  cancelled_at   timestamptz,
  CHECK (hold_through >= hold_from),
  CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
  CHECK (reason IS NULL OR length(reason) <= 500)
);
CREATE INDEX seasonal_hold_account ON seasonal_hold (account_id, hold_from);

-- $20 per service for the turn-off and turn-on trips (ASSUMED demo rule, §9.5).
INSERT INTO fee_schedule (code, description, effective_from, amount_cents, gl_revenue, fund, per)
VALUES ('seasonal_hold', 'Seasonal hold turn-off and turn-on', '2020-01-01', 2000,
        'revenue.fee.field:general', 'general', 'service');

-- Field orders for the trips.
ALTER TABLE service_order DROP CONSTRAINT service_order_kind_check;
ALTER TABLE service_order ADD CONSTRAINT service_order_kind_check CHECK (kind IN
  ('re_read', 'field_visit', 'leak_check', 'hydrant_issue', 'hydrant_return', 'turn_off',
   'turn_on'));

-- Metering: the days a meter is turned off (a zero read then is expected, not held).
ALTER TABLE meter ADD COLUMN off_from date, ADD COLUMN off_through date,
  ADD CONSTRAINT meter_off_window CHECK ((off_from IS NULL) = (off_through IS NULL)
    AND (off_through IS NULL OR off_through >= off_from));
