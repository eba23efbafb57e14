-- A station keeper (站长) keeps the stations they are the keeper of — hours, amenities, status, photos —
-- and sees their visits and problems (stations.keep); stations.manage is the registry of a subtree
-- (create, move, retire, appoint keepers, import). The seeded keeper role held stations.manage, which
-- would have let a keeper edit every station of their union (issue 8: "keepers manage only their stations").
UPDATE roles SET permissions = array_append(array_remove(permissions, 'stations.manage'), 'stations.keep'), updated_at = now()
 WHERE code = 'station_keeper' AND is_system;
-- An admin appoints keepers, and may only give a role whose permissions they hold themselves.
UPDATE roles SET permissions = array_append(permissions, 'stations.keep'), updated_at = now()
 WHERE code IN ('national_admin', 'org_admin') AND is_system AND NOT ('stations.keep' = ANY (permissions));
