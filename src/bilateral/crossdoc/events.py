"""One event from many reports: the events of several documents that tell the same real event
(the announcement of a visit, the joint statement, the remarks before the meeting) become one
merged event whose evidence cites every document. Counting reports instead of events is the
fault event-data sets such as GDELT are known for.

Two reports tell the same event when
1. their types are of one merge class: the group of event_types.yaml (meeting, talks and visit
   are one, the consult group), split by scale, so that a summit and a bilateral meeting on
   its sidelines, dated alike and sharing participants, stay apart;
2. their dates overlap at their precision (a day inside a month, a planned date and an occurred
   one); an undated report is merged with nothing;
3. their places do not lie in different countries;
4. their participants agree. For bilateral classes each participant stands for a side (a
   person for the state they serve, by the document's own roles, then the knowledge base): the
   reports share two sides; neither names a state the other lacks while the other names one it
   lacks, nor a leader's state the other does not name while the other names a leader the first
   does not (two guests of one host that day); and where both name persons of one side, one of them is in both (a president's meeting
   and a prime minister's with the same guest are two). For multilateral classes the same
   place, a shared body or two shared participants are enough.

Statements and occasions of type "other" never merge, and neither does a report dated more
vaguely than a month: a visit "in 2023" could be any of that year's.

Clustering is deterministic and independent of the order reports arrived in: the reports of a
block (merge class and the month a report's date starts in) are read in one canonical order, the most precise dates first, and
each joins the one cluster all of whose members it agrees with, best by shared sides. A report
that agrees equally well with two clusters joins neither: a "meeting in July" between two
leaders who met twice that July is not either meeting.

A block is a month, not a year: a block is clustered again whole whenever a document touches
it, and a year of a busy class (every bilateral meeting of a year) grows with the corpus. A
report whose dates run over the end of a month ("30 July to 2 August") is clustered with the
reports of the month it starts in.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from bilateral.kb import KnowledgeBase
from bilateral.kb.vocabulary import event_types
from bilateral.model import Event, Evidence, MergedEvent

MULTILATERAL = "multilateral"
# Groups whose events have no identity to compare: "other" holds lectures, fairs and
# ratifications alike, and "statement" every address and communique, many a day.
UNMERGED_GROUPS = frozenset({"other", "statement"})
# A date vaguer than this (a year, a season, a long interval) could be any of the events of its
# period: such a report stays alone.
WIDEST_DAYS = 31
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
Span = tuple[dt.date, dt.date]


@dataclass(frozen=True, slots=True)
class Report:
    """One event as one document tells it, with what merging needs to compare it."""

    event: Event
    doc: str
    published: str | None
    sides: Mapping[str, str]  # participant id -> the side it stands for (a state, or itself)
    place_country: str | None  # the country of the event's location, when known


# -- the parts of a report compared ---------------------------------------------------------------
def merge_class(event_type: str) -> str | None:
    """The class within which reports merge: the type's group and its scale; None for types
    that never merge."""
    t = event_types().types.get(event_type)
    if t is None or t.group in UNMERGED_GROUPS:
        return None
    return f"{t.group}:{'multi' if t.mode == MULTILATERAL else 'bi'}"


def class_types(merge_cls: str) -> tuple[str, ...]:
    """The event types of a merge class, in the vocabulary's order."""
    return tuple(t for t in event_types().ids if merge_class(t) == merge_cls)


def _bound(part: str, last: bool) -> dt.date | None:
    m = _ISO.match(part.strip())
    if m is None:
        return None
    y, mo, d = m.groups()
    try:
        if d is not None:
            return dt.date(int(y), int(mo), int(d))
        if mo is not None:
            day = calendar.monthrange(int(y), int(mo))[1] if last else 1
            return dt.date(int(y), int(mo), day)
        return dt.date(int(y), 12, 31) if last else dt.date(int(y), 1, 1)
    except ValueError:
        return None


