-- The hotline's knowledge base (server/features/cases/answers.ts): common questions and their
-- answers, kept by agents and admins. An answer belongs to an org: the org's subtree and everyone
-- above reads it; agents in the org's subtree keep it. The search is by trigram on the text.
CREATE TABLE case_answers (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id      integer NOT NULL REFERENCES orgs(id),
  kind        text CHECK (kind IN ('consultation', 'help', 'complaint', 'legal_aid', 'suggestion',
                'hazard_report', 'station_maintenance', 'visit_issue')),
  title       text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 100),
  body        text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
  keywords    text NOT NULL DEFAULT '' CHECK (char_length(keywords) <= 200),
  retired     boolean NOT NULL DEFAULT false,
  version     integer NOT NULL DEFAULT 1,
  updated_by  integer REFERENCES accounts(id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_answers_org ON case_answers (org_id);
CREATE INDEX case_answers_text ON case_answers USING gin ((title || ' ' || keywords || ' ' || body) gin_trgm_ops);
