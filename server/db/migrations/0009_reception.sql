-- Citizen reception (issue 4 item 1; DOMAIN.md §2, §9): the leaders' periodic reception schedule,
-- reception sessions (regular, periodic, ad hoc; direct or, from 01/07/2026, online), and the
-- reception book (sổ tiếp công dân, TT 04/2021/TT-TTCP Mẫu số 03) with its visitors. Visitors'
-- personal data is stored ONLY encrypted, as petition_parties (migration 0004).

-- A leader's periodic reception: a rule (a weekday each week, or the n-th weekday of each month)
-- from which sessions are generated; each generated session stays editable.
CREATE TABLE reception_schedules (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id               uuid NOT NULL REFERENCES units(id),
  unit_path             ltree NOT NULL,
  title                 text NOT NULL,
  host_user_id          uuid NOT NULL REFERENCES users(id),
  host_mode             text NOT NULL CHECK (host_mode IN ('THU_TRUONG','UY_QUYEN')),
  channel               text NOT NULL DEFAULT 'TRUC_TIEP' CHECK (channel IN ('TRUC_TIEP','TRUC_TUYEN')),
  meeting_url           text,
  identity_check_method text,
  place                 text NOT NULL,
  start_time            text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  end_time              text NOT NULL CHECK (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  -- {"frequency":"WEEKLY","weekday":4} or {"frequency":"MONTHLY","weekday":4,"week":2} (week 5 = last)
  rule                  jsonb NOT NULL,
  valid_from            date NOT NULL,
  valid_to              date,
  generated_until       date,
  active                boolean NOT NULL DEFAULT true,
  created_by            uuid REFERENCES users(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT reception_schedules_online CHECK (channel <> 'TRUC_TUYEN' OR (meeting_url IS NOT NULL AND identity_check_method IS NOT NULL)),
  CONSTRAINT reception_schedules_period CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX reception_schedules_path_gist ON reception_schedules USING gist (unit_path);

-- One reception: a day of the reception desk (thường xuyên, one per unit, day and desk), a
-- leader's periodic day (định kỳ) or an ad-hoc reception (đột xuất).
CREATE TABLE reception_sessions (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id               uuid NOT NULL REFERENCES units(id),
  unit_path             ltree NOT NULL,
  schedule_id           uuid REFERENCES reception_schedules(id),
  -- The rule's own date for a generated session (the session may be moved off a holiday).
  scheduled_for         date,
  type                  text NOT NULL CHECK (type IN ('THUONG_XUYEN','DINH_KY','DOT_XUAT')),
  session_date          date NOT NULL,
  start_time            text CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  end_time              text CHECK (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  place                 text NOT NULL,
  -- The regular reception's desk (one session per unit, day and desk).
  desk                  text,
  -- The leader who receives (the head, or the deputy the head delegated to).
  host_user_id          uuid REFERENCES users(id),
  host_mode             text CHECK (host_mode IN ('THU_TRUONG','UY_QUYEN')),
  channel               text NOT NULL DEFAULT 'TRUC_TIEP' CHECK (channel IN ('TRUC_TIEP','TRUC_TUYEN')),
  meeting_url           text,
  identity_check_method text,
  status                text NOT NULL DEFAULT 'DU_KIEN' CHECK (status IN ('DU_KIEN','DA_TIEP','HUY')),
  -- Changed by hand after generation: a change of the schedule leaves it alone.
  edited                boolean NOT NULL DEFAULT false,
  -- TT 04/2021: the head's conclusion notice after a periodic or ad-hoc reception.
  conclusion_notice_no   text,
  conclusion_notice_date date,
  cancel_reason         text,
  note                  text,
  created_by            uuid REFERENCES users(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  closed_at             timestamptz,
  closed_by             uuid REFERENCES users(id),
  CONSTRAINT reception_sessions_host CHECK (type = 'THUONG_XUYEN' OR (host_user_id IS NOT NULL AND host_mode IS NOT NULL)),
  CONSTRAINT reception_sessions_desk CHECK ((type = 'THUONG_XUYEN') = (desk IS NOT NULL)),
  -- Online reception exists from 01/07/2026 (Luật 136/2025/QH15) and needs its link and identity check.
  CONSTRAINT reception_sessions_online CHECK (channel <> 'TRUC_TUYEN' OR
    (meeting_url IS NOT NULL AND identity_check_method IS NOT NULL AND session_date >= DATE '2026-07-01'))
);
CREATE UNIQUE INDEX reception_sessions_desk_day_key ON reception_sessions (unit_id, session_date, desk) WHERE type = 'THUONG_XUYEN';
CREATE UNIQUE INDEX reception_sessions_slot_key ON reception_sessions (schedule_id, scheduled_for) WHERE schedule_id IS NOT NULL;
CREATE INDEX reception_sessions_path_gist ON reception_sessions USING gist (unit_path);
CREATE INDEX reception_sessions_unit_date_idx ON reception_sessions (unit_id, session_date);
CREATE INDEX reception_sessions_date_idx ON reception_sessions (session_date);

-- Numbers of the reception book: one counter per unit and year, taken in the visit's transaction.
CREATE TABLE reception_counters (
  unit_id uuid NOT NULL REFERENCES units(id),
  year    int  NOT NULL,
  last    int  NOT NULL,
  PRIMARY KEY (unit_id, year)
);

-- One line of the reception book (Mẫu số 03).
CREATE TABLE reception_visits (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id            uuid NOT NULL REFERENCES reception_sessions(id),
  unit_id               uuid NOT NULL REFERENCES units(id),
  unit_path             ltree NOT NULL,
  year                  int  NOT NULL,
  seq                   int  NOT NULL,
  visited_at            timestamptz NOT NULL,
  place                 text NOT NULL,
  received_by           uuid NOT NULL REFERENCES users(id),
  -- The leader receiving on a leader's day (the session's host).
  leader_user_id        uuid REFERENCES users(id),
  channel               text NOT NULL CHECK (channel IN ('TRUC_TIEP','TRUC_TUYEN')),
  is_group              boolean NOT NULL,
  -- People who came: the group's size, or the named visitors.
  group_size            int  NOT NULL CHECK (group_size BETWEEN 1 AND 100000),
  representative_count  int  NOT NULL CHECK (representative_count >= 0),
  round                 text NOT NULL CHECK (round IN ('LAN_DAU','NHIEU_LAN')),
  summary               text NOT NULL,
  classification        text NOT NULL CHECK (classification IN ('KHIEU_NAI','TO_CAO','KIEN_NGHI_PHAN_ANH','NHIEU_NOI_DUNG')),
  prior_body            text,
  documents             text,
  outcome               text NOT NULL CHECK (outcome IN ('NHAN_DON','HUONG_DAN','CHUYEN_DON','TRA_LOI_TRUC_TIEP','TU_CHOI')),
  outcome_body          text,
  outcome_doc_no        text,
  refusal_reason        text CHECK (refusal_reason IN ('SAY_BENH','VI_PHAM_NOI_QUY','DA_GIAI_QUYET_DUNG','KHAC')),
  refusal_notice_no     text,
  -- Luật TCD Điều 28.1: the visitor is answered within 10 working days of a matter received.
  reply_due_date        date,
  follow_up             text,
  notes                 text,
  petition_id           uuid REFERENCES petitions(id),
  -- The receipt number, kept with the line: the petition may later move out of this unit's scope.
  petition_code         text,
  identity_check_method text,
  identity_checked_by   uuid REFERENCES users(id),
  created_by            uuid REFERENCES users(id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT reception_visits_seq_key UNIQUE (unit_id, year, seq),
  CONSTRAINT reception_visits_petition CHECK ((petition_id IS NULL) = (petition_code IS NULL)),
  CONSTRAINT reception_visits_refusal CHECK ((outcome = 'TU_CHOI') = (refusal_reason IS NOT NULL)),
  -- Luật TCD Điều 30.2: 5–10 people send 1–2 representatives; more than 10, at most 5.
  CONSTRAINT reception_visits_group CHECK (
    (NOT is_group AND group_size BETWEEN 1 AND 4 AND representative_count = 0) OR
    (is_group AND group_size >= 5 AND representative_count >= 1
      AND representative_count <= CASE WHEN group_size > 10 THEN 5 ELSE 2 END)),
  CONSTRAINT reception_visits_online_identity CHECK (channel <> 'TRUC_TUYEN' OR (identity_check_method IS NOT NULL AND identity_checked_by IS NOT NULL))
);
CREATE INDEX reception_visits_path_gist ON reception_visits USING gist (unit_path);
CREATE INDEX reception_visits_session_idx ON reception_visits (session_id, visited_at);
CREATE INDEX reception_visits_unit_visited_idx ON reception_visits (unit_id, visited_at, id);
CREATE INDEX reception_visits_visited_idx ON reception_visits (visited_at, id);
CREATE INDEX reception_visits_petition_idx ON reception_visits (petition_id) WHERE petition_id IS NOT NULL;

-- The people named at a visit (a visitor, or a group's representatives). Encrypted like
-- petition_parties: AES-256-GCM bound to column and row, blind indexes for exact matches.
CREATE TABLE reception_visitors (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  visit_id           uuid NOT NULL REFERENCES reception_visits(id) ON DELETE CASCADE,
  position           smallint NOT NULL,
  is_representative  boolean NOT NULL DEFAULT false,
  full_name_enc      bytea NOT NULL,
  id_number_enc      bytea,
  address_enc        bytea,
  phone_enc          bytea,
  id_number_hash     bytea,
  phone_hash         bytea,
  name_hash          bytea NOT NULL,
  key_id             text NOT NULL CHECK (key_id ~ '^[0-9a-f]{8}$'),
  -- Luật Tố cáo 2018 Điều 8.3, 9.1.b, 56: a denouncer's identity is kept secret.
  identity_protected boolean NOT NULL DEFAULT false,
  created_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT reception_visitors_position_key UNIQUE (visit_id, position),
  CONSTRAINT reception_visitors_id_number_indexed CHECK ((id_number_enc IS NULL) = (id_number_hash IS NULL)),
  CONSTRAINT reception_visitors_phone_indexed CHECK ((phone_enc IS NULL) = (phone_hash IS NULL)),
  CONSTRAINT reception_visitors_hash_length CHECK (
    octet_length(name_hash) = 32 AND coalesce(octet_length(id_number_hash), 32) = 32 AND coalesce(octet_length(phone_hash), 32) = 32)
);
CREATE INDEX reception_visitors_id_number_hash_idx ON reception_visitors (id_number_hash) WHERE id_number_hash IS NOT NULL;
CREATE INDEX reception_visitors_phone_hash_idx ON reception_visitors (phone_hash) WHERE phone_hash IS NOT NULL;
CREATE INDEX reception_visitors_name_hash_idx ON reception_visitors (name_hash);
CREATE INDEX reception_visitors_key_id_idx ON reception_visitors (key_id);
COMMENT ON TABLE reception_visitors IS 'Người đến tiếp công dân; dữ liệu cá nhân chỉ lưu dạng mã hoá (AES-256-GCM) / Reception visitors; personal data encrypted only';

-- Row-level security as for the petition tables (migrations 0002, 0004, 0006): a scoped query
-- (role dt_scoped, subtrees in dt.scope) sees and writes only rows of units inside its scope.
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dt_scoped') THEN
    CREATE ROLE dt_scoped NOLOGIN NOBYPASSRLS;
  END IF;
END $$;
GRANT SELECT, INSERT, UPDATE ON reception_schedules, reception_visits, reception_counters TO dt_scoped;
-- A change of schedule removes the generated sessions nobody has touched yet.
GRANT SELECT, INSERT, UPDATE, DELETE ON reception_sessions TO dt_scoped;
GRANT SELECT, INSERT ON reception_visitors TO dt_scoped;

ALTER TABLE reception_schedules ENABLE ROW LEVEL SECURITY;
CREATE POLICY reception_schedules_in_scope ON reception_schedules TO dt_scoped
  USING (unit_path <@ dt_scope()) WITH CHECK (unit_path <@ dt_scope());

ALTER TABLE reception_sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY reception_sessions_in_scope ON reception_sessions TO dt_scoped
  USING (unit_path <@ dt_scope()) WITH CHECK (unit_path <@ dt_scope());

ALTER TABLE reception_visits ENABLE ROW LEVEL SECURITY;
CREATE POLICY reception_visits_in_scope ON reception_visits TO dt_scoped
  USING (unit_path <@ dt_scope()) WITH CHECK (unit_path <@ dt_scope());

ALTER TABLE reception_visitors ENABLE ROW LEVEL SECURITY;
CREATE POLICY reception_visitors_in_scope ON reception_visitors TO dt_scoped
  USING (EXISTS (SELECT 1 FROM reception_visits v WHERE v.id = visit_id))
  WITH CHECK (EXISTS (SELECT 1 FROM reception_visits v WHERE v.id = visit_id));
