-- Bill run lease: a running run writes heartbeat_at after every chunk of accounts. A new run
-- of the same cycle may take over a `running` row whose heartbeat is older than
-- limits.billRunLeaseSeconds (the crashed run is marked `failed`), so a run killed with
-- kill -9 no longer blocks its cycle behind bill_run_one_active forever.
ALTER TABLE bill_run ADD COLUMN heartbeat_at timestamptz;
UPDATE bill_run SET heartbeat_at = coalesce(finished_at, started_at);
ALTER TABLE bill_run ALTER COLUMN heartbeat_at SET NOT NULL;
