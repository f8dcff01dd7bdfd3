-- Void of a window transaction (issue 5, PAY-2), owned by src/modules/payments (window-void.ts).
-- A cashier voids a receipt keyed wrong while its drawer is still open: every money movement
-- is reversed through the ledger (payment reversals, the city-receivable entry reversed) and
-- the void is RECORDED on the transaction; nothing is deleted.
ALTER TABLE window_transaction
  ADD COLUMN voided_at        timestamptz,
  ADD COLUMN voided_by        text,
  ADD COLUMN void_reason      text,
  -- the sale entry's reversal; each payment's reversal is on the payment (reversal_entry_id)
  ADD COLUMN void_sale_entry_id bigint REFERENCES journal_entry (id),
  -- every reversal entry the void posted (payments' and the sale's), in order
  ADD COLUMN void_entry_ids   jsonb,
  ADD CONSTRAINT window_transaction_void_whole CHECK (
    (voided_at IS NULL AND voided_by IS NULL AND void_reason IS NULL AND void_entry_ids IS NULL)
    OR (voided_at IS NOT NULL AND voided_by IS NOT NULL AND void_reason IS NOT NULL
        AND void_entry_ids IS NOT NULL));
-- The gateway authorization of a city receivable card part (so a void can void it).
ALTER TABLE city_receivable_sale ADD COLUMN card_authorization_id text;
