-- Org-unit tree administration (issue 3, item 1): closing, change history, kinds, search.
--
-- Closing keeps history: a closed unit stays (readable, with its petitions and accounts) but takes
-- no new petitions and no new child units. units.valid_to (from 0001) is the closing date and
-- closed_reason says why; both are set together.
-- Moving a unit rewrites units.path for its whole subtree and, in the same transaction, the
-- denormalised petitions.unit_path (scope checks and row-level security read that column, so it
-- must always name the unit's current place). outbox.unit_path and audit_log.unit_path are logs of
-- what was published or done where, and keep the path of their time.

ALTER TABLE units ADD COLUMN closed_reason text;
ALTER TABLE units
  ADD CONSTRAINT units_closed_consistent CHECK ((valid_to IS NULL) = (closed_reason IS NULL)),
  ADD CONSTRAINT units_valid_range CHECK (valid_to IS NULL OR valid_to >= valid_from),
  -- Only the root has no parent.
  ADD CONSTRAINT units_root_check CHECK ((parent_id IS NULL) = (nlevel(path) = 1)),
  -- The list lives in shared/unit-kinds.ts; a new kind needs a migration that replaces this check.
  ADD CONSTRAINT units_kind_check CHECK (kind IN (
    'TRUNG_UONG', 'TP_TRUC_THUOC_TW', 'TINH', 'PHUONG', 'XA', 'DAC_KHU',
    'THANH_TRA', 'BAN_TIEP_CONG_DAN', 'UBND', 'HDND', 'UBKT_DANG', 'VP_DOAN_DBQH',
    'BO_NGANH', 'SO_NGANH', 'PHONG_BAN', 'CO_QUAN_KHAC'));

-- Accent-insensitive search ("ha noi" finds "Hà Nội"): LIKE on this expression uses the index.
-- The same expression is written in units.repository.ts (searchText).
CREATE INDEX units_search_trgm ON units USING gin ((lower(f_unaccent(name || ' ' || coalesce(short_name, '')))) gin_trgm_ops);
CREATE INDEX units_kind_idx ON units (kind);

-- Who created, renamed, moved or closed which unit, with the values before and after.
CREATE TABLE unit_history (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_id     uuid NOT NULL REFERENCES units(id),
  action      text NOT NULL CHECK (action IN ('CREATE', 'RENAME', 'MOVE', 'CLOSE')),
  -- No foreign key, as in audit_log: the history outlives accounts. actor_label = identity code then.
  actor_id    uuid,
  actor_label text,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  old_values  jsonb,
  new_values  jsonb,
  note        text,
  details     jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX unit_history_unit_idx ON unit_history (unit_id, id DESC);

CREATE OR REPLACE FUNCTION unit_history_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Lịch sử đơn vị chỉ được ghi thêm (%) / unit history is append-only: % is refused', TG_OP, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER unit_history_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON unit_history
  FOR EACH STATEMENT EXECUTE FUNCTION unit_history_refuse_change();

-- Second wall behind the service check: a closed unit takes no new petitions, whoever writes.
-- Raised as check_violation with constraint name petitions_unit_open, so a caller can map it.
CREATE OR REPLACE FUNCTION petitions_refuse_closed_unit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM units WHERE id = NEW.unit_id AND valid_to IS NOT NULL) THEN
    RAISE EXCEPTION 'Đơn vị đã ngừng hoạt động, không nhận đơn mới / the unit is closed and takes no new petitions'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'petitions_unit_open', TABLE = 'petitions';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER petitions_unit_open BEFORE INSERT OR UPDATE OF unit_id ON petitions
  FOR EACH ROW EXECUTE FUNCTION petitions_refuse_closed_unit();
