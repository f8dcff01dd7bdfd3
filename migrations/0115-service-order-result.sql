-- How a field service order ended (issue 4, re-reads; FLD): who closed it, when, and what the
-- crew found or why it was cancelled. A re-read order's result names the read it recorded.
ALTER TABLE service_order ADD COLUMN closed_at timestamptz;
ALTER TABLE service_order ADD COLUMN closed_by text;
ALTER TABLE service_order ADD COLUMN result text;
ALTER TABLE service_order ADD CONSTRAINT service_order_result_length
  CHECK (result IS NULL OR length(result) <= 2000);
ALTER TABLE service_order ADD CONSTRAINT service_order_closed_when
  CHECK (closed_at IS NULL OR status <> 'open');
-- The account page lists each meter's open orders.
CREATE INDEX service_order_open_meter ON service_order (meter_number)
  WHERE status = 'open' AND meter_number IS NOT NULL;
-- The dispatcher's work list: open orders, oldest first.
CREATE INDEX service_order_open ON service_order (id) WHERE status = 'open';
