-- Commercial solid-waste service details (SW-COMM): the front-load bin an agreement is priced
-- on (demo-city-rates.md: 6.50 × cubic yards × pickups per week × 4.33 + container charge).
-- Owned by the `customers` module; one row per solid_waste agreement that has a container.
CREATE TABLE solid_waste_service (
  agreement_id      bigint PRIMARY KEY REFERENCES service_agreement (id),
  premise_id        bigint NOT NULL REFERENCES premise (id),
  container_yards   smallint NOT NULL CHECK (container_yards BETWEEN 1 AND 40),
  containers        smallint NOT NULL DEFAULT 1 CHECK (containers BETWEEN 1 AND 20),
  pickups_per_week  smallint NOT NULL CHECK (pickups_per_week BETWEEN 1 AND 7),
  recycling         boolean NOT NULL DEFAULT false,
  version           int NOT NULL DEFAULT 1,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX solid_waste_service_premise ON solid_waste_service (premise_id);
