-- The set-based reference checks (0013 journal_line, 0083 bill / bill_line / bill_run_item,
-- 0105 payment) cost what the statement wrote, never what the parent table holds.
--
-- They were written as anti-joins (`LEFT JOIN parent … WHERE parent.id IS NULL`, `NOT
-- EXISTS`), which the planner may run as a HASH join over a sequential scan of the whole
-- parent table. PL/pgSQL keeps each query's plan for the session, and a query without
-- parameters keeps its first (generic) plan: the transition table's size at the first call
-- decides it. Measured on a 100,000-check lockbox file: the first payment COPY of 5,000 rows
-- planned a hash anti-join over `account`, and every later single-payment INSERT on that
-- connection (the written-off accounts' postPayment path) scanned all of `account` again,
-- ≈ 4 ms of server CPU per payment, 2.2 s of the file's 11 s. The same shape over `bill` or
-- `journal_entry` would scan millions of rows per bill-run page in a city's tenth year.
--
-- Each parent is now looked up by a scalar subquery on its primary key: a scalar subquery is
-- never turned into a join, so it is always one index probe per distinct referenced key of
-- the statement, whatever the plan cache holds. Same rules, same errors and constraint names.

CREATE OR REPLACE FUNCTION payment_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad bigint;
BEGIN
  SELECT n.account_id INTO bad
    FROM (SELECT DISTINCT account_id FROM written) n
   WHERE (SELECT a.id FROM account a WHERE a.id = n.account_id) IS NULL
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "payment" violates foreign key constraint "payment_account_id_fkey"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'payment_account_id_fkey',
            DETAIL = format('Key (account_id)=(%s) is not present in table "account".', bad);
  END IF;
  SELECT w.journal_entry_id INTO bad
    FROM written w
   WHERE w.journal_entry_id IS NOT NULL
     AND (SELECT e.id FROM journal_entry e WHERE e.id = w.journal_entry_id) IS NULL
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'insert or update on table "payment" violates foreign key constraint "payment_journal_entry_id_fkey"'
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'payment_journal_entry_id_fkey',
            DETAIL = format('Key (journal_entry_id)=(%s) is not present in table "journal_entry".', bad);
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION ledger_check_added_lines() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  -- A statement names a handful of distinct GL accounts, whatever its size.
  SELECT a.gl_account, a.fund, a.has_subledger INTO bad
    FROM (SELECT DISTINCT gl_account, fund, has_subledger FROM added) a
   WHERE (SELECT g.code FROM gl_account g
           WHERE g.code = a.gl_account AND g.fund = a.fund
             AND g.has_subledger = a.has_subledger) IS NULL
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'journal_line violates journal_line_gl_account: % (fund %, sub-ledger %) is not a GL account',
      bad.gl_account, bad.fund, bad.has_subledger
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'journal_line_gl_account';
  END IF;
  -- Per entry of the statement: it exists, its lines here balance and are 1..n, and no line
  -- numbered above n is stored (lines 1..n are this statement's by the primary key).
  SELECT a.*, (SELECT e.id FROM journal_entry e WHERE e.id = a.entry_id) IS NULL AS missing
    INTO bad
    FROM (SELECT entry_id, count(*) AS lines, min(line_no) AS first_no, max(line_no) AS last_no,
                 sum(debit_cents) AS debit, sum(credit_cents) AS credit
            FROM added GROUP BY entry_id) a
   WHERE a.lines < 2 OR a.debit <> a.credit OR a.first_no <> 1 OR a.last_no <> a.lines
      OR (SELECT e.id FROM journal_entry e WHERE e.id = a.entry_id) IS NULL
      OR (SELECT l.line_no FROM journal_line l
           WHERE l.entry_id = a.entry_id AND l.line_no > a.last_no LIMIT 1) IS NOT NULL
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

CREATE OR REPLACE FUNCTION bill_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT a.account_id INTO bad
    FROM (SELECT DISTINCT account_id FROM added) a
   WHERE (SELECT x.id FROM account x WHERE x.id = a.account_id) IS NULL LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bill violates a reference: account % does not exist', bad.account_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'bill_account';
  END IF;
  SELECT a.journal_entry_id INTO bad FROM added a
   WHERE a.journal_entry_id IS NOT NULL
     AND (SELECT x.id FROM journal_entry x WHERE x.id = a.journal_entry_id) IS NULL LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bill violates a reference: journal entry % does not exist', bad.journal_entry_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'bill_journal_entry';
  END IF;
  SELECT a.run_id INTO bad
    FROM (SELECT DISTINCT run_id FROM added WHERE run_id IS NOT NULL) a
   WHERE (SELECT x.id FROM bill_run x WHERE x.id = a.run_id) IS NULL LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bill violates a reference: bill run % does not exist', bad.run_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'bill_run';
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION bill_line_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT a.bill_id, a.account_id INTO bad
    FROM (SELECT DISTINCT bill_id, account_id FROM added) a
   WHERE (SELECT x.id FROM bill x WHERE x.id = a.bill_id AND x.account_id = a.account_id) IS NULL
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bill_line violates a reference: bill % of account % does not exist',
      bad.bill_id, bad.account_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'bill_line_bill';
  END IF;
  SELECT a.agreement_id INTO bad
    FROM (SELECT DISTINCT agreement_id FROM added WHERE agreement_id IS NOT NULL) a
   WHERE (SELECT x.id FROM service_agreement x WHERE x.id = a.agreement_id) IS NULL LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bill_line violates a reference: service agreement % does not exist',
      bad.agreement_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'bill_line_agreement';
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION bill_run_item_check_references() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  SELECT a.run_id INTO bad
    FROM (SELECT DISTINCT run_id FROM added) a
   WHERE (SELECT x.id FROM bill_run x WHERE x.id = a.run_id) IS NULL LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bill_run_item violates a reference: bill run % does not exist', bad.run_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'bill_run_item_run';
  END IF;
  SELECT a.bill_id, a.account_id INTO bad FROM added a
   WHERE a.bill_id IS NOT NULL
     AND (SELECT x.id FROM bill x WHERE x.id = a.bill_id AND x.account_id = a.account_id) IS NULL
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'bill_run_item violates a reference: bill % of account % does not exist',
      bad.bill_id, bad.account_id
      USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'bill_run_item_bill';
  END IF;
  RETURN NULL;
END $$;
