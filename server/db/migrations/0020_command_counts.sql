-- Counts behind the command centre's snapshots (issue 5), kept per unit by the petitions' own
-- statements, so a recount reads a few thousand rows instead of every petition: over 5,000,000
-- petitions the full pass took 10 to 15 s and, repeated after events, held a core of a 2-core
-- server a quarter of the time. Exact at every commit (same transaction); the recount sums them.
--   command_unit_state:    petitions by unit, status, deadline mark and open or not (all time).
--   command_unit_received: petitions by unit, Vietnamese day of receipt, status, type and field
--                          (today, this month and the trend window read only recent days).
--   command_unit_closed:   petitions whose work ended with an on-time verdict, by unit, the
--                          Vietnamese year it ended, status and verdict.
-- Rows are deltas (+n / -n) appended by the triggers; command_counts_compact() folds them.
CREATE TABLE command_unit_state (
  unit_path      ltree NOT NULL,
  status         text NOT NULL,
  deadline_state text NOT NULL,
  open           boolean NOT NULL,
  n              bigint NOT NULL
);
CREATE INDEX command_unit_state_path_idx ON command_unit_state USING gist (unit_path);
CREATE TABLE command_unit_received (
  unit_path ltree NOT NULL,
  day       date NOT NULL,
  status    text NOT NULL,
  type      text NOT NULL,
  field     text NOT NULL,
  n         bigint NOT NULL
);
CREATE INDEX command_unit_received_day_idx ON command_unit_received (day);
CREATE TABLE command_unit_closed (
  unit_path ltree NOT NULL,
  year      int NOT NULL,
  status    text NOT NULL,
  on_time   boolean NOT NULL,
  n         bigint NOT NULL
);
CREATE INDEX command_unit_closed_year_idx ON command_unit_closed (year);

