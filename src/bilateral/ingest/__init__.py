"""Reading inputs into Documents: files, folders and stdin in, RawDocuments or errors out.

``read_paths`` never raises for a bad input: it yields an IngestError in its place, so one
broken file never stops a run. ``build_document`` turns a RawDocument into a Document:

1. clean the text (clean.py): the clean text is what every offset refers to, forever;
2. cut it into paragraphs and find speaker turns' openings (segment.py);
3. read its metadata: title, own date, type, publisher, language, speakers (meta.py);
4. build the turns (opening remarks need the type and main speaker) and the sentences;
5. give it its id, a hash of the clean text (identity.py).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from bilateral.ingest import clean as _clean
from bilateral.ingest import identity, meta, segment
from bilateral.ingest import text as _text
from bilateral.ingest.html import read_html
from bilateral.ingest.jsonl import parse_lines, read_jsonl
from bilateral.ingest.markdown import read_markdown
from bilateral.ingest.pdf import read_pdf
from bilateral.ingest.text import MAX_DOC_BYTES, IngestError, RawDocument, check_size, read_text
from bilateral.model import Document

__all__ = ["MAX_DOC_BYTES", "IngestError", "RawDocument", "build_document", "read_paths"]

FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".jsonl": "jsonl",
    ".jsonl.gz": "jsonl",
}


def _format_of(path: Path) -> str | None:
    name = path.name.lower()
    for ext in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(ext):
            return FORMATS[ext]
    return None


def _walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder``, sorted, recursively, skipping hidden files and folders."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise IngestError(str(folder), exc.strerror or type(exc).__name__) from None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif entry.is_file():
            yield path


def _read_file(path: Path, limit: int) -> Iterator[RawDocument | IngestError]:
    fmt = _format_of(path)
    try:
        if fmt == "jsonl":
            yield from read_jsonl(path, limit)
        elif fmt == "txt":
            yield read_text(path, limit)
        elif fmt == "md":
            yield read_markdown(path, limit)
        elif fmt == "html":
            yield read_html(path, limit)
        elif fmt == "pdf":
            yield read_pdf(path, limit)
        else:
            known = ", ".join(FORMATS)
            yield IngestError(str(path), f"unsupported format (expected one of {known})")
    except IngestError as exc:
        yield exc


def _is_json_lines(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or not all(line.lstrip().startswith("{") for line in lines):
        return False
    try:
        return all(isinstance(json.loads(line), dict) for line in lines)
    except json.JSONDecodeError:
        return False


def _read_stdin(stdin: TextIO, limit: int) -> Iterator[RawDocument | IngestError]:
    text = stdin.read()
    if _is_json_lines(text):
        yield from parse_lines(text.splitlines(), "-", limit)
        return
    if not text.strip():
        yield IngestError("-", "empty input on stdin")
        return
    try:
        check_size("-", len(text.encode("utf-8")), limit)
    except IngestError as exc:
        yield exc
        return
    yield RawDocument("-", text, "txt")


def read_paths(
    paths: Sequence[str | Path], stdin: TextIO | None = None, *, max_bytes: int | None = None
) -> Iterator[RawDocument | IngestError]:
    """Documents from files, folders (recursive, sorted, hidden entries skipped) and "-" (stdin).

    Yields an IngestError in place of each input that cannot be read.
    """
    # The module constant is read at call time, so that a caller (or a test) can change it.
    limit = _text.MAX_DOC_BYTES if max_bytes is None else max_bytes
    for item in paths:
        if str(item) == "-":
            if stdin is None:
                yield IngestError("-", "no stdin to read from")
            else:
                yield from _read_stdin(stdin, limit)
            continue
        path = Path(item)
        try:
            if path.is_dir():
                for file in _walk(path):
                    yield from _read_file(file, limit)
            elif path.exists():
                yield from _read_file(path, limit)
            else:
                yield IngestError(str(path), "no such file or directory")
        except IngestError as exc:
            yield exc


def build_document(raw: RawDocument) -> Document:
    """Clean, segment, describe and identify one document; IngestError if no text remains."""
    text = _clean.clean(raw.text)
    if not text:
        raise IngestError(raw.source, "no text left after cleaning")
    paras = segment.paragraphs(text)
    markers = segment.find_markers(text, paras)
    info = meta.describe(raw, text, paras, markers)
    opening = info.main_speaker if info.doc_type == "transcript" else None
    turns = segment.build_turns(
        text,
        paras,
        markers,
        opening_speaker=opening,
        skip=info.header,
        aliases=meta.surnames(info.speakers),
    )
    return Document(
        id=identity.doc_id(text),
        source=raw.source,
        text=text,
        title=info.title,
        published=info.published,
        published_precision=info.precision,
        doc_type=info.doc_type,
        publisher=info.publisher,
        language=info.language,
        original_language=info.original_language,
        speakers=info.speakers,
        url=raw.url,
        external_id=raw.external_id,
        paragraphs=paras,
        sentences=segment.sentences(text, paras, turns),
        turns=turns,
    )
