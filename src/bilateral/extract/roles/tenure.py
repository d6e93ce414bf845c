"""When a post is held, as the text says: its start and end and whether it is held, planned or
former.

1. Planned: a title "-elect" or "-designate" ("President-elect"), an "incoming" holder, or a post
   the sentence announces before naming it: "intends to nominate X for ...", "X, of Ohio, to be
   Ambassador to ...", "will become ...".
2. Dates: of the sentence's dates, the nearest one to the post that the text ties to a term:
   "since March 2019" (start), "until 2019" (end), "from 2005 to 2007" and "2016 - 2019"
   (start and end), or a date in a sentence that appoints ("was appointed Ambassador in 2003":
   start).
3. Former: "former Prime Minister", "ex-Senator", a post the sentence says its holder was ("when
   I was a senator"), or a term the text says ended before the document's date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bilateral.extract.text.spans import ByOffset
from bilateral.model import Document, TimeExpr


@dataclass(frozen=True, slots=True)
class Tenure:
    start: str | None = None
    end: str | None = None
    status: str = "held"


# Within one clause: no full stop but an initial's ("Michael D. Smith"), no semicolon or colon.
_CLAUSE = r"(?:[^.;:]|(?<=\b[A-Z])\.)"
_PLANNED = re.compile(
    rf"\b(?:nominat(?:e|es|ed|ing)\b{_CLAUSE}{{0,80}}?\b(?:for|as|to[ \t\xa0]+be)"
    rf"|(?:intends?|intent|plans?)[ \t\xa0]+to[ \t\xa0]+appoint\b{_CLAUSE}{{0,80}}?\bas"
    r"|to[ \t\xa0]+be|will[ \t\xa0]+(?:be|become|serve[ \t\xa0]+as|take[ \t\xa0]+(?:up|over)"
    r"(?:[ \t\xa0]+(?:the[ \t\xa0]+)?(?:post|office|duties)[ \t\xa0]+of)?)"
    r"|designated[ \t\xa0]+(?:as|to[ \t\xa0]+be)|incoming)"
    r"(?:[ \t\xa0]+(?:the|a|an|next|new|its|his|her))?[ \t\xa0]*\Z",
    re.IGNORECASE,
)
# A post the sentence says its holder had: "when I was a senator", "he was still serving as the
# mayor of", "Smith was director of ..., Senior Vice President of ...".
_PAST = re.compile(
    # not a cleft ("It was President X who ...")
    r"(?<!\bit )(?<!\bthis )(?<!\bthat )(?<!\bthere )"
    r"(?:,[ \t\xa0]*(?:formerly|previously)\b"  # "X, formerly the Ombudsman of ..."
    r"|\b(?:was|had[ \t\xa0]+been|used[ \t\xa0]+to[ \t\xa0]+be))"
    r"(?:[ \t\xa0]+(?:still|then|once|formerly|previously))?"
    r"(?:[ \t\xa0]+(?:serving|working)[ \t\xa0]+as)?"
    r"(?:[ \t\xa0]+(?:a|an|the|his|her))?[ \t\xa0]*\Z",
    re.IGNORECASE,
)
_APPOINTED = re.compile(
    r"\b(?:appointed|elected|re-elected|named|became|becomes|assumed|sworn[ \t\xa0]+in"
    r"|took[ \t\xa0]+office|took[ \t\xa0]+up)\b",
    re.IGNORECASE,
)
_SINCE = re.compile(
    r"\b(?:since|as[ \t\xa0]+of|starting|beginning)[ \t\xa0]+(?:in[ \t\xa0]+)?\Z", re.I
)
_UNTIL = re.compile(
    r"\b(?:until|till|through|to|ended[ \t\xa0]+in)[ \t\xa0]+(?:in[ \t\xa0]+)?\Z", re.I
)
_FROM = re.compile(r"\b(?:from|between)[ \t\xa0]+(?:in[ \t\xa0]+)?\Z", re.IGNORECASE)
_TO = re.compile(r"[ \t\xa0]*(?:to|until|till|through|and|[-–—])[ \t\xa0]*\Z", re.IGNORECASE)
_PRECISE = ("day", "month", "year")


def tenure(
    doc: Document,
    times: ByOffset[TimeExpr],
    lead: int,
    end: int,
    *,
    former: bool = False,
    elect: bool = False,
) -> Tenure:
    """The term of the post written at [lead, end) of ``doc``."""
    sent = doc.sentence_at(lead)
    start_at = sent.start if sent is not None else max(0, lead - 200)
    stop_at = sent.end if sent is not None else min(len(doc.text), end + 200)
    planned = elect or _PLANNED.search(doc.text, start_at, lead) is not None
    inside = [t for t in times.between(start_at, stop_at) if t.end <= stop_at]
    began, ended = _dates(doc.text, inside, lead, end, start_at)
    status = "held"
    past = _PAST.search(doc.text, start_at, lead) is not None
    if former or past or (ended is not None and _before(ended, doc.published)):
        status = "former"
    elif planned:
        status = "planned"
    return Tenure(began, ended, status)


def _dates(
    text: str, inside: Sequence[TimeExpr], lead: int, end: int, sent_start: int
) -> tuple[str | None, str | None]:
    """Start and end from the date nearest the post that the text ties to a term."""
    found: list[tuple[int, str | None, str | None]] = []  # (distance, start, end)
    appoints = _APPOINTED.search(text, sent_start, lead) is not None
    for i, t in enumerate(inside):
        dist = lead - t.end if t.end <= lead else t.start - end if t.start >= end else 0
        before = text[max(sent_start, t.start - 24) : t.start]
        nxt = inside[i + 1] if i + 1 < len(inside) else None
        if t.precision == "range" and "/" in t.value:
            a, b = t.value.split("/", 1)
            found.append((dist, a or None, b if b and b != ".." else None))
        elif t.precision not in _PRECISE:
            continue
        elif _FROM.search(before) and nxt is not None and _TO.fullmatch(text, t.end, nxt.start):
            found.append((dist, t.value, nxt.value))
        elif _SINCE.search(before):
            found.append((dist, t.value, None))
        elif _UNTIL.search(before) and not (
            i > 0 and _TO.fullmatch(text, inside[i - 1].end, t.start)
        ):
            found.append((dist, None, t.value))
        elif appoints and not _TO.fullmatch(text, t.end, nxt.start if nxt else t.end):
            found.append((dist, t.value, None))
    if not found:
        return None, None
    _, began, ended = min(found, key=lambda f: f[0])
    return began, ended


def _before(date: str, published: str | None) -> bool:
    """Whether an ISO date at any precision ends before the document's date."""
    if published is None:
        return False
    n = min(len(date), len(published))
    return date[:n] < published[:n]
