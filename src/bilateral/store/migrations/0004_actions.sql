-- Coded actions (extract/actions): one verb of one sentence coded in PLOVER and CAMEO, with its
-- actors and recipients (entity ids, JSON lists) and the phrases that name them.
CREATE TABLE actions (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    plover TEXT NOT NULL,
    cameo TEXT NOT NULL,
    mode TEXT,
    context TEXT NOT NULL,
    actors TEXT NOT NULL,
    recipients TEXT NOT NULL,
    actor_text TEXT,
    recipient_text TEXT,
    date TEXT,
    status TEXT NOT NULL,
    trigger TEXT NOT NULL,
    evidence TEXT NOT NULL,
    stage TEXT NOT NULL
);
CREATE INDEX actions_doc ON actions(doc);
CREATE INDEX actions_plover ON actions(plover);
