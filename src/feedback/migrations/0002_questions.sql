-- Answers counted per question instead of stored one row each (issue #8): a row per answer cost
-- 20–70 µs of CPU on Node and grew the database without bound, while the summary only ever reads
-- answers grouped by question. Answer ids are now UUIDv8 carrying a 60-bit hash of the normalized
-- question (src/answer/answer-id.ts), so a verdict still leads back to its question.

-- The per-answer tables of 0001 are kept, renamed, with their rows; nothing reads or writes them
-- (no release used them). Their indexes are dropped: nothing queries those tables any more.
DROP INDEX answers_by_question;
DROP INDEX answers_abstained;
ALTER TABLE answers RENAME TO legacy_answers;
ALTER TABLE feedback RENAME TO legacy_feedback;

-- One row per distinct normalized question, with the counts of its answers and what its latest
-- answer was. Pasted snippets are not stored.
CREATE TABLE questions (
  -- questionHash(question): 15 hex digits, the hash every answer id to it carries.
  question_hash     TEXT PRIMARY KEY,
  -- The question normalized (case, spacing, trailing punctuation): what the hash is of.
  question_key      TEXT NOT NULL,
  -- The latest wording.
  question          TEXT NOT NULL,
  -- Answers given to it, and how many of them abstained.
  asked             INTEGER NOT NULL CHECK (asked > 0),
  abstained         INTEGER NOT NULL CHECK (abstained BETWEEN 0 AND asked),
  -- Whether the latest answer abstained.
  last_abstained    INTEGER NOT NULL CHECK (last_abstained IN (0, 1)),
  -- JSON array of the tip ids the latest answer cited, in citation order.
  citations         TEXT NOT NULL DEFAULT '[]',
  -- Score of the latest answer's best cited tip; null when it abstained.
  top_score         REAL,
  -- ISO 8601: first and latest answer, latest abstained answer (null if none abstained).
  first_at          TEXT NOT NULL,
  last_at           TEXT NOT NULL,
  last_abstained_at TEXT
);

-- The summary's abstained list: most abstentions first, then most recent.
CREATE INDEX questions_abstained ON questions (abstained DESC, last_abstained_at DESC) WHERE abstained > 0;

-- One verdict per answer; a later vote on the same answer replaces it.
CREATE TABLE feedback (
  answer_id     TEXT PRIMARY KEY,
  question_hash TEXT NOT NULL REFERENCES questions (question_hash),
  helpful       INTEGER NOT NULL CHECK (helpful IN (0, 1)),
  comment       TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

CREATE INDEX feedback_by_question ON feedback (question_hash, updated_at);
