"""Plain text files (Markdown: markdown.py), and what every format shares: RawDocument, IngestError, decoding.

Reading is bounded: only regular files are opened (a FIFO would block, a link to ``/dev/zero``
never ends), and never more than the size limit is read, whatever ``stat`` says.

Decoding: UTF-8 (with or without BOM), UTF-16 with a BOM, or a Cyrillic text in cp1251 (older
Russian and Kazakh pages are still saved that way). Text that is none of these but still reads as
text is decoded as UTF-8 with replacement characters, and the document carries a warning; bytes
with NULs or many control characters are reported as binary rather than read as mojibake.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_DOC_BYTES = 50 * 1024 * 1024  # one document; a JSON-lines file may hold many of them


@dataclass(frozen=True, slots=True)
class RawDocument:
    """A document as read, before cleaning: its text and whatever metadata came with it."""

    source: str
    text: str
    format: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    external_id: str | None = None
    publisher: str | None = None
    # Things the reader had to repair ("not valid UTF-8: decoded with replacement characters").
    warnings: tuple[str, ...] = ()


class IngestError(Exception):
    """One input that could not be read; ``str(e)`` is one line: ``<source>: <reason>``."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str]]:
        # Worker processes send errors back to the parent by pickling them.
        return (IngestError, (self.source, self.reason))


def size_label(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def check_size(source: str, n: int, limit: int) -> None:
    if n > limit:
        raise IngestError(source, f"too large ({size_label(n)}, the limit is {size_label(limit)})")


# C0 controls other than tab, newline and carriage return: text has almost none of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")


def _binary_share(text: str) -> float:
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / max(1, len(sample))


# Lone surrogates (from JSON escapes or surrogateescape) cannot be stored as UTF-8.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
REPLACED = "not valid UTF-8: decoded with replacement characters"


def scrub(text: str) -> str:
    """Text without lone surrogates (each becomes U+FFFD), so that it can be stored and printed."""
    return scrub_sized(text)[0]


def scrub_sized(text: str) -> tuple[str, int]:
    """``scrub`` and the size of the result in UTF-8, which a size check wants next."""
    # Surrogates are the only characters UTF-8 cannot encode; encoding finds out four times
    # faster than the regex scanning (every document's text passes here).
    try:
        return text, len(text.encode("utf-8"))
    except UnicodeEncodeError:
        text = _SURROGATE.sub("\ufffd", text)
        return text, len(text.encode("utf-8"))


def decode_lenient(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    """Bytes to text and what had to be repaired; IngestError only for binary data."""
    try:
        return decode(data, source), ()
    except IngestError as exc:
        if exc.reason.startswith("binary"):
            raise
    text = data.decode("utf-8", "replace")
    if _binary_share(text) > 0.01 or text.count("\ufffd") > 0.3 * max(1, len(text)):
        raise IngestError(source, "binary file, not text")
    return text, (REPLACED,)


def decode(data: bytes, source: str) -> str:
    """Bytes to text, or IngestError when they are not text we can read."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError(source, "not readable as UTF-16 text despite its BOM") from None
    if b"\x00" in data[:65536]:
        raise IngestError(source, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_cp1251(data, source)
    if _binary_share(text) > 0.01:
        raise IngestError(source, "binary file (control characters), not text")
    return text


def _decode_cp1251(data: bytes, source: str) -> str:
    # cp1251 maps almost every byte, so decoding always "works": accept it only when the result
    # reads as Cyrillic prose (most letters Cyrillic, few control characters).
    reason = "not UTF-8 text (binary, or an unsupported encoding: save it as UTF-8)"
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        raise IngestError(source, reason) from None
    sample = text[:20000]
    letters = len(_LETTER.findall(sample))
    cyrillic = len(_CYRILLIC.findall(sample))
    if letters < 20 or cyrillic < 0.5 * letters or _binary_share(text) > 0.001:
        raise IngestError(source, reason)
    return text


def os_reason(exc: OSError) -> str:
    """An OSError as a short reason ("symlink loop" rather than "Too many levels of ...")."""
    import errno

    if exc.errno == errno.ELOOP:
        return "symlink loop"
    return (exc.strerror or type(exc).__name__).lower()


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a directory"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def check_regular(path: Path) -> os.stat_result:
    """The file's stat (links followed), or IngestError unless it is a regular file."""
    try:
        st = os.stat(path)
    except OSError as exc:
        raise IngestError(str(path), os_reason(exc)) from None
    if not stat.S_ISREG(st.st_mode):
        raise IngestError(str(path), f"not a regular file ({_kind(st.st_mode)})")
    return st


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """A regular file's bytes, refusing more than ``limit`` (default MAX_DOC_BYTES, read at call time).

    The limit holds while reading: a file that grows, or lies about its size, is cut off there.
    """
    source = str(path)
    limit = MAX_DOC_BYTES if limit is None else limit
    st = check_regular(path)
    check_size(source, st.st_size, limit)
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise IngestError(source, os_reason(exc)) from None
    check_size(source, len(data), limit)
    if not data.strip():
        raise IngestError(source, "empty file")
    return data


def read_text(path: Path, limit: int | None = None) -> RawDocument:
    """A .txt file."""
    source = str(path)
    text, warnings = decode_lenient(read_bytes(path, limit), source)
    if not text.strip():
        raise IngestError(source, "empty file")
    return RawDocument(source, text, "txt", warnings=warnings)


def with_title(text: str, title: str | None) -> str:
    """The text with its title as its first paragraph, as the first line of a .txt file is.

    A title is part of the document: what it names is found there too. A text that already opens
    with it (a page printing its heading again) is left as it is; so is one flattened to a single
    line by a scraper that begins with the title.
    """
    if not title or not title.strip():
        return text
    folded = " ".join(title.split()).casefold()
    body = text.lstrip()
    first = body.split("\n", 1)[0]
    if " ".join(first.split()).casefold() == folded:
        return text
    if "\n" not in body[:2000] and " ".join(body[: len(title) + 50].split()).casefold().startswith(
        folded
    ):
        return text
    return f"{title.strip()}\n\n{body}" if body.strip() else title.strip()
