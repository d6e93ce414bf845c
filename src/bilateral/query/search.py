"""Full-text search: a forgiving query language over SQLite FTS5, ranked, with snippets.

Users type what they would type into any search box ("Russia-Kazakhstan trade", "CPC"), so bare
words are quoted before they reach FTS5, whose own syntax rejects hyphens and colons. Phrases in
double quotes, AND / OR / NOT, parentheses and a trailing * for prefixes keep their meaning.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass

from bilateral.store import SearchHit, Store

_TOKEN = re.compile(r'"[^"]*"|\(|\)|[^\s()"]+\*?|"')
_OPERATORS = {"AND", "OR", "NOT"}
_WORD = re.compile(r"\w+", re.UNICODE)


class QueryError(ValueError):
    """A search query that cannot be understood; the message says how to fix it."""


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    match: str  # the FTS5 expression
    terms: tuple[str, ...]  # lower-cased words, for snippets and highlighting


def parse_query(query: str) -> ParsedQuery:
    if not query.strip():
        raise QueryError("empty search query: give at least one word")
    if query.count('"') % 2:
        raise QueryError(f'unbalanced double quote in {query!r}: close the phrase with "')
    depth = 0
    parts: list[str] = []
    terms: list[str] = []
    prev_operand = False
    for tok in _TOKEN.findall(query):
        if tok == "(":
            depth += 1
            if prev_operand:
                parts.append("AND")
            parts.append(tok)
            prev_operand = False
            continue
        if tok == ")":
            depth -= 1
            if depth < 0 or not prev_operand:
                raise QueryError(f"misplaced ')' in {query!r}")
            parts.append(tok)
            continue
        if tok in _OPERATORS:
            if not prev_operand:
                raise QueryError(f"{tok} needs a word before it in {query!r}")
            parts.append(tok)
            prev_operand = False
            continue
        prefix = tok.endswith("*") and not tok.startswith('"')
        words = _WORD.findall(tok.strip('"').rstrip("*"))
        if not words:
            continue
        terms.extend(w.lower() for w in words)
        phrase = '"' + " ".join(words) + '"' + ("*" if prefix else "")
        if prev_operand:
            parts.append("AND")
        parts.append(phrase)
        prev_operand = True
    if depth != 0:
        raise QueryError(f"unbalanced parentheses in {query!r}")
    if not terms:
        raise QueryError(f"no searchable words in {query!r}")
    if not prev_operand:
        raise QueryError(f"query {query!r} ends with an operator")
    return ParsedQuery(" ".join(parts), tuple(dict.fromkeys(terms)))


def search(
    store: Store,
    query: str,
    *,
    limit: int = 10,
    date_from: str | None = None,
    date_to: str | None = None,
    doc_type: str | None = None,
) -> list[SearchHit]:
    parsed = parse_query(query)
    if limit < 1:
        raise QueryError("--limit must be at least 1")
    try:
        rows = store.fts_rows(
            parsed.match, doc_type=doc_type, date_from=date_from, date_to=date_to, limit=limit
        )
    except sqlite3.OperationalError as exc:
        raise QueryError(f"search query {query!r} not understood ({exc})") from None
    hits = []
    for row in rows:
        start, end, highlights = best_passage(row["text"], row["segments"], parsed.terms)
        hits.append(
            SearchHit(
                doc=row["id"],
                score=-float(row["rank"]),
                title=row["title"],
                published=row["published"],
                doc_type=row["doc_type"],
                snippet=row["text"][start:end],
                start=start,
                end=end,
                highlights=highlights,
            )
        )
    return hits


def _term_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    # Match the stem loosely (porter folds "consortium"/"consortia"): the term's first letters.
    stems = sorted(
        {t[: max(4, len(t) - 2)] if len(t) > 5 else t for t in terms}, key=len, reverse=True
    )
    return re.compile(r"\b(?:" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE)


def best_passage(
    text: str, segments: str, terms: tuple[str, ...], max_chars: int = 320
) -> tuple[int, int, tuple[tuple[int, int], ...]]:
    """The sentence with the most distinct query terms, as offsets, plus the term offsets in it."""
    pattern = _term_pattern(terms)
    sentences = json.loads(segments)["sentences"] or [[0, len(text), 0, None]]
    best = (-1, 0, 0)
    for s in sentences:
        found = {m.group(0).lower() for m in pattern.finditer(text, s[0], s[1])}
        score = len(found)
        if score > best[0]:
            best = (score, s[0], s[1])
            if score == len(terms):
                break
    _, start, end = best
    if end - start > max_chars:
        first = pattern.search(text, start, end)
        anchor = first.start() if first else start
        start = max(start, anchor - max_chars // 3)
        end = min(end, start + max_chars)
        while start > 0 and text[start - 1].isalnum():
            start += 1
        while end < len(text) and end > start and text[end - 1].isalnum() and text[end].isalnum():
            end -= 1
    highlights = tuple((m.start(), m.end()) for m in pattern.finditer(text, start, end))
    return start, end, highlights
