-- Spreadsheet imports (docs/decisions/0014-spreadsheets.md): one row per uploaded file of a kind
-- declared by the owning feature (`members.roster`, …). `checkpoint_row` is the last sheet row whose
-- batch committed: it is updated in the same transaction as the batch, so a resumed run never writes
-- a row twice. Bad and duplicate rows go to import_errors, encrypted (the original row holds ID
-- numbers and phones), for the downloadable error report.
CREATE TABLE imports (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind           text NOT NULL,
  org_id         integer NOT NULL REFERENCES orgs(id),
  file_path      text NOT NULL,
  original_name  text NOT NULL CHECK (char_length(original_name) <= 200),
  status         text NOT NULL DEFAULT 'queued'
                   CHECK (status IN ('queued', 'running', 'done', 'refused', 'failed', 'cancelled')),
  message        text,
  total_rows     integer,
  read_rows      integer NOT NULL DEFAULT 0,
  written_rows   integer NOT NULL DEFAULT 0,
  duplicate_rows integer NOT NULL DEFAULT 0,
  error_rows     integer NOT NULL DEFAULT 0,
  checkpoint_row integer NOT NULL DEFAULT 0,
  created_by     integer REFERENCES accounts(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz
);
CREATE INDEX imports_org_idx ON imports (org_id, id);

CREATE TABLE import_errors (
  import_id  bigint NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  row_number integer NOT NULL,
  raw_enc    text NOT NULL,
  message    text NOT NULL,
  PRIMARY KEY (import_id, row_number)
);
