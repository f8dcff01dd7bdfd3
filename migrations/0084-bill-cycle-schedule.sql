-- Billing cycles as data (issue 4, BIL-4): the meter-reading schedule. 16 cycles per month;
-- each (cycle, period month) has the date its meters are read and the date its bill run is
-- scheduled. Owned by src/modules/billing (cycles-*.ts); filled a year at a time by
-- `npx cis cycles schedule --year Y` (idempotent). A bill run's as-of is normally the cycle's
-- read_date: the bill period runs from read date to read date (demo-city-rates.md).

CREATE TABLE bill_cycle_schedule (
  cycle            smallint NOT NULL CHECK (cycle BETWEEN 1 AND 16),
  period_month     date NOT NULL CHECK (extract(day FROM period_month) = 1),  -- first of month
  read_date        date NOT NULL,
  bill_date        date NOT NULL,
  created_at       timestamptz NOT NULL,
  PRIMARY KEY (cycle, period_month),
  -- The period's month is the month of its closing read (rate card: seasons, riders).
  CHECK (date_trunc('month', read_date)::date = period_month),
  CHECK (bill_date > read_date)
);
CREATE INDEX bill_cycle_schedule_read_date ON bill_cycle_schedule (read_date);
