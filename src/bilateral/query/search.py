"""Full-text search: a forgiving query language over SQLite FTS5, ranked, with snippets.

Users type what they would type into any search box ("Russia-Kazakhstan trade", "CPC"), so bare
words are quoted before they reach FTS5, whose own syntax rejects hyphens and colons. Phrases in
double quotes, AND / OR / NOT, parentheses, a trailing * for prefixes and a leading - to exclude
("oil -gas") keep their meaning.
"""

from __future__ import annotations

import functools
import json
import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from bilateral.lang.ru import shared_layer
from bilateral.lang.stem import has_cyrillic
from bilateral.query.crosslang import (
    Bilingual,
    agreement_forms,
    fts_phrase,
    index_keys,
    other_language_forms,
)
from bilateral.query.documents import document_filter
from bilateral.query.errors import QueryError
from bilateral.store import SearchHit, Store

_TOKEN = re.compile(r'"[^"]*"|\(|\)|[^\s()"]+\*?|"')
_OPERATORS = {"AND", "OR", "NOT"}
_WORD = re.compile(r"\w+", re.UNICODE)


# Function words say nothing about which passage answers a query ("Food and Agriculture
# Organization of the United Nations"), and would be highlighted everywhere.
_FUNCTION_WORDS = frozenset(
    "a an and are as at be by for from in is it of on or the to with".split()
)


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    match: str  # the FTS5 expression
    terms: tuple[str, ...]  # lower-cased words, for snippets and highlighting


# The longest search query, the same for the command line and the API (which declares it too).
MAX_QUERY = 500


def parse_query(query: str) -> ParsedQuery:
    if not query.strip():
        raise QueryError("empty search query: give at least one word")
    if len(query) > MAX_QUERY:
        raise QueryError(f"the query has {len(query)} characters: search with at most {MAX_QUERY}")
    if query.count('"') % 2:
        raise QueryError(f'unbalanced double quote in {query!r}: close the phrase with "')
    depth = 0
    parts: list[str] = []
    terms: list[str] = []
    prev_operand = False
    tokens = _TOKEN.findall(query)
    droppable = _droppable_function_words(tokens)
    # "-word" (or -"a phrase") excludes: at the top level the excluded operands apply to the
    # whole query, as in any search box, so they wait for the end ("oil OR coal -gas" is
    # ("oil" OR "coal") NOT "gas"); inside parentheses NOT follows the operand before it.
    excluded: list[str] = []
    negate = False
    for i, tok in enumerate(tokens):
        if i in droppable:
            continue
        if tok == "-" and i + 1 < len(tokens) and tokens[i + 1].startswith('"'):
            negate = True
            continue
        if tok.startswith("-") and len(tok) > 1:
            negate, tok = True, tok[1:]
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
        if tok in _OPERATORS and not negate:
            if not prev_operand:
                raise QueryError(f"{tok} needs a word before it in {query!r}")
            parts.append(tok)
            prev_operand = False
            continue
        prefix = tok.endswith("*") and not tok.startswith('"')
        words = _WORD.findall(tok.strip('"').rstrip("*"))
        if not words:
            negate = False
            continue
        phrase = '"' + " ".join(words) + '"' + ("*" if prefix else "")
        if len(words) == 1 and not prefix and not tok.startswith('"') and has_cyrillic(tok):
            phrase = fts_phrase(words[0])  # Russian inflection: the word's key
        if negate:
            negate = False
            if depth == 0:
                excluded.append(phrase)
            elif prev_operand:
                parts += ["NOT", phrase]
            else:
                raise QueryError(f"-{words[0]} needs a word before it in {query!r}")
            continue
        terms.extend(w.lower() for w in words)
        if prev_operand:
            parts.append("AND")
        parts.append(phrase)
        prev_operand = True
    if depth != 0:
        raise QueryError(f"unbalanced parentheses in {query!r}")
    if not terms:
        if excluded:
            raise QueryError(f"{query!r} only excludes words: add a word to look for")
        raise QueryError(f"no searchable words in {query!r}")
    if not prev_operand:
        raise QueryError(f"query {query!r} ends with an operator")
    if excluded:
        match = f"({' '.join(parts)})" + "".join(f" NOT {p}" for p in excluded)
        return ParsedQuery(match, tuple(dict.fromkeys(terms)))
    return ParsedQuery(" ".join(parts), tuple(dict.fromkeys(terms)))


