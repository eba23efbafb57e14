-- Uploads (docs/decisions/0012-uploads.md). A file is uploaded first (record_id null: an orphan
-- only its uploader may read, attach or delete) and attached later, inside the owning feature's
-- own write, to one record of its kind; from then on it is read with that record's scope. The
-- bytes live in object storage under storage_key / thumb_key; a row never points at bytes that
-- were not written first (the upload writes the objects, then inserts the row).
CREATE TABLE files (
  id                  uuid PRIMARY KEY,
  -- The attachment kind, `<feature>.<what>` (e.g. stations.photo): which feature owns it and how it is read.
  kind                text NOT NULL,
  record_id           bigint,
  attached_at         timestamptz,
  -- Who uploaded it: a console account, a worker by phone blind index, or an anonymous caller by the
  -- SHA-256 of the secret upload token handed back once; none of the three is the system.
  uploader_account_id integer REFERENCES accounts(id),
  uploader_phone_hash bytea,
  upload_token_hash   bytea,
  -- Decided from the bytes, never from the name or the client's header; no client file name is kept.
  content_type        text NOT NULL,
  size                integer NOT NULL CHECK (size > 0),
  width               integer,
  height              integer,
  sha256              bytea NOT NULL,
  storage_key         text NOT NULL,
  thumb_key           text,
  is_public           boolean NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  -- Removed from its record: unreadable at once; the sweep deletes the bytes and the row.
  deleted_at          timestamptz,
  CHECK (num_nonnulls(uploader_account_id, uploader_phone_hash, upload_token_hash) <= 1),
  CHECK ((record_id IS NULL) = (attached_at IS NULL))
);

-- A record's files, for its reads and the per-record count limit.
CREATE INDEX files_record_idx ON files (kind, record_id) WHERE record_id IS NOT NULL AND deleted_at IS NULL;
-- What the sweep deletes: orphans by age, and removed files.
CREATE INDEX files_orphan_idx ON files (created_at) WHERE record_id IS NULL;
CREATE INDEX files_deleted_idx ON files (deleted_at) WHERE deleted_at IS NOT NULL;
