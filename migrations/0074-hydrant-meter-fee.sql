-- Hydrant meters issued to contractors (issue 4, BIL-3 HYD): the 50.00 fee charged when the
-- contractor's read is missing (demo-city-rates.md "HYD"), credited to a water-fund fee
-- revenue account. The 1,500.00 deposit (deposit_hydrant) and its GL accounts already exist
-- (0060, 0010). Added by the metering work; the fee row is data in the rates module's table.

INSERT INTO gl_account (code, name, type, fund, normal_balance) VALUES
  ('revenue.fee.hydrant:water', 'Hydrant meter fee revenue — Water Utility Fund', 'revenue', 'water', 'credit');

INSERT INTO fee_schedule (code, description, effective_from, amount_cents, gl_revenue, fund, per) VALUES
  ('hydrant_missing_read', 'Hydrant meter read not reported (estimated)', '2020-01-01', 5000,
   'revenue.fee.hydrant:water', 'water', 'meter');