def _droppable_function_words(tokens: list[str]) -> set[int]:
    """Positions of bare function words ("of", "the") joined to their neighbours by the implicit
    AND, when the query has other words: nearly every document has them, so they filter nothing,
    yet ranking must walk their every occurrence. A name such as "Food and Agriculture
    Organization of the United Nations" ran ten times slower with them. Words in a quoted phrase,
    and words next to an explicit operator, keep their place."""

    def bare_function_word(tok: str) -> bool:
        return tok not in _OPERATORS and not tok.startswith('"') and tok.lower() in _FUNCTION_WORDS

    content = [t for t in tokens if t not in _OPERATORS and t not in "()"]
    if all(bare_function_word(t) for t in content):
        return set()
    beside_operator = {j for i, t in enumerate(tokens) if t in _OPERATORS for j in (i - 1, i + 1)}
    return {i for i, t in enumerate(tokens) if bare_function_word(t) and i not in beside_operator}


def search_documents(
    store: Store,
    query: str,
    *,
    doc_type: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    publisher: str | None = None,
    language: str | None = None,
    entity: str | Sequence[str] | None = None,
    limit: int = 20,
    offset: int = 0,
    bilingual: Bilingual | None = None,
) -> tuple[list[dict[str, Any]], int]:
    """Ranked full-text hits with their best passage and term offsets, and the total match count;
    filters are conditions on the documents row (``bilateral.query.documents.document_filter``).
    ``bilingual``: the entities named in both scripts, if the caller keeps them
    (``crosslang.bilingual_entities``)."""
    parsed = parse_query(query)
    # A name finds the documents that give it in the other language too.
    forms = other_language_forms(store, query, bilingual) + agreement_forms(store, query)
    if forms:
        match = " OR ".join([f"({parsed.match})", *(f"({fts_phrase(f)})" for f in forms)])
        terms = tuple(
            dict.fromkeys([*parsed.terms, *(w.lower() for f in forms for w in f.split())])
        )
        parsed = ParsedQuery(match, terms)
    if limit < 1:
        raise QueryError("--limit must be at least 1")
    where = document_filter(
        doc_type=doc_type,
        date_from=date_from,
        date_to=date_to,
        publisher=publisher,
        language=language,
        entity=entity,
    )
    condition = " AND ".join(where.clauses)
    try:
        total = store.fts_count(parsed.match, where=condition, args=where.args)
        rows = store.fts_rows(
            parsed.match, where=condition, args=where.args, limit=limit, offset=offset
        )
    except store.errors as exc:
        raise QueryError(f"search query {query!r} not understood ({exc})") from None
    hits = []
    for r in rows:
        start, end, highlights = best_passage(r["text"], r["segments"], parsed.terms)
        hits.append(
            {
                "doc": r["id"],
                "score": round(-float(r["rank"]), 4),
                "title": r["title"],
                "published": r["published"],
                "doc_type": r["doc_type"],
                "publisher": r["publisher"],
                "language": r["language"],
                "snippet": r["text"][start:end],
                "start": start,
                "end": end,
                "highlights": [list(h) for h in highlights],
            }
        )
    return hits, total


def search(
    store: Store,
    query: str,
    *,
    limit: int = 10,
    date_from: str | None = None,
    date_to: str | None = None,
    doc_type: str | None = None,
) -> list[SearchHit]:
    """The command line's search: the same ranking and passages, as SearchHit values."""
    hits, _ = search_documents(
        store, query, doc_type=doc_type, date_from=date_from, date_to=date_to, limit=limit
    )
    return [
        SearchHit(
            doc=h["doc"],
            score=h["score"],
            title=h["title"],
            published=h["published"],
            doc_type=h["doc_type"],
            snippet=h["snippet"],
            start=h["start"],
            end=h["end"],
            highlights=tuple((a, b) for a, b in h["highlights"]),
        )
        for h in hits
    ]


def _stems(terms: tuple[str, ...]) -> list[str]:
    # Match the stem loosely (porter folds "consortium"/"consortia"): the term's first letters.
    content = [t for t in terms if t not in _FUNCTION_WORDS] or list(terms)
    return sorted(
        {t[: max(4, len(t) - 2)] if len(t) > 5 else t for t in content}, key=len, reverse=True
    )


_WORD_REST = re.compile(r"\w*")


