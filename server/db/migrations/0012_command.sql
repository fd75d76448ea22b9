-- Command centre (issue 5 items 1–3): wall screens paired to a dedicated screen account.
--
-- A leader or an administrator pairs a wall screen once; the screen keeps a long-lived device token
-- (only its SHA-256 is stored here) and opens a normal login session with it whenever its session
-- ends, so the wall never shows a login prompt. Revoking the device ends that session too.
-- No petition data lives here, so no row-level security.
CREATE TABLE command_kiosk_devices (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  label           text NOT NULL CHECK (length(label) BETWEEN 2 AND 100),
  account_id      uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash      bytea NOT NULL,
  created_by      uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_used_at    timestamptz,
  -- The session the device opened last (one live session per device: a renewal revokes the old one).
  last_session_id uuid REFERENCES sessions(id) ON DELETE SET NULL,
  revoked_at      timestamptz,
  revoked_by      uuid REFERENCES users(id),
  CONSTRAINT command_kiosk_devices_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX command_kiosk_devices_account_idx ON command_kiosk_devices (account_id);
CREATE INDEX command_kiosk_devices_session_idx ON command_kiosk_devices (last_session_id) WHERE revoked_at IS NULL;
