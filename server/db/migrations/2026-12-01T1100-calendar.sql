-- The working-day calendar (DESIGN.md §4.4, docs/decisions/0010-calendar.md). Only exceptions are
-- stored: a date not listed is a working day from Monday to Friday and a rest day at the weekend.
-- region_prefix '' is the whole country; otherwise a GB/T 2260 code prefix whose entry overrides the
-- national one for every region code that starts with it (an autonomous region's own holidays).
CREATE TABLE calendar_days (
  date          date NOT NULL,
  region_prefix text NOT NULL DEFAULT '' CHECK (region_prefix ~ '^([1-9][0-9]{1,5})?$'),
  is_workday    boolean NOT NULL,
  label         text NOT NULL CHECK (length(label) BETWEEN 1 AND 40),
  source        text NOT NULL CHECK (source IN ('official', 'statutory', 'manual')),
  -- Computed from the law for a year whose official notice is not in yet: it may still change.
  provisional   boolean NOT NULL DEFAULT false,
  updated_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (date, region_prefix)
);

-- Every change to calendar_days, with the dates whose working/non-working status it changed, so a
-- deadline computed at T can ask "did any day between receipt and due change since T?" (pull, not
-- push: features that hold deadlines ask; the calendar knows nothing of them). The largest id is
-- also the calendar's version, which every app node polls to stay in step.
CREATE TABLE calendar_changes (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  -- null: the system (the startup refresh of vendored and computed days).
  account_id    integer REFERENCES accounts(id),
  kind          text NOT NULL CHECK (kind IN ('notice', 'day', 'refresh')),
  -- The year a notice was entered for; null for a single day or a refresh across years.
  year          integer,
  region_prefix text NOT NULL DEFAULT '',
  -- Dates (of region_prefix, or any region for a refresh) that turned from working to rest day or back.
  dates         date[] NOT NULL DEFAULT '{}'
);
CREATE INDEX calendar_changes_at_idx ON calendar_changes (at);

-- Entering a year's notice and overriding a day is the national admin's (ROLE table in data).
UPDATE roles SET permissions = array_append(permissions, 'calendar.manage'), updated_at = now()
 WHERE code = 'national_admin' AND is_system AND NOT ('calendar.manage' = ANY (permissions));
