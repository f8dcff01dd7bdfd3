-- Research notes on an unapplied-cash item (PAY-5): who called the bank, which customer the
-- payer might be, what is waiting on whom. Append-only: a note is corrected by a later one.
CREATE TABLE unapplied_cash_note (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unapplied_cash_id  bigint NOT NULL REFERENCES unapplied_cash (id),
  body               text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 2000),
  author             text NOT NULL,
  created_at         timestamptz NOT NULL
);
CREATE INDEX unapplied_cash_note_item ON unapplied_cash_note (unapplied_cash_id, id);

CREATE TRIGGER unapplied_cash_note_append_only BEFORE UPDATE OR DELETE ON unapplied_cash_note
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER unapplied_cash_note_no_truncate BEFORE TRUNCATE ON unapplied_cash_note
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
