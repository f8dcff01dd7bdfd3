-- An unapplied-cash item refunded to its sender (PAY-5/PAY-8) becomes a refund-check request
-- for accounts payable like any other refund: until now its `refund` entry credited the bank
-- but nobody was asked to write the check. The payee is the sender research found (name and
-- mailing address entered by staff), not an account: account_id is empty for this kind.

ALTER TABLE refund_request ALTER COLUMN account_id DROP NOT NULL;
ALTER TABLE refund_request DROP CONSTRAINT refund_request_kind_check;
ALTER TABLE refund_request ADD CONSTRAINT refund_request_kind_check
  CHECK (kind IN ('credit_balance', 'deposit', 'unapplied_cash'));
ALTER TABLE refund_request ADD COLUMN unapplied_cash_id bigint UNIQUE REFERENCES unapplied_cash (id);
ALTER TABLE refund_request ADD CONSTRAINT refund_request_payee_shape CHECK (
  CASE WHEN kind = 'unapplied_cash'
       THEN unapplied_cash_id IS NOT NULL AND account_id IS NULL
       ELSE unapplied_cash_id IS NULL AND account_id IS NOT NULL END);
