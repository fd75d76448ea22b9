-- Directives (chỉ đạo, issue 5 item 3): a leader's instruction to one or several units, about a
-- petition or a unit's work, with its thread; alerts (notifications) per account, web-push
-- subscriptions. Thread messages are never edited in place: a correction is a new message.
CREATE TABLE directives (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  issued_by      uuid NOT NULL REFERENCES users(id),
  issuer_unit_path ltree NOT NULL,
  title          text NOT NULL,
  content        text NOT NULL,
  priority       text NOT NULL CHECK (priority IN ('NORMAL', 'URGENT')),
  due_date       date NOT NULL,
  petition_id    uuid REFERENCES petitions(id),
  status         text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
  last_seq       int  NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  closed_at      timestamptz
);
CREATE INDEX directives_issuer_idx ON directives (issued_by, created_at DESC);

CREATE TABLE directive_targets (
  directive_id   uuid NOT NULL REFERENCES directives(id),
  unit_id        uuid NOT NULL REFERENCES units(id),
  unit_path      ltree NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users(id),
  completed_at   timestamptz,
  completed_by   uuid REFERENCES users(id),
  PRIMARY KEY (directive_id, unit_id)
);
CREATE INDEX directive_targets_path_gist ON directive_targets USING gist (unit_path);

CREATE TABLE directive_messages (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  directive_id   uuid NOT NULL REFERENCES directives(id),
  seq            int  NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('ISSUE', 'ACKNOWLEDGE', 'REPLY', 'COMMENT', 'COMPLETE', 'URGE', 'EXTEND', 'CLOSE')),
  author_id      uuid NOT NULL REFERENCES users(id),
  author_unit_id uuid NOT NULL REFERENCES units(id),
  body           text,
  corrects_seq   int,
  idempotency_key text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT directive_messages_seq_key UNIQUE (directive_id, seq),
  CONSTRAINT directive_messages_idempotency_key UNIQUE (directive_id, author_id, idempotency_key)
);
-- The thread is append-only.
CREATE OR REPLACE FUNCTION directive_messages_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'directive messages are append-only';
END $$;
CREATE TRIGGER directive_messages_no_change BEFORE UPDATE OR DELETE ON directive_messages FOR EACH ROW EXECUTE FUNCTION directive_messages_append_only();

CREATE TABLE notifications (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind        text NOT NULL,
  title       text NOT NULL,
  title_en    text NOT NULL,
  link        text NOT NULL,
  urgent      boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

CREATE TABLE push_subscriptions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  endpoint    text NOT NULL,
  p256dh      text NOT NULL,
  auth        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT push_subscriptions_endpoint_key UNIQUE (endpoint)
);
