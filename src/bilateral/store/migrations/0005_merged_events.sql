-- One event from many reports (crossdoc/events.py): every event of the record belongs to exactly
-- one merged event, alone or with the reports of other documents that tell the same event. The
-- store keeps these tables current after every write (store/merged.py), block by block.
CREATE TABLE merged_events (
    id TEXT PRIMARY KEY,              -- the id of the report that represents it
    block TEXT NOT NULL,              -- merge class and year, or "doc|<id>" for a lone report
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,  -- the representative's
    type TEXT NOT NULL,
    date TEXT,
    date_precision TEXT,
    status TEXT NOT NULL,
    location TEXT,
    modality TEXT,
    participants TEXT NOT NULL,       -- JSON list, the union over the reports
    plover TEXT NOT NULL,
    cameo TEXT NOT NULL,
    evidence TEXT NOT NULL,           -- JSON list, every report's evidence
    reports INTEGER NOT NULL,         -- the number of documents reporting it
    documents TEXT NOT NULL,          -- JSON list of those documents' ids, earliest first
    events TEXT NOT NULL,             -- JSON list of the reports' event ids
    stale INTEGER NOT NULL DEFAULT 0  -- a report's document was extracted again since
);
CREATE INDEX merged_events_block ON merged_events(block);
CREATE INDEX merged_events_date ON merged_events(date);
CREATE INDEX merged_events_stale ON merged_events(stale) WHERE stale = 1;

CREATE TABLE merged_event_reports (
    merged TEXT NOT NULL REFERENCES merged_events(id) ON DELETE CASCADE,
    event TEXT PRIMARY KEY,           -- events.id (no key: a document's events are rewritten whole)
    doc TEXT NOT NULL
);
CREATE INDEX merged_event_reports_merged ON merged_event_reports(merged);
CREATE INDEX merged_event_reports_doc ON merged_event_reports(doc);
