-- Field service orders (FLD), first slice: re-read orders for metering (issue 4, BIL-1) and
-- hydrant meter issue/return orders. Owned by the `field` module; the dispatch issue grows
-- this table (crews, appointments, results). premise_id on every row for sharding.

CREATE TABLE service_order (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind             text NOT NULL CHECK (kind IN
                     ('re_read', 'field_visit', 'leak_check', 'hydrant_issue', 'hydrant_return')),
  status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'cancelled')),
  premise_id       bigint NOT NULL REFERENCES premise (id),
  account_id       bigint REFERENCES account (id),
  meter_number     text,
  reason           text NOT NULL,
  note             text,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL,
  due_on           date,
  CHECK (note IS NULL OR length(note) <= 2000)
);
CREATE INDEX service_order_premise ON service_order (premise_id);
CREATE INDEX service_order_account ON service_order (account_id) WHERE account_id IS NOT NULL;
-- One open order of a kind per meter: requesting it again returns the open one.
CREATE UNIQUE INDEX service_order_one_open ON service_order (kind, meter_number)
  WHERE status = 'open' AND meter_number IS NOT NULL;
