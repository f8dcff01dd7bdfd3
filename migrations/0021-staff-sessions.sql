-- Staff sessions and API tokens (STF-1). Only the SHA-256 of a token is stored: a leaked
-- table (or backup) does not let anyone sign in. Sessions expire after an idle period
-- (sliding `expires_at`, moved forward at most once a minute) and after an absolute
-- lifetime; `revoked_at` ends them early (logout, password reset, user disabled).
CREATE TABLE staff_session (
  id            text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),   -- sha256(token), hex
  user_id       bigint NOT NULL REFERENCES staff_user (id),
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  ip            text NOT NULL CHECK (length(ip) <= 64),
  user_agent    text CHECK (length(user_agent) <= 512),
  revoked_at    timestamptz
);
CREATE INDEX staff_session_user ON staff_session (user_id) WHERE revoked_at IS NULL;

-- Long-lived tokens for integrations (`Authorization: Bearer cisapi_…`). They act as the
-- user they belong to, with that user's current roles.
CREATE TABLE staff_api_token (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash    text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
  user_id       bigint NOT NULL REFERENCES staff_user (id),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  created_at    timestamptz NOT NULL,
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
CREATE INDEX staff_api_token_user ON staff_api_token (user_id);
