-- Statistical reports (issue 6): the facts every report form counts, derived from the steps.
--
-- A petition's life at a unit is cut into "stints" (lượt xử lý), one row each:
--   stage XLD: the letter waits to be processed at the unit (xử lý đơn): it came in (intake, a
--              transfer in, a send-back) in status NHAN_DON / PHAN_LOAI / CHUYEN_DEN, and the
--              stint ends with the handling decision (guide, transfer, archive, merge, return,
--              proposal to accept, assignment, withdrawal) or when the letter leaves the unit.
--   stage GQ:  the unit is resolving it (giải quyết): from acceptance (THU_LY, GIAO_GIAI_QUYET)
--              in status DANG_GIAI_QUYET / XAC_MINH / TAM_DINH_CHI to the decision, conclusion,
--              answer or withdrawal.
--   stage EVENT: single steps a form counts by themselves (urging, replies received, extensions).
-- A report figure is a count over these rows for a period [from, until):
--   carried over = in_at < from AND (out_at IS NULL OR out_at >= from); received = in_at in the
--   period; processed = out_at in the period; pending at the end = in_at < until AND (out_at IS
--   NULL OR out_at >= until). Each unit counts what it did itself (a transfer counts once at the
--   sender, as processed, and once at the receiver, as received), so a parent's figure is the sum
--   of its units' figures, as in the official aggregation of subordinate reports.
--
-- The rows are derived from petition_events (one derivation, report_facts_derive) by triggers in
-- the same transaction as the step, so figures are exact the moment a step commits; a change of
-- events (a unit move re-basing paths, a corrected date) derives the petition's rows again.
-- report_facts_rebuild() derives everything again (bulk loads, backfill).

CREATE TABLE report_facts (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  stage         text NOT NULL CHECK (stage IN ('XLD', 'GQ', 'EVENT')),
  petition_id   uuid NOT NULL,
  petition_code text NOT NULL,
  received_at   timestamptz NOT NULL,
  case_id       uuid,
  -- The unit the stint belongs to (the acting unit, or the receiving unit of a transfer).
  unit_id       uuid,
  unit_path     ltree NOT NULL,
  in_at         timestamptz NOT NULL,
  in_action     text NOT NULL,
  out_at        timestamptz CHECK (out_at >= in_at),
  out_action    text,
  -- The type when the stint began (classification in force then, else the petition's type).
  type_in       text NOT NULL,
  -- At the end of the stint: the classification in force, the result, whether the petition
  -- closed on time (only when this step closed it).
  type_out      text,
  competence    text,
  eligible      boolean,
  result        text,
  on_time       boolean,
  sender_kind   text NOT NULL,
  round         smallint NOT NULL,
  -- Another row may share this row's case at its unit (the case holds several petitions, or the
  -- petition came back to the unit): only such rows need a distinct count of cases (vụ việc);
  -- every other row is its own case. True is always safe; false must be exact.
  multi_case    boolean NOT NULL DEFAULT false
);
CREATE INDEX report_facts_petition_idx ON report_facts (petition_id);
-- A period's rows: stints whose [in_at, out_at] meets [from, until), per stage and subtree.
CREATE INDEX report_facts_xld_span ON report_facts USING gist (unit_path, tstzrange(in_at, out_at, '[]')) WHERE stage = 'XLD';
CREATE INDEX report_facts_gq_span ON report_facts USING gist (unit_path, tstzrange(in_at, out_at, '[]')) WHERE stage = 'GQ';
CREATE INDEX report_facts_event_at ON report_facts (in_at) WHERE stage = 'EVENT';
CREATE INDEX report_facts_multi_span ON report_facts USING gist (unit_path, tstzrange(in_at, out_at, '[]')) WHERE multi_case AND stage IN ('XLD', 'GQ');
CREATE INDEX report_facts_case_idx ON report_facts (case_id);

-- The derivation: every stint and counted step of the petitions in `ids` (all when NULL).
CREATE OR REPLACE FUNCTION report_facts_derive(ids uuid[]) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
DECLARE
  n bigint;
  filter text := CASE WHEN ids IS NULL THEN '' ELSE 'WHERE e.petition_id = ANY($1)' END;