def span(date: str | None) -> Span | None:
    """The first and last day a date (YYYY, YYYY-MM, YYYY-MM-DD or an interval a/b) covers."""
    if not date:
        return None
    parts = date.split("/")
    if len(parts) > 2:
        return None
    first, last = _bound(parts[0], False), _bound(parts[-1], True)
    if first is None or last is None or last < first:
        return None
    return first, last


def block_of(event: Event, doc: str) -> str:
    """The block a report is clustered in: its merge class and the month its date starts in
    (YYYY-MM), or its document alone when it cannot merge (undated, or of a class that never
    merges)."""
    cls, s = merge_class(event.type), span(event.date)
    if cls is None or s is None or (s[1] - s[0]).days >= WIDEST_DAYS:
        return f"doc|{doc}"
    return f"{cls}|{s[0].year:04d}-{s[0].month:02d}"


def sides_of(
    participants: Iterable[str],
    date: str | None,
    roles: Mapping[str, str],
    kb: KnowledgeBase | None,
) -> dict[str, str]:
    """Each participant's side: a state is itself; a person the state their post in the
    document (``roles``: person -> state) or in the knowledge base on the date is of; a place
    its country; anything else itself."""
    out: dict[str, str] = {}
    for p in participants:
        kind = p.split(":", 1)[0]
        side = p
        if kind == "person":
            side = roles.get(p) or _kb_state(kb, p, date) or p
        elif kind == "place" and kb is not None:
            entity = kb.get(p)
            side = entity.country if entity is not None and entity.country else p
        out[p] = side
    return out


def _kb_state(kb: KnowledgeBase | None, person: str, date: str | None) -> str | None:
    if kb is None:
        return None
    entity = kb.get(person)
    if entity is None:
        return None
    terms = [t for t in entity.terms if t.of.startswith("country:")]
    current = [t for t in terms if date and t.covers(date.split("/")[0])]
    if current:
        return current[0].of
    if entity.country:
        return entity.country
    return terms[-1].of if terms else None


def place_country(location: str | None, kb: KnowledgeBase | None) -> str | None:
    if not location:
        return None
    if location.startswith("country:"):
        return location
    entity = kb.get(location) if kb is not None else None
    return entity.country if entity is not None else None


# -- when two reports tell one event --------------------------------------------------------------
def _overlap(a: Span, b: Span) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _mergeable_span(r: Report) -> Span | None:
    s = span(r.event.date)
    return s if s is not None and (s[1] - s[0]).days < WIDEST_DAYS else None


def _countries(sides: Iterable[str]) -> set[str]:
    return {s for s in sides if s.startswith("country:")}


def _persons(r: Report, side: str) -> set[str]:
    return {p for p, s in r.sides.items() if s == side and p.startswith("person:")}


def agree(a: Report, b: Report) -> bool:
    """Whether two reports can tell one event (the module's rules 1 to 4)."""
    cls = merge_class(a.event.type)
    if cls is None or cls != merge_class(b.event.type):
        return False
    sa, sb = _mergeable_span(a), _mergeable_span(b)
    if sa is None or sb is None or not _overlap(sa, sb):
        return False
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return False
    if cls.endswith(":multi"):
        same_place = a.event.location is not None and a.event.location == b.event.location
        shared = set(a.event.participants) & set(b.event.participants)
        bodies = {p for p in shared if not p.startswith(("country:", "person:"))}
        return same_place or bool(bodies) or len(shared) >= 2
    return _sides_agree(a, b)


def _sides_agree(a: Report, b: Report) -> bool:
    sides_a, sides_b = set(a.sides.values()), set(b.sides.values())
    shared = sides_a & sides_b
    if len(shared) < 2:
        return False
    if _countries(sides_a - sides_b) and _countries(sides_b - sides_a):
        return False
    # The states whose people are named: one report's guest, of a state the other does not name
    # at all, and the other's guest, named by the first only as a state (the summit's host
    # country, "in Vilnius, Lithuania"), make two meetings.
    led_a = {s for p, s in a.sides.items() if p.startswith("person:")}
    led_b = {s for p, s in b.sides.items() if p.startswith("person:")}
    if (led_a - sides_b and led_b - led_a) or (led_b - sides_a and led_a - led_b):
        return False
    for side in shared:
        pa, pb = _persons(a, side), _persons(b, side)
        if pa and pb and not pa & pb:
            return False
    return True


