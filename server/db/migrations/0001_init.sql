-- Đơn Thư: first schema. Extensions, org units, accounts, sessions, petitions, events, outbox.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS ltree;
CREATE EXTENSION IF NOT EXISTS pgcrypto;

-- unaccent() is only STABLE; this wrapper with a fixed dictionary is IMMUTABLE so it can be indexed
-- (ECOSYSTEM.md, Vietnamese text). It folds đ correctly.
CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

CREATE TABLE units (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL,
  name        text NOT NULL,
  short_name  text,
  kind        text NOT NULL,
  parent_id   uuid REFERENCES units(id),
  path        ltree NOT NULL,
  province_code text,
  valid_from  date NOT NULL DEFAULT DATE '2025-07-01',
  valid_to    date,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT units_code_key UNIQUE (code),
  CONSTRAINT units_path_key UNIQUE (path)
);
CREATE INDEX units_path_gist ON units USING gist (path);
CREATE INDEX units_parent_idx ON units (parent_id);

CREATE TABLE users (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  identifier_code text NOT NULL,
  full_name       text NOT NULL,
  password_hash   text NOT NULL,
  role            text NOT NULL CHECK (role IN ('ADMIN','USER_MANAGER','LEADER','OFFICER','VIEWER')),
  unit_id         uuid NOT NULL REFERENCES units(id),
  must_change_password boolean NOT NULL DEFAULT false,
  disabled        boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_identifier_code_key UNIQUE (identifier_code)
);
CREATE INDEX users_unit_idx ON users (unit_id);

CREATE TABLE sessions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  token_hash    bytea NOT NULL,
  user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  ip            text,
  user_agent    text,
  CONSTRAINT sessions_token_hash_key UNIQUE (token_hash)
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Receipt-number sequences: one counter per unit and year, taken inside the intake transaction.
CREATE TABLE petition_counters (
  unit_id uuid NOT NULL REFERENCES units(id),
  year    int  NOT NULL,
  last    int  NOT NULL,
  PRIMARY KEY (unit_id, year)
);

CREATE TABLE petitions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code         text NOT NULL,
  unit_id      uuid NOT NULL REFERENCES units(id),
  unit_path    ltree NOT NULL,
  type         text NOT NULL CHECK (type IN ('KHIEU_NAI','TO_CAO','KIEN_NGHI','PHAN_ANH')),
  status       text NOT NULL,
  summary      text NOT NULL,
  received_at  timestamptz NOT NULL,
  created_by   uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT petitions_code_key UNIQUE (code)
);
-- Newest-first lists within a scope (keyset pagination on received_at, id).
CREATE INDEX petitions_path_gist ON petitions USING gist (unit_path);
CREATE INDEX petitions_received_idx ON petitions (received_at DESC, id DESC);
CREATE INDEX petitions_unit_received_idx ON petitions (unit_id, received_at DESC, id DESC);

-- Append-only history of every step: who, when, from, to, note.
CREATE TABLE petition_events (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  petition_id  uuid NOT NULL REFERENCES petitions(id),
  actor_id     uuid REFERENCES users(id),
  action       text NOT NULL,
  from_status  text,
  to_status    text,
  note         text,
  occurred_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX petition_events_petition_idx ON petition_events (petition_id, id);

-- Transactional outbox. `id` identifies an event; `seq` is assigned by the relay at delivery,
-- in delivery order, and is what a reconnecting client resumes from (ids can commit out of order).
CREATE SEQUENCE outbox_delivery_seq;
CREATE TABLE outbox (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_type   text NOT NULL,
  unit_path    ltree,
  user_id      uuid,
  topics       text[] NOT NULL,
  payload      jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  seq          bigint,
  published_at timestamptz,
  attempts     int NOT NULL DEFAULT 0,
  last_error   text
);
CREATE INDEX outbox_unsent_idx ON outbox (id) WHERE published_at IS NULL;
CREATE UNIQUE INDEX outbox_seq_idx ON outbox (seq) WHERE seq IS NOT NULL;
CREATE INDEX outbox_path_gist ON outbox USING gist (unit_path);

CREATE OR REPLACE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox', '');
  RETURN NULL;
END $$;
-- One wake-up per statement; NOTIFY is delivered at commit, so the relay never sees uncommitted rows.
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
