-- Other city receivables sold at the payment window (issue 5, PAY-3), owned by
-- src/modules/payments (city-receivable-*.ts). The catalog is data: each item names its fund
-- and revenue GL account; a utility adds an item by inserting a row.
INSERT INTO gl_account (code, name, type, fund, normal_balance) VALUES
  ('revenue.fine.court:general', 'Court fines — General Fund', 'revenue', 'general', 'credit'),
  ('revenue.fine.parking:general', 'Parking fines — General Fund', 'revenue', 'general', 'credit'),
  ('revenue.transit.pass:general', 'Bus pass sales — General Fund', 'revenue', 'general', 'credit'),
  ('revenue.permit.building:general', 'Building permits — General Fund', 'revenue', 'general', 'credit'),
  ('revenue.license.animal:general', 'Animal licences — General Fund', 'revenue', 'general', 'credit'),
  ('revenue.permit.backflow:water', 'Backflow test permits — Water Utility Fund', 'revenue', 'water', 'credit'),
  ('revenue.permit.sewer_tap:wastewater', 'Sewer tap permits — Wastewater Utility Fund', 'revenue', 'wastewater', 'credit'),
  ('revenue.fee.bulk_pickup:solid_waste', 'Bulk trash pickup — Solid Waste Fund', 'revenue', 'solid_waste', 'credit');

CREATE TABLE city_receivable_item (
  code          text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$'),
  name          text NOT NULL,
  fund          text NOT NULL REFERENCES gl_fund (code),
  gl_revenue    text NOT NULL REFERENCES gl_account (code),
  -- A fixed price (bus pass) or null: the cashier enters the amount (a fine's citation).
  price_cents   bigint CHECK (price_cents IS NULL OR price_cents > 0),
  -- What the cashier must note (citation number, permit number, tag number), or null.
  reference_label text,
  active        boolean NOT NULL DEFAULT true,
  CHECK (split_part(gl_revenue, ':', 2) = fund)
);
INSERT INTO city_receivable_item (code, name, fund, gl_revenue, price_cents, reference_label) VALUES
  ('court_fine', 'Municipal court fine', 'general', 'revenue.fine.court:general', NULL, 'Citation number'),
  ('parking_fine', 'Parking citation', 'general', 'revenue.fine.parking:general', NULL, 'Citation number'),
  ('bus_pass_monthly', 'Bus pass — monthly', 'general', 'revenue.transit.pass:general', 6400, NULL),
  ('bus_pass_reduced', 'Bus pass — monthly reduced fare', 'general', 'revenue.transit.pass:general', 3200, NULL),
  ('building_permit', 'Building permit', 'general', 'revenue.permit.building:general', NULL, 'Permit number'),
  ('dog_license', 'Dog licence (one year)', 'general', 'revenue.license.animal:general', 1800, 'Tag number'),
  ('backflow_permit', 'Backflow test permit', 'water', 'revenue.permit.backflow:water', 4500, 'Permit number'),
  ('sewer_tap_permit', 'Sewer tap permit', 'wastewater', 'revenue.permit.sewer_tap:wastewater', 25000, 'Permit number'),
  ('bulk_pickup', 'Bulk trash pickup', 'solid_waste', 'revenue.fee.bulk_pickup:solid_waste', 3500, NULL);

-- One customer at the window = one transaction = one receipt: utility payments (payment rows,
-- one per account and tender) and city receivable lines, paid by one or more tenders.
CREATE TABLE window_transaction (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  drawer_id          bigint NOT NULL REFERENCES cash_drawer (id),
  idempotency_key    text NOT NULL UNIQUE,
  request_hash       text NOT NULL,
  effective_date     date NOT NULL,
  total_cents        bigint NOT NULL CHECK (total_cents > 0),   -- owed (fees included)
  tendered_cents     bigint NOT NULL,
  change_cents       bigint NOT NULL CHECK (change_cents >= 0),
  tenders            jsonb NOT NULL,     -- [{ kind, amountCents, detail }]
  payment_ids        jsonb NOT NULL,     -- the payments posted for its utility lines
  sale_entry_id      bigint REFERENCES journal_entry (id),   -- the city receivable lines
  taken_by           text NOT NULL,
  taken_at           timestamptz NOT NULL
);
CREATE INDEX window_transaction_drawer ON window_transaction (drawer_id, id);

-- A city receivable line of a transaction, one row per tender that paid part of it.
CREATE TABLE city_receivable_sale (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id     bigint NOT NULL REFERENCES window_transaction (id),
  drawer_id          bigint NOT NULL REFERENCES cash_drawer (id),
  item_code          text NOT NULL REFERENCES city_receivable_item (code),
  fund               text NOT NULL REFERENCES gl_fund (code),
  gl_revenue         text NOT NULL,
  reference          text,
  tender             text NOT NULL CHECK (tender IN ('cash', 'check', 'card')),
  amount_cents       bigint NOT NULL CHECK (amount_cents > 0),
  effective_date     date NOT NULL
);
CREATE INDEX city_receivable_sale_drawer ON city_receivable_sale (drawer_id);
