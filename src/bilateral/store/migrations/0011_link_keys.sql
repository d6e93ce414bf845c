-- Links are looked for between passages that share a party (a state they name, or the states
-- their document is mostly about) and were published within a window of each other
-- (crossdoc/links.py, rule 3), not between any two passages that share a word: the index of
-- terms grew with the square of the documents. Every document is given passages and linked again.
ALTER TABLE link_passages ADD COLUMN parties TEXT NOT NULL DEFAULT '[]';
DROP TABLE link_terms;
CREATE TABLE link_keys (
    party TEXT NOT NULL,
    passage TEXT NOT NULL REFERENCES link_passages(id) ON DELETE CASCADE,
    doc TEXT NOT NULL,
    day INTEGER,                      -- the day its document was published (ordinal), if known
    source INTEGER NOT NULL
);
CREATE INDEX link_keys_party ON link_keys(party, day);
CREATE INDEX link_keys_passage ON link_keys(passage);
CREATE INDEX link_keys_doc ON link_keys(doc);
DELETE FROM links;
DELETE FROM link_docs;
-- Merged events are clustered by month, not by year (crossdoc/events.py): all are made again.
DELETE FROM merged_event_reports;
DELETE FROM merged_events;
