"""Links between a plan and what later documents say of it: the forum announced in one press
release and held in the next, the university branch whose opening two ministers wanted and a
president's article says is near, the corridor a minister calls a priority and an article says
is being built.

1. **Passages.** Every item of a document that states what should, will or did happen (a plan,
   a position, an event, an agreement) stands in a passage: the sentence of its evidence, run on
   over the following sentences of the paragraph that refer back to it ("This is a great goal
   and we have started moving towards it"). Items on one passage are one node, named by the
   most telling of them (a plan before a position, an event, an agreement); overlapping
   passages are one.
2. **What a passage is about.** Its terms: the stems of its words other than function words and
   the generic words of diplomatic prose (``kb/data/links.yaml``), pairs of neighbouring words,
   and the entities it names other than states and persons (who speaks and acts, not what is
   spoken of; nearly every passage of a bilateral corpus names them).
   Its sides: the states and bodies of its holders and participants.
3. **Two passages speak of one matter** when they are in different documents, one of them is a
   source (a plan, or a proposal of something to be done), they share a party (a state of their
   sides, or where they name none, a state their document is mostly about: ``parties``), their
   documents were published at most ``WINDOW_DAYS`` apart (an undated one is near any), their
   sides share one where both have any, they number no different editions (the 17th forum, the 20th), and
   they share at least ``MIN_SHARED`` words or entities and terms
   weighing ``MIN_SCORE`` together (a pair of words weighs more than a word), of which the
   terms written in lower case (in either passage) weigh ``MIN_COMMON``: what is planned is a
   thing said in common words ("transport corridor", "university branches", "barriers");
   names alone ("the Eurasian Economic Union", "Central Asian") say which bodies and places a
   passage mentions, which two passages of one relationship share whatever they are about
   (unless both number one edition of it: "the 17th forum").
4. **Few links per document pair**: the pairs of two documents are taken best first, each
   passage at most once and at most ``PER_PAIR`` in all; the earlier document is the link's ``from`` (an undated document
   is the ``from`` when it holds the source and the other does not). A ``from`` that says it was
   done already ("the treaty, which was signed in 2013") is history, not a plan: no link.
5. **Relation**: ``fulfils`` when the later passage says it was done (a cue of the vocabulary,
   an occurred event, a plan done), ``postpones`` when it says it was put off, else
   ``restates``.

Everything is a function of the two documents alone, so links are the same whatever order the
documents came in and can be kept current document by document (store/links.py). The party and
the window are also the blocking key: a document is compared only with the passages that share a
party with its own within the window, so the work grows with the documents of each relationship
and period, not with the square of all documents (sharing a word, the key before, put nearly
every two documents of a corpus in one block: 400 speeches gave 114,053 links).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass

from bilateral.kb.vocabulary import link_words
from bilateral.model import Document, Evidence, Link, Mention, content_id

MIN_SHARED = 2
MIN_SCORE = 3.0
MIN_COMMON = 2.0
# Two neighbouring words shared ("transport corridor") say more than the two words apart.
PAIR_WEIGHT = 2.0
ENTITY_WEIGHT = 1.0
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_SPACE = re.compile(r"[\s\-]")
_NOT_TOPICS = ("country:", "person:")
# A passage runs on over at most this many following sentences, each at most this long: a
# back-reference far from its antecedent, or in a long sentence, is about something else.
RUN_ON = 2
RUN_ON_WORDS = 30
# The kinds of item, most telling first: the one a passage is named by.
KINDS = ("plan", "position", "event", "agreement")
# Position stances that put something forward to be done: a passage holding one (or a plan) can
# start a link. Support and calls are too common to: nearly every passage of a statement is one.
SOURCE_STANCES = frozenset({"propose"})
# Two documents on one matter say so once or twice; more pairs between them are the words of
# one publisher and one season, not links.
PER_PAIR = 2
# A plan is taken up again within a few years or not at all ("the branch agreed in 2020 opens
# next year", said in 2024); what two documents further apart share is the common stock of a
# relationship's words.
WINDOW_DAYS = 5 * 366
# A passage naming no state stands for the states its document names most: those named at
# least this fraction as often as the most named one.
MAIN_SHARE = 0.5
NO_PARTY = "*"
# Words without their hyphens: "Russia-ASEAN" is Russia and ASEAN, "North-South" a pair.
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*[A-Za-z]|[A-Za-z]")


@dataclass(frozen=True, slots=True)
class Item:
    """An item of the record as linking sees it."""

    kind: str  # plan, position, event or agreement
    id: str
    evidence: Evidence
    holders: tuple[str, ...]  # holders, the holder, participants or parties
    status: str | None = None  # a plan's, or an event's of a kind that merges (not statements)
    stance: str | None = None  # a position's
    date: str | None = None  # an event's


@dataclass(frozen=True, slots=True)
class Passage:
    id: str
    doc: str
    published: str | None
    evidence: Evidence
    kind: str  # the kind of the item that names it
    item: str
    source: bool
    sides: frozenset[str]
    terms: frozenset[str]
    done: bool  # says it was done
    postponed: bool
    occurred: str | None = None  # the latest date of an event on it that took place
    editions: frozenset[str] = frozenset()  # the ordinals it numbers things by ("17th")
    common: frozenset[str] = frozenset()  # stems of its words written in lower case
    parties: frozenset[str] = frozenset()  # its blocking key (rule 3)


# -- terms ----------------------------------------------------------------------------------------
def stem(word: str) -> str:
    """A light stem, enough that "branches" and "branch", "opening" and "open" meet.

    >>> [stem(w) for w in ["branches", "opening", "studies", "barriers", "corridor's", "gas"]]
    ['branch', 'open', 'study', 'barrier', 'corridor', 'gas']
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 6 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 5 and w.endswith("ed"):
        w = w[:-2]
    return w


