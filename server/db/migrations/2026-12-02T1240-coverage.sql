-- The service-circle analysis (server/features/coverage): sets of demand points (an uploaded list such
-- as delivery hotspots, through the spreadsheet import, or the demo's) and the runs of the analysis.
-- Points are WGS-84, like stations. A run may also take its points from the members' unions' places
-- (computed when it runs, not stored).

CREATE TABLE coverage_point_sets (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Who may use it: scope follows the org.
  org_id      integer NOT NULL REFERENCES orgs(id),
  name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
  source      text NOT NULL CHECK (source IN ('upload', 'demo')),
  -- The spreadsheet import that filled it (one set per import; resumed batches find it again).
  import_id   bigint UNIQUE REFERENCES imports(id),
  point_count integer NOT NULL DEFAULT 0,
  created_by  integer REFERENCES accounts(id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX coverage_point_sets_org ON coverage_point_sets (org_id, id);

CREATE TABLE coverage_points (
  set_id  integer NOT NULL REFERENCES coverage_point_sets(id) ON DELETE CASCADE,
  lat     double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng     double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  weight  integer NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 1000000),
  label   text CHECK (char_length(label) <= 100)
);
CREATE INDEX coverage_points_set ON coverage_points (set_id);

CREATE TABLE coverage_runs (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      integer NOT NULL REFERENCES orgs(id),
  source      text NOT NULL CHECK (source IN ('members', 'set')),
  set_id      integer REFERENCES coverage_point_sets(id) ON DELETE CASCADE,
  -- The run of the coverage.analyse job (no foreign key: housekeeping purges old job runs).
  job_id      bigint,
  status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'done', 'failed')),
  -- The analysis (server/features/coverage/analyse.ts CoverageResult) with group names, WGS-84.
  result      jsonb,
  created_by  integer REFERENCES accounts(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  CHECK ((source = 'set') = (set_id IS NOT NULL))
);
CREATE INDEX coverage_runs_org ON coverage_runs (org_id, id DESC);
