"""Step 1 of the events cascade: the document as the events stage reads it, with its units,
mentions and times in text order, the two main countries that "our presidents" means, the
speaker that "I" means, and its headings and datelines.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from bilateral.extract.events.relative import relative_times
from bilateral.extract.text.spans import Taken
from bilateral.extract.text.units import ACTOR_TYPES, is_heading, kb_country, main_countries, units
from bilateral.model import Agreement, Document, Mention, Role, TimeExpr

_TITLE_BY = re.compile(
    r"\b(?:statement|speech|address|remarks|article|interview|op-ed|lecture|message|greetings?|"
    r"letter|comments?)\s+(?:\w+\s+){0,3}?(?:by|of|from)\s+(?:\w+\.?\s+){0,12}?$",
    re.I,
)
_TITLE_POSSESSIVE = re.compile(
    r"['’]s?\s+(?:\w+\s+)?(?:remarks|statement|speech|address|article|interview|op-ed|answers)",
    re.I,
)
# A time that dates no occasion: a deadline ("by 2030", "until 2025") or the year of a numbered
# text ("resolution 338 (1973)").
# ... or the date of a numbered text ("Executive Order 13219 of June 26, 2001").
_NOT_WHEN = re.compile(
    r"(?:\b(?:by|until|till|through)\s+(?:the end of\s+)?|\d\s*\(|\b\d{3,}\s+of\s+)$", re.I
)
HEAD_REGION = 1500  # characters: where titles, headings and datelines are


@dataclass(frozen=True)
class Reading:
    """One document as the events stage reads it."""

    doc: Document
    units: tuple[tuple[int, int], ...]
    mentions: tuple[Mention, ...]  # in text order
    times: tuple[TimeExpr, ...]  # in text order, none inside an agreement's name
    roles: tuple[Role, ...]
    names: tuple[tuple[int, int], ...]  # where agreements are named
    types: Mapping[str, str]  # entity id -> person, country, organization or place
    mains: tuple[str, ...]
    speaker: str | None
    headers: frozenset[int]  # the title, headings near the top, and the lead sentence
    datelines: tuple[int, ...]  # units that are only a date
    kb: Any
    occasion: str | None = None  # the day a speech reported a day or two later was given
    # The mentions again, for "which mentions hold [a, b)" by a binary search.
    holding: Taken[Mention] = field(default_factory=Taken)
    times_over: Taken[TimeExpr] = field(default_factory=Taken)  # the times, likewise

    @classmethod
    def of(
        cls,
        doc: Document,
        mentions: Sequence[Mention],
        times: Sequence[TimeExpr],
        roles: Sequence[Role],
        agreements: Sequence[Agreement],
        kb: Any,
    ) -> Reading:
        text = doc.text
        names: list[tuple[int, int]] = []
        for a in agreements:
            for ev in a.evidence:
                pos = text.find(a.name, ev.start, ev.end)
                if pos >= 0:
                    # "resolutions 242 (1967)": the year in brackets is part of the name
                    year = re.match(r"\s*\((?:1[89]|20)\d\d\)", text[pos + len(a.name) :])
                    names.append((pos, pos + len(a.name) + (year.end() if year else 0)))
        spans = tuple(units(doc))
        ms = tuple(sorted(mentions, key=lambda m: (m.start, -m.end)))
        in_name = _Within(names)
        ts = tuple(
            sorted(
                (
                    t
                    for t in times
                    if not in_name(t.start)
                    and not _NOT_WHEN.search(text, max(0, t.start - 25), t.start)
                ),
                key=lambda t: t.start,
            )
        )
        datelines = tuple(
            i for i, (s, e) in enumerate(spans) if s < HEAD_REGION and _only_dates(text, s, e, ts)
        )
        headers = {i for i, (s, e) in enumerate(spans) if s < HEAD_REGION and is_heading(text[s:e])}
        # The lead: the first sentence of prose tells the news ("NUR-SULTAN. KAZINFORM.
        # President Tokayev signed ...").
        lead = next(
            (
                i
                for i, (s, e) in enumerate(spans)
                if i not in headers and i not in datelines and len(text[s:e].split()) >= 6
            ),
            0,
        )
        if lead is not None and spans[lead][0] < HEAD_REGION:
            headers.add(lead)
        occasion = _occasion(doc, spans, headers, ts)
        if occasion is not None:
            ts = tuple(_shifted(t, occasion) for t in ts)
        # "four months ago", "last week": counted back from the occasion or the document date.
        ts = tuple(sorted((*ts, *relative_times(doc, ts, occasion)), key=lambda t: t.start))
        rd = cls(
            doc=doc,
            units=spans,
            mentions=ms,
            times=ts,
            roles=tuple(roles),
            names=tuple(names),
            types={m.entity: m.type for m in ms},
            # A speech to an assembly has one side, the speaker's: its "we" is not a pair.
            mains=main_countries(mentions)[: 1 if doc.doc_type == "speech" else 2],
            speaker=_speaker(doc, ms),
            headers=frozenset(headers),
            datelines=datelines,
            kb=kb,
            occasion=occasion,
            holding=Taken(ms),
            times_over=Taken(ts),
        )
        return replace(rd, mains=rd.principal_countries()[: 1 if doc.doc_type == "speech" else 2])

    def mentions_in(self, a: int, b: int, types: frozenset[str] = ACTOR_TYPES) -> list[Mention]:
        lo = bisect.bisect_left(self.mentions, a, key=lambda m: m.start)
        hi = bisect.bisect_left(self.mentions, b, lo, key=lambda m: m.start)
        return [m for m in self.mentions[lo:hi] if m.type in types]

    def times_in(self, a: int, b: int) -> list[TimeExpr]:
        lo = bisect.bisect_left(self.times, a, key=lambda t: t.start)
        return list(self.times[lo : bisect.bisect_left(self.times, b, lo, key=lambda t: t.start)])

    # Indexes built on first use, so that a question about one entity, one offset or one
    # person looks at what concerns it, not at every mention, name or role of the document (a
    # scan each time made the stage quadratic in the length of a document).

    @functools.cached_property
    def by_entity(self) -> Mapping[str, tuple[Mention, ...]]:
        """Each entity's mentions, in text order."""
        out: dict[str, list[Mention]] = {}
        for m in self.mentions:
            out.setdefault(m.entity, []).append(m)
        return {k: tuple(v) for k, v in out.items()}

    @functools.cached_property
    def _names_by_start(self) -> tuple[list[int], list[int]]:
        """The agreements' names by start, with the furthest end of any name up to each."""
        ordered = sorted(self.names)
        reach: list[int] = []
        for _, b in ordered:
            reach.append(max(b, reach[-1]) if reach else b)
        return [a for a, _ in ordered], reach

    @functools.cached_property
    def _persons(self) -> tuple[list[int], list[Mention]]:
        persons = [m for m in self.mentions if m.type == "person"]
        return [m.start for m in persons], persons

    @functools.cached_property
    def person_entities(self) -> tuple[str, ...]:
        """The persons named, each once, in the order of their first mention."""
        return tuple(dict.fromkeys(m.entity for m in self._persons[1]))

    @functools.cached_property
    def titled(self) -> Mapping[str, tuple[str, ...]]:
        """The persons given each post (its title in lower case), in the order of the roles."""
        out: dict[str, list[str]] = {}
        for r in self.roles:
            out.setdefault(r.title.lower(), []).append(r.person)
        return {k: tuple(v) for k, v in out.items()}

    @functools.cached_property
    def _role_country(self) -> Mapping[str, str]:
        out: dict[str, str] = {}
        for r in self.roles:
            if r.of and r.of.startswith("country:"):
                out.setdefault(r.person, r.of)
        return out

    def in_name(self, pos: int) -> bool:
        starts, reach = self._names_by_start
        k = bisect.bisect_right(starts, pos)  # the names that start at or before pos
        return k > 0 and reach[k - 1] > pos

    def names_in_unit(self, s: int, e: int) -> bool:
        starts, _ = self._names_by_start
        k = bisect.bisect_left(starts, s)
        return k < len(starts) and starts[k] < e

    def person_before(self, pos: int, skip: str | None = None) -> str | None:
        """The last person named before ``pos``: whom "his" and "you" mean."""
        starts, persons = self._persons
        for m in reversed(persons[: bisect.bisect_left(starts, pos)]):
            if m.entity != skip:
                return m.entity
        return None

    def persons_before(self, pos: int) -> list[Mention]:
        """The persons named before ``pos``, in text order."""
        starts, persons = self._persons
        return persons[: bisect.bisect_left(starts, pos)]

    def turn_speaker(self, pos: int) -> str | None:
        turn = self.doc.turn_at(pos)
        if turn is None:
            return self.speaker
        return _person_named(turn.speaker, self.mentions) or self.speaker

    def principal_countries(self) -> tuple[str, ...]:
        """The countries the document is about, most named first: a person's mention counts
        for his country ("Mr. Sullivan", "the President" of a readout are its U.S. side), so
        that a readout's two sides outrank the countries its parties talked about."""
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        of: dict[str, str | None] = {}
        for m in self.mentions:
            if m.type == "country":
                country: str | None = m.entity
            elif m.type == "person":
                if m.entity not in of:
                    of[m.entity] = self.country_of(m.entity)
                country = of[m.entity]
            else:
                continue
            if country is not None:
                counts[country] += 1
                first.setdefault(country, m.start)
        return tuple(sorted(counts, key=lambda c: (-counts[c], first[c])))

    def country_of(self, entity: str) -> str | None:
        by_role = self._role_country.get(entity)
        return by_role if by_role is not None else kb_country(self.kb, entity)

    @functools.cached_property
    def actor_memo(self) -> dict[str, bool]:
        """Whether an entity can take part in an event (``frames._actor``), per entity: the answer
        reads all its mentions, so it is worked out once, not once per event."""
        return {}

    @functools.cached_property
    def _body_countries(self) -> dict[str, str | None]:
        return {}

    def body_country(self, entity: str) -> str | None:
        """The state a body of state acts for, as its name says: "Government of Ruritania",
        "the Ruritanian delegation", "U.S. Embassy"; None for other bodies. Worked out once per
        entity (it reads all the entity's mentions)."""
        memo = self._body_countries
        if entity not in memo:
            memo[entity] = self._body_country(entity)
        return memo[entity]

    def _body_country(self, entity: str) -> str | None:
        known = kb_country(self.kb, entity)
        if known is not None or self.kb is None:
            return known
        for m in self.by_entity.get(entity, ()):
            if m.type != "organization" or not _STATE_BODY.search(m.text):
                continue
            of = _OF_STATE.search(m.text)
            if of is not None:
                for name in (
                    of.group(1),
                    " ".join(of.group(1).split()[:2]),
                    of.group(1).split()[0],
                ):
                    found = [x for x in self.kb.lookup(name) if x.type == "country"]
                    if found:
                        return str(found[0].id)
            words = m.text.split()
            adjective = self.kb.country_by_adjective(words[0])
            if adjective is not None and _STATE_BODY.match(" ".join(words[1:])):
                return str(adjective.id)
            for k in (1, 2, 3):  # "New Zealand Ministry of Defence"
                if _STATE_BODY.match(" ".join(words[k:])):
                    found = [x for x in self.kb.lookup(" ".join(words[:k])) if x.type == "country"]
                    if found:
                        return str(found[0].id)
        return None