def terms(text: str, offset: int, mentions: Sequence[Mention]) -> frozenset[str]:
    """The terms of ``text`` (which starts at ``offset`` in its document): word stems, pairs of
    neighbouring words ("eurasian partnership", "transport corridor": a generic word counts in a
    pair), and ``@``-prefixed ids of the entities other than states and persons that its mentions
    name. States and persons are who speaks and acts, told apart by sides, not what is spoken of.
    """
    words = link_words()
    end = offset + len(text)
    within = [m for m in mentions if offset <= m.start < end]
    # A one-word name ("SCO") is its entity already: its word would count it twice.
    skipped = [
        (m.start, m.end)
        for m in within
        if m.entity.startswith(_NOT_TOPICS) or not _SPACE.search(m.text)
    ]
    out: set[str] = set()
    previous: tuple[str, bool] | None = None  # the last word's stem, and whether it is generic
    for m in _WORD.finditer(text):
        start = offset + m.start()
        low = m.group().lower()
        if any(a <= start < b for a, b in skipped) or low in words.stopwords:
            previous = None
            continue
        s = stem(low)
        generic = low in words.generic or s in words.generic or s in words.stopwords
        if len(s) < 3:
            previous = None
            continue
        if not generic:
            out.add(s)
        if previous is not None and not (generic and previous[1]):
            out.add(f"{previous[0]} {s}")
        previous = (s, generic)
    out |= {"@" + m.entity for m in within if not m.entity.startswith(_NOT_TOPICS)}
    return frozenset(out)


def common_words(text: str) -> frozenset[str]:
    """The stems of the words of ``text`` written in lower case: the common nouns and verbs
    that say what a passage is about, as against the names of who and where."""
    stop = link_words().stopwords
    return frozenset(
        stem(w) for w in _WORD.findall(text) if w[0].islower() and w not in stop and len(w) > 2
    )


def _common_weight(shared: Iterable[str], common: frozenset[str]) -> float:
    """The weight of the shared terms that are common words, or pairs with one in them."""
    return weight(
        t for t in shared if not t.startswith("@") and any(w in common for w in t.split(" "))
    )


def weight(shared: Iterable[str]) -> float:
    return sum(
        ENTITY_WEIGHT if t.startswith("@") else PAIR_WEIGHT if " " in t else 1.0 for t in shared
    )


@functools.lru_cache(maxsize=1)
def _cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = link_words()

    def compile_(cues: Sequence[str]) -> re.Pattern[str]:
        return re.compile(r"\b(?:" + "|".join(cues) + r")\b", re.IGNORECASE)

    return compile_(words.fulfilled), compile_(words.postponed)


