-- GL accounts for payments (issue 5, PAY-1), added to the ledger's chart (0010).
-- The card convenience fee is General Fund revenue.
INSERT INTO gl_account (code, name, type, fund, normal_balance) VALUES
  ('revenue.fee.card:general', 'Card convenience fee revenue — General Fund', 'revenue', 'general', 'credit');

-- Interfund accounts: cash taken at a General Fund drawer that pays another fund's
-- receivable. The General Fund owes that fund the money (due_to.<fund>:general, a
-- liability) and the fund is owed it (due_from.general:<fund>, an asset) until the bank
-- deposit by fund (PAY-4) settles both. So every fund balances inside every payment entry.
INSERT INTO gl_account (code, name, type, fund, normal_balance)
SELECT 'due_to.' || f.code || ':general', 'Due to ' || f.name || ' — General Fund', 'liability',
       'general', 'credit'
  FROM gl_fund f WHERE f.code <> 'general';
INSERT INTO gl_account (code, name, type, fund, normal_balance)
SELECT 'due_from.general:' || f.code, 'Due from General Fund — ' || f.name, 'asset', f.code,
       'debit'
  FROM gl_fund f WHERE f.code <> 'general';

INSERT INTO payment_tender_fee (tender, effective_from, rate_micros, gl_revenue) VALUES
  ('card', '2000-01-01', 23700, 'revenue.fee.card:general');
