"""PDF files through pypdf's text layer. Scanned PDFs (images only) are reported, not guessed at.

Running heads and page numbers repeat on every page; lines that open or close most pages with
the same text are dropped here, where the page structure is still known.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter
from pathlib import Path

from bilateral.ingest.text import IngestError, RawDocument, read_bytes

_DIGITS = re.compile(r"\d+")


_LETTERS = re.compile(r"[^\W\d_]")


def _page_key(line: str) -> str:
    # "- 3 -" and "- 4 -", "Page 3 of 9" and "Page 4 of 9" are the same running line; lines
    # with words must repeat exactly ("PC.DEL/272/24", a running title).
    line = line.strip()
    return _DIGITS.sub("#", line) if len(_LETTERS.findall(line)) <= 6 else line


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    if len(pages) < 3:
        return pages
    edges: Counter[str] = Counter()
    for lines in pages:
        seen = {_page_key(line) for line in lines[:2] + lines[-2:] if line.strip()}
        edges.update(seen)
    running = {k for k, n in edges.items() if n >= max(3, len(pages) // 2) and len(k) < 100}
    if not running:
        return pages
    out = []
    for lines in pages:
        n = len(lines)
        edge = {*range(min(2, n)), *range(max(0, n - 2), n)}
        out.append(
            [ln for i, ln in enumerate(lines) if i not in edge or _page_key(ln) not in running]
        )
    return out


def _short_reason(exc: Exception) -> str:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return reason[:120]


def read_pdf(path: Path, limit: int | None = None) -> RawDocument:
    from pypdf import PdfReader

    source = str(path)
    data = read_bytes(path, limit)
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError(source, "not a readable PDF: no PDF header")
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)  # pypdf logs every recoverable quirk of a file
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise IngestError(source, "not a readable PDF: encrypted with a password")
            pages = [(page.extract_text() or "").splitlines() for page in reader.pages]
            title = None
            if reader.metadata is not None and reader.metadata.title:
                title = str(reader.metadata.title).strip() or None
    except IngestError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise IngestError(source, f"not a readable PDF: {_short_reason(exc)}") from None
    finally:
        pypdf_log.setLevel(level)
    text = "\n".join("\n".join(lines) for lines in _drop_running_lines(pages))
    if not text.strip():
        raise IngestError(source, "no text layer (scanned PDF?)")
    return RawDocument(source, text, "pdf", title=title)