class _Within:
    """Whether an offset lies inside one of some spans [a, b), by a binary search over their
    starts (a scan of every span for every offset was quadratic in the length of a document)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [a for a, _ in ordered]
        self.reach: list[int] = []  # the furthest end of the spans up to each
        for _, b in ordered:
            self.reach.append(max(b, self.reach[-1]) if self.reach else b)

    def __call__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and self.reach[i] > pos


# Bodies that act for their state: their country takes part with them.
_STATE_BODY = re.compile(
    r"\b(?:government|delegation|ministry|department|embassy|cabinet|parliament|navy|army|"
    r"armed forces|coast guard|administration|presidency)\b",
    re.I,
)
_OF_STATE = re.compile(r"\bof\s+(?:the\s+)?([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*)")
_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
_LATE_REPORT = 3  # days: a report of an occasion published later than this is no transcript


def _occasion(
    doc: Document,
    spans: Sequence[tuple[int, int]],
    headers: set[int],
    times: Sequence[TimeExpr],
) -> str | None:
    """ "The President held a state banquet ... on 12 January 2017", published on the 13th: the
    lead dates the occasion, and the speech's "today" and "tomorrow" count from its day."""
    if not doc.published or len(doc.published) < 10:
        return None
    try:
        own = date.fromisoformat(doc.published[:10])
    except ValueError:
        return None
    for i in sorted(headers):
        s, e = spans[i]
        for t in times:
            if s <= t.start < e and t.precision == "day" and not t.relative:
                try:
                    day = date.fromisoformat(t.value)
                except ValueError:
                    continue
                if 0 < (own - day).days <= _LATE_REPORT:
                    return day.isoformat()
                return None
    return None


