"""JSON lines (optionally gzipped): one document per line, streamed; ``text`` is required.

A bad line is reported with its file and line number and the other lines still go through.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from bilateral.ingest.text import MAX_DOC_BYTES, IngestError, RawDocument, check_size, with_title


def _field(record: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = record.get(name)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def record_to_raw(record: object, where: str, limit: int | None = None) -> RawDocument:
    """One parsed JSON value to a RawDocument; ``where`` names the file and line for errors."""
    if not isinstance(record, dict):
        raise IngestError(where, f"not a JSON object but {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError(where, "no `text` field (every line needs a non-empty string `text`)")
    check_size(where, len(text.encode("utf-8")), MAX_DOC_BYTES if limit is None else limit)
    url = _field(record, "url")
    title = _field(record, "title")
    return RawDocument(
        source=_field(record, "source") or url or where,
        # The title is part of the text, as in every other format (a changed document id for
        # records ingested before this: ids are hashes of the clean text).
        text=with_title(text, title),
        format="jsonl",
        title=title,
        date=_field(record, "date", "published"),
        url=url,
        external_id=_field(record, "id"),
        publisher=_field(record, "publisher"),
    )


def parse_lines(
    lines: Iterable[bytes | str], name: str, limit: int | None = None
) -> Iterator[RawDocument | IngestError]:
    """Records from lines; ``name`` is what errors are prefixed with (``name#L<n>``)."""
    for n, line in enumerate(lines, start=1):
        where = f"{name}#L{n}"
        try:
            raw = line.decode("utf-8") if isinstance(line, bytes) else line
        except UnicodeDecodeError:
            yield IngestError(where, "not UTF-8 text")
            continue
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield IngestError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        try:
            yield record_to_raw(record, where, limit)
        except IngestError as exc:
            yield exc


def read_jsonl(path: Path, limit: int | None = None) -> Iterator[RawDocument | IngestError]:
    source = str(path)
    gz = path.name.lower().endswith(".gz")
    empty = True
    try:
        with gzip.open(path, "rb") if gz else path.open("rb") as fh:
            for item in parse_lines(fh, source, limit):
                empty = False
                yield item
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        # A damaged gzip stream ends the file; what was read before still counts.
        yield IngestError(source, f"unreadable gzip stream ({exc})")
        return
    except OSError as exc:
        yield IngestError(source, exc.strerror or type(exc).__name__)
        return
    if empty:
        yield IngestError(source, "empty file")
