-- What states say and promise: positions (a holder's stance towards a target) and plans
-- (what holders undertake, with a due date and a status).
CREATE TABLE positions (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    holder TEXT NOT NULL,             -- entity id
    stance TEXT NOT NULL,             -- kb/data/stances.yaml
    target TEXT,                      -- entity id, or NULL
    topic TEXT NOT NULL,
    evidence TEXT NOT NULL,
    stage TEXT NOT NULL
);
CREATE INDEX positions_doc ON positions(doc);
CREATE INDEX positions_holder ON positions(holder);

CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    holders TEXT NOT NULL,            -- JSON list of entity ids
    action TEXT NOT NULL,
    due TEXT,                         -- ISO at the text's precision, or NULL
    status TEXT NOT NULL,             -- planned, under_way or done
    evidence TEXT NOT NULL,
    stage TEXT NOT NULL
);
CREATE INDEX plans_doc ON plans(doc);
CREATE INDEX plans_due ON plans(due);
