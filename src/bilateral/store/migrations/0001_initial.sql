-- The record. Every offset refers to documents.text, which is never rewritten once stored.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,              -- sha256 of the clean text (first 16 hex)
    source TEXT NOT NULL,             -- path or URL it came from
    url TEXT,
    external_id TEXT,                 -- the id the source gave it (jsonl `id`)
    title TEXT,
    published TEXT,                   -- ISO at its precision, or NULL when the text carries no date
    published_precision TEXT,
    doc_type TEXT NOT NULL,
    publisher TEXT,
    language TEXT NOT NULL,
    original_language TEXT,
    speakers TEXT NOT NULL,           -- JSON list
    n_chars INTEGER NOT NULL,
    fingerprint INTEGER NOT NULL,     -- 64-bit simhash (signed), for near-duplicates
    ingested_at TEXT NOT NULL,
    text TEXT NOT NULL,
    segments TEXT NOT NULL            -- JSON {paragraphs, sentences, turns} as offset lists
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_type ON documents(doc_type);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2'
);

CREATE TABLE near_duplicates (
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    other TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    distance INTEGER NOT NULL,
    PRIMARY KEY (doc, other)
);

CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,            -- JSON list, the union over documents
    wikidata TEXT,
    in_kb INTEGER NOT NULL
);
CREATE INDEX entities_name ON entities(name COLLATE NOCASE);

CREATE TABLE extractions (
    doc TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    stages TEXT NOT NULL,             -- JSON list of versioned stage names
    extracted_at TEXT NOT NULL
);

CREATE TABLE mentions (
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    source TEXT NOT NULL,
    stage TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc);
CREATE INDEX mentions_entity ON mentions(entity);

CREATE TABLE times (
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    value TEXT NOT NULL,
    precision TEXT NOT NULL,
    relative INTEGER NOT NULL,
    stage TEXT NOT NULL
);
CREATE INDEX times_doc ON times(doc);

CREATE TABLE roles (
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    person TEXT NOT NULL,
    title TEXT NOT NULL,
    of TEXT,
    as_of TEXT,
    source TEXT NOT NULL,
    evidence TEXT NOT NULL,
    stage TEXT NOT NULL
);
CREATE INDEX roles_doc ON roles(doc);
CREATE INDEX roles_person ON roles(person);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    date TEXT,
    date_precision TEXT,
    status TEXT NOT NULL,
    location TEXT,
    modality TEXT,
    participants TEXT NOT NULL,
    plover TEXT NOT NULL,
    cameo TEXT NOT NULL,
    evidence TEXT NOT NULL,
    stage TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc);
CREATE INDEX events_date ON events(date);

CREATE TABLE agreements (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    signed TEXT,
    parties TEXT NOT NULL,
    evidence TEXT NOT NULL,
    stage TEXT NOT NULL
);
CREATE INDEX agreements_doc ON agreements(doc);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT NOT NULL,
    qualifier TEXT,
    period TEXT,
    subject TEXT NOT NULL,
    speaker TEXT,
    said_in TEXT,
    evidence TEXT NOT NULL,
    stage TEXT NOT NULL
);
CREATE INDEX claims_doc ON claims(doc);
CREATE INDEX claims_indicator ON claims(indicator);
