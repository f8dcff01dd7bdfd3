-- Read import speed (issue 4, BIL-1: ≥ 200,000 reads/s). meter_read_premise (premise_id) is
-- written for every imported read (≈ 10 % of a COPY's server time) but no query reads by it:
-- reads are found by register (meter_read_register), by id (primary key) or as held reads
-- (meter_read_held, whose premise filter is a filter over the few held rows). EXPLAIN of
-- listHeldReads with a cycle's premises uses meter_read_held.
DROP INDEX meter_read_premise;
