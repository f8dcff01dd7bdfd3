-- Every login attempt, for throttling (STF-1) and for the administrator to see who is
-- guessing. Failed attempts are kept here rather than in audit_log: a password-guessing
-- run would otherwise flood the audit trail. Rows older than the throttle window carry no
-- meaning for throttling and may be pruned (pruneLoginAttempts).
CREATE TABLE login_attempt (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username  text NOT NULL CHECK (length(username) <= 64),   -- as typed, lower-cased
  ip        text NOT NULL CHECK (length(ip) <= 64),
  at        timestamptz NOT NULL,
  success   boolean NOT NULL,
  outcome   text NOT NULL CHECK (outcome IN
              ('success', 'invalid_credentials', 'login_throttled', 'user_disabled')),
  CHECK (success = (outcome = 'success'))
);
CREATE INDEX login_attempt_username ON login_attempt (username, at);
CREATE INDEX login_attempt_ip ON login_attempt (ip, at) WHERE NOT success;
