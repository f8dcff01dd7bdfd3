-- Customers, premises, accounts and service agreements (ACC-1). Owned by the `customers`
-- module; other modules reach these rows only through src/modules/customers/index.ts.
-- Every per-customer table carries account_id (or premise_id) so that it can be sharded by
-- account later (ARCHITECTURE.md, "Scale-out").

CREATE TABLE customer (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind             text NOT NULL CHECK (kind IN ('person', 'business')),
  first_name       text,
  last_name        text,
  business_name    text,
  display_name     text NOT NULL,            -- "Garcia, Maria" or "Mesa Tire & Lube LLC"
  email            text,
  phone            text,                     -- digits only, 10 for US numbers
  phone_alt        text,
  language         text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es')),
  -- Personal identifiers are never stored in clear (architecture.md): a keyed hash for
  -- duplicate detection and the last four for the agent to read back.
  tax_id_hash      text,                     -- HMAC-SHA256 of SSN/ITIN/EIN digits
  tax_id_last4     text CHECK (tax_id_last4 ~ '^[0-9]{4}$'),
  birth_year       smallint,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  version          int NOT NULL DEFAULT 1,
  CHECK ((kind = 'person' AND last_name IS NOT NULL) OR (kind = 'business' AND business_name IS NOT NULL))
);
CREATE INDEX customer_tax_id_hash ON customer (tax_id_hash) WHERE tax_id_hash IS NOT NULL;

CREATE TABLE premise (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  premise_no       text NOT NULL UNIQUE,
  address_line1    text NOT NULL,            -- "1234 E Main St"
  unit             text,
  city             text NOT NULL,
  state            text NOT NULL DEFAULT 'AZ',
  zip              text NOT NULL,
  latitude         numeric(9, 6) NOT NULL,
  longitude        numeric(9, 6) NOT NULL,
  parcel           text,
  premise_type     text NOT NULL CHECK (premise_type IN
                     ('single_family', 'multi_unit', 'commercial', 'irrigation', 'hydrant')),
  electric_territory boolean NOT NULL DEFAULT false,   -- inside the city electric area
  gas_territory    boolean NOT NULL DEFAULT true,
  cycle            smallint NOT NULL CHECK (cycle BETWEEN 1 AND 16),
  created_at       timestamptz NOT NULL
);

CREATE TABLE account (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_no       text NOT NULL UNIQUE,     -- "551234-125678" (src/core/ids.ts)
  customer_id      bigint NOT NULL REFERENCES customer (id),
  account_class    text NOT NULL CHECK (account_class IN ('residential', 'commercial')),
  status           text NOT NULL CHECK (status IN ('active', 'final', 'closed', 'written_off')),
  opened_on        date NOT NULL,
  closed_on        date,
  mail_line1       text NOT NULL,
  mail_line2       text,
  mail_city        text NOT NULL,
  mail_state       text NOT NULL,
  mail_zip         text NOT NULL,
  due_day          smallint CHECK (due_day BETWEEN 1 AND 28),  -- Select Due Date; null = cycle default
  paperless        boolean NOT NULL DEFAULT false,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  version          int NOT NULL DEFAULT 1
);
CREATE INDEX account_customer ON account (customer_id);

-- Additional people on an account (spouse, property manager) and how to reach them.
CREATE TABLE account_contact (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       bigint NOT NULL REFERENCES account (id),
  name             text NOT NULL,
  relationship     text NOT NULL,            -- 'spouse', 'property_manager', 'authorized_user', …
  phone            text,
  email            text,
  may_discuss      boolean NOT NULL DEFAULT false,   -- authorized to discuss the account
  removed_at       timestamptz
);
CREATE INDEX account_contact_account ON account_contact (account_id);

