-- Each app node keeps the actor a session resolves to for a few seconds
-- (server/features/auth/actor-cache.ts). Whatever that actor was built from announces its change on
-- the channel gh_actor, from a trigger in the changing transaction, so the NOTIFY is delivered to
-- every listening node when (and only if) it commits, whichever code path or tool made the change.
-- Payloads: 's:<token hashes in hex, comma-separated>' one or more sessions, 'a:<account id>' every
-- session of an account, '*' everything (roles, orgs, large batches).

CREATE FUNCTION gh_notify_actor_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'sessions' THEN
    PERFORM pg_notify('gh_actor', 's:' || encode(OLD.token_hash, 'hex'));
  ELSIF TG_TABLE_NAME = 'accounts' THEN
    PERFORM pg_notify('gh_actor', 'a:' || OLD.id);
  ELSIF TG_TABLE_NAME = 'grants' THEN
    IF TG_OP <> 'INSERT' THEN
      PERFORM pg_notify('gh_actor', 'a:' || OLD.account_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
      PERFORM pg_notify('gh_actor', 'a:' || NEW.account_id);
    END IF;
  ELSE
    -- roles and orgs: a role's permissions or an org's name or path are part of many actors.
    PERFORM pg_notify('gh_actor', '*');
  END IF;
  RETURN NULL;
END $$;

-- Deleted sessions in one message per statement: the hourly purge may delete thousands at once.
CREATE FUNCTION gh_notify_sessions_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  hashes text;
  n integer;
BEGIN
  SELECT count(*), string_agg(encode(token_hash, 'hex'), ',') INTO n, hashes FROM gone;
  IF n > 64 THEN
    PERFORM pg_notify('gh_actor', '*');
  ELSIF n > 0 THEN
    PERFORM pg_notify('gh_actor', 's:' || hashes);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER sessions_deleted_notify AFTER DELETE ON sessions
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION gh_notify_sessions_deleted();

-- last_seen_at is touched once a minute per session: that changes no actor, so it says nothing.
CREATE TRIGGER sessions_changed_notify AFTER UPDATE ON sessions FOR EACH ROW
  WHEN (OLD.restriction IS DISTINCT FROM NEW.restriction OR OLD.expires_at IS DISTINCT FROM NEW.expires_at
        OR OLD.account_id IS DISTINCT FROM NEW.account_id OR OLD.token_hash IS DISTINCT FROM NEW.token_hash)
  EXECUTE FUNCTION gh_notify_actor_change();

-- last_login_at, TOTP and updated_at change no actor; status, names, the org and the password do.
CREATE TRIGGER accounts_changed_notify AFTER UPDATE OF status, username, display_name, org_id, password_hash
  OR DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION gh_notify_actor_change();

CREATE TRIGGER grants_changed_notify AFTER INSERT OR UPDATE OR DELETE ON grants
  FOR EACH ROW EXECUTE FUNCTION gh_notify_actor_change();

CREATE TRIGGER roles_changed_notify AFTER UPDATE OR DELETE ON roles
  FOR EACH STATEMENT EXECUTE FUNCTION gh_notify_actor_change();

CREATE TRIGGER orgs_changed_notify AFTER UPDATE OF name, path, parent_id OR DELETE ON orgs
  FOR EACH STATEMENT EXECUTE FUNCTION gh_notify_actor_change();
