-- A station's visits (打卡), ratings and problem reports (server/features/station-visits). The
-- closed lists mirror common/members.ts (occupations) and common/station-visits.ts.

-- One row per counted visit. The visitor is a keyed hash (HMAC blind index) of the H5's random
-- token or of the signed-in worker's phone index: never a phone, an address or a position. The
-- unique key makes "once per person per station per hour" hold however many requests arrive at once.
CREATE TABLE station_visits (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id    integer NOT NULL REFERENCES stations(id),
  occupation    text NOT NULL CHECK (occupation IN ('delivery_rider', 'courier', 'ride_hailing_driver',
                  'truck_driver', 'live_streamer', 'domestic_worker', 'care_worker', 'sanitation_worker',
                  'employee', 'civil_servant', 'other')),
  visitor_hash  bytea NOT NULL,
  signed_in     boolean NOT NULL,
  visited_at    timestamptz NOT NULL,
  -- The clock hour of visited_at: the database's half of the once-an-hour rule.
  hour_start    timestamptz NOT NULL CHECK (hour_start = date_trunc('hour', visited_at, 'UTC')),
  -- The Shanghai date of visited_at: what the counts group by.
  day           date NOT NULL,
  UNIQUE (station_id, visitor_hash, hour_start)
);
CREATE INDEX station_visits_station_day ON station_visits (station_id, day);
CREATE INDEX station_visits_recent ON station_visits (station_id, visitor_hash, visited_at);

-- One rating per rater per station, editable. The comment is kept sealed (AES-GCM, for its author)
-- and in a public form with phone-like digit runs masked (what the summary shows).
CREATE TABLE station_reviews (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id      integer NOT NULL REFERENCES stations(id),
  rater_hash      bytea NOT NULL,
  rating          smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment_enc     text,
  comment_public  text CHECK (char_length(comment_public) <= 500),
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((comment_enc IS NULL) = (comment_public IS NULL)),
  UNIQUE (station_id, rater_hash)
);
CREATE INDEX station_reviews_latest ON station_reviews (station_id, updated_at DESC);

-- A problem reported at a station, seen by its keeper and its owning union.
CREATE TABLE station_problems (
  id                    integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id            integer NOT NULL REFERENCES stations(id),
  kind                  text NOT NULL CHECK (kind IN ('broken_appliance', 'closed_when_open', 'unsafe', 'other')),
  description           text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 1000),
  contact_phone_enc     text,
  contact_phone_masked  text,
  signed_in             boolean NOT NULL,
  status                text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'dismissed')),
  status_note           text CHECK (char_length(status_note) <= 500),
  version               integer NOT NULL DEFAULT 1,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  CHECK ((contact_phone_enc IS NULL) = (contact_phone_masked IS NULL))
);
CREATE INDEX station_problems_station ON station_problems (station_id, id DESC);
CREATE INDEX station_problems_open ON station_problems (status, id DESC) WHERE status IN ('open', 'in_progress');