def _shared(r: Report, members: Sequence[Report]) -> int:
    """How strongly a report is tied to a cluster: the sides (multilateral: participants) it
    shares with the cluster's members."""
    if (merge_class(r.event.type) or "").endswith(":multi"):
        have = {p for m in members for p in m.event.participants}
        return len(set(r.event.participants) & have)
    return len(set(r.sides.values()) & {s for m in members for s in m.sides.values()})


# -- clustering -----------------------------------------------------------------------------------
def _width(r: Report) -> int:
    s = span(r.event.date)
    return (s[1] - s[0]).days if s else 1 << 30


def _canonical(r: Report) -> tuple[int, str, bool, str, str, str]:
    return (
        _width(r),
        r.event.date or "",
        r.event.status != "occurred",
        r.published or "\uffff",
        r.doc,
        r.event.id,
    )


def _months(s: Span) -> Iterator[tuple[int, int]]:
    y, m = s[0].year, s[0].month
    while (y, m) <= (s[1].year, s[1].month):
        yield y, m
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


def cluster(reports: Iterable[Report]) -> list[tuple[Report, ...]]:
    """The reports grouped into events, each group in canonical order; the groups in the
    order their first report comes. Same reports in, same groups out, whatever their order."""
    clusters: list[list[Report]] = []
    by_month: defaultdict[tuple[int, int], list[int]] = defaultdict(list)
    for r in sorted(reports, key=_canonical):
        s = _mergeable_span(r)
        if s is None or merge_class(r.event.type) is None:
            clusters.append([r])
            continue
        near = sorted({i for ym in _months(s) for i in by_month.get(ym, ())})
        fits = [(_shared(r, clusters[i]), i) for i in near if all(agree(r, m) for m in clusters[i])]
        best = max((score for score, _ in fits), default=0)
        chosen = [i for score, i in fits if score == best]
        if len(chosen) == 1:
            clusters[chosen[0]].append(r)
            continue
        clusters.append([r])
        for ym in _months(s):
            by_month[ym].append(len(clusters) - 1)
    return [tuple(c) for c in clusters]


# -- one merged event from its reports ------------------------------------------------------------
def _representative(r: Report) -> tuple[bool, int, bool, int, str, str, str]:
    return (
        r.event.status != "occurred",
        _width(r),
        r.event.location is None,
        -len(r.event.participants),
        r.published or "\uffff",
        r.doc,
        r.event.id,
    )


def fold(reports: Sequence[Report], block: str) -> MergedEvent:
    """The merged event of a cluster: the representative report's id, type and codes; the most
    precise date any report gives; occurred when any report says so; every participant and
    every piece of evidence, the representative's first."""
    ranked = sorted(reports, key=_representative)
    rep = ranked[0].event
    dated = min(ranked, key=_width)
    located = next((r.event.location for r in ranked if r.event.location), None)
    participants: dict[str, None] = {}
    evidence: dict[Evidence, None] = {}
    for r in ranked:
        participants.update(dict.fromkeys(r.event.participants))
        evidence.update(dict.fromkeys(r.event.evidence))
    docs = sorted(
        {r.doc: r.published for r in ranked}.items(), key=lambda d: (d[1] or "\uffff", d[0])
    )
    return MergedEvent(
        id=rep.id,
        block=block,
        doc=ranked[0].doc,
        type=rep.type,
        date=dated.event.date,
        date_precision=dated.event.date_precision,
        status="occurred" if any(r.event.status == "occurred" for r in ranked) else rep.status,
        location=located,
        modality=rep.modality,
        participants=tuple(participants),
        plover=rep.plover,
        cameo=rep.cameo,
        events=tuple(r.event.id for r in ranked),
        docs=tuple(d for d, _ in docs),
        evidence=tuple(evidence),
    )


def merge_block(reports: Iterable[Report], block: str) -> list[MergedEvent]:
    """The merged events of one block's reports."""
    return [fold(c, block) for c in cluster(reports)]
