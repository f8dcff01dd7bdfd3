-- Staff users and their roles (STF-1). Owned by the `staff` module
-- (src/modules/staff/README.md). Usernames are stored lower-case so that "CSR1" and "csr1"
-- cannot be two people; the password is an argon2id PHC string, never the password itself.
CREATE TABLE staff_user (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username              text NOT NULL UNIQUE
                          CHECK (username ~ '^[a-z][a-z0-9._-]{1,31}$'),
  display_name          text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  email                 text CHECK (length(email) <= 254),
  password_hash         text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
  active                boolean NOT NULL DEFAULT true,
  must_change_password  boolean NOT NULL DEFAULT false,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL,
  version               int NOT NULL DEFAULT 1 CHECK (version >= 1)
);

-- One row per role a user holds. The CHECK list is `roles` in
-- src/modules/staff/permissions.ts; a test proves the two agree.
CREATE TABLE staff_user_role (
  user_id  bigint NOT NULL REFERENCES staff_user (id),
  role     text NOT NULL CHECK (role IN
             ('csr1', 'csr2', 'supervisor', 'cashier', 'dispatcher', 'field_tech',
              'solid_waste', 'admin')),
  PRIMARY KEY (user_id, role)
);
CREATE INDEX staff_user_role_role ON staff_user_role (role);
