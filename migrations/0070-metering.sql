-- Meters, registers and register reads (BIL-1, issue 4). Owned by the `metering` module;
-- other modules reach these rows only through src/modules/metering/index.ts. Every
-- per-customer row carries premise_id so that it can be sharded by premise later.
-- service_agreement.meter_number (0030) stays the link from an agreement to its meter.

CREATE TABLE meter (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  premise_id       bigint NOT NULL REFERENCES premise (id),
  meter_number     text NOT NULL UNIQUE,
  service          text NOT NULL CHECK (service IN ('electric', 'gas', 'water', 'irrigation', 'hydrant')),
  size             text,                     -- '5/8', '3/4', '1', … (water); null for electric
  status           text NOT NULL CHECK (status IN ('installed', 'removed')),
  installed_on     date NOT NULL,
  removed_on       date,
  created_at       timestamptz NOT NULL,
  CHECK ((status = 'removed') = (removed_on IS NOT NULL)),
  CHECK (removed_on IS NULL OR removed_on >= installed_on)
);
-- At most one installed meter per premise and service: an exchange removes the old first.
CREATE UNIQUE INDEX meter_one_installed ON meter (premise_id, service) WHERE status = 'installed';

CREATE TABLE register (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  meter_id         bigint NOT NULL REFERENCES meter (id),
  premise_id       bigint NOT NULL REFERENCES premise (id),
  kind             text NOT NULL CHECK (kind IN ('kwh', 'therm', 'gallon', 'kw')),
  multiplier       numeric(12, 4) NOT NULL DEFAULT 1 CHECK (multiplier > 0),
  dials            smallint NOT NULL CHECK (dials BETWEEN 1 AND 12),
  UNIQUE (meter_id, kind)
);

-- One file of reads. The sha256 of the file bytes is unique: the same file twice is refused.
CREATE TABLE read_import_batch (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_name        text NOT NULL,
  sha256           text NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  format           text NOT NULL CHECK (format IN ('reads_csv', 'beacon_360')),
  row_count        int NOT NULL,
  accepted_count   int NOT NULL,
  held_count       int NOT NULL,
  imported_by      text NOT NULL,
  imported_at      timestamptz NOT NULL
);

-- Register reads, append-only: a wrong read is corrected by a newer read, never edited.
CREATE TABLE meter_read (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  register_id      bigint NOT NULL REFERENCES register (id),
  premise_id       bigint NOT NULL REFERENCES premise (id),
  read_date        date NOT NULL,
  value            numeric(16, 3) NOT NULL CHECK (value >= 0),   -- dial reading, before multiplier
  delta            numeric(16, 3),           -- dial units since the previous accepted read
  usage_days       int,                      -- days since the previous accepted read
  usage            numeric(20, 4),           -- delta × the register's multiplier (billed units)
  source           text NOT NULL CHECK (source IN ('import', 'field', 'estimate', 'customer')),
  kind             text NOT NULL DEFAULT 'regular'
                     CHECK (kind IN ('regular', 'initial', 'final')),
  status           text NOT NULL CHECK (status IN ('accepted', 'held', 'rejected')),
  hold_reason      text,
  import_batch_id  bigint REFERENCES read_import_batch (id),
  created_at       timestamptz NOT NULL,
  CHECK ((status = 'held') = (hold_reason IS NOT NULL))
);
CREATE INDEX meter_read_register ON meter_read (register_id, read_date);
CREATE INDEX meter_read_premise ON meter_read (premise_id);
CREATE INDEX meter_read_held ON meter_read (status) WHERE status = 'held';
CREATE TRIGGER meter_read_append_only BEFORE UPDATE OR DELETE ON meter_read
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER meter_read_no_truncate BEFORE TRUNCATE ON meter_read
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
