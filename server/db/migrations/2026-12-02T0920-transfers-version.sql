-- 会籍接转 (server/features/transfers): an answer names the version it read, so two cadres
-- answering at once, or a cadre answering while the member cancels, get a 409 instead of a silent
-- overwrite; and who cancelled (the member on the H5 or the sending union) is kept with the row.
ALTER TABLE transfers ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE transfers ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE transfers ADD COLUMN cancelled_by text CHECK (cancelled_by IN ('member', 'org'));
ALTER TABLE transfers ADD CONSTRAINT transfers_cancelled_by_state
  CHECK ((state = 'cancelled') = (cancelled_by IS NOT NULL));