def _term_hits(
    text: str, stems: list[str], start: int = 0, end: int | None = None
) -> Iterator[tuple[int, int, int]]:
    """(start, end, stem index) of each word in text[start:end] that begins with a stem.

    The pattern runs without \\b and without IGNORECASE over the lower-cased text, so the regex
    engine can jump between literal candidates; word starts are checked afterwards. That is
    several times faster on a long speech than one case-insensitive pattern anchored at \\b.
    The text is lower-cased a window at a time, as the hits are asked for: the caller mostly
    stops at an early sentence, and lower-casing a whole long speech for it cost more than the
    search. Windows end before a space, which no stem and no word crosses (and where lower-casing
    has no context to lose).
    """
    stop = len(text) if end is None else end
    if text.find("\u0130", start, stop) >= 0:
        # The one letter that lower() makes two ("İ"): offsets must hold, so no lower-casing.
        yield from _term_hits_unfolded(text, stems, start, stop)
        return
    pos, size = start, _WINDOW
    while pos < stop:
        cut = min(stop, pos + size)
        if cut < stop:
            space = text.find(" ", cut, stop)
            cut = stop if space < 0 else space
        low = text[pos:cut].lower()
        # Each stem found with str.find, which jumps between candidates far faster than a
        # regex alternation tries every character. A word start takes the first stem (the
        # longest) that begins there, as the alternation did; a stem can only begin inside
        # another's match off a word start, so nothing the alternation skipped is a hit.
        starts: dict[int, int] = {}
        for which, stem in enumerate(stems):
            at = low.find(stem)
            while at >= 0:
                if at == 0 or not (low[at - 1].isalnum() or low[at - 1] == "_"):
                    starts.setdefault(at, which)
                at = low.find(stem, at + 1)
        for at in sorted(starts):
            which = starts[at]
            rest = _WORD_REST.match(low, at + len(stems[which]))
            yield pos + at, pos + (rest.end() if rest else at + len(stems[which])), which
        pos, size = cut, 2 * size


_WINDOW = 2048  # characters lower-cased first; each next window twice the last


def _term_hits_unfolded(
    text: str, stems: list[str], start: int, stop: int
) -> Iterator[tuple[int, int, int]]:
    haystack = text[start:stop]
    pattern = re.compile("|".join(f"({re.escape(s)})" for s in stems), re.IGNORECASE)
    for m in pattern.finditer(haystack):
        at = m.start()
        if at > 0 and (haystack[at - 1].isalnum() or haystack[at - 1] == "_"):
            continue
        rest = _WORD_REST.match(haystack, m.end())
        yield start + at, start + (rest.end() if rest else m.end()), (m.lastindex or 1) - 1


def best_passage(
    text: str, segments: str, terms: tuple[str, ...], max_chars: int = 320
) -> tuple[int, int, tuple[tuple[int, int], ...]]:
    """The sentence with the most distinct query terms, as offsets, plus the term offsets in it.

    One pass over the whole text, each hit assigned to its sentence by bisection: a long speech
    has hundreds of sentences and scanning each one separately cost more than the full-text
    ranking itself.
    """
    stems = _stems(terms)
    keys = index_keys(t for t in terms if has_cyrillic(t))
    sentences, starts = _sentence_bounds(segments, len(text))
    found: dict[int, set[int]] = {}
    first_hit: dict[int, int] = {}
    for at, stop, which in _keyed(text, _term_hits(text, stems), keys):
        i = bisect_right(starts, at) - 1
        if i < 0 or stop > sentences[i][1]:
            continue
        seen = found.setdefault(i, set())
        first_hit.setdefault(i, at)
        seen.add(which)
        if len(seen) == len(stems):
            break  # a sentence with every term: nothing later can beat it
    # The earliest sentence among those with the most distinct terms.
    best = max(found, key=lambda i: (len(found[i]), -i), default=0)
    start, end = sentences[best][0], sentences[best][1]
    if end - start > max_chars:
        anchor = first_hit.get(best, start)
        start = max(start, anchor - max_chars // 3)
        end = min(end, start + max_chars)
        while start > 0 and text[start - 1].isalnum():
            start += 1
        while end < len(text) and end > start and text[end - 1].isalnum() and text[end].isalnum():
            end -= 1
    hits = _keyed(text, _term_hits(text, stems, start, end), keys)
    highlights = tuple((a, b) for a, b, _ in hits)
    return start, end, highlights


@functools.lru_cache(maxsize=2048)
def _sentence_bounds(segments: str, n_chars: int) -> tuple[list[tuple[int, int]], list[int]]:
    """The sentences' (start, end) and their starts, from a document's segments JSON: parsed
    once per document while it keeps being found, not for every hit. Keyed by the JSON itself,
    so a changed document is parsed again; the bound keeps a few thousand documents' worth."""
    sentences = [(s[0], s[1]) for s in json.loads(segments)["sentences"]] or [(0, n_chars)]
    return sentences, [s[0] for s in sentences]


def _keyed(
    text: str, hits: Iterator[tuple[int, int, int]], keys: frozenset[str]
) -> Iterator[tuple[int, int, int]]:
    """The hits, a Cyrillic word among them only if its key is a query word's: the prefix
    "лавр" of "Лавров" also begins "Лаврентий", which the index did not match."""
    for at, stop, which in hits:
        word = text[at:stop]
        if keys and has_cyrillic(word) and shared_layer().index_keys(word) not in keys:
            continue
        yield at, stop, which
