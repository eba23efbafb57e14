-- A case's parties are kept as paths (cases.party_paths: the receiving, handling and co-handling
-- unions), so one GiST condition scopes every list and read. Moving a union (POST /orgs/:id/move)
-- rewrites the path of every org in its subtree; without this trigger the cases of those unions
-- would keep the old paths: gone from the lists of their new upper unions, still in the old ones'.
-- Every org of the subtree gets its own row update, so each replaces only the elements equal to
-- its own old path, whatever order the move's statement takes the rows in.
CREATE FUNCTION gh_case_parties_org_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cases
     SET party_paths = array_replace(party_paths, OLD.path, NEW.path)
   WHERE party_paths <@ OLD.path
     AND OLD.path = ANY (party_paths);
  RETURN NULL;
END;
$$;

CREATE TRIGGER case_parties_org_moved AFTER UPDATE OF path ON orgs
  FOR EACH ROW WHEN (OLD.path IS DISTINCT FROM NEW.path)
  EXECUTE FUNCTION gh_case_parties_org_moved();
