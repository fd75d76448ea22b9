-- Identity: second factor, lock-out, forced password change, managed accounts, and row-level
-- security on petition tables as the second wall behind the policy module.

ALTER TABLE units ADD COLUMN require_mfa boolean NOT NULL DEFAULT false;

ALTER TABLE users
  ADD COLUMN password_changed_at timestamptz,
  ADD COLUMN totp_secret_enc     bytea,
  ADD COLUMN totp_enabled_at     timestamptz,
  ADD COLUMN totp_last_step      bigint,
  ADD COLUMN failed_logins       int NOT NULL DEFAULT 0,
  ADD COLUMN locked_until        timestamptz;

CREATE TABLE user_backup_codes (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id   uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash bytea NOT NULL,
  used_at   timestamptz
);
CREATE INDEX user_backup_codes_user_idx ON user_backup_codes (user_id);

-- A password accepted, the second factor still to come (5 minutes, a few tries).
CREATE TABLE login_challenges (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash  bytea NOT NULL UNIQUE,
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at  timestamptz NOT NULL,
  attempts    int NOT NULL DEFAULT 0,
  ip          text,
  user_agent  text
);

-- Failed logins per client address (the per-account count lives on users).
CREATE TABLE login_throttle (
  address      text PRIMARY KEY,
  failures     int NOT NULL DEFAULT 0,
  window_start timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz
);

ALTER TABLE sessions ADD COLUMN mfa_verified boolean NOT NULL DEFAULT false;

-- A user manager manages a set of accounts of its unit and holds the union of their data rights.
CREATE TABLE user_manager_accounts (
  manager_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  account_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (manager_id, account_id),
  CHECK (manager_id <> account_id)
);

-- Row-level security. The application runs petition queries as the role dt_scoped with the
-- caller's unit subtrees in the setting dt.scope ('{VN.01,VN.79}'); rows outside them do not exist
-- for that query. An empty or missing setting sees nothing.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dt_scoped') THEN
    CREATE ROLE dt_scoped NOLOGIN NOBYPASSRLS;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION dt_scope() RETURNS ltree[]
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT coalesce(nullif(current_setting('dt.scope', true), ''), '{}')::ltree[] $$;

GRANT USAGE ON SCHEMA public TO dt_scoped;
GRANT SELECT, INSERT, UPDATE ON petitions, petition_events, petition_counters, outbox TO dt_scoped;
GRANT SELECT ON units, users TO dt_scoped;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO dt_scoped;

ALTER TABLE petitions ENABLE ROW LEVEL SECURITY;
CREATE POLICY petitions_in_scope ON petitions TO dt_scoped
  USING (unit_path <@ dt_scope()) WITH CHECK (unit_path <@ dt_scope());

ALTER TABLE petition_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY petition_events_in_scope ON petition_events TO dt_scoped
  USING (EXISTS (SELECT 1 FROM petitions p WHERE p.id = petition_id));

ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
CREATE POLICY outbox_in_scope ON outbox TO dt_scoped
  USING (unit_path <@ dt_scope()) WITH CHECK (unit_path <@ dt_scope());
