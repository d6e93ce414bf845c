"""HTML pages: the main text by trafilatura, with the page's own title, date and site name.

trafilatura drops menus, footers and share bars far better than any list of patterns; when it
finds nothing (a page that is nearly all markup, or a fragment), the text of the body is used.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

from bilateral.ingest.text import IngestError, RawDocument, decode, read_bytes, with_title

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_META_URL = re.compile(
    r"""<(?:link[^>]+rel=["']canonical["'][^>]+href|meta[^>]+property=["']og:url["'][^>]+content)"""
    r"""=["']([^"']+)["']""",
    re.IGNORECASE,
)


def _html_text(data: bytes, source: str) -> str:
    m = _CHARSET.search(data[:4096])
    if m:
        encoding = m.group(1).decode("ascii", "replace").lower()
        if encoding not in ("utf-8", "utf8"):
            try:
                return data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                pass
    return decode(data, source)


def _fallback_text(html: str) -> str:
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # lxml raises several types on broken or empty markup
        return ""
    for bad in tree.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    blocks = tree.xpath("//p|//h1|//h2|//h3|//h4|//li|//td|//blockquote|//pre")
    if blocks:
        return "\n".join(b.text_content().strip() for b in blocks if b.text_content().strip())
    return str(tree.text_content())


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
    extracted = _extract(html)
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
    html = _html_text(read_bytes(path, limit), source)
    if not html.strip():
        raise IngestError(source, "empty file")
    return parse_html(html, source)
