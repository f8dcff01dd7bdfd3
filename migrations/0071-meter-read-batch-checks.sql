-- Also: the nem12 read-file format (bottom).
-- Read import at ≥ 200,000 reads/s (issue 4, BIL-1): meter_read's three row-level foreign
-- keys cost one index probe per key per inserted row (≈ 60 % of the insert time of a large
-- file). They become ONE set-based check per INSERT/COPY statement over its transition
-- table, which is also stricter: a read's premise_id must be its register's premise.
-- The parent side stays protected: a register or import batch with reads cannot be
-- deleted (or re-keyed), and a premise cannot lose a register (register → premise FK).

ALTER TABLE meter_read
  DROP CONSTRAINT meter_read_register_id_fkey,
  DROP CONSTRAINT meter_read_premise_id_fkey,
  DROP CONSTRAINT meter_read_import_batch_id_fkey;

CREATE FUNCTION meter_read_check_references() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT a.register_id, a.premise_id INTO bad
    FROM added a LEFT JOIN register r ON r.id = a.register_id
   WHERE r.id IS NULL OR r.premise_id <> a.premise_id
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'meter_read: register % with premise % does not exist',
      bad.register_id, bad.premise_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  SELECT a.import_batch_id INTO bad
    FROM (SELECT DISTINCT import_batch_id FROM added WHERE import_batch_id IS NOT NULL) a
    LEFT JOIN read_import_batch b ON b.id = a.import_batch_id
   WHERE b.id IS NULL
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'meter_read: import batch % does not exist', bad.import_batch_id
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER meter_read_references AFTER INSERT ON meter_read
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION meter_read_check_references();

CREATE FUNCTION refuse_register_change_when_read() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM meter_read WHERE register_id = OLD.id) THEN
    RAISE EXCEPTION 'register % has meter reads', OLD.id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER register_keeps_reads BEFORE DELETE OR UPDATE OF id, premise_id ON register
  FOR EACH ROW EXECUTE FUNCTION refuse_register_change_when_read();
-- An import batch is a record of a file that was read in: never deleted or re-keyed.
CREATE TRIGGER read_import_batch_no_delete BEFORE DELETE OR UPDATE OF id ON read_import_batch
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- NEM12 interval files (AEMO MDFF) are a third read-file format.
ALTER TABLE read_import_batch DROP CONSTRAINT read_import_batch_format_check,
  ADD CONSTRAINT read_import_batch_format_check
    CHECK (format IN ('reads_csv', 'beacon_360', 'nem12'));