BEGIN
  IF ids IS NOT NULL THEN
    DELETE FROM report_facts WHERE petition_id = ANY(ids);
  END IF;
  EXECUTE format($q$
    WITH stages (stage, statuses) AS (
      VALUES ('XLD', ARRAY['NHAN_DON','PHAN_LOAI','CHUYEN_DEN']),
             ('GQ',  ARRAY['DANG_GIAI_QUYET','XAC_MINH','TAM_DINH_CHI'])
    ), ev AS (
      SELECT e.id, e.petition_id, e.action, e.from_status, e.to_status, e.occurred_at, e.target_unit_id,
             coalesce(e.unit_path, p.unit_path) AS path, e.decision->>'result' AS result,
             count(e.decision->'classification') OVER (PARTITION BY e.petition_id ORDER BY e.id) AS cgroup,
             e.decision->'classification' AS own_cls
        FROM petition_events e JOIN petitions p ON p.id = e.petition_id
        %s
    ), ev2 AS (
      -- The classification in force after each step (the latest one recorded up to it).
      SELECT ev.*, first_value(own_cls) OVER (PARTITION BY petition_id, cgroup ORDER BY id) AS cls FROM ev
    ), tr AS (
      SELECT s.stage, ev2.petition_id, ev2.occurred_at AS at, ev2.id AS eid, 0 AS sub, false AS is_in, ev2.action,
             NULL::uuid AS unit_id, NULL::ltree AS unit_path, ev2.cls, ev2.result,
             NOT (ev2.to_status = ANY(ARRAY['NHAN_DON','PHAN_LOAI','CHUYEN_DEN','DE_XUAT_THU_LY','DANG_GIAI_QUYET','XAC_MINH','TAM_DINH_CHI'])) AS closes,
             false AS intake
        FROM ev2 JOIN stages s ON ev2.from_status = ANY(s.statuses) AND (NOT (ev2.to_status = ANY(s.statuses)) OR ev2.target_unit_id IS NOT NULL)
      UNION ALL
      SELECT s.stage, ev2.petition_id, ev2.occurred_at, ev2.id, 1, true, ev2.action,
             CASE WHEN ev2.target_unit_id IS NOT NULL THEN ev2.target_unit_id ELSE ua.id END,
             CASE WHEN ev2.target_unit_id IS NOT NULL THEN ut.path ELSE ev2.path END,
             ev2.cls, NULL, false, ev2.from_status IS NULL
        FROM ev2 JOIN stages s ON ev2.to_status = ANY(s.statuses)
                 AND (ev2.from_status IS NULL OR NOT (ev2.from_status = ANY(s.statuses)) OR ev2.target_unit_id IS NOT NULL)
        LEFT JOIN units ua ON ua.path = ev2.path
        LEFT JOIN units ut ON ut.id = ev2.target_unit_id
    ), pr AS (
      SELECT tr.*,
             lead(is_in) OVER w AS next_is_in, lead(at) OVER w AS next_at, lead(action) OVER w AS next_action,
             lead(cls) OVER w AS next_cls, lead(result) OVER w AS next_result, lead(closes) OVER w AS next_closes
        FROM tr WINDOW w AS (PARTITION BY petition_id, stage ORDER BY eid, sub)
    ), stints AS (
      SELECT pr.stage, p.id AS petition_id, p.code, p.received_at, p.case_id, pr.unit_id, pr.unit_path,
             -- A letter is received on its date of receipt, not when it was typed in.
             CASE WHEN pr.intake THEN p.received_at ELSE pr.at END AS in_at, pr.action AS in_action,
             CASE WHEN pr.next_is_in = false THEN pr.next_at END AS out_at,
             CASE WHEN pr.next_is_in = false THEN pr.next_action END AS out_action,
             coalesce(pr.cls->>'type', p.type) AS type_in,
             CASE WHEN pr.next_is_in = false THEN coalesce(pr.next_cls->>'type', p.type) END AS type_out,
             CASE WHEN pr.next_is_in = false THEN pr.next_cls->>'competence' END AS competence,
             CASE WHEN pr.next_is_in = false THEN (pr.next_cls->>'eligible')::boolean END AS eligible,
             CASE WHEN pr.next_is_in = false THEN pr.next_result END AS result,
             CASE WHEN pr.next_is_in = false AND pr.next_closes THEN p.closed_on_time END AS on_time,
             p.sender_kind, p.round,
             count(*) OVER (PARTITION BY pr.petition_id, pr.stage, pr.unit_path) > 1
               OR EXISTS (SELECT 1 FROM petitions q WHERE q.case_id = p.case_id AND q.id <> p.id) AS multi_case
        FROM pr JOIN petitions p ON p.id = pr.petition_id
       WHERE pr.is_in AND pr.unit_path IS NOT NULL
      UNION ALL
      SELECT 'EVENT', p.id, p.code, p.received_at, p.case_id, ua.id, ev2.path, ev2.occurred_at, ev2.action,
             ev2.occurred_at, ev2.action, coalesce(ev2.cls->>'type', p.type), coalesce(ev2.cls->>'type', p.type),
             ev2.cls->>'competence', (ev2.cls->>'eligible')::boolean, NULL, NULL, p.sender_kind, p.round, true
        FROM ev2 JOIN petitions p ON p.id = ev2.petition_id LEFT JOIN units ua ON ua.path = ev2.path
       WHERE ev2.action IN ('DON_DOC', 'NHAN_PHUC_DAP', 'GIA_HAN')
    )
    INSERT INTO report_facts (stage, petition_id, petition_code, received_at, case_id, unit_id, unit_path, in_at, in_action,
                              out_at, out_action, type_in, type_out, competence, eligible, result, on_time, sender_kind, round, multi_case)
    SELECT stage, petition_id, code, received_at, case_id, unit_id, unit_path, in_at, in_action,
           CASE WHEN out_at < in_at THEN in_at ELSE out_at END, out_action, type_in, type_out, competence, eligible, result, on_time, sender_kind, round, multi_case
      FROM stints
     -- In time order, as live steps append them: a period's rows sit together on disk.
     ORDER BY in_at
  $q$, filter) USING ids;
  GET DIAGNOSTICS n = ROW_COUNT;
  -- A petition recorded into an existing case: that case's other rows now share it.
  IF ids IS NOT NULL THEN
    UPDATE report_facts f SET multi_case = true
      FROM petitions q WHERE q.id = ANY(ids) AND f.case_id = q.case_id AND f.petition_id <> q.id AND NOT f.multi_case;
  END IF;
  RETURN n;
