"""Documents as the CLI, the API and the pages show them: metadata, text and segments with offsets."""

from __future__ import annotations

from typing import Any

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
