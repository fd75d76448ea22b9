-- Bulk derivation of report facts (issue 6, 5,000,000 petitions): a load derives the facts of
-- the new petitions from their range of step ids in one pass, instead of listing every petition
-- id or re-deriving everything. The live path (the triggers, a list of ids) is unchanged.
-- The old one-argument function is dropped first: a second overload would make
-- report_facts_derive(ids) ambiguous.
DROP FUNCTION report_facts_derive(uuid[]);

-- The derivation: every stint and counted step of the petitions in `ids` (their rows are
-- replaced); or, for a bulk load, of the new petitions whose steps are the events with ids in
-- (first_event, last_event]; or of every petition (all NULL).
CREATE FUNCTION report_facts_derive(ids uuid[], first_event bigint DEFAULT NULL, last_event bigint DEFAULT NULL) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
DECLARE
  n bigint;
  filter text := CASE WHEN ids IS NOT NULL THEN 'WHERE e.petition_id = ANY($1)'
                      WHEN first_event IS NOT NULL THEN 'WHERE e.id > $2 AND e.id <= $3' ELSE '' END;
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
  $q$, filter) USING ids, first_event, last_event;
  GET DIAGNOSTICS n = ROW_COUNT;
  -- A petition recorded into an existing case: that case's other rows now share it.
  IF ids IS NOT NULL OR first_event IS NOT NULL THEN
    UPDATE report_facts f SET multi_case = true
      FROM (SELECT DISTINCT q.case_id FROM petitions q
             WHERE q.id = ANY(coalesce(ids, ARRAY(SELECT DISTINCT e.petition_id FROM petition_events e WHERE e.id > first_event AND e.id <= last_event)))
               AND EXISTS (SELECT 1 FROM petitions o WHERE o.case_id = q.case_id AND o.id <> q.id)) c
     WHERE f.case_id = c.case_id AND NOT f.multi_case;
  END IF;
  RETURN n;
END $fn$;
