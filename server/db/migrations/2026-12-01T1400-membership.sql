-- Membership (DESIGN.md §3, §4.2, §4.5): the member registry, honours, join applications with the
-- per-union review setting, and transfers. Personal data is stored three ways (§4.2): AES-256-GCM
-- ciphertext (`*_enc`, `v<N>.` names the key), HMAC-SHA256 blind index (`*_hash`, dedupe and exact
-- search) and a masked form for lists (`*_masked`); gender, birth year and the ID's address code are
-- stored derived so statistics never decrypt.

-- Member numbers come from a sequence: a value is never handed out twice, even by a rolled-back join.
CREATE SEQUENCE member_no_seq;

CREATE TABLE members (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_no             text NOT NULL UNIQUE,
  org_id                integer NOT NULL REFERENCES orgs(id),
  status                text NOT NULL DEFAULT 'active'
                          CHECK (status IN ('active', 'pending', 'transferring', 'lapsed')),
  channel               text NOT NULL CHECK (channel IN ('qr', 'search', 'pool', 'import', 'cadre')),
  name                  text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 40),
  name_pinyin           text NOT NULL,
  name_initials         text NOT NULL,
  -- One row per person: a lapsed member who joins again gets their row (and number) back.
  id_hash               bytea NOT NULL UNIQUE,
  id_enc                text NOT NULL,
  id_masked             text NOT NULL,
  gender                char(1) NOT NULL CHECK (gender IN ('M', 'F')),
  birth_year            smallint NOT NULL,
  id_region_code        char(6) NOT NULL,
  phone_hash            bytea,
  phone_enc             text,
  phone_masked          text,
  occupation            text NOT NULL CHECK (occupation IN (
                          'delivery_rider', 'courier', 'ride_hailing_driver', 'truck_driver', 'live_streamer',
                          'domestic_worker', 'care_worker', 'sanitation_worker', 'employee', 'civil_servant',
                          'other')),
  platform              text CHECK (char_length(platform) <= 40),
  employer              text CHECK (char_length(employer) <= 100),
  is_new_form           boolean NOT NULL DEFAULT false,
  work_region_code      char(6) CHECK (work_region_code ~ '^[0-9]{6}$'),
  residence_region_code char(6) CHECK (residence_region_code ~ '^[0-9]{6}$'),
  hardship_level        text CHECK (hardship_level IN ('general', 'deep', 'accidental')),
  photo_file_id         uuid REFERENCES files(id),
  joined_on             date NOT NULL,
  lapsed_on             date,
  -- Optimistic locking: an edit names the version it read; a stale one is a 409.
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);
-- The scoped list (org subtree → org ids → members), newest first, keyset by id.
CREATE INDEX members_org_idx ON members (org_id, id);
-- Search: name and pinyin prefixes, initials, the phone's blind index.
CREATE INDEX members_name_idx ON members (name text_pattern_ops);
CREATE INDEX members_pinyin_idx ON members (name_pinyin text_pattern_ops);
CREATE INDEX members_initials_idx ON members (name_initials text_pattern_ops);
CREATE INDEX members_phone_idx ON members (phone_hash) WHERE phone_hash IS NOT NULL;
CREATE INDEX members_joined_idx ON members (joined_on);

