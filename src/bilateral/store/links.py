"""The store-level step after extraction that links plans to what later documents say of them
(crossdoc/links.py), kept current incrementally.

A document extracted again loses its passages and every link that touches them
(``_mark_links_stale``). ``update_links`` then gives each extracted document without passages
its passages, finds through the blocking key (``link_keys``: a party and the day of
publication, crossdoc/links.py rule 3) the passages of other documents that can link with
theirs, and links each such pair of documents afresh, trying only the passage pairs the key
found. A pair's links depend on its two documents alone, so the links are the same whatever
order the documents came in, and the same as linking all at once.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from bilateral.crossdoc.events import merge_class, sides_of
from bilateral.crossdoc.links import WINDOW_DAYS, Item, Passage, day, link_documents, passages
from bilateral.kb import KnowledgeBase, load_kb
from bilateral.model import Document, Evidence, Extraction, Link, content_id
from bilateral.store.connection import Connection

_PASSAGE_COLUMNS = (
    "id, doc, published, evidence, kind, item, source, sides, terms, done, postponed, occurred, "
    "editions, common, parties"
)
_LINK_COLUMNS = (
    "id, relation, from_passage, from_doc, from_kind, from_item, from_evidence, to_passage, "
    "to_doc, to_kind, to_item, to_evidence, score, terms"
)


class Links:
    """Mixed into ``Store``: the links between plans and later documents, and the step that
    keeps them current."""

    db: Connection
    _kb: KnowledgeBase | None
    get_document: Callable[[str], Document | None]
    load_extraction: Callable[[str], Extraction]

    def _mark_links_stale(self, doc: str) -> None:
        """A document is about to be extracted again: its passages and links must be redone."""
        self.db.execute("DELETE FROM link_docs WHERE doc = ?", (doc,))

    def update_links(self, kb: KnowledgeBase | None = None) -> int:
        """Bring the links up to date; the number of documents given passages."""
        dirty = [
            r[0]
            for r in self.db.execute(
                "SELECT x.doc FROM extractions x WHERE NOT EXISTS "
                "(SELECT 1 FROM link_docs l WHERE l.doc = x.doc) ORDER BY x.doc"
            )
        ]
        if not dirty:
            return 0
        if kb is None:
            if self._kb is None:
                self._kb = load_kb()
            kb = self._kb
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for doc in dirty:
                self._insert_passages(doc, self._passages_of(doc, kb))
            pairs: defaultdict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
            for doc in dirty:
                for mine, other, theirs in self.db.execute(
                    "SELECT DISTINCT a.passage, b.doc, b.passage FROM link_keys a "
                    "JOIN link_keys b ON b.party = a.party "
                    "WHERE a.doc = ? AND b.doc != ? AND (a.source = 1 OR b.source = 1) "
                    "AND (a.day IS NULL OR b.day IS NULL OR b.day BETWEEN a.day - ? AND a.day + ?)",
                    (doc, doc, WINDOW_DAYS, WINDOW_DAYS),
                ):
                    if doc < other:
                        pairs[doc, other].add((mine, theirs))
                    else:
                        pairs[other, doc].add((theirs, mine))
            cache: dict[str, list[Passage]] = {}
            for a, b in sorted(pairs):
                for doc in (a, b):
                    if doc not in cache:
                        cache[doc] = self._stored_passages(doc)
                self._insert_links(link_documents(cache[a], cache[b], pairs[a, b]))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return len(dirty)

    # -- building passages -------------------------------------------------------------------
    def _items(self, doc: str) -> Iterator[Item]:
        q = self.db.execute

        def evidence(raw: str) -> Iterator[Evidence]:
            for e in json.loads(raw):
                if e["doc"] == doc:
                    yield Evidence(**e)

        for r in q("SELECT id, holders, status, evidence FROM plans WHERE doc = ?", (doc,)):
            for ev in evidence(r["evidence"]):
                yield Item("plan", r["id"], ev, tuple(json.loads(r["holders"])), r["status"])
        for r in q("SELECT id, holder, stance, evidence FROM positions WHERE doc = ?", (doc,)):
            for ev in evidence(r["evidence"]):
                yield Item("position", r["id"], ev, (r["holder"],), stance=r["stance"])
        for r in q(
            "SELECT id, type, date, status, participants, evidence FROM events WHERE doc = ?",
            (doc,),
        ):
            # Statements and occasions of type "other" took place by being said: they tell
            # nothing of a plan being carried out.
            status = r["status"] if merge_class(r["type"]) is not None else None
            for ev in evidence(r["evidence"]):
                yield Item(
                    "event",
                    r["id"],
                    ev,
                    tuple(json.loads(r["participants"])),
                    status,
                    None,
                    r["date"],
                )
        for r in q("SELECT id, parties, evidence FROM agreements WHERE doc = ?", (doc,)):
            for ev in evidence(r["evidence"]):
                yield Item("agreement", r["id"], ev, tuple(json.loads(r["parties"])))

    def _passages_of(self, doc_id: str, kb: KnowledgeBase) -> list[Passage]:
        document = self.get_document(doc_id)
        if document is None:
            return []
        items = list(self._items(doc_id))
        roles: dict[str, str] = {}
        for person, state in self.db.execute(
            "SELECT DISTINCT person, of FROM roles WHERE doc = ? AND of LIKE 'country:%' "
            "ORDER BY person, of",
            (doc_id,),
        ):
            roles.setdefault(person, state)
        holders = sorted({h for i in items for h in i.holders})
        side_of = sides_of(holders, document.published, roles, kb)
        return passages(document, items, self.load_extraction(doc_id).mentions, side_of)

    def _insert_passages(self, doc: str, found: list[Passage]) -> None:
        self.db.execute("INSERT OR REPLACE INTO link_docs VALUES (?)", (doc,))
        self.db.executemany(
            f"INSERT OR REPLACE INTO link_passages ({_PASSAGE_COLUMNS}) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    p.id,
                    p.doc,
                    p.published,
                    json.dumps(p.evidence.as_dict(), ensure_ascii=False),
                    p.kind,
                    p.item,
                    int(p.source),
                    json.dumps(sorted(p.sides)),
                    json.dumps(sorted(p.terms), ensure_ascii=False),
                    int(p.done),
                    int(p.postponed),
                    p.occurred,
                    json.dumps(sorted(p.editions)),
                    json.dumps(sorted(p.common), ensure_ascii=False),
                    json.dumps(sorted(p.parties)),
                )
                for p in found
            ],
        )
        self.db.executemany(
            "INSERT INTO link_keys VALUES (?,?,?,?,?)",
            [
                (party, p.id, p.doc, day(p.published), int(p.source))
                for p in found
                for party in sorted(p.parties)
            ],
        )

    def _stored_passages(self, doc: str) -> list[Passage]:
        return [
            Passage(
                id=r["id"],
                doc=r["doc"],
                published=r["published"],
                evidence=Evidence(**json.loads(r["evidence"])),
                kind=r["kind"],
                item=r["item"],
                source=bool(r["source"]),
                sides=frozenset(json.loads(r["sides"])),
                terms=frozenset(json.loads(r["terms"])),
                done=bool(r["done"]),
                postponed=bool(r["postponed"]),
                occurred=r["occurred"],
                editions=frozenset(json.loads(r["editions"])),
                common=frozenset(json.loads(r["common"])),
                parties=frozenset(json.loads(r["parties"])),
            )
            for r in self.db.execute(
                f"SELECT {_PASSAGE_COLUMNS} FROM link_passages WHERE doc = ? ORDER BY id", (doc,)
            )
        ]

    def _insert_links(self, found: Iterable[Link]) -> None:
        def passage_id(e: Evidence) -> str:
            return content_id("passage", e.doc, e.start, e.end)

        self.db.executemany(
            f"INSERT OR REPLACE INTO links ({_LINK_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    link.id,
                    link.relation,
                    passage_id(link.from_evidence),
                    link.from_evidence.doc,
                    link.from_kind,
                    link.from_item,
                    json.dumps(link.from_evidence.as_dict(), ensure_ascii=False),
                    passage_id(link.to_evidence),
                    link.to_evidence.doc,
                    link.to_kind,
                    link.to_item,
                    json.dumps(link.to_evidence.as_dict(), ensure_ascii=False),
                    link.score,
                    json.dumps(list(link.terms), ensure_ascii=False),
                )
                for link in found
            ],
        )

    # -- reading them ------------------------------------------------------------------------
    def links(self, *, doc: str | None = None, item: str | None = None) -> Iterator[Link]:
        """The links, by the ``from`` document and position; only those touching a document or
        an item when asked."""
        where, args = "", []
        if doc is not None:
            where, args = "WHERE from_doc = ? OR to_doc = ?", [doc, doc]
        elif item is not None:
            where, args = "WHERE from_item = ? OR to_item = ?", [item, item]
        for r in self.db.execute(
            f"SELECT {_LINK_COLUMNS} FROM links {where} "
            "ORDER BY from_doc, json_extract(from_evidence, '$.start'), id",
            args,
        ):
            yield _link(r)


def _link(r: Any) -> Link:
    return Link(
        id=r["id"],
        relation=r["relation"],
        from_kind=r["from_kind"],
        from_item=r["from_item"],
        from_evidence=Evidence(**json.loads(r["from_evidence"])),
        to_kind=r["to_kind"],
        to_item=r["to_item"],
        to_evidence=Evidence(**json.loads(r["to_evidence"])),
        score=float(r["score"]),
        terms=tuple(json.loads(r["terms"])),
    )
