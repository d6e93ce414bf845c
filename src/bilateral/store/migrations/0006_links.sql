-- Links between a plan and what later documents say of it (crossdoc/links.py). Each document
-- extracted has its passages (the stretches of text that state its items) with their terms; a
-- link joins two passages of different documents. The store keeps these tables current after
-- every write (store/links.py): a document extracted again loses its passages and their links,
-- and the documents without passages get theirs and are linked again.
CREATE TABLE link_docs (
    doc TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE  -- passages are current
);

CREATE TABLE link_passages (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL REFERENCES link_docs(doc) ON DELETE CASCADE,
    published TEXT,
    evidence TEXT NOT NULL,           -- JSON evidence of the passage
    kind TEXT NOT NULL,               -- plan, position, event or agreement: the item naming it
    item TEXT NOT NULL,
    source INTEGER NOT NULL,          -- it states a plan or a proposal: a link may start here
    sides TEXT NOT NULL,              -- JSON list
    terms TEXT NOT NULL,              -- JSON list
    done INTEGER NOT NULL,
    postponed INTEGER NOT NULL,
    occurred TEXT,
    editions TEXT NOT NULL            -- JSON list of the ordinals it numbers things by
);
CREATE INDEX link_passages_doc ON link_passages(doc);

CREATE TABLE link_terms (
    term TEXT NOT NULL,
    passage TEXT NOT NULL REFERENCES link_passages(id) ON DELETE CASCADE,
    doc TEXT NOT NULL
);
CREATE INDEX link_terms_term ON link_terms(term, doc);
CREATE INDEX link_terms_passage ON link_terms(passage);

CREATE TABLE links (
    id TEXT PRIMARY KEY,
    relation TEXT NOT NULL,           -- fulfils, postpones or restates
    from_passage TEXT NOT NULL REFERENCES link_passages(id) ON DELETE CASCADE,
    from_doc TEXT NOT NULL,
    from_kind TEXT NOT NULL,
    from_item TEXT NOT NULL,
    from_evidence TEXT NOT NULL,
    to_passage TEXT NOT NULL REFERENCES link_passages(id) ON DELETE CASCADE,
    to_doc TEXT NOT NULL,
    to_kind TEXT NOT NULL,
    to_item TEXT NOT NULL,
    to_evidence TEXT NOT NULL,
    score REAL NOT NULL,
    terms TEXT NOT NULL               -- JSON list of what the passages share
);
CREATE INDEX links_from_item ON links(from_item);
CREATE INDEX links_to_item ON links(to_item);
CREATE INDEX links_from_doc ON links(from_doc);
CREATE INDEX links_to_doc ON links(to_doc);
