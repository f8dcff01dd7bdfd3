-- Held-read review (BIL-1, issue 4): the decision on a held read. meter_read rows are never
-- edited (append-only triggers), so the decision is its own row. A released or replaced read
-- has a new accepted/validated meter_read row (`replacement_read_id`): that row is what
-- validation and billing count; the held row stays as the record of what came in.
-- Owned by the `metering` module.

CREATE TABLE read_review (
  id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  read_id              bigint NOT NULL UNIQUE REFERENCES meter_read (id),
  premise_id           bigint NOT NULL REFERENCES premise (id),
  decision             text NOT NULL CHECK (decision IN ('released', 'rejected', 'replaced')),
  reason               text,
  replacement_read_id  bigint UNIQUE REFERENCES meter_read (id),
  re_read_order_id     bigint,
  decided_by           text NOT NULL,
  decided_at           timestamptz NOT NULL,
  CHECK ((decision = 'rejected') = (replacement_read_id IS NULL)),
  CHECK (decision <> 'rejected' OR reason IS NOT NULL)
);
CREATE INDEX read_review_premise ON read_review (premise_id);
CREATE TRIGGER read_review_append_only BEFORE UPDATE OR DELETE ON read_review
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
