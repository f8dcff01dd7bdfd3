-- Bill run speed (issue 4): fewer index entries per bill-run output row.
-- bill_line is always read through its bill (bill_id, line_no); nothing looks lines up by
-- account alone, so the per-line account index only cost the run a b-tree insert per line.
DROP INDEX bill_line_account;
-- journal_line is read by entry (primary key) and by customer account (journal_line_account);
-- the trial balance and the reports aggregate every line of a GL account, which is a scan
-- either way: the per-line GL-account index was written for every line and never used.
DROP INDEX journal_line_gl_account;
