"""HTML pages: the main text by trafilatura, with the page's own title, date and site name.

trafilatura drops menus, footers and share bars far better than any list of patterns; when it
finds nothing (a page that is nearly all markup, or a fragment), the text of the body is used.
"""

from __future__ import annotations

import dataclasses
import re
import warnings
from pathlib import Path
from typing import Any

from bilateral.ingest.markdown import strip_tags
from bilateral.ingest.text import (
    IngestError,
    RawDocument,
    decode_lenient,
    read_bytes,
    with_title,
)

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_META_URL = re.compile(
    r"""<(?:link[^>]+rel=["']canonical["'][^>]+href|meta[^>]+property=["']og:url["'][^>]+content)"""
    r"""=["']([^"']+)["']""",
    re.IGNORECASE,
)


def _html_text(data: bytes, source: str) -> tuple[str, tuple[str, ...]]:
    m = _CHARSET.search(data[:4096])
    if m:
        encoding = m.group(1).decode("ascii", "replace").lower()
        if encoding not in ("utf-8", "utf8"):
            try:
                return data.decode(encoding), ()
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_lenient(data, source)


# Control characters other than whitespace: lxml refuses them (ValueError), and they are not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SKIP = re.compile(r"(?is)<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->")


def _tag_text(html: str) -> str:
    """The text between the tags, block tags as line ends: for markup too deep for a parser."""
    text = strip_tags(_SKIP.sub(" ", html))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _fallback_text(html: str) -> str:
    """The page's text when trafilatura finds none: its blocks, or the text between its tags.

    libxml2 stops at a nesting depth of 256 and drops what lies deeper, so when the parsed text
    is much shorter than the text between the tags, the latter is what the page says.
    """
    import lxml.html

    bare = _tag_text(html)
    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types on broken or empty markup
        return bare
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    blocks = tree.xpath("//p|//h1|//h2|//h3|//h4|//li|//td|//blockquote|//pre")
    if blocks:
        text = "\n".join(b.text_content().strip() for b in blocks if b.text_content().strip())
    else:
        text = str(tree.text_content())
    return text if len(text.split()) >= 0.5 * len(bare.split()) else bare


def _extract(html: str) -> Any:
    import trafilatura

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return trafilatura.bare_extraction(
            html,
            include_comments=False,
            favor_precision=True,
            with_metadata=True,
            include_tables=True,
            # Only the dates the page declares in its markup, never one guessed from the body.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )


def parse_html(html: str, source: str) -> RawDocument:
    html = _CONTROL.sub(" ", html)
    try:
        extracted = _extract(html)
    except (ValueError, RecursionError):  # markup trafilatura's parser cannot take
        extracted = None
    text = getattr(extracted, "text", None) or ""
    title = getattr(extracted, "title", None)
    date = getattr(extracted, "date", None)
    sitename = getattr(extracted, "sitename", None)
    url = getattr(extracted, "url", None)
    if not text.strip():
        text = _fallback_text(html)
    if not text.strip():
        raise IngestError(source, "no text found in the HTML page")
    if title is None:
        m = re.search(r"<title[^>]*>([^<]+)</title>", html, re.IGNORECASE)
        title = m.group(1).strip() if m else None
    if url is None:
        m = _META_URL.search(html[:20000])
        url = m.group(1) if m else None
    title = title or None
    return RawDocument(
        source,
        # The title is part of the text, as in every other format (a changed document id for
        # pages ingested before this: ids are hashes of the clean text).
        with_title(text, title),
        "html",
        title=title or None,
        date=date or None,
        url=url,
        publisher=sitename or None,
    )


def read_html(path: Path, limit: int | None = None) -> RawDocument:
    source = str(path)
    html, warnings = _html_text(read_bytes(path, limit), source)
    if not html.strip():
        raise IngestError(source, "empty file")
    raw = parse_html(html, source)
    return dataclasses.replace(raw, warnings=warnings) if warnings else raw
