-- Keys that tools reading the database see (Datasette, sqlite-utils, any SQL browser):
-- mentions, times and roles get a primary key, and their entity columns foreign keys to entities,
-- so that a row links to the entity it names. SQLite cannot add keys to a table, so each table is
-- rebuilt and its rows copied in their order (rowid order is kept: the key is the old rowid).
-- Entities are never deleted and are written before the rows naming them, so the keys hold.
CREATE TABLE mentions_new (
    id INTEGER PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity TEXT NOT NULL REFERENCES entities(id),
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    source TEXT NOT NULL,
    stage TEXT NOT NULL
);
INSERT INTO mentions_new (id, doc, entity, start, end, text, type, source, stage)
    SELECT rowid, doc, entity, start, end, text, type, source, stage FROM mentions;
DROP TABLE mentions;
ALTER TABLE mentions_new RENAME TO mentions;
CREATE INDEX mentions_doc ON mentions(doc);
CREATE INDEX mentions_entity ON mentions(entity);

CREATE TABLE times_new (
    id INTEGER PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT NOT NULL,
    precision TEXT NOT NULL,
    relative INTEGER NOT NULL,
    stage TEXT NOT NULL
);
INSERT INTO times_new (id, doc, start, end, text, value, precision, relative, stage)
    SELECT rowid, doc, start, end, text, value, precision, relative, stage FROM times;
DROP TABLE times;
ALTER TABLE times_new RENAME TO times;
CREATE INDEX times_doc ON times(doc);

CREATE TABLE roles_new (
    id INTEGER PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    person TEXT NOT NULL REFERENCES entities(id),
    title TEXT NOT NULL,
    of TEXT REFERENCES entities(id),
    as_of TEXT,
    source TEXT NOT NULL,
    evidence TEXT NOT NULL,
    stage TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT,
    status TEXT NOT NULL DEFAULT 'held'
);
INSERT INTO roles_new (id, doc, person, title, of, as_of, source, evidence, stage, start_date,
                       end_date, status)
    SELECT rowid, doc, person, title, of, as_of, source, evidence, stage, start_date, end_date,
           status FROM roles;
DROP TABLE roles;
ALTER TABLE roles_new RENAME TO roles;
CREATE INDEX roles_doc ON roles(doc);
CREATE INDEX roles_person ON roles(person);

-- The full-text index declared as Datasette finds it: it looks for content="documents" in
-- double quotes, and with 0001's single quotes its `_search` silently matched every row. The
-- index is an external-content one, so it is rebuilt from documents.
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content="documents", content_rowid="rowid",
    tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
