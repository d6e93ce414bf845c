"""Word documents (.docx) through python-docx: paragraphs and table cells, in document order.

The core properties give the title and the date (``created``), as a page's metadata does.
"""

from __future__ import annotations

import io
from pathlib import Path

from bilateral.ingest.text import IngestError, RawDocument, read_bytes, scrub


def _blocks(document: object) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out: list[str] = []
    for block in document.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = [c.text.strip() for c in row.cells if c.text.strip()]
                # merged cells repeat their text in every cell they span
                out.append(" | ".join(dict.fromkeys(cells)))
    return out


def read_docx(path: Path, limit: int | None = None) -> RawDocument:
    import docx

    source = str(path)
    data = read_bytes(path, limit)
    if not data.startswith(b"PK"):
        raise IngestError(source, "not a readable .docx: not a zip container")
    try:
        document = docx.Document(io.BytesIO(data))
        text = "\n".join(_blocks(document)).strip()
        props = document.core_properties
        title = (props.title or "").strip() or None
        created = props.created.date().isoformat() if props.created else None
    except Exception as exc:  # python-docx and zipfile raise many types on damaged files
        reason = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
        raise IngestError(source, f"not a readable .docx: {reason}") from None
    if not text:
        raise IngestError(source, "no text in the .docx file")
    return RawDocument(source, scrub(text), "docx", title=title, date=created)
