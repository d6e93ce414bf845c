"""Markdown files as web archives store them: YAML front matter, then the page as Markdown.

The front matter is metadata (title, date, source URL), never text. The Markdown becomes plain
text that the cleaning cascade (clean.py) then treats like any other: line structure is kept,
since clean.py already knows where a hard-wrapped line may be joined and where a line of a list
of names must stay a line. The cascade here, in order, and why:

1. Template and HTML comments go, with what they hide.
2. Images (Markdown and HTML) and data URIs go: they are not text, and a base64 image is
   thousands of characters of noise.
3. Links keep their label; their target is not text. A bare autolink keeps its URL: it is what
   the page shows.
4. HTML tags go; those that end a block (``<p>``, ``<div>``, ``<li>``, ``<br>``) end a line.
   Entities are decoded after the tags are gone, so that ``&lt;b&gt;`` stays text.
5. Block syntax: heading marks, block-quote marks, bullets, code fences and rules go; an
   indented continuation of a list item joins its item; a hard break ends a line.
6. Inline syntax: emphasis marks and backslash escapes go.

The title of the front matter becomes the first paragraph of the text, as the first line of a
.txt file is: a title is part of the document and what it names is found there too.
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from bilateral.ingest.text import IngestError, RawDocument, decode_lenient, read_bytes, with_title

# BaseLoader: every scalar stays the string it was written as ("2024-10-22", not a date); the
# C version where libyaml is there (ten times faster), else the same in Python.
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

# -- front matter --------------------------------------------------------------------------------
_FRONT = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL
)
_FLAT_FIELD = re.compile(r"(?m)^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_LINK_FIELD = re.compile(r"(?m)^[ \t-]*(?:link|url|href)[ \t]*:[ \t]*(\S+)")


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter's fields (keys lower-cased) and the rest of the file.

    A front matter that YAML cannot read still ends where its closing line is; its top-level
    ``key: value`` lines are read one by one, so that a broken field never costs the document.
    """
    m = _FRONT.match(text)
    if m is None:
        return {}, text
    block = m.group(1) or ""
    try:
        data = yaml.load(block, Loader=_LOADER)
    except yaml.YAMLError:
        data = _flat_fields(block)
    if not isinstance(data, dict):
        data = {}
    return {str(k).lower(): v for k, v in data.items()}, text[m.end() :]


def _flat_fields(block: str) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for m in _FLAT_FIELD.finditer(block):
        value = m.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        fields.setdefault(m.group(1), value)
    links = _LINK_FIELD.findall(block)
    if links and "sources" not in fields:
        fields["sources"] = [{"link": link} for link in links]
    return fields


