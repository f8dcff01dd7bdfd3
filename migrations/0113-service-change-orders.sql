-- Field orders for starts, stops and transfers of service (ACC-2: "each creates the field
-- orders it needs"): a turn-on when a service starts at a premise where it was off, a
-- turn-off when one stops and nobody takes it over, and a `move_read` when the service stays
-- on and only the customer changes (a landlord's continuous service ends or takes over): the
-- crew reads the meter on the change day, so each customer is billed for their own use.
ALTER TABLE service_order DROP CONSTRAINT service_order_kind_check;
ALTER TABLE service_order ADD CONSTRAINT service_order_kind_check CHECK (kind IN
  ('re_read', 'field_visit', 'leak_check', 'hydrant_issue', 'hydrant_return', 'turn_off',
   'turn_on', 'move_read'));