def _shifted(t: TimeExpr, occasion: str) -> TimeExpr:
    delta = _DAY_WORDS.get(t.text.lower())
    if not t.relative or delta is None:
        return t
    value = (date.fromisoformat(occasion) + timedelta(days=delta)).isoformat()
    return replace(t, value=value, precision="day")


def _only_dates(text: str, s: int, e: int, times: Sequence[TimeExpr]) -> bool:
    inside = [t for t in times if s <= t.start < e]
    if not inside:
        return False
    rest = text[s:e]
    for t in sorted(inside, key=lambda t: -t.start):
        rest = rest[: t.start - s] + rest[t.end - s :]
    return not re.search(r"[^\W\d_]", rest)


def _person_named(name: str, mentions: Sequence[Mention]) -> str | None:
    low = name.lower()
    for m in mentions:
        if m.type == "person" and (m.text.lower() in low or low in m.text.lower()):
            return m.entity
    return None


def _speaker(doc: Document, mentions: Sequence[Mention]) -> str | None:
    """Whom "I" means: the document's speaker, else the author a title names ("Article by
    Vladimir Putin", "Sergey Lavrov's remarks", "STATEMENT BY MR. ALEXANDER LUKASHEVICH").
    The speech a title names comes before the transcript's turns ("Speech of President X"
    then a question time that the press secretary opens): its "I" is the title's speaker."""
    text = doc.text
    first_turn = min((t.start for t in doc.turns), default=len(text))
    for m in mentions:
        if m.start > min(HEAD_REGION, first_turn):
            break
        if m.type == "person" and _TITLE_BY.search(text, max(0, m.start - 120), m.start):
            named = {_person_named(name, mentions) for name in doc.speakers}
            if m.entity in named:
                return m.entity
    for name in doc.speakers:
        found = _person_named(name, mentions)
        if found:
            return found
    for m in mentions:
        if m.start > HEAD_REGION:
            break
        if m.type != "person":
            continue
        if _TITLE_BY.search(text, max(0, m.start - 120), m.start) or _TITLE_POSSESSIVE.match(
            text, m.end, m.end + 40
        ):
            return m.entity
    return None
