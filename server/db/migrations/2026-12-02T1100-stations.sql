-- Rest stations (工会驿站, 司机之家; server/features/stations). Coordinates are stored as WGS-84
-- (DESIGN.md §4.3); the closed lists mirror common/stations.ts.

CREATE TABLE stations (
  id                integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The owning union: scope follows it.
  org_id            integer NOT NULL REFERENCES orgs(id),
  kind              text NOT NULL CHECK (kind IN ('outdoor_worker', 'driver_home')),
  name              text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  address           text NOT NULL CHECK (char_length(address) BETWEEN 1 AND 200),
  region_code       char(6) NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  lat               double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lng               double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
  amenities         text[] NOT NULL DEFAULT '{}' CHECK (amenities <@ ARRAY[
                      'water', 'hot_water', 'microwave', 'fridge', 'phone_charging', 'ebike_charging',
                      'toilet', 'rest_area', 'air_conditioning', 'heating', 'first_aid', 'aed', 'wifi',
                      'books', 'umbrella', 'tyre_pump', 'mother_baby_room', 'self_service_24h']::text[]
                      AND array_position(amenities, NULL) IS NULL),
  -- OSM opening_hours syntax, checked by the app (common/opening-hours.ts) before it is stored.
  opening_hours     text NOT NULL DEFAULT '24/7' CHECK (char_length(opening_hours) BETWEEN 1 AND 255),
  -- The station's own public number (shown to riders), not a person's.
  phone             text CHECK (char_length(phone) <= 40),
  keeper_account_id integer REFERENCES accounts(id),
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'temporarily_closed', 'retired')),
  -- Closed up to and including this Shanghai date; none: until further notice.
  closed_until      date,
  award             text CHECK (award IN ('most_beautiful')),
  award_year        smallint CHECK (award_year BETWEEN 2000 AND 2100),
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (closed_until IS NULL OR status = 'temporarily_closed'),
  CHECK ((award IS NULL) = (award_year IS NULL))
);
CREATE INDEX stations_org_id ON stations (org_id);
CREATE INDEX stations_keeper ON stations (keeper_account_id) WHERE keeper_account_id IS NOT NULL;
-- The database-only nearest search (KNN on the earth cube: ORDER BY ll_to_earth(...) <-> point).
CREATE INDEX stations_earth ON stations USING gist (ll_to_earth(lat, lng)) WHERE status <> 'retired';

-- Each app node keeps an in-memory index of the stations (docs/decisions/0016-station-index.md). A
-- change announces itself on gh_stations from the changing statement, delivered when (and only if) it
-- commits, whatever wrote it (the app, an import, an operator's SQL): the ids, comma-separated, or
-- '*' (reload everything) for a statement that touched more than 256 rows.
CREATE FUNCTION gh_notify_stations_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids text;
  n integer;
BEGIN
  IF TG_OP = 'DELETE' THEN
    SELECT count(*), string_agg(id::text, ',') INTO n, ids FROM gone;
  ELSE
    SELECT count(*), string_agg(id::text, ',') INTO n, ids FROM changed;
  END IF;
  IF n > 256 THEN
    PERFORM pg_notify('gh_stations', '*');
  ELSIF n > 0 THEN
    PERFORM pg_notify('gh_stations', ids);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER stations_inserted_notify AFTER INSERT ON stations
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION gh_notify_stations_changed();
CREATE TRIGGER stations_updated_notify AFTER UPDATE ON stations
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION gh_notify_stations_changed();
CREATE TRIGGER stations_deleted_notify AFTER DELETE ON stations
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION gh_notify_stations_changed();
