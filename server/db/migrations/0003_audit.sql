-- Tamper-evident audit log (DESIGN.md security model; issue 3, item 5).
-- Append-only: every row carries prev_hash (the hash of the row before it; 32 zero bytes for the
-- first) and hash = SHA-256(prev_hash || canonical form of the row), computed in TypeScript by
-- server/modules/audit/audit.hash.ts for both appending and `npm run audit:verify`.
-- Rows are appended only through appendAudit (server/modules/audit/audit.log.ts), which takes
-- pg_advisory_xact_lock so concurrent transactions extend one chain.
CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  -- No foreign key: an account may be removed one day; its audit rows may not.
  actor_id    uuid,
  -- The actor's identity code (mã định danh) at the time, readable after the account is gone.
  actor_label text,
  action      text NOT NULL,
  entity_type text NOT NULL,
  entity_id   text,
  unit_path   ltree,
  ip          text,
  -- Never secrets or personal data (see audit.log.ts).
  details     jsonb NOT NULL DEFAULT '{}',
  prev_hash   bytea NOT NULL,
  hash        bytea NOT NULL,
  CONSTRAINT audit_log_hash_length CHECK (octet_length(prev_hash) = 32 AND octet_length(hash) = 32),
  CONSTRAINT audit_log_details_object CHECK (jsonb_typeof(details) = 'object'),
  -- Two rows can never follow the same row: the chain cannot fork even if the lock were skipped.
  CONSTRAINT audit_log_prev_hash_key UNIQUE (prev_hash)
);
-- The read API filters by action or actor, newest first (keyset on id).
CREATE INDEX audit_log_action_idx ON audit_log (action, id DESC);
CREATE INDEX audit_log_actor_label_idx ON audit_log (actor_label, id DESC);
-- "Who did what to this petition / account?"
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, id DESC);

-- The application can only add rows. A superuser can still bypass this deliberately
-- (SET session_replication_role = replica, or ALTER TABLE ... DISABLE TRIGGER); the hash chain
-- is what then reveals the change.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Nhật ký kiểm toán chỉ được ghi thêm, không được sửa hay xoá (%) / The audit log is append-only: % is refused', TG_OP, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END $$;
-- Statement level: refused even when the statement would touch no row.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
