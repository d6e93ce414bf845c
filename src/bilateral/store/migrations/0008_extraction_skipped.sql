-- Stages a document's extraction did not run because its time budget ran out (JSON list);
-- `bilateral extract --stale` runs them later.
ALTER TABLE extractions ADD COLUMN skipped TEXT NOT NULL DEFAULT '[]';
