-- Start/stop/transfer service, fraud policy and special-status details (ACC-2, ACC-3, ACC-7).
-- Owned by the `customers` module.

-- Structured details of a special status that do not fit the common columns: the bankruptcy
-- chapter, the date of death, … (the case or certificate number goes in `reference`).
ALTER TABLE account_special_status ADD COLUMN details jsonb NOT NULL DEFAULT '{}'::jsonb;

-- Landlord continuous-service agreement (demo-city-facts §9.6): the premises whose water,
-- wastewater and solid waste revert to the owner's account when a tenant stops service.
CREATE TABLE landlord_premise (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       bigint NOT NULL REFERENCES account (id),   -- the owner's account
  premise_id       bigint NOT NULL REFERENCES premise (id),
  starts_on        date NOT NULL,
  ended_at         timestamptz
);
-- One owner per premise at a time.
CREATE UNIQUE INDEX landlord_premise_one_open ON landlord_premise (premise_id) WHERE ended_at IS NULL;
CREATE INDEX landlord_premise_account ON landlord_premise (account_id);

-- A fraud signal that an authorized user chose to proceed past, and why (ACC-3).
CREATE TABLE fraud_override (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       bigint NOT NULL REFERENCES account (id),
  customer_id      bigint NOT NULL REFERENCES customer (id),
  signal           text NOT NULL CHECK (signal IN
                     ('owes_prior_balance', 'duplicate_identity', 'identity_not_verified')),
  detail           jsonb NOT NULL DEFAULT '{}'::jsonb,
  reason           text NOT NULL CHECK (length(reason) > 0),
  overridden_by    bigint,
  overridden_by_name text NOT NULL,
  overridden_at    timestamptz NOT NULL
);
CREATE INDEX fraud_override_account ON fraud_override (account_id, overridden_at);
CREATE TRIGGER fraud_override_append_only BEFORE UPDATE OR DELETE ON fraud_override
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- A deposit the account must pay (COL-1 bills and collects it; this module only records
-- that it is required and why). Amount from fee_schedule at the time it was required.
CREATE TABLE account_deposit_requirement (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       bigint NOT NULL REFERENCES account (id),
  fee_code         text NOT NULL,
  amount_cents     bigint NOT NULL CHECK (amount_cents > 0),
  reason           text NOT NULL,             -- 'duplicate_identity', 'hydrant_meter', …
  status           text NOT NULL DEFAULT 'required' CHECK (status IN ('required', 'billed', 'waived')),
  required_on      date NOT NULL,
  created_at       timestamptz NOT NULL
);
CREATE INDEX account_deposit_requirement_account ON account_deposit_requirement (account_id);

-- Open fraud signals shown on the account overview until someone resolves them.
CREATE TABLE account_fraud_signal (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id       bigint NOT NULL REFERENCES account (id),
  signal           text NOT NULL,
  detail           jsonb NOT NULL DEFAULT '{}'::jsonb,
  raised_at        timestamptz NOT NULL,
  resolved_at      timestamptz
);
CREATE INDEX account_fraud_signal_account ON account_fraud_signal (account_id) WHERE resolved_at IS NULL;

CREATE INDEX service_agreement_premise ON service_agreement (premise_id, start_date);
CREATE INDEX premise_address_trgm ON premise USING gin (address_line1 gin_trgm_ops);
