-- The public station feed's incremental pulls (server/features/stations/feed.ts). Each row carries the
-- id of the transaction that last wrote it, set by the database whatever wrote it. The feed serves rows
-- in (feed_xid, id) order and only those written by transactions older than every transaction still
-- running (pg_snapshot_xmin of the current snapshot): a row committed later can then never carry an
-- older position than one already served, so a partner resuming from its last position misses nothing.
-- Stations are retired, never deleted: a retirement reaches partners as a row whose status is retired.
ALTER TABLE stations ADD COLUMN feed_xid xid8 NOT NULL DEFAULT pg_current_xact_id();

CREATE FUNCTION gh_stations_feed_xid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.feed_xid := pg_current_xact_id();
  RETURN NEW;
END $$;

CREATE TRIGGER stations_feed_xid BEFORE UPDATE ON stations
  FOR EACH ROW EXECUTE FUNCTION gh_stations_feed_xid();

CREATE INDEX stations_feed ON stations (feed_xid, id);
