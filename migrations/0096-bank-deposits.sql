-- Bank deposits by fund (issue 5, PAY-4), owned by src/modules/payments (deposit-*.ts). A
-- supervisor groups verified drawers into one deposit; its ONE journal entry moves the
-- drawers' money to cash.bank:<fund> and settles the interfund due-to/due-from.
CREATE TABLE bank_deposit (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  business_date      date NOT NULL,
  total_cents        bigint NOT NULL CHECK (total_cents >= 0),
  by_fund            jsonb NOT NULL,   -- { fund: cents }
  by_tender          jsonb NOT NULL,   -- { cash: {count, cents}, check: …, card: … }
  checks             jsonb NOT NULL,   -- [{ checkNumber, accountLast4, amountCents }]
  journal_entry_id   bigint REFERENCES journal_entry (id),
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL
);
ALTER TABLE cash_drawer ADD CONSTRAINT cash_drawer_deposit
  FOREIGN KEY (deposit_id) REFERENCES bank_deposit (id);
