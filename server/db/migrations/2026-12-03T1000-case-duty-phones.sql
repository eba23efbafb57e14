-- 值班电话: the phones a union's on-duty cadres are paged on when an emergency (personal safety,
-- mass incident) reaches it (server/features/cases/duty.ts). Console accounts carry no phone of
-- their own, so a union lists its duty phones here; a union without any uses its nearest
-- ancestor's. The number is sealed like every phone (encrypted, blind-indexed, masked); the label
-- says whose desk it is (值班室, 值班领导), never a person's name.
CREATE TABLE case_duty_phones (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id        integer NOT NULL REFERENCES orgs(id),
  label         text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 20),
  phone_hash    bytea NOT NULL,
  phone_enc     text NOT NULL,
  phone_masked  text NOT NULL,
  created_by    integer REFERENCES accounts(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, phone_hash)
);
