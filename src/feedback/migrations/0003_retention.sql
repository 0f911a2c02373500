-- Retention (issue #19): questions not asked for FEEDBACK_MAX_AGE_DAYS, and the oldest beyond
-- FEEDBACK_MAX_QUESTIONS, are deleted with their verdicts; verdicts beyond FEEDBACK_MAX_VERDICTS,
-- the oldest first. These indexes make finding the oldest rows cheap.
CREATE INDEX questions_by_last_at ON questions (last_at);
CREATE INDEX feedback_by_updated_at ON feedback (updated_at);