-- rows_in: [{sign, unit_path, status, deadline_state, type, field, received_at, closed_at, closed_on_time}]
CREATE FUNCTION command_counts_apply(rows_in jsonb) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  WITH d AS (
    SELECT * FROM jsonb_to_recordset(rows_in) AS x(sign int, unit_path ltree, status text, deadline_state text, type text, field text,
                                                  received_at timestamptz, closed_at timestamptz, closed_on_time boolean)
  ), s AS (
    INSERT INTO command_unit_state
    SELECT unit_path, status, deadline_state, closed_at IS NULL, sum(sign) FROM d GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0
  ), r AS (
    INSERT INTO command_unit_received
    SELECT unit_path, (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, status, type, coalesce(field, ''), sum(sign) FROM d GROUP BY 1, 2, 3, 4, 5 HAVING sum(sign) <> 0
  )
  INSERT INTO command_unit_closed
  SELECT unit_path, extract(year FROM closed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int, status, closed_on_time, sum(sign)
    FROM d WHERE closed_at IS NOT NULL AND closed_on_time IS NOT NULL GROUP BY 1, 2, 3, 4 HAVING sum(sign) <> 0;
END $fn$;

CREATE FUNCTION command_counts_on_insert() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  PERFORM command_counts_apply((SELECT coalesce(jsonb_agg(d), '[]') FROM (
    SELECT 1 AS sign, unit_path, status, deadline_state, type, field, received_at, closed_at, closed_on_time FROM new_rows) d));
  RETURN NULL;
END $fn$;
CREATE FUNCTION command_counts_on_update() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  -- Only rows whose counted columns changed (a step, a deadline mark, a transfer, a unit moved).
  PERFORM command_counts_apply((SELECT coalesce(jsonb_agg(d), '[]') FROM (
    SELECT -1 AS sign, o.unit_path, o.status, o.deadline_state, o.type, o.field, o.received_at, o.closed_at, o.closed_on_time
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE (o.unit_path, o.status, o.deadline_state, o.type, o.field, o.received_at, o.closed_at, o.closed_on_time)
           IS DISTINCT FROM (n.unit_path, n.status, n.deadline_state, n.type, n.field, n.received_at, n.closed_at, n.closed_on_time)
    UNION ALL
    SELECT 1, n.unit_path, n.status, n.deadline_state, n.type, n.field, n.received_at, n.closed_at, n.closed_on_time
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE (o.unit_path, o.status, o.deadline_state, o.type, o.field, o.received_at, o.closed_at, o.closed_on_time)
           IS DISTINCT FROM (n.unit_path, n.status, n.deadline_state, n.type, n.field, n.received_at, n.closed_at, n.closed_on_time)) d));
  RETURN NULL;
END $fn$;
CREATE FUNCTION command_counts_on_delete() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  PERFORM command_counts_apply((SELECT coalesce(jsonb_agg(d), '[]') FROM (
    SELECT -1 AS sign, unit_path, status, deadline_state, type, field, received_at, closed_at, closed_on_time FROM old_rows) d));
  RETURN NULL;
END $fn$;
CREATE TRIGGER command_counts_insert AFTER INSERT ON petitions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION command_counts_on_insert();
CREATE TRIGGER command_counts_update AFTER UPDATE ON petitions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION command_counts_on_update();
CREATE TRIGGER command_counts_delete AFTER DELETE ON petitions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION command_counts_on_delete();

-- Folds the deltas of each key that has several into one row (same sums, so no figure moves).
CREATE FUNCTION command_counts_compact() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  WITH keys AS (SELECT unit_path, status, deadline_state, open FROM command_unit_state GROUP BY 1, 2, 3, 4 HAVING count(*) > 1),
       gone AS (DELETE FROM command_unit_state d USING keys k
                 WHERE d.unit_path = k.unit_path AND d.status = k.status AND d.deadline_state = k.deadline_state AND d.open = k.open RETURNING d.*)
  INSERT INTO command_unit_state SELECT unit_path, status, deadline_state, open, sum(n) FROM gone GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
  WITH keys AS (SELECT unit_path, day, status, type, field FROM command_unit_received GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1),
       gone AS (DELETE FROM command_unit_received d USING keys k
                 WHERE d.unit_path = k.unit_path AND d.day = k.day AND d.status = k.status AND d.type = k.type AND d.field = k.field RETURNING d.*)
  INSERT INTO command_unit_received SELECT unit_path, day, status, type, field, sum(n) FROM gone GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0;
  WITH keys AS (SELECT unit_path, year, status, on_time FROM command_unit_closed GROUP BY 1, 2, 3, 4 HAVING count(*) > 1),
       gone AS (DELETE FROM command_unit_closed d USING keys k
                 WHERE d.unit_path = k.unit_path AND d.year = k.year AND d.status = k.status AND d.on_time = k.on_time RETURNING d.*)
  INSERT INTO command_unit_closed SELECT unit_path, year, status, on_time, sum(n) FROM gone GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0;
END $fn$;

-- Everything again from the petitions (after a bulk load with the triggers off, and now).
CREATE FUNCTION command_counts_rebuild() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $fn$
BEGIN
  TRUNCATE command_unit_state, command_unit_received, command_unit_closed;
  INSERT INTO command_unit_state
  SELECT unit_path, status, deadline_state, closed_at IS NULL, count(*) FROM petitions GROUP BY 1, 2, 3, 4;
  INSERT INTO command_unit_received
  SELECT unit_path, (received_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, status, type, coalesce(field, ''), count(*) FROM petitions GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO command_unit_closed
  SELECT unit_path, extract(year FROM closed_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int, status, closed_on_time, count(*)
    FROM petitions WHERE closed_at IS NOT NULL AND closed_on_time IS NOT NULL GROUP BY 1, 2, 3, 4;
END $fn$;

GRANT SELECT ON command_unit_state, command_unit_received, command_unit_closed TO dt_scoped;
ALTER TABLE command_unit_state ENABLE ROW LEVEL SECURITY;
CREATE POLICY command_unit_state_in_scope ON command_unit_state TO dt_scoped USING (unit_path <@ dt_scope());
ALTER TABLE command_unit_received ENABLE ROW LEVEL SECURITY;
CREATE POLICY command_unit_received_in_scope ON command_unit_received TO dt_scoped USING (unit_path <@ dt_scope());
ALTER TABLE command_unit_closed ENABLE ROW LEVEL SECURITY;
CREATE POLICY command_unit_closed_in_scope ON command_unit_closed TO dt_scoped USING (unit_path <@ dt_scope());
SELECT command_counts_rebuild();