def _text_field(data: Mapping[str, Any], *names: str) -> str | None:
    for name in names:
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def _first_source(data: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The (link, label) of the first entry of a ``sources:`` list, where there is one."""
    sources = data.get("sources")
    if isinstance(sources, dict):
        sources = [sources]
    if not isinstance(sources, list):
        return None, None
    for item in sources:
        if isinstance(item, dict):
            item = {str(k).lower(): v for k, v in item.items()}
            link = _text_field(item, "link", "url", "href")
            label = _text_field(item, "label", "name", "title")
            if link or label:
                return link, label
        elif isinstance(item, str) and item.strip():
            return item.strip(), None
    return None, None


# -- 1. comments ----------------------------------------------------------------------------------
_COMMENTS = re.compile(
    r"<!--.*?(?:-->|\Z)|\{%-?\s*comment\s*-?%\}.*?(?:\{%-?\s*endcomment\s*-?%\}|\Z)"
    r"|\{%.*?%\}|\{\{.*?\}\}|<(script|style|noscript|template)\b[^>]*>.*?(?:</\1\s*>|\Z)",
    re.DOTALL | re.IGNORECASE,
)
# -- 2. images --------------------------------------------------------------------------------------
# A link's target: no white space, balanced brackets as a rule, though a target cut or quoted
# carelessly ("...text=The%20Right%20(RTC,") ends at the first ")" that ends a word.
_TITLE = r"""(?:\s+(?:"[^"]*"|'[^']*'))?\s*"""
_DESTINATION = (
    rf"\((?:(?:[^()\s]|\([^()\s]*\))*+{_TITLE}\)"
    rf"|[^\s)]*?{_TITLE}\)(?![^\s.,;:!?\"”’'*_)\]]))"
)
_MD_IMAGE = re.compile(rf"!\[(?:[^\[\]\\]|\\.)*\]{_DESTINATION}")
_HTML_IMAGE = re.compile(r"<(?:img|svg|picture|source|video|audio|iframe)\b[^>]*>", re.IGNORECASE)
_DATA_URI = re.compile(r"data:[\w.+-]+/[\w.+-]+(?:;[\w=.+-]+)*,[^\s)\"'>]*")
# -- 3. links ------------------------------------------------------------------------------------
_MD_LINK = re.compile(rf"\[((?:[^\[\]\\]++|\\.|\[[^\[\]]*+\])*+)\]{_DESTINATION}")
_SPACE_RUN = re.compile(r"\s+")
_REF_LINK = re.compile(r"\[((?:[^\[\]\\]|\\.)+)\]\[[^\[\]\n]*\]")
_REF_DEFINITION = re.compile(r"(?m)^ {0,3}\[[^\]\n]+\]:[ \t]+\S+.*$")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]+|(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
# -- 4. HTML ---------------------------------------------------------------------------------------
_BLOCK_TAGS = (
    "p|div|br|li|ul|ol|dl|dt|dd|h[1-6]|tr|table|thead|tbody|blockquote|figure|figcaption"
    "|section|article|header|footer|hr|pre|address"
)
_HTML_BLOCK_TAG = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^<>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# -- 5. blocks ---------------------------------------------------------------------------------
_FENCE = re.compile(r"(?m)^ {0,3}(?:```|~~~).*$")
_TABLE_RULE = re.compile(r"(?m)^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?[ \t]*)?$")
_TABLE_EDGE = re.compile(r"(?m)^[ \t]*\|[ \t]*|[ \t]*\|[ \t]*$")
_RULE = re.compile(r"(?m)^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_SETEXT = re.compile(r"(?m)\n(?<=\S\n) {0,3}(?:=+|-+)[ \t]*$")
_HEADING = re.compile(r"(?m)^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_QUOTE = re.compile(r"(?m)^ {0,3}(?:>[ \t]?)+")
_BULLET = re.compile(r"(?m)^([ \t]*)[-*+•][ \t]+(?=\S)")
_ORDERED = re.compile(r"(?m)^([ \t]*)(\d{1,3}[.)])[ \t]+(?=\S)")
_CONTINUATION = re.compile(r"\n(?<=[^\n]\n)[ \t]{2,}(?=[^\s\x02])")
_HARD_BREAK = re.compile(r"\n(?<=[ \t]{2}\n)")
_HARD_BREAK_SLASH = re.compile(r"\\\n")
_BLANK_LINE = re.compile(r"(?m)^[ \t\u00a0]+$")
_ITEM = "\x02"  # marks the start of a list item while continuations are joined
_BREAK = "\x03"  # a line break that stays when the lines of a wrapped paragraph are joined
_SOFT_BREAK = re.compile(r"\n(?<=[^\n\x03]\n)(?=[^\n\x02\x03])")
# -- 6. inline ---------------------------------------------------------------------------------
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
_UNDERSCORE = re.compile(r"_(?<![\w\\]_)(?=[^\s_])(.+?)(?<=[^\s_\\])_(?!\w)", re.DOTALL)
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~", re.DOTALL)
_CODE = re.compile(r"`+([^`\n]+)`+")
_STRAY_STRONG = re.compile(r"\*\*+")
# Typographic dashes as kramdown and smartypants write them: "gift --- an early gift".
_EM_DASH = re.compile(r"---(?<=[\w ,.;:!?”’)]---)(?=[\w “‘(])")
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def _entity(m: re.Match[str]) -> str:
    return html.unescape(m.group())


def strip_tags(text: str, line_end: str = "\n") -> str:
    """Text without its HTML tags: a block tag ends a line (``line_end``), the others go; entities
    are decoded after the tags are gone, so that ``&lt;b&gt;`` stays text."""
    text = _HTML_BLOCK_TAG.sub(line_end, text)
    text = _HTML_TAG.sub("", text)
    return _ENTITY.sub(_entity, text)


def hard_wrapped(markdown: str) -> bool:
    """Was the Markdown written out with its paragraphs wrapped at a fixed width (pandoc's 72)?

    Then a line break inside a paragraph is soft and the paragraph's lines are one line.
    Otherwise a line break is the author's (one sentence or one name per line) and stays.
    """
    lengths = []
    lines = markdown.split("\n")
    for line, nxt in itertools.pairwise(lines):
        # Lines with markup are as long as their tags and targets make them: not a measure.
        if line.strip() and nxt.strip() and "<" not in line and "](" not in line:
            lengths.append(len(line.strip()))
    if len(lengths) < 3:
        return False
    lengths.sort()
    width = lengths[(len(lengths) - 1) * 9 // 10]
    if not 50 <= width <= 100:
        return False
    full = sum(1 for n in lengths if n >= 0.6 * width)
    return full >= 0.5 * len(lengths)


def to_text(markdown: str, *, wrapped: bool = False) -> str:
    """Markdown (with inline HTML) to plain text (see the module docstring).

    ``wrapped``: the paragraphs were hard-wrapped (``hard_wrapped``), so their lines are joined.
    """
    text = _BLANK_LINE.sub("", markdown.replace("\r\n", "\n"))
    # 1. Comments and what they hide.
    text = _COMMENTS.sub("", text)
    # 2. Images: data URIs first, so that a base64 image never reaches a pattern that scans it.
    if "data:" in text:
        text = _DATA_URI.sub("", text)
    text = _MD_IMAGE.sub("", text)
    text = _HTML_IMAGE.sub("", text)
    # 3. Links: the label (its line breaks folded), not the target.
    # (Each rule runs only where its sign is in the text: most pages have few of them.)
    if "](" in text:
        # White space at a label's edge is the space between words: "[considering ](...)adding".
        text = _MD_LINK.sub(lambda m: _SPACE_RUN.sub(" ", m.group(1)), text)
    if "][" in text:
        text = _REF_LINK.sub(r"\1", text)
    if "]:" in text:
        text = _REF_DEFINITION.sub("", text)
    text = _AUTOLINK.sub(r"\1", text)
    # 4. HTML: block tags end a line, the others go; then entities.
    text = strip_tags(text, _BREAK + "\n")
    # 5. Blocks.
    if "```" in text or "~~~" in text:
        text = _FENCE.sub("", text)
    if "|" in text:
        text = _TABLE_EDGE.sub("", _TABLE_RULE.sub("", text))
    if "---" in text:
        text = _EM_DASH.sub("—", text)
    text = _RULE.sub("", text)
    if "\n=" in text or "\n-" in text or "\n =" in text or "\n -" in text:
        text = _SETEXT.sub("", text)
    if "#" in text:
        text = _HEADING.sub(lambda m: f"{_BREAK}{m.group(1) or ''}{_BREAK}", text)
    if ">" in text:
        text = _QUOTE.sub("", text)
    text = _BULLET.sub(_ITEM, text)
    text = _ORDERED.sub(_ITEM + r"\2 ", text)
    text = _CONTINUATION.sub(" ", text)
    text = _HARD_BREAK.sub(_BREAK + "\n", text)
    if "\\\n" in text:
        text = _HARD_BREAK_SLASH.sub(_BREAK + "\n", text)
    if wrapped:
        text = _SOFT_BREAK.sub(" ", text)
    text = text.replace(_ITEM, "").replace(_BREAK, "")
    # 6. Inline marks, escapes last: an escaped "\*" is a star of the text.
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "~~" in text:
        text = _STRIKE.sub(r"\1", text)
    if "*" in text or "_" in text:
        for _ in range(2):  # "**_a_**": nested marks
            text = _STRONG.sub(r"\2", text)
            text = _UNDERSCORE.sub(r"\1", text)
    if "**" in text:
        text = _STRAY_STRONG.sub("", text)  # a bold mark whose pair the page lost
    return _ESCAPE.sub(r"\1", text)


def parse_markdown(text: str, source: str) -> RawDocument:
    """A Markdown file's text (with or without front matter) to a RawDocument."""
    fields, body = split_front_matter(text)
    title = _text_field(fields, "title", "headline")
    date = _text_field(fields, "date", "published_time", "published", "pubdate", "created")
    link, label = _first_source(fields)
    url = _text_field(fields, "source_url", "url", "canonical_url", "link") or link
    plain = to_text(body, wrapped=hard_wrapped(body)).strip("\n")
    if title is None:
        title = _first_heading(body)
    else:
        plain = with_title(plain, title)
    return RawDocument(
        source,
        plain,
        "md",
        title=title,
        date=date if date and _has_digit(date) else None,
        url=url,
        publisher=_text_field(fields, "publisher", "site_name") or label,
    )


def _has_digit(value: str) -> bool:
    return any(c.isdigit() for c in value)


def _first_heading(markdown: str) -> str | None:
    m = re.search(r"(?m)^ {0,3}# +(.+?)[ \t#]*$", markdown[:5000])
    if m is None:
        return None
    return " ".join(to_text(m.group(1)).split()) or None


def read_markdown(path: Path, limit: int | None = None) -> RawDocument:
    """A .md file."""
    source = str(path)
    text, warnings = decode_lenient(read_bytes(path, limit), source)
    raw = parse_markdown(text, source)
    if not raw.text.strip():
        raise IngestError(source, "no text in the Markdown file")
    return dataclasses.replace(raw, warnings=warnings) if warnings else raw
