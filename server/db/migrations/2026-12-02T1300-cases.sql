-- Cases (工单, server/features/cases): one engine for 12351 requests, hazard reports, station repairs
-- and issues raised on visits (DESIGN.md §2 D, §4.4; docs/decisions/0004 and 0018). The closed
-- lists mirror common/cases.ts.

-- Statuses are data: each maps to one of six categories fixed in code (docs/decisions/0004). The
-- platform's rows have no org; an org may relabel a status for its subtree with a row of its own
-- (the nearest ancestor's row wins).
CREATE TABLE case_statuses (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      integer REFERENCES orgs(id),
  code        text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  category    text NOT NULL CHECK (category IN ('new', 'dispatched', 'in_progress', 'waiting', 'resolved', 'closed')),
  label_zh    text NOT NULL CHECK (char_length(label_zh) BETWEEN 1 AND 20),
  label_en    text NOT NULL CHECK (char_length(label_en) BETWEEN 1 AND 40),
  sort_order  smallint NOT NULL
);
CREATE UNIQUE INDEX case_statuses_platform ON case_statuses (code) WHERE org_id IS NULL;
CREATE UNIQUE INDEX case_statuses_org ON case_statuses (org_id, code) WHERE org_id IS NOT NULL;

INSERT INTO case_statuses (org_id, code, category, label_zh, label_en, sort_order) VALUES
  (NULL, 'received',   'new',         '受理',     'Received',           10),
  (NULL, 'returned',   'new',         '已退单',   'Returned',           20),
  (NULL, 'dispatched', 'dispatched',  '已派单',   'Dispatched',         30),
  (NULL, 'signed',     'in_progress', '已签收',   'Signed',             40),
  (NULL, 'handling',   'in_progress', '办理中',   'Handling',           50),
  (NULL, 'reopened',   'in_progress', '重办',     'Reopened',           60),
  (NULL, 'parked',     'waiting',     '挂账',     'Parked',             70),
  (NULL, 'replied',    'resolved',    '已反馈',   'Replied',            80),
  (NULL, 'closed',     'closed',      '办结归档', 'Closed',             90),
  (NULL, 'answered',   'closed',      '直接答复', 'Answered on the spot', 100);

-- Deadline settings per org; a subtree inherits its nearest ancestor's row, else the defaults in
-- common/cases.ts. `limits` maps a case kind to its resolution limit in working days.
CREATE TABLE case_settings (
  org_id            integer PRIMARY KEY REFERENCES orgs(id),
  sign_days         smallint NOT NULL CHECK (sign_days BETWEEN 1 AND 10),
  limits            jsonb NOT NULL CHECK (jsonb_typeof(limits) = 'object'),
  show_cadre_names  boolean NOT NULL DEFAULT false,
  version           integer NOT NULL DEFAULT 1,
  updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cases (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- What the requester quotes with their phone (POST /cases/track): 'GD' + yyMMdd + 6 characters.
  tracking_no           text NOT NULL UNIQUE CHECK (tracking_no ~ '^GD[0-9]{6}[0-9A-Z]{6}$'),
  kind                  text NOT NULL CHECK (kind IN ('consultation', 'help', 'complaint', 'legal_aid', 'suggestion',
                          'hazard_report', 'station_maintenance', 'visit_issue')),
  subject               text NOT NULL CHECK (subject ~ '^[a-z][a-z_]{1,39}$'),
  tier                  text NOT NULL DEFAULT 'normal' CHECK (tier IN ('normal', 'hard', 'complex')),
  -- Personal safety or a mass incident: dispatched within an hour, the on-duty cadres paged.
  emergency             boolean NOT NULL DEFAULT false,
  channel               text NOT NULL CHECK (channel IN ('h5', 'hotline', 'cadre', 'station', 'visit')),
  status                text NOT NULL CHECK (status ~ '^[a-z][a-z0-9_]{1,39}$'),
  category              text NOT NULL CHECK (category IN ('new', 'dispatched', 'in_progress', 'waiting', 'resolved', 'closed')),

  -- The requester. Phone and name sealed three ways like a member's (AES-GCM, blind index, mask);
  -- an anonymous case keeps the phone (to track it) but shows the handlers no name.
  requester_name_enc    text,
  requester_name_masked text CHECK (char_length(requester_name_masked) <= 40),
  phone_hash            bytea,
  phone_enc             text,
  phone_masked          text CHECK (char_length(phone_masked) <= 20),
  anonymous             boolean NOT NULL DEFAULT false,
  member_id             integer REFERENCES members(id),

  -- The request. The description is free text that may name people: sealed, shown on the record only.
  description_enc       text NOT NULL,
  employer_name         text CHECK (char_length(employer_name) <= 100),
  -- The employer's name normalised (common/cases.ts employerKey) and its USCC: what collective cases match on.
  employer_key          text CHECK (char_length(employer_key) <= 100),
  employer_uscc         char(18) CHECK (employer_uscc ~ '^[0-9A-HJ-NPQRTUWXY]{18}$'),
  station_id            integer REFERENCES stations(id),
  -- Where the case came from when another feature opened it, e.g. 'station_problem:12'.
  source_ref            text CHECK (char_length(source_ref) <= 60),
  lat                   double precision CHECK (lat BETWEEN -90 AND 90),
  lng                   double precision CHECK (lng BETWEEN -180 AND 180),
  region_code           char(6) CHECK (region_code ~ '^[0-9]{6}$'),
  severity              text CHECK (severity IN ('low', 'medium', 'high')),
  wage_claimed_fen      bigint CHECK (wage_claimed_fen >= 0),
  wage_recovered_fen    bigint CHECK (wage_recovered_fen >= 0),

  -- Who: the receiving union leads (首接负责: it dispatches, approves, reviews); the handling union
  -- signs and handles; co-handling unions (case_orgs) see only the case. party_paths holds every
  -- party's path, so one GiST condition scopes a list (server/features/cases/scope.ts).
  receiving_org_id      integer NOT NULL REFERENCES orgs(id),
  handling_org_id       integer REFERENCES orgs(id),
  -- Where routing would send it (the member's union, the place's, the fallback): the dispatcher's default.
  routed_org_id         integer REFERENCES orgs(id),
  routed_by             text CHECK (routed_by IN ('member', 'location', 'region', 'station', 'fallback', 'intake')),
  party_paths           ltree[] NOT NULL,
  intake_account_id     integer REFERENCES accounts(id),
  -- A collective case is a parent; its children point to it and follow its steps.
  parent_id             bigint REFERENCES cases(id),
  is_collective         boolean NOT NULL DEFAULT false,

  -- Clocks (working days on the handling union's calendar; docs/decisions/0018).
  received_at           timestamptz NOT NULL,
  dispatch_due_at       timestamptz,
  dispatched_at         timestamptz,
  sign_due_at           timestamptz,
  signed_at             timestamptz,
  -- The response rate's numerator: signed by sign_due_at (set at signing).
  signed_on_time        boolean,
  -- due_at is `clock_days` working days after `clock_from` (receipt, a resumption or a reopening).
  clock_from            timestamptz NOT NULL,
  clock_days            smallint NOT NULL CHECK (clock_days BETWEEN 1 AND 250),
  due_at                timestamptz NOT NULL,
  -- A request waiting for the dispatcher: an extension of `pending_days`, or parking.
  pending_request       text CHECK (pending_request IN ('extension', 'park')),
  pending_days          smallint CHECK (pending_days BETWEEN 1 AND 60),
  pending_reason        text CHECK (char_length(pending_reason) <= 500),
  parked_at             timestamptz,
  replied_at            timestamptz,
  closed_at             timestamptz,
  -- Working days from receipt to closing (the average handling time), set when the case closes.
  handling_days         smallint,

  -- Supervision: the due date each step was last taken for, so a sweep takes it once per due date.
  reminded_for          timestamptz,
  supervised_for        timestamptz,
  publicised_for        timestamptz,

  -- The requester's rating of the latest closing.
  rating                text CHECK (rating IN ('satisfied', 'basically', 'unsatisfied')),
  rating_resolved       boolean,
  rating_reason         text CHECK (char_length(rating_reason) <= 500),
  rated_at              timestamptz,
  reopen_count          smallint NOT NULL DEFAULT 0,

  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK (anonymous OR requester_name_enc IS NOT NULL OR channel IN ('cadre', 'station', 'visit')),
  CHECK ((phone_hash IS NULL) = (phone_enc IS NULL)),
  CHECK ((pending_request IS NULL) = (pending_reason IS NULL)),
  CHECK ((rating IS NULL) = (rated_at IS NULL)),
  CHECK (parent_id IS NULL OR NOT is_collective),
  CHECK (due_at > received_at)
);
CREATE INDEX cases_party_paths ON cases USING gist (party_paths);
-- The sweeps and the "most urgent first" lists: open cases by due date (parked cases have no clock).
CREATE INDEX cases_open_due ON cases (due_at, id) WHERE category IN ('new', 'dispatched', 'in_progress');
CREATE INDEX cases_received ON cases (received_at DESC, id DESC);
CREATE INDEX cases_handling_org ON cases (handling_org_id, category);
CREATE INDEX cases_receiving_org ON cases (receiving_org_id, category);
CREATE INDEX cases_phone ON cases (phone_hash, received_at DESC) WHERE phone_hash IS NOT NULL;
CREATE INDEX cases_employer ON cases (employer_key, received_at) WHERE employer_key IS NOT NULL;
CREATE INDEX cases_employer_uscc ON cases (employer_uscc, received_at) WHERE employer_uscc IS NOT NULL;
CREATE INDEX cases_station ON cases (station_id, received_at) WHERE station_id IS NOT NULL;
CREATE INDEX cases_parent ON cases (parent_id) WHERE parent_id IS NOT NULL;

-- Co-handling unions (首接负责 across provinces: the other side co-handles and sees only that case).
CREATE TABLE case_orgs (
  case_id     bigint NOT NULL REFERENCES cases(id),
  org_id      integer NOT NULL REFERENCES orgs(id),
  added_by    integer REFERENCES accounts(id),
  added_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, org_id)
);

-- The case's timeline and audit trail: append-only, one row per change (who, when, what, why).
-- `internal` rows (notes, supervision) never reach the requester.
CREATE TABLE case_events (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  case_id           bigint NOT NULL REFERENCES cases(id),
  at                timestamptz NOT NULL DEFAULT now(),
  action            text NOT NULL CHECK (action ~ '^[a-z][a-z_]{1,39}$'),
  from_status       text,
  to_status         text,
  actor_kind        text NOT NULL CHECK (actor_kind IN ('account', 'requester', 'system')),
  actor_account_id  integer REFERENCES accounts(id),
  -- The union the actor acted for (the case's party whose grant allowed the step).
  actor_org_id      integer REFERENCES orgs(id),
  reason            text CHECK (char_length(reason) <= 2000),
  internal          boolean NOT NULL DEFAULT false,
  details           jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case ON case_events (case_id, id);
CREATE INDEX case_events_action_at ON case_events (action, at);

CREATE FUNCTION gh_case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_events is append-only';
END $$;
CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION gh_case_events_append_only();
