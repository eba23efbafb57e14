-- The case figures' daily roll-up (GET /cases/rates; docs/decisions/0019). One row per union and
-- Shanghai day of receipt: the sums of the cases received that day and handled in the union's
-- subtree (the handling union, or before dispatch the receiving one, at or under it), so a
-- union's figures over any period are the sum of at most one row a day, whatever the subtree's size.
-- A case counts in the row of every union on its handling union's path, root to leaf (orgs.path is
-- the chain of ids). Collective parents count nowhere (their children carry the figures), as in
-- server/features/cases/figures-sql.ts figuresScope.
CREATE TABLE case_figure_days (
  org_id              integer NOT NULL REFERENCES orgs(id),
  day                 date NOT NULL,
  cases               integer NOT NULL DEFAULT 0,
  -- Per category, as the cases stand now.
  cat_new             integer NOT NULL DEFAULT 0,
  cat_dispatched      integer NOT NULL DEFAULT 0,
  cat_in_progress     integer NOT NULL DEFAULT 0,
  cat_waiting         integer NOT NULL DEFAULT 0,
  cat_resolved        integer NOT NULL DEFAULT 0,
  cat_closed          integer NOT NULL DEFAULT 0,
  -- The rates' numerators and denominators.
  dispatched          integer NOT NULL DEFAULT 0,
  signed_on_time      integer NOT NULL DEFAULT 0,
  closed              integer NOT NULL DEFAULT 0,
  resolved            integer NOT NULL DEFAULT 0,
  rated               integer NOT NULL DEFAULT 0,
  satisfied           integer NOT NULL DEFAULT 0,
  basically           integer NOT NULL DEFAULT 0,
  unsatisfied         integer NOT NULL DEFAULT 0,
  wage_claimed_fen    bigint NOT NULL DEFAULT 0,
  wage_recovered_fen  bigint NOT NULL DEFAULT 0,
  handling_days_sum   bigint NOT NULL DEFAULT 0,
  handling_days_n     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, day)
);