END $fn$;

-- Everything again (after a bulk load with the trigger disabled, or to check the live rows).
CREATE OR REPLACE FUNCTION report_facts_rebuild() RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  TRUNCATE report_facts;
  RETURN report_facts_derive(NULL);
END $fn$;

-- Same transaction as the step: the petitions whose events were written derive their rows again.
CREATE OR REPLACE FUNCTION report_facts_on_events() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  PERFORM report_facts_derive(ARRAY(SELECT DISTINCT petition_id FROM changed_events));
  RETURN NULL;
END $fn$;
CREATE TRIGGER report_facts_on_insert AFTER INSERT ON petition_events
  REFERENCING NEW TABLE AS changed_events FOR EACH STATEMENT EXECUTE FUNCTION report_facts_on_events();
CREATE TRIGGER report_facts_on_update AFTER UPDATE ON petition_events
  REFERENCING NEW TABLE AS changed_events FOR EACH STATEMENT EXECUTE FUNCTION report_facts_on_events();

-- A letter merged into another case (or given its case after a bulk insert) counts in that case.
CREATE OR REPLACE FUNCTION report_facts_on_case() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  UPDATE report_facts SET case_id = NEW.case_id WHERE petition_id = NEW.id;
  -- The case it joins now holds several petitions: their rows need a distinct count.
  UPDATE report_facts f SET multi_case = true FROM petitions q
   WHERE q.case_id = NEW.case_id AND f.petition_id = q.id AND NOT f.multi_case
     AND EXISTS (SELECT 1 FROM petitions o WHERE o.case_id = NEW.case_id AND o.id <> NEW.id);
  RETURN NULL;
END $fn$;
CREATE TRIGGER report_facts_case AFTER UPDATE OF case_id ON petitions
  FOR EACH ROW WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id) EXECUTE FUNCTION report_facts_on_case();

-- Read like the petition tables: a scoped query sees only rows of units inside its scope.
GRANT SELECT ON report_facts TO dt_scoped;
ALTER TABLE report_facts ENABLE ROW LEVEL SECURITY;
CREATE POLICY report_facts_in_scope ON report_facts TO dt_scoped USING (unit_path <@ dt_scope());

