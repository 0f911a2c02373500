-- Feedback on answers (issue #5). Applied by `wrangler d1 migrations apply` on Workers (D1) and by
-- SqliteFeedbackStore at start-up on Node; both record applied files in `d1_migrations`.

-- Every answer the service gives, so feedback (which names only the answerId) leads back to the
-- question. Pasted snippets are not stored.
CREATE TABLE answers (
  answer_id    TEXT PRIMARY KEY,
  question     TEXT NOT NULL,
  -- The question normalized (case, spacing, trailing punctuation) to group repeats.
  question_key TEXT NOT NULL,
  abstained    INTEGER NOT NULL CHECK (abstained IN (0, 1)),
  -- JSON array of the cited tip ids, in citation order.
  citations    TEXT NOT NULL DEFAULT '[]',
  top_score    REAL,
  created_at   TEXT NOT NULL
);

CREATE INDEX answers_by_question ON answers (question_key);
CREATE INDEX answers_abstained ON answers (abstained, question_key);

-- One verdict per answer; a later vote on the same answer replaces it.
CREATE TABLE feedback (
  answer_id  TEXT PRIMARY KEY REFERENCES answers (answer_id) ON DELETE CASCADE,
  helpful    INTEGER NOT NULL CHECK (helpful IN (0, 1)),
  comment    TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
