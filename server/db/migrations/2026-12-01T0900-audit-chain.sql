-- Tamper-evidence (DESIGN.md §7): each audit row carries the hash of the row before it and its
-- own, row_hash = sha256(prev_hash || canonical text of its fields), so changing or removing a
-- row breaks the chain at that row (`npm run audit:verify`). The database computes the hashes,
-- so every writer gets them; a one-row head table, locked by each insert until its transaction
-- ends, puts concurrent inserts in a single order (chain_seq). The serving role cannot write the
-- head: the trigger runs as the owner (SECURITY DEFINER).
ALTER TABLE audit_log ADD COLUMN chain_seq bigint, ADD COLUMN prev_hash text, ADD COLUMN row_hash text;

CREATE TABLE audit_chain_head (
  one  boolean PRIMARY KEY DEFAULT true CHECK (one),
  seq  bigint NOT NULL,
  hash text NOT NULL
);

-- The fields a row's hash covers, as one JSON array (jsonb's text form is canonical; the time in
-- UTC with microseconds, whatever the session's time zone). server/features/audit/verify.ts
-- builds the same text.
CREATE FUNCTION audit_row_canon(r audit_log) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(r.id, to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), r.account_id,
    r.actor_label, r.ip, r.action, r.entity_type, r.entity_id, r.org_path::text, r.reason, r.details)::text
$$;

CREATE FUNCTION audit_log_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
  head audit_chain_head;
BEGIN
  SELECT * INTO head FROM audit_chain_head WHERE one FOR UPDATE;
  NEW.chain_seq := head.seq + 1;
  NEW.prev_hash := head.hash;
  NEW.row_hash := encode(sha256(convert_to(NEW.prev_hash || audit_row_canon(NEW), 'UTF8')), 'hex');
  UPDATE audit_chain_head SET seq = NEW.chain_seq, hash = NEW.row_hash WHERE one;
  RETURN NEW;
END $$;

-- The rows written so far, chained in id order.
DO $$
DECLARE
  r audit_log;
  h text := repeat('0', 64);
  n bigint := 0;
BEGIN
  ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
  FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
    n := n + 1;
    UPDATE audit_log
       SET chain_seq = n, prev_hash = h, row_hash = encode(sha256(convert_to(h || audit_row_canon(r), 'UTF8')), 'hex')
     WHERE id = r.id
    RETURNING row_hash INTO h;
  END LOOP;
  ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;
  INSERT INTO audit_chain_head (seq, hash) VALUES (n, h);
END $$;

ALTER TABLE audit_log ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL,
  ALTER COLUMN row_hash SET NOT NULL;
CREATE UNIQUE INDEX audit_log_chain_seq_idx ON audit_log (chain_seq);

CREATE TRIGGER audit_log_chain BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_chain();