-- Adds (sign 1) or takes away (sign -1) one case's share in the rows of every union on its
-- handling union's path, root first (every writer locks the rows in the same order).
CREATE FUNCTION gh_case_figures_add(c cases, sign integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF c.is_collective THEN
    RETURN;
  END IF;
  INSERT INTO case_figure_days AS d (org_id, day, cases, cat_new, cat_dispatched, cat_in_progress,
    cat_waiting, cat_resolved, cat_closed, dispatched, signed_on_time, closed, resolved, rated,
    satisfied, basically, unsatisfied, wage_claimed_fen, wage_recovered_fen, handling_days_sum,
    handling_days_n)
  SELECT a.id::integer, ((c.received_at AT TIME ZONE 'UTC') + interval '8 hours')::date, sign,
    sign * (c.category = 'new')::integer,
    sign * (c.category = 'dispatched')::integer,
    sign * (c.category = 'in_progress')::integer,
    sign * (c.category = 'waiting')::integer,
    sign * (c.category = 'resolved')::integer,
    sign * (c.category = 'closed')::integer,
    sign * (c.dispatched_at IS NOT NULL)::integer,
    sign * (c.dispatched_at IS NOT NULL AND c.signed_on_time IS TRUE)::integer,
    sign * (c.closed_at IS NOT NULL)::integer,
    sign * (c.closed_at IS NOT NULL AND c.rating_resolved IS TRUE)::integer,
    sign * (c.rating IS NOT NULL)::integer,
    sign * (c.rating IS NOT DISTINCT FROM 'satisfied')::integer,
    sign * (c.rating IS NOT DISTINCT FROM 'basically')::integer,
    sign * (c.rating IS NOT DISTINCT FROM 'unsatisfied')::integer,
    sign * coalesce(c.wage_claimed_fen, 0),
    sign * coalesce(c.wage_recovered_fen, 0),
    sign * CASE WHEN c.closed_at IS NOT NULL THEN coalesce(c.handling_days, 0) ELSE 0 END,
    sign * (c.closed_at IS NOT NULL AND c.handling_days IS NOT NULL)::integer
  FROM orgs o, unnest(string_to_array(o.path::text, '.')) WITH ORDINALITY AS a(id, n)
  WHERE o.id = coalesce(c.handling_org_id, c.receiving_org_id)
  ORDER BY a.n
  ON CONFLICT (org_id, day) DO UPDATE SET
    cases = d.cases + excluded.cases,
    cat_new = d.cat_new + excluded.cat_new,
    cat_dispatched = d.cat_dispatched + excluded.cat_dispatched,
    cat_in_progress = d.cat_in_progress + excluded.cat_in_progress,
    cat_waiting = d.cat_waiting + excluded.cat_waiting,
    cat_resolved = d.cat_resolved + excluded.cat_resolved,
    cat_closed = d.cat_closed + excluded.cat_closed,
    dispatched = d.dispatched + excluded.dispatched,
    signed_on_time = d.signed_on_time + excluded.signed_on_time,
    closed = d.closed + excluded.closed,
    resolved = d.resolved + excluded.resolved,
    rated = d.rated + excluded.rated,
    satisfied = d.satisfied + excluded.satisfied,
    basically = d.basically + excluded.basically,
    unsatisfied = d.unsatisfied + excluded.unsatisfied,
    wage_claimed_fen = d.wage_claimed_fen + excluded.wage_claimed_fen,
    wage_recovered_fen = d.wage_recovered_fen + excluded.wage_recovered_fen,
    handling_days_sum = d.handling_days_sum + excluded.handling_days_sum,
    handling_days_n = d.handling_days_n + excluded.handling_days_n;
END $$;

CREATE FUNCTION gh_case_figures_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM gh_case_figures_add(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM gh_case_figures_add(NEW, 1);
  END IF;
  RETURN NULL;
END $$;

-- Every write of a case that moves a figure moves the roll-up in the same transaction, whoever
-- writes (a step, the requester's rating, a CLI, an operator's SQL). Deferred to the commit: the
-- rows of the upper unions are shared by every case of their subtree, and a lock taken at the
-- commit is held the shortest. The UPDATE trigger fires only when a column the figures read changed
-- (the sweeps' marks, notes and edits of the text do not).
CREATE CONSTRAINT TRIGGER case_figures_insert AFTER INSERT ON cases
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION gh_case_figures_row();
CREATE CONSTRAINT TRIGGER case_figures_delete AFTER DELETE ON cases
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION gh_case_figures_row();
CREATE CONSTRAINT TRIGGER case_figures_update AFTER UPDATE ON cases
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD.received_at, OLD.category, OLD.handling_org_id, OLD.receiving_org_id, OLD.is_collective,
         OLD.dispatched_at, OLD.signed_on_time, OLD.closed_at, OLD.rating, OLD.rating_resolved,
         OLD.wage_claimed_fen, OLD.wage_recovered_fen, OLD.handling_days)
    IS DISTINCT FROM (NEW.received_at, NEW.category, NEW.handling_org_id, NEW.receiving_org_id, NEW.is_collective,
         NEW.dispatched_at, NEW.signed_on_time, NEW.closed_at, NEW.rating, NEW.rating_resolved,
         NEW.wage_claimed_fen, NEW.wage_recovered_fen, NEW.handling_days))
  EXECUTE FUNCTION gh_case_figures_row();

-- A union moved under another parent (POST /orgs/:id/move) takes its subtree's figures along: its
-- own rows (the whole subtree's sums) leave the unions above it that it leaves and join those it
-- comes under. The move rewrites the path of every org in the subtree; only the moved union's old
-- parent path still exists afterwards (its descendants' old parent paths moved with them), so only
-- its row moves figures, whatever order the move sets parent_id and path in.
CREATE FUNCTION gh_case_figures_org_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM orgs WHERE path = subpath(OLD.path, 0, -1)) THEN
    RETURN NULL;
  END IF;
  INSERT INTO case_figure_days AS d (org_id, day, cases, cat_new, cat_dispatched, cat_in_progress,
    cat_waiting, cat_resolved, cat_closed, dispatched, signed_on_time, closed, resolved, rated,
    satisfied, basically, unsatisfied, wage_claimed_fen, wage_recovered_fen, handling_days_sum,
    handling_days_n)
  SELECT u.id, s.day, u.sign * s.cases, u.sign * s.cat_new, u.sign * s.cat_dispatched,
    u.sign * s.cat_in_progress, u.sign * s.cat_waiting, u.sign * s.cat_resolved, u.sign * s.cat_closed,
    u.sign * s.dispatched, u.sign * s.signed_on_time, u.sign * s.closed, u.sign * s.resolved,
    u.sign * s.rated, u.sign * s.satisfied, u.sign * s.basically, u.sign * s.unsatisfied,
    u.sign * s.wage_claimed_fen, u.sign * s.wage_recovered_fen, u.sign * s.handling_days_sum,
    u.sign * s.handling_days_n
  FROM case_figure_days s,
    (SELECT id, sum(sign)::integer AS sign, min(n) AS n FROM (
       SELECT a.id::integer AS id, -1 AS sign, a.n FROM unnest(string_to_array(subpath(OLD.path, 0, -1)::text, '.')) WITH ORDINALITY AS a(id, n)
       UNION ALL
       SELECT a.id::integer, 1, a.n FROM unnest(string_to_array(subpath(NEW.path, 0, -1)::text, '.')) WITH ORDINALITY AS a(id, n)
     ) x GROUP BY id HAVING sum(sign) <> 0) u
  WHERE s.org_id = NEW.id
  ORDER BY u.n, s.day
  ON CONFLICT (org_id, day) DO UPDATE SET
    cases = d.cases + excluded.cases,
    cat_new = d.cat_new + excluded.cat_new,
    cat_dispatched = d.cat_dispatched + excluded.cat_dispatched,
    cat_in_progress = d.cat_in_progress + excluded.cat_in_progress,
    cat_waiting = d.cat_waiting + excluded.cat_waiting,
    cat_resolved = d.cat_resolved + excluded.cat_resolved,
    cat_closed = d.cat_closed + excluded.cat_closed,
    dispatched = d.dispatched + excluded.dispatched,
    signed_on_time = d.signed_on_time + excluded.signed_on_time,
    closed = d.closed + excluded.closed,
    resolved = d.resolved + excluded.resolved,
    rated = d.rated + excluded.rated,
    satisfied = d.satisfied + excluded.satisfied,
    basically = d.basically + excluded.basically,
    unsatisfied = d.unsatisfied + excluded.unsatisfied,
    wage_claimed_fen = d.wage_claimed_fen + excluded.wage_claimed_fen,
    wage_recovered_fen = d.wage_recovered_fen + excluded.wage_recovered_fen,
    handling_days_sum = d.handling_days_sum + excluded.handling_days_sum,
    handling_days_n = d.handling_days_n + excluded.handling_days_n;
  RETURN NULL;
END $$;
CREATE TRIGGER case_figures_org_moved AFTER UPDATE OF path ON orgs
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path AND nlevel(OLD.path) > 1)
  EXECUTE FUNCTION gh_case_figures_org_moved();