-- One agreement per service at a premise for an account: the thing that is billed.
CREATE TABLE service_agreement (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       bigint NOT NULL REFERENCES account (id),
  premise_id       bigint NOT NULL REFERENCES premise (id),
  service          text NOT NULL CHECK (service IN
                     ('electric', 'gas', 'water', 'wastewater', 'solid_waste', 'irrigation', 'hydrant')),
  rate_schedule    text NOT NULL,            -- 'W1.1', 'S1.1', 'SW-R90', … (demo-city-rates.md)
  status           text NOT NULL CHECK (status IN ('active', 'pending_final', 'closed')),
  start_date       date NOT NULL,
  stop_date        date,                     -- last day of service (exclusive end = stop_date)
  -- The meter serving the agreement, until the metering module (issue 4) owns meters.
  meter_number     text,
  meter_size       text,                     -- '3/4', '1', '3', …
  created_at       timestamptz NOT NULL,
  CHECK (stop_date IS NULL OR stop_date >= start_date),
  CHECK (status = 'active' OR stop_date IS NOT NULL)
);
-- A premise has at most one open agreement per service (solid-waste extras are quantities
-- on the agreement, not second agreements).
CREATE UNIQUE INDEX service_agreement_one_active
  ON service_agreement (premise_id, service) WHERE status = 'active';
CREATE INDEX service_agreement_account ON service_agreement (account_id);
CREATE INDEX service_agreement_meter ON service_agreement (meter_number) WHERE meter_number IS NOT NULL;

CREATE TABLE identity_verification (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id      bigint NOT NULL REFERENCES customer (id),
  id_type          text NOT NULL CHECK (id_type IN ('drivers_license', 'state_id', 'passport',
                     'military_id', 'matricula', 'tribal_id', 'business_license', 'other')),
  id_number_hash   text NOT NULL,
  id_last4         text NOT NULL,
  issuer           text,                     -- 'AZ', 'MX', …
  method           text NOT NULL CHECK (method IN ('in_person', 'id_check_service', 'document')),
  lease_checked    boolean NOT NULL DEFAULT false,
  verified_by      bigint,                   -- staff user id
  verified_by_name text NOT NULL,
  verified_at      timestamptz NOT NULL
);
CREATE INDEX identity_verification_customer ON identity_verification (customer_id, verified_at);
CREATE INDEX identity_verification_hash ON identity_verification (id_number_hash);

CREATE TABLE account_note (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       bigint NOT NULL REFERENCES account (id),
  category         text NOT NULL DEFAULT 'general',
  body             text NOT NULL,
  created_by       bigint,
  created_by_name  text NOT NULL,
  created_at       timestamptz NOT NULL
);
CREATE INDEX account_note_account ON account_note (account_id, created_at);
CREATE TRIGGER account_note_append_only BEFORE UPDATE OR DELETE ON account_note
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TABLE account_special_status (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       bigint NOT NULL REFERENCES account (id),
  status           text NOT NULL CHECK (status IN
                     ('bankruptcy', 'medical_certificate', 'cash_only', 'deceased', 'landlord_agreement')),
  starts_on        date NOT NULL,
  ends_on          date,                     -- medical certificates and cash-only expire
  reason           text NOT NULL,
  reference        text,                     -- case number, certificate number, …
  set_by_name      text NOT NULL,
  set_at           timestamptz NOT NULL,
  cleared_at       timestamptz,
  cleared_by_name  text,
  clear_reason     text
);
CREATE UNIQUE INDEX account_special_status_one_open
  ON account_special_status (account_id, status) WHERE cleared_at IS NULL;

-- The single time-ordered history of an account (ACC-5): every module adds its events
-- (a bill, a payment, an order, a letter) through customers.recordTimelineEvent.
CREATE TABLE account_event (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       bigint NOT NULL REFERENCES account (id),
  at               timestamptz NOT NULL,
  kind             text NOT NULL,            -- 'service_started', 'note_added', 'payment', …
  summary          text NOT NULL,
  actor_name       text NOT NULL,
  ref_type         text,
  ref_id           text
);
CREATE INDEX account_event_account ON account_event (account_id, at DESC, id DESC);
CREATE TRIGGER account_event_append_only BEFORE UPDATE OR DELETE ON account_event
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE SEQUENCE premise_no_seq START 100000;
CREATE SEQUENCE account_no_seq START 10000;
