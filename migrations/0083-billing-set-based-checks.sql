-- Bill run speed (issue 4 acceptance): the row-level foreign keys of the bill run's output
-- tables (bill, bill_line, bill_run_item; ≈ 8 per account, each a locked index probe of the
-- parent row) become ONE set-based check per INSERT/COPY statement over its transition
-- table, as meter_read's did (0071). The checks are stricter than the keys were: a bill
-- line and a run item name a bill of their own account.
-- The parent side stays protected: bills, bill runs, accounts and service agreements are
-- never deleted or re-keyed (the code never deletes them; accounts close, agreements end,
-- bills are cancelled), journal entries are append-only (0012); and the referencing columns
-- of the child rows are never updated.

ALTER TABLE bill
  DROP CONSTRAINT bill_account_id_fkey,
  DROP CONSTRAINT bill_journal_entry_id_fkey,
  DROP CONSTRAINT bill_run_id_fkey;
ALTER TABLE bill_line
  DROP CONSTRAINT bill_line_bill_id_fkey,
  DROP CONSTRAINT bill_line_agreement_id_fkey;
ALTER TABLE bill_run_item
  DROP CONSTRAINT bill_run_item_run_id_fkey,
  DROP CONSTRAINT bill_run_item_bill_id_fkey;

CREATE FUNCTION bill_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT a.account_id INTO bad FROM added a LEFT JOIN account x ON x.id = a.account_id
   WHERE x.id IS NULL LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bill violates a reference: account % does not exist', bad.account_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'bill_account';
  END IF;
  SELECT a.journal_entry_id INTO bad FROM added a LEFT JOIN journal_entry x ON x.id = a.journal_entry_id
   WHERE a.journal_entry_id IS NOT NULL AND x.id IS NULL LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bill violates a reference: journal entry % does not exist', bad.journal_entry_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'bill_journal_entry';
  END IF;
  SELECT a.run_id INTO bad
    FROM (SELECT DISTINCT run_id FROM added WHERE run_id IS NOT NULL) a
    LEFT JOIN bill_run x ON x.id = a.run_id
   WHERE x.id IS NULL LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bill violates a reference: bill run % does not exist', bad.run_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'bill_run';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER bill_references AFTER INSERT ON bill
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION bill_check_references();

CREATE FUNCTION bill_line_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT a.bill_id, a.account_id INTO bad
    FROM (SELECT DISTINCT bill_id, account_id FROM added) a
    LEFT JOIN bill x ON x.id = a.bill_id AND x.account_id = a.account_id
   WHERE x.id IS NULL LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bill_line violates a reference: bill % of account % does not exist',
      bad.bill_id, bad.account_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'bill_line_bill';
  END IF;
  SELECT a.agreement_id INTO bad
    FROM (SELECT DISTINCT agreement_id FROM added WHERE agreement_id IS NOT NULL) a
    LEFT JOIN service_agreement x ON x.id = a.agreement_id
   WHERE x.id IS NULL LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bill_line violates a reference: service agreement % does not exist',
      bad.agreement_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'bill_line_agreement';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER bill_line_references AFTER INSERT ON bill_line
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION bill_line_check_references();

CREATE FUNCTION bill_run_item_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT a.run_id INTO bad
    FROM (SELECT DISTINCT run_id FROM added) a LEFT JOIN bill_run x ON x.id = a.run_id
   WHERE x.id IS NULL LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bill_run_item violates a reference: bill run % does not exist', bad.run_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'bill_run_item_run';
  END IF;
  SELECT a.bill_id, a.account_id INTO bad
    FROM added a LEFT JOIN bill x ON x.id = a.bill_id AND x.account_id = a.account_id
   WHERE a.bill_id IS NOT NULL AND x.id IS NULL LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bill_run_item violates a reference: bill % of account % does not exist',
      bad.bill_id, bad.account_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'bill_run_item_bill';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER bill_run_item_references AFTER INSERT ON bill_run_item
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION bill_run_item_check_references();

-- The child side: the referencing columns never change after the insert.
CREATE TRIGGER bill_references_fixed BEFORE UPDATE OF account_id, journal_entry_id, run_id
  ON bill FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER bill_line_references_fixed BEFORE UPDATE OF bill_id, account_id, agreement_id
  ON bill_line FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER bill_run_item_references_fixed BEFORE UPDATE OF run_id, account_id, bill_id
  ON bill_run_item FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The parent side: never deleted, truncated or re-keyed.
CREATE TRIGGER bill_no_delete BEFORE DELETE OR UPDATE OF id ON bill
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER bill_run_no_delete BEFORE DELETE OR UPDATE OF id ON bill_run
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER account_no_delete BEFORE DELETE OR UPDATE OF id ON account
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER service_agreement_no_delete BEFORE DELETE OR UPDATE OF id ON service_agreement
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER bill_no_truncate BEFORE TRUNCATE ON bill
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER bill_run_no_truncate BEFORE TRUNCATE ON bill_run
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER account_no_truncate BEFORE TRUNCATE ON account
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER service_agreement_no_truncate BEFORE TRUNCATE ON service_agreement
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
