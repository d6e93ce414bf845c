-- An agreement named in a document that is not in English: `name` is its English name (the
-- record's canonical one, which an English report of the same treaty also gives) and
-- `name_original` the name as the text words it; NULL for English documents.
ALTER TABLE agreements ADD COLUMN name_original TEXT;