-- Analytics for leaders: petitions closed in a period (on-time rate, processing time).
CREATE INDEX petitions_closed_idx ON petitions (closed_at) WHERE closed_at IS NOT NULL;

-- Rows of the petitions already recorded.
SELECT report_facts_rebuild();

-- Dashboard KPIs (issue 6 item 6: ≤ 100 ms at national scale): counts kept per unit of the two
-- top levels (the root and each province), as signed deltas appended by the petitions' own
-- statements (no row is updated, so concurrent steps never wait on each other or deadlock);
-- report_kpis_compact() folds the deltas (the scheduled-report job calls it). Exact at every
-- commit: a figure is the sum of its rows. Deeper scopes (a commune) count petitions directly.
CREATE TABLE report_kpi_state (
  path           ltree NOT NULL,
  status         text NOT NULL,
  deadline_state text NOT NULL,
  open           boolean NOT NULL,
  n              bigint NOT NULL
);
CREATE INDEX report_kpi_state_path_idx ON report_kpi_state (path);
CREATE TABLE report_kpi_daily (
  path  ltree NOT NULL,
  day   date NOT NULL,
  -- RECEIVED by the day of receipt; CLOSED and CLOSED_ON_TIME by the day active work ended.
  kind  text NOT NULL CHECK (kind IN ('RECEIVED', 'CLOSED', 'CLOSED_ON_TIME')),
  n     bigint NOT NULL
);
CREATE INDEX report_kpi_daily_path_day_idx ON report_kpi_daily (path, day);

