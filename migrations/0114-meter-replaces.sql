-- A meter exchange links the new meter to the one it replaced. The agreement then names the
-- new meter, and a bill period that spans the exchange counts the reads of both: the old
-- meter's up to its final read, the new one's after its initial read (metering
-- usageForAgreements / demandForAgreements follow one link back).
ALTER TABLE meter ADD COLUMN replaces_meter_id bigint REFERENCES meter (id);
CREATE UNIQUE INDEX meter_replaced_once ON meter (replaces_meter_id)
  WHERE replaces_meter_id IS NOT NULL;
