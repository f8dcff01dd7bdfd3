-- Wastewater winter average per account (issue 4, BIL-5). Owned by src/modules/billing.
-- Effective-dated: the row with the latest effective_from on or before a bill's period end
-- applies. The yearly job writes rows effective April 1; a recalculation on request (a
-- repaired leak) writes a row effective on the request date. Re-running the same
-- computation for the same date replaces that row (the audit trail keeps the old value).
CREATE TABLE winter_average (
  account_id       bigint NOT NULL REFERENCES account (id),
  effective_from   date NOT NULL,
  kgal             int NOT NULL CHECK (kgal BETWEEN 0 AND 15),
  -- winter_bills: three or more bills ending Dec–Feb; default: fewer, so the class default.
  basis            text NOT NULL CHECK (basis IN ('winter_bills', 'default')),
  winter_bills     int NOT NULL CHECK (winter_bills >= 0),
  winter_days      int NOT NULL CHECK (winter_days >= 0),
  winter_gallons   bigint NOT NULL CHECK (winter_gallons >= 0),
  reason           text NOT NULL CHECK (reason IN ('yearly', 'on_request')),
  computed_at      timestamptz NOT NULL,
  computed_by      text NOT NULL,
  PRIMARY KEY (account_id, effective_from)
);
