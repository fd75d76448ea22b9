-- The petition procedure (issue 4): intake fields, cases (vụ việc), the open step's deadline,
-- the outcome, and richer step records. State codes and actions live in shared/procedure/.

-- Many letters, one case: every petition belongs to a case; a duplicate letter joins an existing one.
CREATE TABLE cases (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL,
  unit_id     uuid NOT NULL REFERENCES units(id),
  unit_path   ltree NOT NULL,
  type        text NOT NULL,
  created_by  uuid REFERENCES users(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT cases_code_key UNIQUE (code)
);
CREATE INDEX cases_path_gist ON cases USING gist (unit_path);

ALTER TABLE petitions DROP CONSTRAINT IF EXISTS petitions_type_check;
ALTER TABLE petitions ADD CONSTRAINT petitions_type_check CHECK (type IN ('KHIEU_NAI','TO_CAO','KIEN_NGHI','PHAN_ANH','NHIEU_NOI_DUNG'));

ALTER TABLE petitions
  ADD COLUMN source          text NOT NULL DEFAULT 'TRUC_TIEP',
  ADD COLUMN forwarding      jsonb,
  ADD COLUMN field           text,
  ADD COLUMN sender_kind     text NOT NULL DEFAULT 'CA_NHAN',
  ADD COLUMN signer_count    int  NOT NULL DEFAULT 1 CHECK (signer_count BETWEEN 0 AND 100000),
  ADD COLUMN respondent      text,
  ADD COLUMN province_code   text,
  ADD COLUMN commune_code    text,
  ADD COLUMN written_on      date,
  ADD COLUMN competence      text,
  ADD COLUMN eligible        boolean,
  ADD COLUMN complexity      text NOT NULL DEFAULT 'THUONG',
  ADD COLUMN remote_area     boolean NOT NULL DEFAULT false,
  ADD COLUMN round           int  NOT NULL DEFAULT 1 CHECK (round IN (1, 2)),
  ADD COLUMN case_id         uuid REFERENCES cases(id),
  ADD COLUMN parent_id       uuid REFERENCES petitions(id),
  -- The unit that transferred the petition in (a receiving unit may send it back there).
  ADD COLUMN transferred_from_unit_id uuid REFERENCES units(id),
  ADD COLUMN assigned_to     uuid REFERENCES users(id),
  -- The open step's clock: the rule, the civil date it counts from, extensions, the last day.
  ADD COLUMN clock_start     date,
  ADD COLUMN due_rule        text,
  ADD COLUMN extensions      int  NOT NULL DEFAULT 0,
  ADD COLUMN due_date        date,
  -- End of due_date in Vietnam: overdue once now() passes it.
  ADD COLUMN due_at          timestamptz,
  ADD COLUMN paused_at       timestamptz,
  ADD COLUMN deadline_state  text NOT NULL DEFAULT 'ON_TRACK' CHECK (deadline_state IN ('ON_TRACK','DUE_SOON','OVERDUE')),
  -- Set when no step of ours is open any more; closed_on_time compares it with the last due date.
  ADD COLUMN closed_at       timestamptz,
  ADD COLUMN closed_on_time  boolean,
  ADD COLUMN result          text CHECK (result IN ('DUNG','DUNG_MOT_PHAN','SAI')),
  -- Accent-folded, lower-cased code, summary and respondent for search (pg_trgm).
  ADD COLUMN search_text     text GENERATED ALWAYS AS (lower(f_unaccent(code || ' ' || summary || ' ' || coalesce(respondent, '')))) STORED;

CREATE INDEX petitions_search_trgm ON petitions USING gin (search_text gin_trgm_ops);
CREATE INDEX petitions_case_idx ON petitions (case_id);
CREATE INDEX petitions_assigned_idx ON petitions (assigned_to) WHERE assigned_to IS NOT NULL;
CREATE INDEX petitions_status_idx ON petitions (status, received_at DESC, id DESC);
-- The deadline watcher and the warning lists read only open petitions with a due date.
CREATE INDEX petitions_open_due_idx ON petitions (due_at) WHERE closed_at IS NULL AND due_at IS NOT NULL;
-- Locality filters and the duplicate check's "newest letters of this commune/province".
CREATE INDEX petitions_commune_received_idx ON petitions (commune_code, received_at DESC) WHERE commune_code IS NOT NULL;
CREATE INDEX petitions_province_received_idx ON petitions (province_code, received_at DESC);
-- Warning lists ("overdue", "due soon") newest first without walking every open petition.
CREATE INDEX petitions_deadline_received_idx ON petitions (deadline_state, received_at DESC, id DESC) WHERE closed_at IS NULL;

ALTER TABLE petition_events
  ADD COLUMN unit_path      ltree,
  ADD COLUMN from_unit_id   uuid REFERENCES units(id),
  ADD COLUMN target_unit_id uuid REFERENCES units(id),
  ADD COLUMN target_body    text,
  ADD COLUMN reason         text,
  ADD COLUMN document_no    text,
  ADD COLUMN document_date  date,
  ADD COLUMN decision       jsonb;
CREATE INDEX petition_events_action_idx ON petition_events (action, occurred_at);

GRANT SELECT, INSERT, UPDATE ON cases TO dt_scoped;
ALTER TABLE cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY cases_in_scope ON cases TO dt_scoped
  USING (unit_path <@ dt_scope()) WITH CHECK (unit_path <@ dt_scope());

-- Every existing petition gets its own case (a letter with no earlier case is a new case).
INSERT INTO cases (id, code, unit_id, unit_path, type, created_by, created_at)
  SELECT gen_random_uuid(), 'VV-' || p.code, p.unit_id, p.unit_path, p.type, p.created_by, p.created_at FROM petitions p;
UPDATE petitions p SET case_id = c.id FROM cases c WHERE c.code = 'VV-' || p.code;

-- The government's announced days (nghỉ bù, hoán đổi, làm bù) beyond the bundled list, and
-- administrators' settings of configurable time limits (shared/calendar applies both).
CREATE TABLE calendar_overrides (
  date        date PRIMARY KEY,
  kind        text NOT NULL,
  name        text NOT NULL,
  name_en     text,
  legal_ref   text NOT NULL,
  updated_by  uuid REFERENCES users(id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE deadline_settings (
  rule_id     text PRIMARY KEY,
  setting     jsonb NOT NULL,
  updated_by  uuid REFERENCES users(id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT ON calendar_overrides, deadline_settings TO dt_scoped;
