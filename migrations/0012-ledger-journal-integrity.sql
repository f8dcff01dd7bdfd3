-- The database itself refuses what the ledger must never contain (issue 2 item 4), on
-- PostgreSQL and PGlite alike, whoever writes the SQL:
--   1. an entry that does not balance or has fewer than two lines cannot COMMIT
--      (deferred constraint triggers, so the lines of one entry may arrive in several
--      statements of one transaction);
--   2. journal rows are never updated, deleted or truncated (refuse_change() from 0001).

CREATE FUNCTION ledger_check_entry_balances() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_entry_id bigint;
  v_lines bigint;
  v_debit numeric;
  v_credit numeric;
BEGIN
  -- Only the taken branch is compiled, so each table's row type is read by its own name.
  IF TG_TABLE_NAME = 'journal_entry' THEN v_entry_id := NEW.id; ELSE v_entry_id := NEW.entry_id; END IF;
  SELECT count(*), coalesce(sum(debit_cents), 0), coalesce(sum(credit_cents), 0)
    INTO v_lines, v_debit, v_credit
    FROM journal_line WHERE entry_id = v_entry_id;
  IF v_lines < 2 OR v_debit <> v_credit THEN
    RAISE EXCEPTION 'journal entry % does not balance: % lines, debits %, credits %',
      v_entry_id, v_lines, v_debit, v_credit
      USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entry_balances';
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER journal_entry_balances AFTER INSERT ON journal_entry
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_entry_balances();
CREATE CONSTRAINT TRIGGER journal_line_balances AFTER INSERT ON journal_line
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_entry_balances();

CREATE TRIGGER journal_entry_append_only BEFORE UPDATE OR DELETE ON journal_entry
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER journal_entry_no_truncate BEFORE TRUNCATE ON journal_entry
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER journal_line_append_only BEFORE UPDATE OR DELETE ON journal_line
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER journal_line_no_truncate BEFORE TRUNCATE ON journal_line
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
