-- Per-account alert preferences (issue 5 item 4): kinds the account does not want pushed, and quiet
-- hours (Vietnam time) during which only urgent alerts are pushed. In-app alerts are always kept.
CREATE TABLE alert_preferences (
  user_id      uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  muted_kinds  text[] NOT NULL DEFAULT '{}',
  quiet_from   smallint CHECK (quiet_from BETWEEN 0 AND 23),
  quiet_to     smallint CHECK (quiet_to BETWEEN 0 AND 23),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
