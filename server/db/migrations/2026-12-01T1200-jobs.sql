-- The job runner (docs/decisions/0011-job-runner.md): runs of named jobs, claimed by the app's
-- workers with FOR UPDATE SKIP LOCKED, and the cron slots already fired, so a schedule fires once
-- however many nodes tick. Valid on PostgreSQL 15+ and PGlite.

CREATE TABLE jobs (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name             text NOT NULL CHECK (name ~ '^[a-z][a-z0-9_-]*\.[a-z][a-z0-9_-]*$'),
  payload          jsonb NOT NULL DEFAULT '{}',
  state            text NOT NULL DEFAULT 'queued'
                     CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  -- Whose run it is: the org places it in the tree (null: the whole deployment's, e.g. a schedule),
  -- the permission says who besides the starter sees it, started_by is the account (null: the system).
  org_id           integer REFERENCES orgs(id),
  permission       text NOT NULL,
  started_by       integer REFERENCES accounts(id),
  -- The cron slot a scheduled run was made for; a key that at most one queued or running run holds.
  schedule_slot    timestamptz,
  singleton_key    text CHECK (char_length(singleton_key) <= 200),
  attempts         smallint NOT NULL DEFAULT 0,
  max_attempts     smallint NOT NULL DEFAULT 1 CHECK (max_attempts BETWEEN 1 AND 100),
  retry_delay_s    integer NOT NULL DEFAULT 0 CHECK (retry_delay_s >= 0),
  retry_backoff    boolean NOT NULL DEFAULT false,
  run_after        timestamptz NOT NULL DEFAULT now(),
  -- The lease of the node running it: past locked_until, the node is taken to be dead.
  locked_by        text,
  locked_until     timestamptz,
  progress         smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  progress_message text CHECK (char_length(progress_message) <= 200),
  result           jsonb,
  error            text CHECK (char_length(error) <= 500),
  created_at       timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  finished_at      timestamptz,
  CHECK ((state = 'running') = (locked_until IS NOT NULL))
);
-- The claim: the oldest due queued run.
CREATE INDEX jobs_due_idx ON jobs (run_after, id) WHERE state = 'queued';
-- Stale-lease recovery.
CREATE INDEX jobs_lease_idx ON jobs (locked_until) WHERE state = 'running';
CREATE UNIQUE INDEX jobs_singleton_key ON jobs (name, singleton_key)
  WHERE singleton_key IS NOT NULL AND state IN ('queued', 'running');
CREATE INDEX jobs_name_idx ON jobs (name, id DESC);
CREATE INDEX jobs_started_by_idx ON jobs (started_by, id DESC);
CREATE INDEX jobs_org_idx ON jobs (org_id);
CREATE INDEX jobs_finished_idx ON jobs (finished_at) WHERE finished_at IS NOT NULL;

-- One row per scheduled job: the last cron slot fired. Claiming a slot is one conditional UPDATE
-- (last_slot < the slot), so of any number of nodes ticking at once exactly one enqueues the run.
CREATE TABLE job_schedules (
  name       text PRIMARY KEY,
  last_slot  timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);