CREATE OR REPLACE FUNCTION report_kpis_apply(rows_in jsonb) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  -- rows_in: [{sign, unit_path, status, deadline_state, closed_at, closed_on_time, received_at}]
  WITH r AS (
    SELECT (x->>'sign')::int AS sign, (x->>'unit_path')::ltree AS unit_path, x->>'status' AS status, x->>'deadline_state' AS deadline_state,
           (x->>'closed_at')::timestamptz AS closed_at, (x->>'closed_on_time')::boolean AS closed_on_time, (x->>'received_at')::timestamptz AS received_at
      FROM jsonb_array_elements(rows_in) x
  ), nodes AS (
    SELECT r.*, subpath(r.unit_path, 0, l) AS node FROM r, generate_series(1, least(2, nlevel(r.unit_path))) l
  ), s AS (
    INSERT INTO report_kpi_state (path, status, deadline_state, open, n)
    SELECT node, status, deadline_state, closed_at IS NULL, sum(sign) FROM nodes GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0
  )
  INSERT INTO report_kpi_daily (path, day, kind, n)
  SELECT node, day, kind, sum(sign) FROM (
    SELECT node, (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, 'RECEIVED' AS kind, sign FROM nodes
    UNION ALL SELECT node, (closed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'CLOSED', sign FROM nodes WHERE closed_at IS NOT NULL
    UNION ALL SELECT node, (closed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'CLOSED_ON_TIME', sign FROM nodes WHERE closed_at IS NOT NULL AND closed_on_time
  ) d GROUP BY 1, 2, 3 HAVING sum(sign) <> 0;
END $fn$;

CREATE OR REPLACE FUNCTION report_kpis_on_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  PERFORM report_kpis_apply((SELECT coalesce(jsonb_agg(jsonb_build_object('sign', 1, 'unit_path', unit_path::text, 'status', status, 'deadline_state', deadline_state,
    'closed_at', closed_at, 'closed_on_time', closed_on_time, 'received_at', received_at)), '[]') FROM new_rows));
  RETURN NULL;
END $fn$;
CREATE OR REPLACE FUNCTION report_kpis_on_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  -- Only rows whose counted columns changed (a deadline mark, a step, a transfer).
  PERFORM report_kpis_apply((SELECT coalesce(jsonb_agg(x), '[]') FROM (
    SELECT jsonb_build_object('sign', -1, 'unit_path', o.unit_path::text, 'status', o.status, 'deadline_state', o.deadline_state, 'closed_at', o.closed_at, 'closed_on_time', o.closed_on_time, 'received_at', o.received_at) AS x
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE (o.unit_path, o.status, o.deadline_state, o.closed_at, o.closed_on_time, o.received_at) IS DISTINCT FROM (n.unit_path, n.status, n.deadline_state, n.closed_at, n.closed_on_time, n.received_at)
    UNION ALL
    SELECT jsonb_build_object('sign', 1, 'unit_path', n.unit_path::text, 'status', n.status, 'deadline_state', n.deadline_state, 'closed_at', n.closed_at, 'closed_on_time', n.closed_on_time, 'received_at', n.received_at)
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE (o.unit_path, o.status, o.deadline_state, o.closed_at, o.closed_on_time, o.received_at) IS DISTINCT FROM (n.unit_path, n.status, n.deadline_state, n.closed_at, n.closed_on_time, n.received_at)) d));
  RETURN NULL;
END $fn$;
CREATE OR REPLACE FUNCTION report_kpis_on_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  PERFORM report_kpis_apply((SELECT coalesce(jsonb_agg(jsonb_build_object('sign', -1, 'unit_path', unit_path::text, 'status', status, 'deadline_state', deadline_state,
    'closed_at', closed_at, 'closed_on_time', closed_on_time, 'received_at', received_at)), '[]') FROM old_rows));
  RETURN NULL;
END $fn$;
CREATE TRIGGER report_kpis_insert AFTER INSERT ON petitions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_kpis_on_insert();
CREATE TRIGGER report_kpis_update AFTER UPDATE ON petitions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_kpis_on_update();
CREATE TRIGGER report_kpis_delete AFTER DELETE ON petitions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_kpis_on_delete();

-- Folds the deltas of each key that has several into one row (same sums, so no figure moves).
CREATE OR REPLACE FUNCTION report_kpis_compact() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  WITH keys AS (SELECT path, status, deadline_state, open FROM report_kpi_state GROUP BY 1, 2, 3, 4 HAVING count(*) > 1),
       gone AS (DELETE FROM report_kpi_state d USING keys k WHERE d.path = k.path AND d.status = k.status AND d.deadline_state = k.deadline_state AND d.open = k.open RETURNING d.*)
  INSERT INTO report_kpi_state SELECT path, status, deadline_state, open, sum(n) FROM gone GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
  WITH keys AS (SELECT path, day, kind FROM report_kpi_daily GROUP BY 1, 2, 3 HAVING count(*) > 1),
       gone AS (DELETE FROM report_kpi_daily d USING keys k WHERE d.path = k.path AND d.day = k.day AND d.kind = k.kind RETURNING d.*)
  INSERT INTO report_kpi_daily SELECT path, day, kind, sum(n) FROM gone GROUP BY 1, 2, 3 HAVING sum(n) <> 0;
END $fn$;

-- Everything again from the petitions (after a bulk load with the triggers disabled).
CREATE OR REPLACE FUNCTION report_kpis_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  TRUNCATE report_kpi_state, report_kpi_daily;
  INSERT INTO report_kpi_state
  SELECT subpath(p.unit_path, 0, l), p.status, p.deadline_state, p.closed_at IS NULL, count(*)
    FROM petitions p, generate_series(1, least(2, nlevel(p.unit_path))) l GROUP BY 1, 2, 3, 4;
  INSERT INTO report_kpi_daily
  SELECT node, day, kind, count(*) FROM (
    SELECT subpath(p.unit_path, 0, l) AS node, (p.received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, 'RECEIVED' AS kind
      FROM petitions p, generate_series(1, least(2, nlevel(p.unit_path))) l
    UNION ALL SELECT subpath(p.unit_path, 0, l), (p.closed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'CLOSED'
      FROM petitions p, generate_series(1, least(2, nlevel(p.unit_path))) l WHERE p.closed_at IS NOT NULL
    UNION ALL SELECT subpath(p.unit_path, 0, l), (p.closed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 'CLOSED_ON_TIME'
      FROM petitions p, generate_series(1, least(2, nlevel(p.unit_path))) l WHERE p.closed_at IS NOT NULL AND p.closed_on_time
  ) d GROUP BY 1, 2, 3;
END $fn$;
GRANT SELECT ON report_kpi_state, report_kpi_daily TO dt_scoped;
ALTER TABLE report_kpi_state ENABLE ROW LEVEL SECURITY;
CREATE POLICY report_kpi_state_in_scope ON report_kpi_state TO dt_scoped USING (path <@ dt_scope());
ALTER TABLE report_kpi_daily ENABLE ROW LEVEL SECURITY;
CREATE POLICY report_kpi_daily_in_scope ON report_kpi_daily TO dt_scoped USING (path <@ dt_scope());
SELECT report_kpis_rebuild();