# -- passages -------------------------------------------------------------------------------------
def _refers_back(text: str) -> bool:
    words = [w.lower() for w in _WORD.findall(text)]
    return len(words) <= RUN_ON_WORDS and any(w in link_words().back for w in words)


def passage_span(doc: Document, evidence: Evidence) -> tuple[int, int]:
    """The sentences of the evidence, run on over following sentences of the same paragraph
    that refer back to them."""
    first = doc.sentence_at(evidence.start)
    last = doc.sentence_at(max(evidence.start, evidence.end - 1))
    if first is None or last is None:
        return evidence.start, evidence.end
    start, end = min(first.start, evidence.start), max(last.end, evidence.end)
    at = doc.sentences.index(last) + 1
    for nxt in doc.sentences[at : at + RUN_ON]:
        if nxt.paragraph != last.paragraph or not _refers_back(doc.text[nxt.start : nxt.end]):
            break
        end = nxt.end
    return start, end


def _is_source(item: Item) -> bool:
    return item.kind == "plan" or (item.kind == "position" and item.stance in SOURCE_STANCES)


def passages(
    doc: Document,
    items: Iterable[Item],
    mentions: Sequence[Mention],
    side_of: Mapping[str, str],
) -> list[Passage]:
    """The passages of a document's items (rule 1); ``side_of`` maps a holder to the state or
    body it stands for (holders absent from it stand for themselves)."""
    fulfilled, postponed = _cues()
    spans = sorted(
        (passage_span(doc, item.evidence), n, item)
        for n, item in enumerate(items)
        if item.evidence.doc == doc.id
    )
    # Overlapping passages are one: "We are working hard on this" is a plan of its own and the
    # run-on of the sentence before, which names what is worked on.
    grouped: dict[tuple[int, int], list[Item]] = {}
    current: tuple[int, int] | None = None
    for (start, end), _, item in spans:
        if current is not None and start < current[1]:
            merged = (current[0], max(current[1], end))
            grouped[merged] = [*grouped.pop(current), item]
            current = merged
        else:
            current = (start, end)
            grouped[current] = [item]
    sides = {
        key: frozenset(side_of.get(h, h) for i in group for h in i.holders)
        for key, group in grouped.items()
    }
    main = main_states(sides.values())
    out = []
    for (start, end), group in sorted(grouped.items()):
        group.sort(key=lambda i: (KINDS.index(i.kind), i.id))
        text = doc.text[start:end]
        done = bool(fulfilled.search(text)) or any(
            i.kind == "plan" and i.status == "done" for i in group
        )
        occurred = max(
            (i.date for i in group if i.kind == "event" and i.status == "occurred" and i.date),
            default=None,
        )
        out.append(
            Passage(
                id=content_id("passage", doc.id, start, end),
                doc=doc.id,
                published=doc.published,
                evidence=Evidence.of(doc, start, end),
                kind=group[0].kind,
                item=group[0].id,
                source=any(_is_source(i) for i in group),
                sides=sides[(start, end)],
                terms=terms(text, start, mentions),
                done=done,
                postponed=bool(postponed.search(text)),
                occurred=occurred,
                editions=frozenset(m.group(1) for m in _ORDINAL.finditer(text)),
                common=common_words(text),
                parties=parties(sides[(start, end)], main),
            )
        )
    return out


def _states(sides: Iterable[str]) -> frozenset[str]:
    return frozenset(s for s in sides if s.startswith("country:"))


def main_states(sides: Iterable[frozenset[str]]) -> frozenset[str]:
    """The states a document is mostly about: those its passages name as a side at least
    ``MAIN_SHARE`` as often as the most named one (a speech's speaker, a visit's two states)."""
    counts = Counter(s for group in sides for s in _states(group))
    if not counts:
        return frozenset()
    top = max(counts.values())
    return frozenset(s for s, n in counts.items() if n >= MAIN_SHARE * top)


def parties(sides: frozenset[str], main: frozenset[str]) -> frozenset[str]:
    """A passage's parties: the states among its sides; else its document's main states; else
    its sides; else ``NO_PARTY`` (it meets only passages as bare as itself)."""
    return _states(sides) or main or sides or frozenset({NO_PARTY})


