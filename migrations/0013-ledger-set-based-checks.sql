-- Bill run speed (issue 4 acceptance): journal_line's integrity checks become set-based.
-- Before: per inserted LINE two foreign-key probes (entry, GL account; each locks the parent
-- row) and a deferred trigger summing the whole entry. After: ONE check per INSERT/COPY
-- statement over its transition table, plus one cheap deferred probe per ENTRY.
--
-- The rule (docs/accounting.md §3, src/modules/ledger/README.md): an entry's lines arrive
-- in ONE statement, numbered 1..n, and that statement must balance them (≥ 2 lines, debits =
-- credits). So a line can never be added later to an entry, in this transaction or another.
-- The ledger's writers (postEntry, postEntries, postEntriesOnce) already insert each entry's
-- lines in one statement. The database still refuses, whoever writes the SQL:
--   1. a line of an entry that does not exist, or naming a GL account (code, fund,
--      sub-ledger flag) that does not exist (foreign_key_violation);
--   2. a statement whose lines of an entry do not balance, are fewer than two, are not
--      numbered 1..n, or join lines stored before (check_violation);
--   3. an entry without lines at COMMIT (deferred constraint trigger per entry);
--   4. any UPDATE, DELETE or TRUNCATE of journal rows (0012), and now the DELETE or re-keying
--      of a GL account (the parent side of the dropped foreign key).

ALTER TABLE journal_line
  DROP CONSTRAINT journal_line_entry_id_fkey,
  DROP CONSTRAINT journal_line_gl_account_fund_has_subledger_fkey;
DROP TRIGGER journal_line_balances ON journal_line;

CREATE FUNCTION ledger_check_added_lines() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  -- A statement names a handful of distinct GL accounts, whatever its size.
  SELECT a.gl_account, a.fund, a.has_subledger INTO bad
    FROM (SELECT DISTINCT gl_account, fund, has_subledger FROM added) a
    LEFT JOIN gl_account g
      ON g.code = a.gl_account AND g.fund = a.fund AND g.has_subledger = a.has_subledger
   WHERE g.code IS NULL
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal_line violates journal_line_gl_account: % (fund %, sub-ledger %) is not a GL account',
      bad.gl_account, bad.fund, bad.has_subledger
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'journal_line_gl_account';
  END IF;
  -- Per entry of the statement: it exists, its lines here balance and are 1..n, and no line
  -- numbered above n is stored (lines 1..n are this statement's by the primary key).
  SELECT a.*, e.id IS NULL AS missing INTO bad
    FROM (SELECT entry_id, count(*) AS lines, min(line_no) AS first_no, max(line_no) AS last_no,
                 sum(debit_cents) AS debit, sum(credit_cents) AS credit
            FROM added GROUP BY entry_id) a
    LEFT JOIN journal_entry e ON e.id = a.entry_id
   WHERE e.id IS NULL OR a.lines < 2 OR a.debit <> a.credit
      OR a.first_no <> 1 OR a.last_no <> a.lines
      OR EXISTS (SELECT 1 FROM journal_line l
                  WHERE l.entry_id = a.entry_id AND l.line_no > a.last_no)
   LIMIT 1;
  IF NOT FOUND THEN RETURN NULL; END IF;
  IF bad.missing THEN
    RAISE EXCEPTION 'journal_line violates journal_line_entry: entry % does not exist', bad.entry_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'journal_line_entry';
  END IF;
  RAISE EXCEPTION 'journal entry % does not balance: % lines numbered %..% in one statement, debits %, credits % (an entry''s lines are inserted together, numbered 1..n)',
    bad.entry_id, bad.lines, bad.first_no, bad.last_no, bad.debit, bad.credit
    USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entry_balances';
END $$;

CREATE TRIGGER journal_line_checks AFTER INSERT ON journal_line
  REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_added_lines();

-- An entry's lines were checked when they arrived; at COMMIT it only has to have some.
CREATE FUNCTION ledger_check_entry_has_lines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM journal_line WHERE entry_id = NEW.id) THEN
    RAISE EXCEPTION 'journal entry % does not balance: no lines', NEW.id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'journal_entry_balances';
  END IF;
  RETURN NULL;
END $$;

DROP TRIGGER journal_entry_balances ON journal_entry;
CREATE CONSTRAINT TRIGGER journal_entry_balances AFTER INSERT ON journal_entry
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger_check_entry_has_lines();

-- The chart's accounts are deactivated (`active`), never deleted or re-keyed: journal lines
-- name them by (code, fund, has_subledger).
CREATE TRIGGER gl_account_keeps_lines BEFORE DELETE OR UPDATE OF code, fund, has_subledger
  ON gl_account FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER gl_account_no_truncate BEFORE TRUNCATE ON gl_account
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
