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

import dataclasses
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from bilateral.ingest import clean as _clean
from bilateral.ingest import identity, meta, segment
from bilateral.ingest import text as _text
from bilateral.ingest.docx import read_docx
from bilateral.ingest.html import read_html
from bilateral.ingest.jsonl import JsonLine, parse_lines, read_jsonl
from bilateral.ingest.markdown import read_markdown
from bilateral.ingest.pdf import read_pdf
from bilateral.ingest.text import (
    MAX_DOC_BYTES,
    IngestError,
    RawDocument,
    check_regular,
    check_size,
    decode_lenient,
    os_reason,
    read_text,
    scrub,
)
from bilateral.model import Document, Sentence

__all__ = [
    "MAX_DOC_BYTES",
    "IngestError",
    "Item",
    "JsonLine",
    "RawDocument",
    "build_document",
    "build_unsplit",
    "read_items",
    "read_paths",
]

# What the readers yield: a document, the error in its place, or (read_items(lazy=True)) a JSON
# line still to parse.
Item = RawDocument | IngestError | JsonLine

FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".jsonl": "jsonl",
    ".jsonl.gz": "jsonl",
}


def _format_of(path: Path) -> str | None:
    name = path.name.lower()
    for ext in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(ext):
            return FORMATS[ext]
    return None


def _walk(folder: Path) -> Iterator[Path | IngestError]:
    """Files under ``folder``, sorted, recursively, skipping hidden files and folders.

    A folder that cannot be read, a symlink loop or a dangling link is reported in its place and
    the walk goes on. Links to folders are not followed (no cycles); links to files are.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield IngestError(str(folder), f"folder not readable ({os_reason(exc)})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from _walk(path)
            elif entry.is_symlink():
                if entry.is_dir():
                    continue  # a link to a folder: not followed
                os.stat(path)  # a loop or a dangling link raises here
                if _format_of(path) is not None:
                    yield path
            elif entry.is_file(follow_symlinks=False):
                yield path
            elif _format_of(path) is not None:
                yield IngestError(str(path), "not a regular file")
        except OSError as exc:
            yield IngestError(str(path), os_reason(exc))


def _read_file(path: Path, limit: int, lazy: bool) -> Iterator[Item]:
    fmt = _format_of(path)
    try:
        if fmt is not None:
            check_regular(path)
        if fmt == "jsonl":
            yield from read_jsonl(path, limit, lazy=lazy)
        elif fmt == "txt":
            yield read_text(path, limit)
        elif fmt == "md":
            yield read_markdown(path, limit)
        elif fmt == "html":
            yield read_html(path, limit)
        elif fmt == "pdf":
            yield read_pdf(path, limit)
        elif fmt == "docx":
            yield read_docx(path, limit)
        else:
            known = ", ".join(FORMATS)
            yield IngestError(str(path), f"unsupported format (expected one of {known})")
    except IngestError as exc:
        yield exc
    except RecursionError:
        yield IngestError(str(path), "structure nested too deeply to read")
    except MemoryError:
        yield IngestError(str(path), "too large to read in memory")
    except Exception as exc:  # a reader's library failing on a hostile file: one line, go on
        yield IngestError(str(path), f"unreadable ({type(exc).__name__}: {_first_line(exc)})")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else "no detail")[:160]


def _is_json_lines(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines or not all(line.lstrip().startswith("{") for line in lines):
        return False
    try:
        return all(isinstance(json.loads(line), dict) for line in lines)
    except json.JSONDecodeError:
        return False


def _read_stdin(stdin: TextIO, limit: int) -> Iterator[Item]:
    """Standard input, read as bytes where it has them (bounded) and decoded leniently."""
    warnings: tuple[str, ...] = ()
    buffer = getattr(stdin, "buffer", None)
    try:
        if buffer is not None:
            data = buffer.read(8 * limit + 1)
            if len(data) > 8 * limit:
                yield IngestError("-", f"too large (over {8 * limit / 1e6:.1f} MB on stdin)")
                return
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                text, warnings = decode_lenient(data, "-")
        else:
            text = scrub(stdin.read(8 * limit + 1))
    except IngestError as exc:
        yield exc
        return
    except (OSError, UnicodeDecodeError) as exc:
        yield IngestError("-", f"stdin not readable ({type(exc).__name__})")
        return
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
    yield RawDocument("-", text, "txt", warnings=warnings)


def read_paths(
    paths: Sequence[str | Path], stdin: TextIO | None = None, *, max_bytes: int | None = None
) -> Iterator[RawDocument | IngestError]:
    """Documents from files, folders (recursive, sorted, hidden entries skipped) and "-" (stdin).

    Yields an IngestError in place of each input that cannot be read.
    """
    for item in read_items(paths, stdin, max_bytes=max_bytes):
        yield item.parse() if isinstance(item, JsonLine) else item


def read_items(
    paths: Sequence[str | Path],
    stdin: TextIO | None = None,
    *,
    max_bytes: int | None = None,
    lazy: bool = False,
) -> Iterator[Item]:
    """``read_paths``; with ``lazy``, the lines of JSON-lines files that open an object come
    unparsed (JsonLine: ``parse()`` gives what read_paths would have), for worker processes to
    parse."""
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
            os.stat(path)
        except OSError as exc:
            yield IngestError(str(path), os_reason(exc))
            continue
        if path.is_dir():
            for file in _walk(path):
                if isinstance(file, IngestError):
                    yield file
                else:
                    yield from _read_file(file, limit, lazy)
        else:
            yield from _read_file(path, limit, lazy)


def build_document(raw: RawDocument) -> Document:
    """Clean, segment, describe and identify one document; IngestError if no text remains."""
    doc, rows = build_unsplit(raw)
    return dataclasses.replace(doc, sentences=tuple(Sentence(*row) for row in rows))


def build_unsplit(raw: RawDocument) -> tuple[Document, list[segment.SentenceRow]]:
    """``build_document`` with its sentences as rows beside it (the Document has none): what a
    text-only ingest stores, without a Sentence object per sentence."""
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
        # A transcript whose line breaks were lost keeps its turns inside paragraphs.
        markers or segment.find_inline_markers(text, paras),
        opening_speaker=opening,
        skip=info.header,
        aliases=meta.surnames(info.speakers),
    )
    doc = Document(
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
        turns=turns,
    )
    return doc, segment.sentence_rows(text, paras, turns)
