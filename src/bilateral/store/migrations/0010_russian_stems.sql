-- Russian inflection in the full-text index: FTS5 stems English only (porter), so a third
-- column holds the key of every Cyrillic word (lang/ru.py `index_keys`: the stem of the
-- lemma), and a Cyrillic query word is looked up there exactly ("товарооборот" finds
-- "товарооборота", not every word that begins with its stem). An external-content FTS5 table
-- takes no new column: it is made anew and rebuilt from the documents. `ru_keys` is the
-- Python function the store registers on its connection.
ALTER TABLE documents ADD COLUMN stems TEXT;
UPDATE documents SET stems = NULLIF(ru_keys(COALESCE(title, '') || ' ' || text), '')
    WHERE language = 'ru';
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, stems, content="documents", content_rowid="rowid",
    tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
