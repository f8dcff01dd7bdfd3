-- The chart of accounts as data (issue 2 item 4), owned by the `ledger` module.
-- A GL account code is `<purpose>:<fund>` ("receivable:water"); other modules post to these
-- exact codes through src/modules/ledger/index.ts, never by touching these tables.
-- Funds are data too: a utility adds one by inserting a row here and its accounts below.

CREATE TABLE gl_fund (
  code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_]*$'),
  name        text NOT NULL,
  sort_order  smallint NOT NULL UNIQUE
);

CREATE TABLE gl_account (
  code            text PRIMARY KEY CHECK (code ~ '^[a-z][a-z_.]*:[a-z][a-z_]*$'),
  name            text NOT NULL,
  type            text NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'revenue', 'expense')),
  fund            text NOT NULL REFERENCES gl_fund (code),
  normal_balance  text NOT NULL CHECK (normal_balance IN ('debit', 'credit')),
  -- A receivable control account: the customer balance is the sum of its lines per account.
  is_receivable   boolean NOT NULL DEFAULT false,
  -- Its lines carry the customer account_id (receivables and deposits held), so that the
  -- sub-ledger by account reconciles to this control account; other lines must not.
  has_subledger   boolean NOT NULL DEFAULT false,
  active          boolean NOT NULL DEFAULT true,
  -- The code's suffix is its fund, so a code can never lie about where it belongs.
  CHECK (split_part(code, ':', 2) = fund),
  CHECK (NOT is_receivable OR (has_subledger AND type = 'asset')),
  CHECK (normal_balance = CASE WHEN type IN ('asset', 'expense') THEN 'debit' ELSE 'credit' END),
  -- Target of journal_line's composite foreign key: a line copies fund and has_subledger
  -- from its account, and the database checks the copy.
  UNIQUE (code, fund, has_subledger)
);
CREATE INDEX gl_account_fund ON gl_account (fund, code);

INSERT INTO gl_fund (code, name, sort_order) VALUES
  ('electric', 'Electric Utility Fund', 1),
  ('gas', 'Gas Utility Fund', 2),
  ('water', 'Water Utility Fund', 3),       -- irrigation and hydrant revenue live here
  ('wastewater', 'Wastewater Utility Fund', 4),
  ('solid_waste', 'Solid Waste Fund', 5),
  ('general', 'General Fund', 6);

-- Accounts every fund has.
INSERT INTO gl_account (code, name, type, fund, normal_balance, is_receivable, has_subledger)
SELECT p.purpose || ':' || f.code, p.label || ' — ' || f.name, p.type, f.code,
       CASE WHEN p.type IN ('asset', 'expense') THEN 'debit' ELSE 'credit' END,
       p.is_receivable, p.has_subledger
  FROM gl_fund f
 CROSS JOIN (VALUES
   ('receivable', 'Accounts receivable (customer control)', 'asset', true, true),
   ('deposit.held', 'Customer deposits held', 'liability', false, true),
   ('cash.bank', 'Cash in bank', 'asset', false, false),
   ('revenue.service', 'Service revenue', 'revenue', false, false),
   ('revenue.fee.connection', 'Connection fee revenue', 'revenue', false, false),
   ('revenue.fee.late', 'Late fee revenue', 'revenue', false, false),
   ('revenue.bad_debt_recovery', 'Bad debt recovery', 'revenue', false, false),
   ('expense.bad_debt', 'Bad debt expense', 'expense', false, false),
   ('equity.fund_balance', 'Fund balance (opening and conversion)', 'equity', false, false)
 ) AS p (purpose, label, type, is_receivable, has_subledger);

-- Accounts only one fund has.
INSERT INTO gl_account (code, name, type, fund, normal_balance) VALUES
  ('revenue.service.irrigation:water', 'Irrigation service revenue — Water Utility Fund', 'revenue', 'water', 'credit'),
  ('revenue.service.hydrant:water', 'Hydrant meter revenue — Water Utility Fund', 'revenue', 'water', 'credit'),
  ('revenue.fee.setup:general', 'Account set-up fee revenue — General Fund', 'revenue', 'general', 'credit'),
  ('revenue.fee.returned_payment:general', 'Returned payment fee revenue — General Fund', 'revenue', 'general', 'credit'),
  ('revenue.fee.field:general', 'Field service fee revenue — General Fund', 'revenue', 'general', 'credit'),
  ('revenue.misc:general', 'Miscellaneous revenue — General Fund', 'revenue', 'general', 'credit'),
  ('unapplied_cash:general', 'Unapplied cash — General Fund', 'liability', 'general', 'credit'),
  ('cash.drawer:general', 'Cash drawers — General Fund', 'asset', 'general', 'debit'),
  ('expense.over_short:general', 'Cash over and short — General Fund', 'expense', 'general', 'debit'),
  ('tax.payable.state:general', 'State transaction privilege tax payable — General Fund', 'liability', 'general', 'credit'),
  ('tax.payable.county:general', 'County transaction privilege tax payable — General Fund', 'liability', 'general', 'credit'),
  ('tax.payable.city:general', 'City transaction privilege tax payable — General Fund', 'liability', 'general', 'credit');
