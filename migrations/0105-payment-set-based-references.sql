-- Remittance speed (issue 5): payment's references to its account and its journal entry are
-- checked ONCE per INSERT/COPY/UPDATE statement over its transition table instead of by two
-- row-level foreign-key triggers per row (each a queued after-trigger event, an index probe
-- and a FOR KEY SHARE lock of the parent row: about 13 µs of server CPU per payment, a third
-- of the payment COPY of a 100,000-check lockbox file).
--
-- The guarantee is unchanged, whoever writes the SQL (same pattern as 0013 for journal_line):
--   1. every stored payment's account_id names an existing account, and its journal_entry_id
--      (when set) an existing journal entry: checked at the end of every statement that
--      inserts or updates payment rows, over all the rows it wrote, with the error the
--      foreign key raised (foreign_key_violation, constraint payment_account_id_fkey /
--      payment_journal_entry_id_fkey);
--   2. the parent side (no delete or re-keying of a referenced row) needs no lock: account
--      refuses DELETE and UPDATE OF id (account_no_delete) and journal_entry is append-only
--      (journal_entry_append_only, journal_entry_no_truncate; 0012), so a referenced row can
--      never disappear;
--   3. reversal_entry_id keeps its foreign key (NULL on insert: no probe; set on reversal).
ALTER TABLE payment
  DROP CONSTRAINT payment_account_id_fkey,
  DROP CONSTRAINT payment_journal_entry_id_fkey;

CREATE FUNCTION payment_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad bigint;
BEGIN
  SELECT n.account_id INTO bad
    FROM (SELECT DISTINCT account_id FROM written) n
   WHERE NOT EXISTS (SELECT 1 FROM account a WHERE a.id = n.account_id)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "payment" violates foreign key constraint "payment_account_id_fkey"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'payment_account_id_fkey',
            DETAIL = format('Key (account_id)=(%s) is not present in table "account".', bad);
  END IF;
  SELECT w.journal_entry_id INTO bad
    FROM written w
   WHERE w.journal_entry_id IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM journal_entry e WHERE e.id = w.journal_entry_id)
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "payment" violates foreign key constraint "payment_journal_entry_id_fkey"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'payment_journal_entry_id_fkey',
            DETAIL = format('Key (journal_entry_id)=(%s) is not present in table "journal_entry".', bad);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER payment_references_inserted AFTER INSERT ON payment
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION payment_check_references();
CREATE TRIGGER payment_references_updated AFTER UPDATE ON payment
  REFERENCING NEW TABLE AS written FOR EACH STATEMENT EXECUTE FUNCTION payment_check_references();
