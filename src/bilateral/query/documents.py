"""Documents as the CLI, the API and the pages show them: one with its text and segments with
offsets, or many as a filtered, sorted, paged table of their metadata."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bilateral.query.filters import Listing, Where
from bilateral.store import Store


def document_view(store: Store, doc_id: str) -> dict[str, Any] | None:
    doc = store.get_document(doc_id)
    if doc is None:
        return None
    turns = [
        {"start": t.start, "end": t.end, "speaker": t.speaker, "role": t.role} for t in doc.turns
    ]
    sentences = []
    for s in doc.sentences:
        turn = doc.turns[s.turn] if s.turn is not None and s.turn < len(doc.turns) else None
        sentences.append(
            {
                "start": s.start,
                "end": s.end,
                "paragraph": s.paragraph,
                "turn": s.turn,
                "speaker": turn.speaker if turn else (doc.speakers[0] if doc.speakers else None),
            }
        )
    return {
        "id": doc.id,
        "source": doc.source,
        "url": doc.url,
        "external_id": doc.external_id,
        "title": doc.title,
        "published": doc.published,
        "published_precision": doc.published_precision,
        "doc_type": doc.doc_type,
        "publisher": doc.publisher,
        "language": doc.language,
        "original_language": doc.original_language,
        "speakers": list(doc.speakers),
        "n_chars": len(doc.text),
        "near_duplicates": store.near_duplicates(doc.id),
        "text": doc.text,
        "paragraphs": [{"start": p.start, "end": p.end} for p in doc.paragraphs],
        "sentences": sentences,
        "turns": turns,
    }


DOCUMENTS = Listing(
    "SELECT d.id, d.source, d.title, d.published, d.doc_type, d.publisher, d.language, "
    "d.n_chars, d.url FROM documents d",
    {
        "published": "d.published",
        "title": "d.title",
        "type": "d.doc_type",
        "publisher": "d.publisher",
        "chars": "d.n_chars",
    },
    "published",
    "d.id",
)


def document_filter(
    *,
    q: str | None = None,
    doc_type: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    publisher: str | None = None,
    language: str | None = None,
    entity: str | Sequence[str] | None = None,
) -> Where:
    """Conditions on the documents row (``d``): ``q`` in the title or source; ``entity`` one id
    or several (the documents naming every one of them)."""
    where = (
        Where()
        .contains(("d.title", "d.source"), q)
        .equals("d.doc_type", doc_type)
        .equals("d.publisher", publisher)
        .equals("d.language", language)
        .dates("d.published", date_from, date_to)
    )
    for ref in [entity] if isinstance(entity, str) else entity or ():
        if ref:
            # A set built once from the entity index: a correlated EXISTS walked every mention
            # of a common entity for every document (seconds for "United States").
            where.add("d.id IN (SELECT m.doc FROM mentions m WHERE m.entity = ?)", ref)
    return where