@functools.lru_cache(maxsize=4096)
def day(published: str | None) -> int | None:
    """The ordinal of the first day a publication date covers; None when undated (cached: every
    pair of passages that may link asks it of both their dates)."""
    if not published or len(published) < 4 or not published[:4].isdigit():
        return None
    parts = published[:10].split("-")
    try:
        return dt.date(
            int(parts[0]),
            int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1,
            int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1,
        ).toordinal()
    except ValueError:
        return None


def near(a: str | None, b: str | None) -> bool:
    """Whether two documents were published within the window (an undated one is near any)."""
    da, db = day(a), day(b)
    return da is None or db is None or abs(da - db) <= WINDOW_DAYS


# -- links ----------------------------------------------------------------------------------------
def likeness(a: Passage, b: Passage) -> tuple[float, tuple[str, ...]] | None:
    """The weight of what two passages share, and the shared terms; None unless they speak of
    one matter (rule 3)."""
    if a.doc == b.doc or not (a.source or b.source):
        return None
    if not a.parties & b.parties or not near(a.published, b.published):
        return None
    if a.sides and b.sides and not a.sides & b.sides:
        return None
    # The 17th forum and the 20th, the 75th anniversary and the 80th: editions of one recurring
    # thing, each its own.
    if a.editions and b.editions and not a.editions & b.editions:
        return None
    shared = a.terms & b.terms
    # Pairs weigh, but do not count: "foreign policy" is one word of substance, not two.
    if len(shared) < MIN_SHARED or sum(" " not in t for t in shared) < MIN_SHARED:
        return None
    score = weight(shared)
    if score < MIN_SCORE:
        return None
    # One edition numbered in both ("the 17th forum") names one thing, however it is named.
    if not a.editions & b.editions and _common_weight(shared, a.common | b.common) < MIN_COMMON:
        return None
    return score, tuple(sorted(shared))


def _earlier(a: Passage, b: Passage) -> bool:
    """Whether ``a`` is the link's ``from`` (rule 4)."""
    if a.published and b.published and a.published[:10] != b.published[:10]:
        return a.published < b.published
    if a.source != b.source:
        return a.source
    return (a.published or "", a.doc, a.evidence.start) < (
        b.published or "",
        b.doc,
        b.evidence.start,
    )


def relation(src: Passage, to: Passage) -> str:
    """Rule 5: an event on the later passage fulfils the plan when it took place after the
    plan's document was published."""
    if to.postponed:
        return "postpones"
    after = bool(src.published and to.occurred and to.occurred >= src.published[: len(to.occurred)])
    return "fulfils" if to.done or after else "restates"


def link_documents(
    a: Sequence[Passage], b: Sequence[Passage], only: Set[tuple[str, str]] | None = None
) -> list[Link]:
    """The links between the passages of two documents (rules 3 to 5); ``only``, when given,
    holds the (``a``, ``b``) passage pairs the blocking key found, the pairs that can link."""
    scored = []
    # Only a pair with a plan or proposal in it can link (`likeness`): a passage that is neither
    # is tried against those of the other document alone.
    sources = [q for q in b if q.source]
    for p in a:
        for q in b if p.source else sources:
            if only is not None and (p.id, q.id) not in only:
                continue
            found = likeness(p, q)
            if found is not None:
                scored.append((-found[0], p.id, q.id, p, q, found))
    scored.sort(key=lambda s: s[:3])
    used: set[str] = set()
    out: list[Link] = []
    for _, _, _, p, q, (score, shared) in scored:
        if len(out) == PER_PAIR:
            break
        if p.id in used or q.id in used:
            continue
        src, dst = (p, q) if _earlier(p, q) else (q, p)
        if src.done:
            continue
        used |= {p.id, q.id}
        out.append(
            Link(
                id=content_id("link", src.id, dst.id),
                relation=relation(src, dst),
                from_kind=src.kind,
                from_item=src.item,
                from_evidence=src.evidence,
                to_kind=dst.kind,
                to_item=dst.item,
                to_evidence=dst.evidence,
                score=round(score, 2),
                terms=shared,
            )
        )
    return sorted(out, key=lambda link: (link.from_evidence.doc, link.from_evidence.start, link.id))
