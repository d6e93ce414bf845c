"""JSON lines (optionally gzipped): one document per line, streamed; ``text`` is required.

A bad line is reported with its file and line number and the other lines still go through.
Lines are read with a bound, also inside gzip: a line longer than the document size limit is
reported and skipped without ever being held in memory whole (a gzip bomb of one endless line
costs a few megabytes, not gigabytes).
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from bilateral.ingest.text import (
    MAX_DOC_BYTES,
    IngestError,
    RawDocument,
    check_size,
    os_reason,
    scrub,
    scrub_sized,
    size_label,
    with_title,
)


def _field(record: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str | int | float) and str(value).strip():
            return scrub(str(value).strip())
    return None


def record_to_raw(record: object, where: str, limit: int | None = None) -> RawDocument:
    """One parsed JSON value to a RawDocument; ``where`` names the file and line for errors."""
    if not isinstance(record, dict):
        raise IngestError(where, f"not a JSON object but {type(record).__name__}")
    text = record.get("text")
    size = 0
    if isinstance(text, str):
        text, size = scrub_sized(text)
    # (``isspace`` rather than ``strip``: no copy of the text to find it blank.)
    if not isinstance(text, str) or not text or text.isspace():
        raise IngestError(where, "no `text` field (every line needs a non-empty string `text`)")
    check_size(where, size, MAX_DOC_BYTES if limit is None else limit)
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


class _Readable(Protocol):
    def readline(self, size: int | None = -1, /) -> bytes: ...


def bounded_lines(fh: _Readable, limit: int) -> Iterator[bytes | None]:
    """The lines of a binary stream; None for a line over ``limit`` bytes (read past, not kept)."""
    while True:
        line = fh.readline(limit + 2)
        if not line:
            return
        if len(line) <= limit + 1 or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):  # skip the rest of the over-long line
            line = fh.readline(1 << 20)
        yield None


@dataclass(frozen=True, slots=True)
class JsonLine:
    """A line that opens a JSON object, read but not yet parsed: the reader hands these to the
    worker processes, which parse them (``parse``), so that the one process reading the file
    only splits it into lines. ``source`` names the file and line."""

    source: str
    line: bytes
    limit: int | None

    def parse(self) -> RawDocument | IngestError:
        return _parse_line(self.line, self.source, self.limit)


def _parse_line(line: bytes | str, where: str, limit: int | None) -> RawDocument | IngestError:
    try:
        raw = line.decode("utf-8") if isinstance(line, bytes) else line
    except UnicodeDecodeError:
        return IngestError(where, "not UTF-8 text")
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        return IngestError(where, f"not valid JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return IngestError(where, "JSON nested too deeply")
    try:
        return record_to_raw(record, where, limit)
    except IngestError as exc:
        return exc


def parse_lines(
    lines: Iterable[bytes | str | None], name: str, limit: int | None = None, *, lazy: bool = False
) -> Iterator[RawDocument | IngestError | JsonLine]:
    """Records from lines; ``name`` is what errors are prefixed with (``name#L<n>``). ``lazy``:
    a line that opens an object is passed on unparsed, as a JsonLine."""
    for n, line in enumerate(lines, start=1):
        where = f"{name}#L{n}"
        if line is None:
            too_long = size_label(8 * (MAX_DOC_BYTES if limit is None else limit))
            yield IngestError(where, f"line too long (over {too_long})")
            continue
        if lazy and isinstance(line, bytes) and line.lstrip()[:1] == b"{":
            yield JsonLine(where, line, limit)
            continue
        try:
            raw = line.decode("utf-8") if isinstance(line, bytes) else line
        except UnicodeDecodeError:
            yield IngestError(where, "not UTF-8 text")
            continue
        if not raw.strip():
            continue
        yield _parse_line(raw, where, limit)


def read_jsonl(
    path: Path, limit: int | None = None, *, lazy: bool = False
) -> Iterator[RawDocument | IngestError | JsonLine]:
    source = str(path)
    gz = path.name.lower().endswith(".gz")
    empty = True
    bound = MAX_DOC_BYTES if limit is None else limit
    # A line holds its text JSON-escaped (a Cyrillic letter is 6 bytes as "\\u0430"), so a line
    # may be several times the text it carries; the text itself is checked against the limit.
    line_limit = 8 * bound
    try:
        with gzip.open(path, "rb") if gz else path.open("rb") as fh:
            for item in parse_lines(bounded_lines(fh, line_limit), source, limit, lazy=lazy):
                empty = False
                yield item
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        # A damaged gzip stream ends the file; what was read before still counts.
        yield IngestError(source, f"unreadable gzip stream ({exc})")
        return
    except OSError as exc:
        yield IngestError(source, os_reason(exc))
        return
    if empty:
        yield IngestError(source, "empty file")
