-- Links need the words a passage writes in lower case (crossdoc/links.py, rule 3): passages
-- stored before have none, so every document's passages are made and linked again.
ALTER TABLE link_passages ADD COLUMN common TEXT NOT NULL DEFAULT '[]';
DELETE FROM links;
DELETE FROM link_docs;