-- Honours (劳模, 工匠, 五一劳动奖章, 技术能手) on the member profile; certificate scans are files of
-- kind `members.honour_certificate` whose record is the honour.
CREATE TABLE member_honours (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id  bigint NOT NULL REFERENCES members(id),
  kind       text NOT NULL CHECK (kind IN ('model_worker', 'craftsman', 'may_day_medal', 'technical_expert')),
  level      text NOT NULL CHECK (level IN ('national', 'provincial', 'city', 'county', 'enterprise')),
  year       smallint NOT NULL CHECK (year BETWEEN 1950 AND 2100),
  title      text CHECK (char_length(title) <= 100),
  awarded_by text CHECK (char_length(awarded_by) <= 100),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX member_honours_member_idx ON member_honours (member_id);
CREATE INDEX member_honours_kind_idx ON member_honours (kind, member_id);

-- 码上入会 applications. `org_id` is where the application sits (a union, or a county's holding
-- pool) and decides who reviews it; `member_id` is set once it made a member.
CREATE TABLE join_applications (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  application_no        text NOT NULL UNIQUE,
  org_id                integer NOT NULL REFERENCES orgs(id),
  channel               text NOT NULL CHECK (channel IN ('union', 'pool')),
  source                text NOT NULL CHECK (source IN ('qr', 'search', 'home')),
  status                text NOT NULL CHECK (status IN ('pending', 'pooled', 'approved', 'refused')),
  name                  text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 40),
  id_hash               bytea NOT NULL,
  id_enc                text NOT NULL,
  id_masked             text NOT NULL,
  gender                char(1) NOT NULL CHECK (gender IN ('M', 'F')),
  birth_year            smallint NOT NULL,
  id_region_code        char(6) NOT NULL,
  phone_hash            bytea NOT NULL,
  phone_enc             text NOT NULL,
  phone_masked          text NOT NULL,
  occupation            text NOT NULL,
  platform              text CHECK (char_length(platform) <= 40),
  employer              text CHECK (char_length(employer) <= 100),
  is_new_form           boolean NOT NULL,
  work_region_code      char(6),
  residence_region_code char(6),
  -- The personal-data notice the applicant agreed to, and when.
  consent_version       text NOT NULL,
  consented_at          timestamptz NOT NULL,
  member_id             bigint REFERENCES members(id),
  -- Where a pooled member was placed.
  placed_org_id         integer REFERENCES orgs(id),
  reviewed_by           integer REFERENCES accounts(id),
  reviewed_at           timestamptz,
  refusal_reason        text CHECK (char_length(refusal_reason) <= 200),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'refused') = (refusal_reason IS NOT NULL))
);
-- One open application per person: two joins racing with one ID number make one.
CREATE UNIQUE INDEX join_applications_open_key ON join_applications (id_hash) WHERE status = 'pending';
-- The review queues: per org and status, oldest first.
CREATE INDEX join_applications_queue_idx ON join_applications (org_id, status, created_at);
CREATE INDEX join_applications_phone_idx ON join_applications (phone_hash);

-- How a union takes joins: approved at once, or reviewed. No row: reviewed.
CREATE TABLE join_settings (
  org_id       integer PRIMARY KEY REFERENCES orgs(id),
  auto_approve boolean NOT NULL,
  updated_by   integer REFERENCES accounts(id),
  updated_at   timestamptz NOT NULL DEFAULT now()
);

-- 会籍接转: the member stays a full member throughout; the receiving union answers by due_at
-- (10 working days on the calendar) or the transfer is accepted automatically.
CREATE TABLE transfers (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id       bigint NOT NULL REFERENCES members(id),
  from_org_id     integer NOT NULL REFERENCES orgs(id),
  to_org_id       integer NOT NULL REFERENCES orgs(id),
  requested_by    text NOT NULL CHECK (requested_by IN ('member', 'org')),
  requested_by_account integer REFERENCES accounts(id),
  reason          text CHECK (char_length(reason) <= 200),
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'refused', 'cancelled')),
  auto_accepted   boolean NOT NULL DEFAULT false,
  due_at          timestamptz NOT NULL,
  decided_at      timestamptz,
  decided_by      integer REFERENCES accounts(id),
  refusal_reason  text CHECK (char_length(refusal_reason) <= 200),
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (from_org_id <> to_org_id),
  CHECK ((state = 'refused') = (refusal_reason IS NOT NULL))
);
CREATE UNIQUE INDEX transfers_open_key ON transfers (member_id) WHERE state = 'pending';
CREATE INDEX transfers_to_idx ON transfers (to_org_id, state, due_at);
CREATE INDEX transfers_from_idx ON transfers (from_org_id, state, created_at);
CREATE INDEX transfers_member_idx ON transfers (member_id, created_at);
-- The auto-accept sweep.
CREATE INDEX transfers_due_idx ON transfers (due_at) WHERE state = 'pending';
