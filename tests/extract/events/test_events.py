"""The events stage on small real sentences, with mentions and times built by hand; then the five
seeds, scored as the gold README scores them, with mentions taken from the gold entity lists (so
that the score measures this stage, not the entity linker)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bilateral.extract.agreements.stage import find_agreements
from bilateral.extract.events.stage import find_events
from bilateral.extract.events.vocabulary import vocabulary
from bilateral.model import Agreement, Document, Event, Mention, TimeExpr

# -- building inputs by hand ---------------------------------------------------------------------


def _doc(text: str, published: str | None = None, speakers: tuple[str, ...] = ()) -> Document:
    return Document(id="d", source="test", text=text, published=published, speakers=speakers)


def _m(text: str, surface: str, entity: str, type_: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention("d", start, start + len(surface), surface, entity, type_)


def _t(text: str, surface: str, value: str, precision: str, relative: bool = False) -> TimeExpr:
    start = text.index(surface)
    return TimeExpr(start, start + len(surface), surface, value, precision, relative)


def _events(
    text: str,
    mentions: list[Mention],
    times: list[TimeExpr] = (),  # type: ignore[assignment]
    published: str | None = None,
    speakers: tuple[str, ...] = (),
) -> tuple[Event, ...]:
    doc = _doc(text, published, speakers)
    agreements = find_agreements(doc, mentions, times)
    return find_events(doc, mentions, times, (), agreements)


def _row(e: Event) -> tuple[Any, ...]:
    return (e.type, e.date, e.date_precision, e.status, e.location, e.modality)


RU = "Russia and Kazakhstan are allies; Russia and Kazakhstan trade. "


def _ru_kz(text: str) -> list[Mention]:
    return [
        _m(text, "Russia", "country:RUS", "country"),
        _m(text, "Kazakhstan", "country:KAZ", "country"),
        _m(text, "Russia", "country:RUS", "country", 1),
        _m(text, "Kazakhstan", "country:KAZ", "country", 1),
    ]


# -- the vocabulary ------------------------------------------------------------------------------


def test_every_event_type_has_codes_and_triggers() -> None:
    voc = vocabulary()
    assert voc.types["meeting"].plover == "CONSULT"
    assert voc.types["meeting"].cameo == "040"
    assert voc.types["meeting"].planned_cameo == "036"
    assert voc.types["phone_call"].cameo == "041"
    assert voc.types["talks"].cameo == "046"
    assert voc.types["visit"].host_cameo == "043"
    assert (voc.types["signing"].plover, voc.types["signing"].cameo) == ("SUPPORT", "057")
    assert voc.types["statement"].cameo == "010"
    for t in voc.types.values():
        if t.id != "other":
            assert t.nouns or t.verbs, t.id


# -- types, dates, status, modality, place ---------------------------------------------------------


def test_talks_with_a_continuation_that_gives_the_medium() -> None:
    text = (
        "On June 9, Foreign Minister Sergey Lavrov had talks with Minister of Foreign Affairs of "
        "the Republic of Kazakhstan Mukhtar Tleuberdi. The discussion took place via video "
        "conference."
    )
    mentions = [
        _m(text, "Sergey Lavrov", "person:lavrov", "person"),
        _m(text, "Republic of Kazakhstan", "country:KAZ", "country"),
        _m(text, "Mukhtar Tleuberdi", "person:tleuberdi", "person"),
    ]
    times = [_t(text, "June 9", "2020-06-09", "day", True)]
    (e,) = _events(text, mentions, times, "2020-06-09")
    assert _row(e) == ("talks", "2020-06-09", "day", "occurred", None, "video")
    assert e.participants == ("person:lavrov", "country:KAZ", "person:tleuberdi")
    assert (e.plover, e.cameo) == ("CONSULT", "046")
    assert [x.quote[:20] for x in e.evidence] == ["On June 9, Foreign M", "The discussion took "]


def test_counted_meetings_and_calls_are_one_event_each_for_the_year() -> None:
    text = RU + "In 2022, our presidents met at least 10 times and had 20 telephone conversations."
    times = [_t(text, "2022", "2022", "year")]
    found = _events(text, _ru_kz(text), times, "2023-04-11")
    assert [_row(e) for e in found] == [
        ("meeting", "2022", "year", "occurred", None, None),
        ("phone_call", "2022", "year", "occurred", None, "phone"),
    ]
    assert found[0].participants == ("country:RUS", "country:KAZ")
    assert found[1].cameo == "041"


def test_a_visit_on_the_eve_of_which_the_article_is_written() -> None:
    text = (
        "Article by Vladimir Putin\n\nOn the eve of my regular state visit to the Republic of "
        "Kazakhstan, I would like to share my vision of our relations."
    )
    mentions = [
        _m(text, "Vladimir Putin", "person:putin", "person"),
        _m(text, "Republic of Kazakhstan", "country:KAZ", "country"),
    ]
    (e,) = _events(text, mentions, [], "2024-11-27")
    assert _row(e) == ("visit", "2024-11", "month", "planned", "country:KAZ", "in_person")
    assert e.participants == ("country:KAZ", "person:putin")
    assert (e.plover, e.cameo) == ("AGREE", "036")


def test_a_hosted_forum_and_an_address_to_it_by_videolink() -> None:
    text = (
        RU + "These days, Ufa is hosting the 20th jubilee Interregional Cooperation Forum that "
        "traditionally gathers government senior officials. Mr Kassym-Jomart Tokayev and I are "
        "going to address participants in the forum via videolink."
    )
    mentions = [*_ru_kz(text), _m(text, "Ufa", "place:ufa", "place")]
    mentions.append(_m(text, "Kassym-Jomart Tokayev", "person:tokayev", "person"))
    forum, address = _events(text, mentions, [], "2024-11-27")
    assert _row(forum) == ("forum", "2024-11", "month", "occurred", "place:ufa", "in_person")
    assert len(forum.evidence) == 2  # "in the forum" refers back to it
    assert _row(address) == ("statement", "2024-11", "month", "planned", None, "video")
    assert "person:tokayev" in address.participants


def test_a_celebration_on_9_may_announced_in_november_is_next_year() -> None:
    text = (
        RU + "We look forward to seeing President Kassym-Jomart Tokayev and our other Kazakh "
        "friends at the anniversary celebrations in Moscow on 9 May."
    )
    mentions = [
        *_ru_kz(text),
        _m(text, "Kassym-Jomart Tokayev", "person:tokayev", "person"),
        _m(text, "Moscow", "place:moscow", "place"),
    ]
    times = [_t(text, "9 May", "2024-05-09", "day", True)]
    (e,) = _events(text, mentions, times, "2024-11-27")
    assert _row(e) == ("ceremony", "2025-05-09", "day", "planned", "place:moscow", "in_person")


def test_two_summits_in_one_sentence_keep_their_own_places() -> None:
    text = (
        "The President of Kazakhstan took part in the CIS Summit in Moscow and in the BRICS "
        "Summit in Kazan which were held in October with great success."
    )
    mentions = [
        _m(text, "Kazakhstan", "country:KAZ", "country"),
        _m(text, "CIS", "org:cis", "organization"),
        _m(text, "Moscow", "place:moscow", "place"),
        _m(text, "BRICS", "org:brics", "organization"),
        _m(text, "Kazan", "place:kazan", "place"),
    ]
    times = [_t(text, "October", "2024-10", "month", True)]
    found = _events(text, mentions, times, "2024-11-27")
    assert [_row(e) for e in found] == [
        ("summit", "2024-10", "month", "occurred", "place:moscow", "in_person"),
        ("summit", "2024-10", "month", "occurred", "place:kazan", "in_person"),
    ]


def test_a_signing_dated_in_its_relative_clause() -> None:
    text = (
        RU + "Nursultan Nazarbayev initiated the drafting of the Russia-Kazakhstan Treaty of "
        "Good-Neighbourliness and Alliance in the 21st Century, which was signed on November "
        "11, 2013."
    )
    times = [_t(text, "November 11, 2013", "2013-11-11", "day")]
    (e,) = _events(text, _ru_kz(text), times)
    assert _row(e) == ("signing", "2013-11-11", "day", "occurred", None, None)
    assert (e.plover, e.cameo) == ("SUPPORT", "057")


def test_two_elections_with_their_dates_respectively() -> None:
    text = (
        "Russian experts participated in observing the early presidential and parliamentary "
        "elections in November 2022 and March 2023 respectively, under the OSCE's aegis."
    )
    mentions = [_m(text, "OSCE", "org:osce", "organization")]
    times = [
        _t(text, "November 2022", "2022-11", "month"),
        _t(text, "March 2023", "2023-03", "month"),
    ]
    found = _events(text, mentions, times, "2024-03-14")
    assert [(e.type, e.date) for e in found] == [("election", "2022-11"), ("election", "2023-03")]
    assert found[0].plover == "" and found[0].cameo == ""


def test_a_session_and_the_statement_made_at_it() -> None:
    text = (
        "During the General Debate at the 75th session of the UN General Assembly, President of "
        "Kazakhstan Kassym-Jomart Tokayev proposed creating an International Agency for "
        "Biological Safety."
    )
    mentions = [
        _m(text, "UN General Assembly", "org:unga", "organization"),
        _m(text, "Kazakhstan", "country:KAZ", "country"),
        _m(text, "Kassym-Jomart Tokayev", "person:tokayev", "person"),
    ]
    session, statement = _events(text, mentions)
    assert _row(session) == ("session", None, None, "occurred", None, None)
    assert _row(statement) == ("statement", None, None, "occurred", None, None)
    assert statement.participants[0] == "person:tokayev"


def test_a_dateline_under_a_heading_dates_the_meeting() -> None:
    text = (
        "30 April 2024\n\nSTATEMENT BY MR. ALEXANDER LUKASHEVICH, PERMANENT REPRESENTATIVE OF "
        "THE RUSSIAN FEDERATION, AT THE 1465th MEETING OF THE OSCE PERMANENT COUNCIL\n\n14 March "
        "2024\n\nWe thank you for taking part in today's meeting."
    )
    mentions = [
        _m(text, "ALEXANDER LUKASHEVICH", "person:lukashevich", "person"),
        _m(text, "RUSSIAN FEDERATION", "country:RUS", "country"),
        _m(text, "OSCE PERMANENT COUNCIL", "org:osce-pc", "organization"),
    ]
    times = [
        _t(text, "30 April 2024", "2024-04-30", "day"),
        _t(text, "14 March 2024", "2024-03-14", "day"),
    ]
    statement, meeting = _events(text, mentions, times, "2024-04-30")
    assert _row(statement) == ("statement", "2024-03-14", "day", "occurred", None, None)
    assert _row(meeting) == ("meeting", "2024-03-14", "day", "occurred", None, None)
    assert len(meeting.evidence) == 2  # "today's meeting" is the same one


def test_a_title_and_its_body_tell_of_one_occurrence() -> None:
    text = (
        "Remarks at a joint news conference following talks with Foreign Minister of Kazakhstan "
        "Murat Nurtleu, Moscow, April 11, 2023\n\nWe had detailed, extensive and practical talks "
        "with Mr. Nurtleu."
    )
    mentions = [
        _m(text, "Kazakhstan", "country:KAZ", "country"),
        _m(text, "Murat Nurtleu", "person:nurtleu", "person"),
        _m(text, "Moscow", "place:moscow", "place"),
        _m(text, "Nurtleu", "person:nurtleu", "person", 1),
    ]
    times = [_t(text, "April 11, 2023", "2023-04-11", "day")]
    conference, talks = _events(text, mentions, times, "2023-04-11")
    assert _row(conference) == (
        "conference",
        "2023-04-11",
        "day",
        "occurred",
        "place:moscow",
        "in_person",
    )
    assert _row(talks) == ("talks", "2023-04-11", "day", "occurred", "place:moscow", "in_person")
    assert len(talks.evidence) == 2


def test_such_a_meeting_refers_back_and_plans_are_planned() -> None:
    text = (
        RU + "We believe that regular meetings of the Caspian Five foreign ministers will help "
        "promote cooperation in the region. We plan to hold such a meeting in Baku."
    )
    mentions = [*_ru_kz(text), _m(text, "Caspian Five", "org:caspian5", "organization")]
    mentions.append(_m(text, "Baku", "place:baku", "place"))
    (e,) = _events(text, mentions, [], "2023-04-11")
    assert _row(e) == ("meeting", None, None, "planned", "place:baku", "in_person")
    assert len(e.evidence) == 2


def test_a_date_after_the_document_makes_an_event_planned() -> None:
    text = (
        "The earliest one is President of Kazakhstan Kassym-Jomart Tokayev's attendance of the "
        "ceremonies marking the 75th anniversary of Victory in Moscow on June 24."
    )
    mentions = [
        _m(text, "Kazakhstan", "country:KAZ", "country"),
        _m(text, "Kassym-Jomart Tokayev", "person:tokayev", "person"),
        _m(text, "Moscow", "place:moscow", "place"),
    ]
    times = [_t(text, "June 24", "2020-06-24", "day", True)]
    (e,) = _events(text, mentions, times, "2020-06-09")
    assert _row(e) == ("ceremony", "2020-06-24", "day", "planned", "place:moscow", "in_person")


def test_a_quoted_statement_and_a_visit() -> None:
    text = (
        "As President Vladimir Putin said, “We will work with any administration.” President of "
        "Azerbaijan Ilham Aliyev recently visited Kazakhstan to discuss routes."
    )
    mentions = [
        _m(text, "Vladimir Putin", "person:putin", "person"),
        _m(text, "Azerbaijan", "country:AZE", "country"),
        _m(text, "Ilham Aliyev", "person:aliyev", "person"),
        _m(text, "Kazakhstan", "country:KAZ", "country"),
    ]
    statement, visit = _events(text, mentions)
    assert _row(statement) == ("statement", None, None, "occurred", None, None)
    assert statement.participants[0] == "person:putin"
    assert _row(visit) == ("visit", None, None, "occurred", "country:KAZ", "in_person")
    assert (visit.plover, visit.cameo) == ("CONSULT", "042")


def test_what_only_looks_like_an_event() -> None:
    text = (
        "We see in Kazakhstan a partner in the Conference on Interaction and Confidence-Building "
        "Measures in Asia. Bilateral cooperation meets the interests of our nations. We are "
        "meeting the needs of our citizens. Over 30,000 of them received a Russian state "
        "scholarship. Each of the 50 sessions of the General Assembly has been a step. The "
        "United Nations is the most important forum for dialogue. Mr Biden's statements and "
        "speeches were noted. We discussed topical international issues."
    )
    mentions = [
        _m(text, "Kazakhstan", "country:KAZ", "country"),
        _m(
            text,
            "Conference on Interaction and Confidence-Building Measures in Asia",
            "org:cica",
            "organization",
        ),
        _m(text, "General Assembly", "org:unga", "organization"),
        _m(text, "United Nations", "org:un", "organization"),
        _m(text, "Biden", "person:biden", "person"),
    ]
    assert _events(text, mentions, [], "2024-03-14") == ()


def test_deadlines_documents_and_venues_are_not_occasions() -> None:
    text = (
        "Tanzania will host the Africa Energy Summit in January 2025. The summit aims to provide "
        "electricity to 300 million people by 2030. Kyrgyz President Sadyr Japarov and "
        "President of Tajikistan Emomali Rahmon signed the Joint Statement in Dushanbe. In "
        "this unique forum, we have equal representation."
    )
    mentions = [
        _m(text, "Tanzania", "country:TZA", "country"),
        _m(text, "Sadyr Japarov", "person:japarov", "person"),
        _m(text, "Tajikistan", "country:TJK", "country"),
        _m(text, "Emomali Rahmon", "person:rahmon", "person"),
        _m(text, "Dushanbe", "place:dushanbe", "place"),
    ]
    times = [
        _t(text, "January 2025", "2025-01", "month"),
        _t(text, "2030", "2030", "year"),
    ]
    summit, signing = _events(text, mentions, times, "2024-09-24")
    assert _row(summit) == ("summit", "2025-01", "month", "planned", "country:TZA", "in_person")
    assert len(summit.evidence) == 2  # "the summit ... by 2030" is the same summit
    assert _row(signing) == (
        "signing",
        "2024-09",
        "month",
        "occurred",
        "place:dushanbe",
        "in_person",
    )


def test_ids_are_deterministic_and_evidence_checks() -> None:
    text = RU + "In 2022, our presidents met at least 10 times."
    times = [_t(text, "2022", "2022", "year")]
    first = _events(text, _ru_kz(text), times)
    again = _events(text, _ru_kz(text), times)
    assert [e.id for e in first] == [e.id for e in again]
    assert all(x.check(text) for e in first for x in e.evidence)


# -- the seeds -------------------------------------------------------------------------------------
# Mentions come from the gold entity lists and times from a small date reader, so that the score
# below is this stage's given what the entity and date stages should find. The README's rules:
# type group, date at the gold precision (null gold dates match any), a common participant;
# one-to-one matching.

_MONTHS = "january february march april may june july august september october november december"
_MONTH = rf"({'|'.join(m.capitalize() for m in _MONTHS.split())})"
_GROUP = dict.fromkeys("meeting talks visit summit forum conference session".split(), "consult")


def _slug(s: str) -> str:
    return re.sub(r"\W+", "-", s.lower()).strip("-")


def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"^the\s+", "", re.sub(r"[^\w\s]", "", s).strip())
    return " ".join(s.split())


def _gold_mentions(doc: Document, entities: list[dict[str, Any]]) -> list[Mention]:
    found = []
    for e in entities:
        eid = f"{e['type']}:{_slug(e['name'])}"
        for form in {e["name"], *e.get("aliases", [])}:
            for variant in {form, form.upper()}:
                pattern = r"(?<![\w-])" + re.escape(variant) + r"(?![\w-])"
                for m in re.finditer(pattern, doc.text):
                    found.append((m.start(), m.end(), eid, e["type"]))
    found.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[Mention] = []
    for s, e, eid, t in found:
        if not out or s >= out[-1].end:
            out.append(Mention(doc.id, s, e, doc.text[s:e], eid, t))
    return out


def _seed_times(text: str, published: str | None) -> list[TimeExpr]:
    out: list[TimeExpr] = []

    def add(m: re.Match[str], value: str, precision: str, relative: bool = False) -> None:
        if not any(t.start < m.end() and m.start() < t.end for t in out):
            out.append(TimeExpr(m.start(), m.end(), m[0], value, precision, relative))

    def mon(name: str) -> int:
        return _MONTHS.split().index(name.lower()) + 1

    for m in re.finditer(_MONTH + r"\s+(\d{1,2}),\s+(\d{4})", text):
        add(m, f"{m[3]}-{mon(m[1]):02d}-{int(m[2]):02d}", "day")
    for m in re.finditer(r"(\d{1,2})\s+" + _MONTH + r"\s+(\d{4})", text):
        add(m, f"{m[3]}-{mon(m[2]):02d}-{int(m[1]):02d}", "day")
    for m in re.finditer(_MONTH + r"\s+(\d{4})", text):
        add(m, f"{m[2]}-{mon(m[1]):02d}", "month")
    if published:
        year, month = int(published[:4]), int(published[5:7])
        for m in re.finditer(_MONTH + r"\s+(\d{1,2})\b", text):
            add(m, f"{year}-{mon(m[1]):02d}-{int(m[2]):02d}", "day", True)
        for m in re.finditer(r"(\d{1,2})\s+" + _MONTH + r"\b", text):
            add(m, f"{year}-{mon(m[2]):02d}-{int(m[1]):02d}", "day", True)
        for m in re.finditer(
            r"\b(?:in|this|last)\s+" + _MONTH + r"\b|\b" + _MONTH + "(?= summit)", text
        ):
            n = mon(m[1] or m[2])
            add(m, f"{year if n <= month else year - 1}-{n:02d}", "month", True)
        for m in re.finditer(r"\bthis (autumn|spring|summer|winter)\b", text):
            add(m, f"{year}-{m[1]}", "season", True)
        for m in re.finditer(r"\b(this|next|last) year\b", text, re.I):
            add(m, str(year + {"this": 0, "next": 1, "last": -1}[m[1].lower()]), "year", True)
    for m in re.finditer(r"(?<![\w-])(19[4-9]\d|20[0-4]\d)(?![\w-])", text):
        add(m, m[1], "year")
    return sorted(out, key=lambda t: t.start)


def _matches(e: Event, g: dict[str, Any], names: dict[str, set[str]], gold: dict[str, Any]) -> bool:
    if _GROUP.get(e.type, e.type) != _GROUP.get(g["type"], g["type"]):
        return False
    if g["date"] is not None and (
        e.date is None or e.date[: len(g["date"])] != g["date"] or len(e.date) < len(g["date"])
    ):
        return False
    if not g["participants"]:
        return True
    wanted = {_norm(p) for p in g["participants"]}
    for ent in gold["entities"]:
        if _norm(ent["name"]) in wanted:
            wanted |= {_norm(a) for a in ent.get("aliases", [])}
    return any(names.get(p, set()) & wanted for p in e.participants)


def _one_to_one(edges: list[list[int]]) -> int:
    owner: dict[int, int] = {}

    def take(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or take(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return sum(take(i, set()) for i in range(len(edges)))


Score = tuple[int, int, int, int, int]  # events matched, system, gold; agreements found, gold


def _score(
    gold: dict[str, Any],
    events: tuple[Event, ...],
    agreements: tuple[Agreement, ...],
    names: dict[str, set[str]],
) -> Score:
    edges = [
        [j for j, g in enumerate(gold["events"]) if _matches(e, g, names, gold)] for e in events
    ]
    found = 0
    for g in gold["agreements"]:
        words = [w for w in _norm(g["name"]).split() if w not in _LINK_WORDS]
        for a in agreements:
            mine = set(_norm(a.name).split())
            if _norm(a.name) == _norm(g["name"]) or sum(w in mine for w in words) >= 0.6 * len(
                words
            ):
                found += 1
                break
    return (_one_to_one(edges), len(events), len(gold["events"]), found, len(gold["agreements"]))


_LINK_WORDS = frozenset("of on the for and in to a an".split())


def score_seeds(seeds: Path, gold_path: Path) -> dict[str, Score]:
    """This stage on the seeds, given the gold entities as mentions."""
    from bilateral.ingest.clean import clean

    out = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        text = clean((seeds / f"{gold['doc']}.txt").read_text(encoding="utf-8"))
        published = gold["published"][0] if gold["published"] else None
        doc = Document(id=gold["doc"], source="seed", text=text, published=published)
        mentions = _gold_mentions(doc, gold["entities"])
        times = _seed_times(text, published)
        agreements = find_agreements(doc, mentions, times)
        events = find_events(doc, mentions, times, (), agreements)
        names: dict[str, set[str]] = {}
        for m in mentions:
            names.setdefault(m.entity, set()).add(_norm(m.text))
        for ent in gold["entities"]:
            names.setdefault(f"{ent['type']}:{_slug(ent['name'])}", set()).add(_norm(ent["name"]))
        out[gold["doc"]] = _score(gold, events, agreements, names)
    return out


def score_pipeline(seeds: Path, gold_path: Path) -> dict[str, Score]:
    """The whole pipeline on the seeds, names taken from mentions, entities and the KB."""
    from bilateral.context import Context
    from bilateral.ingest import build_document
    from bilateral.ingest.text import read_text
    from bilateral.kb import load_kb
    from bilateral.pipeline import run

    kb = load_kb()
    ctx = Context(kb=kb)
    out = {}
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        doc = build_document(read_text(seeds / f"{gold['doc']}.txt"))
        x = run(doc, ctx)
        names: dict[str, set[str]] = {}
        for m in x.mentions:
            names.setdefault(m.entity, set()).add(_norm(m.text))
        for e in x.entities:
            names.setdefault(e.id, set()).update({_norm(e.name), *map(_norm, e.aliases)})
        for eid in list(names):
            known = kb.get(eid)
            if known is not None:
                names[eid] |= {_norm(known.name), *map(_norm, known.aliases)}
        out[gold["doc"]] = _score(gold, x.events, x.agreements, names)
    return out


def _f1_and_recall(scores: dict[str, Score]) -> tuple[float, float]:
    tp = sum(s[0] for s in scores.values())
    precision = tp / max(1, sum(s[1] for s in scores.values()))
    recall = tp / sum(s[2] for s in scores.values())
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return f1, sum(s[3] for s in scores.values()) / sum(s[4] for s in scores.values())


def test_seed_scores(seeds_dir: Path, gold_path: Path) -> None:
    scores = score_seeds(seeds_dir, gold_path)
    f1, agreements = _f1_and_recall(scores)
    assert f1 >= 0.9, scores
    assert agreements >= 0.9, scores


def test_seed_scores_through_the_pipeline(seeds_dir: Path, gold_path: Path) -> None:
    """With the real entity, date and role stages: a floor below the oracle's, since their
    errors are counted here too."""
    try:
        scores = score_pipeline(seeds_dir, gold_path)
    except ImportError as exc:  # a stage not written yet
        pytest.skip(f"the pipeline is not complete: {exc}")
    f1, agreements = _f1_and_recall(scores)
    assert f1 >= 0.75, scores
    assert agreements >= 0.85, scores


@pytest.mark.parametrize("name", ["000", "001", "002", "003", "004"])
def test_each_seed_has_events_with_checked_evidence(seeds_dir: Path, name: str) -> None:
    from bilateral.ingest.clean import clean

    path = next(seeds_dir.glob(f"{name}_*.txt"))
    doc = Document(id=path.stem, source="seed", text=clean(path.read_text(encoding="utf-8")))
    events = find_events(doc, [], _seed_times(doc.text, None))
    assert all(x.check(doc.text) for e in events for x in e.evidence)
    assert len({e.id for e in events}) == len(events)


def test_a_paid_working_visit_dated_in_the_lead_dates_its_headline() -> None:
    from bilateral.ingest import build_document
    from bilateral.ingest.text import RawDocument

    text = (
        "Energy Minister Aidar Serikov visit to New York, N.Y.\n\n"
        "On May 7-9, 2018, Minister of Energy of the Republic of Kazakhstan Aidar "
        "Serikov paid a working visit to New York, NY."
    )
    mentions = [
        _m(text, "Aidar Serikov", "person:serikov", "person"),
        _m(text, "New York", "place:new-york", "place"),
        _m(text, "Republic of Kazakhstan", "country:KAZ", "country"),
        _m(text, "Aidar Serikov", "person:serikov", "person", 1),
        _m(text, "New York", "place:new-york", "place", 1),
    ]
    times = [_t(text, "May 7-9, 2018", "2018-05-07/2018-05-09", "range")]
    doc = build_document(RawDocument(source="serikov.txt", text=text, format="txt"))
    assert doc.text == text and len(doc.sentences) == 2
    (e,) = find_events(doc, mentions, times, (), find_agreements(doc, mentions, times))
    assert _row(e) == ("visit", "2018-05-07", "day", "occurred", "place:new-york", "in_person")
    assert e.participants == ("person:serikov", "country:KAZ")


# -- held-out shapes, as in embassy items ----------------------------------------------------------


def _typed(text: str, doc_type: str, mentions: list[Mention]) -> tuple[Event, ...]:
    doc = Document(id="d", source="test", text=text, doc_type=doc_type)
    return find_events(doc, mentions, (), (), ())


def test_will_sign_is_planned() -> None:
    text = "Mongolia and the US will sign an agreement on visa-free travel in May."
    ms = [
        _m(text, "Mongolia", "country:MNG", "country"),
        _m(text, "US", "country:USA", "country"),
    ]
    assert [(e.type, e.status) for e in _typed(text, "news", ms)] == [("signing", "planned")]


def test_a_remark_quoted_in_a_news_item_is_no_statement_event() -> None:
    text = "“Good neighbours come first”, Daniyar Omarov said."
    ms = [_m(text, "Daniyar Omarov", "person:omarov", "person")]
    assert _typed(text, "news", ms) == ()
    assert [e.type for e in _typed(text, "interview", ms)] == ["statement"]


def test_credentials_trips_and_listed_visits() -> None:
    text = (
        "Rustem Abenov presented his credentials to President George W. Bush on March 12, 2004. "
        "After President Nazarbayev’s trip to Paris, both delegations agreed. First comes the "
        "visit of the President of Turkey to Kazakhstan. Nazarbayev will participate in the Boao "
        "Forum in China."
    )
    ms = [
        _m(text, "Rustem Abenov", "person:abenov", "person"),
        _m(text, "George W. Bush", "person:bush", "person"),
        _m(text, "Nazarbayev", "person:naz", "person"),
        _m(text, "Paris", "place:paris", "place"),
        _m(text, "Turkey", "country:TUR", "country"),
        _m(text, "Kazakhstan", "country:KAZ", "country"),
        _m(text, "Nazarbayev", "person:naz", "person", nth=1),
        _m(text, "China", "country:CHN", "country"),
    ]
    times = [_t(text, "March 12, 2004", "2004-03-12", "day")]
    doc = Document(id="d", source="test", text=text, doc_type="article")
    found = find_events(doc, ms, times, (), ())
    assert [(e.type, e.date, e.status) for e in found] == [
        ("ceremony", "2004-03-12", "occurred"),
        ("visit", None, "occurred"),
        ("visit", None, "occurred"),
        ("forum", None, "planned"),
    ]


def test_a_speech_to_an_assembly_has_one_side() -> None:
    text = (
        "Finland supports the United Nations. Finland and Sweden agree. We welcome the election "
        "of the President of the Assembly."
    )
    ms = [
        _m(text, "Finland", "country:FIN", "country"),
        _m(text, "United Nations", "org:un", "organization"),
        _m(text, "Finland", "country:FIN", "country", nth=1),
        _m(text, "Sweden", "country:SWE", "country"),
    ]
    doc = Document(id="d", source="test", text=text, doc_type="speech")
    assert [e.participants for e in find_events(doc, ms, (), (), ())] == [("country:FIN",)]


def test_a_speech_to_the_general_assembly_is_its_part_in_the_session() -> None:
    text = (
        "I wish also to congratulate you, Ambassador Ganev, on your election to the presidency "
        "of the General Assembly at its forty-seventh session. Armenia is ready to participate."
    )
    ms = [
        _m(text, "Ganev", "person:ganev", "person"),
        _m(text, "General Assembly", "org:unga", "organization"),
        _m(text, "Armenia", "country:ARM", "country"),
    ]
    doc = Document(id="d", source="test", text=text, doc_type="speech")
    rows = [(e.type, e.date, e.status, e.participants) for e in find_events(doc, ms, (), (), ())]
    assert rows == [
        ("election", None, "occurred", ("person:ganev", "org:unga")),
        ("session", None, "occurred", ("person:ganev", "org:unga")),
    ]


def test_the_session_of_a_speech_and_the_election_of_its_president() -> None:
    text = (
        "UN General Debate, session 12 (1957): Ruritania — Ivo Marek, Prime Minister\n\n"
        "Sir, I congratulate you on your election to the presidency of this Assembly. "
        "The delegation of Ruritania takes part in this session of the General Assembly with hope."
    )
    ms = [
        _m(text, "Ruritania", "country:RUR", "country"),
        _m(text, "Ivo Marek", "person:marek", "person"),
        _m(text, "Ruritania", "country:RUR", "country", 1),
        _m(text, "General Assembly", "org:unga", "organization"),
    ]
    times = [_t(text, "1957", "1957", "year")]
    doc = Document(
        id="d",
        source="test",
        text=text,
        doc_type="speech",
        published="1957",
        speakers=("Ivo Marek",),
    )
    rows = [(e.type, e.date, e.participants) for e in find_events(doc, ms, times, (), ())]
    # The session the title names is the speaker's (and "this session" is it again); the
    # Assembly elected its President; the speech is no event beside them.
    assert rows == [
        ("session", "1957", ("country:RUR", "person:marek", "org:unga")),
        ("election", "1957", ("org:unga",)),
    ]


def test_meetings_held_with_a_list_of_officials_of_several_states() -> None:
    from bilateral.context import Context
    from bilateral.kb import load_kb
    from bilateral.pipeline import run

    text = (
        "BISHKEK, 12 May 2019 – The 13th Regional Forum of the World Economic Forum (WEF) opened "
        "at Lake Issyk-Kul. Alongside the forum, separate meetings were held with the President "
        "of Georgia Salome Zourabichvili, the Minister for Foreign Affairs of Estonia Urmas "
        "Reinsalu, and the Minister of Foreign Affairs of Egypt Sameh Shoukry."
    )
    doc = Document(id="d", source="test", text=text, published="2019-05-12", doc_type="news")
    x = run(doc, Context(kb=load_kb()))
    meetings = sorted(
        (e.date, [p for p in e.participants if p.startswith("country:")])
        for e in x.events
        if e.type == "meeting"
    )
    assert meetings == [
        ("2019-05-12", ["country:EGY"]),
        ("2019-05-12", ["country:EST"]),
        ("2019-05-12", ["country:GEO"]),
    ]


def test_meetings_held_with_officials_of_one_state_stay_one_and_take_the_lead_date() -> None:
    from bilateral.context import Context
    from bilateral.kb import load_kb
    from bilateral.pipeline import run

    text = (
        "On May 7, Minister of Energy of Kazakhstan Aidar Serikov paid a working visit to "
        "Washington. At the US Department of State, in turn, meetings were held with "
        "Ambassador-at-Large "
        "for International Religious Freedom Sam Brownback and Ambassador-at-Large Kelley Eckels "
        "Currie."
    )
    doc = Document(id="d", source="test", text=text, published="2018-05-09", doc_type="news")
    x = run(doc, Context(kb=load_kb()))
    assert [(e.type, e.date) for e in x.events if e.type == "meeting"] == [
        ("meeting", "2018-05-07")
    ]


def test_passive_signings_and_the_signing_of_a_named_text() -> None:
    text = (
        "On 3 March 2011 in Aktau, the Caspian Fisheries Safety Treat was signed. The two leaders "
        "crowned the trip with the signing of the Extended Economic Partnership, an agreement for "
        "both nations. Two memoranda were also signed. The Decree was signed."
    )
    ms = [_m(text, "Aktau", "place:aktau", "place")]
    times = [_t(text, "3 March 2011", "2011-03-03", "day")]
    # The memoranda, undated and unnamed, are told of the occasion the lead dates.
    assert [(e.type, e.date, len(e.evidence)) for e in _events(text, ms, times)] == [
        ("signing", "2011-03-03", 2),
        ("signing", None, 1),
    ]


def test_a_lead_signing_takes_the_date_of_the_visit_told_next_and_the_presidents_talk() -> None:
    text = (
        "Joint Statement of the Presidents\n\n"
        "President Aidar Bekov and President Timur Saidov signed the Joint Statement in Osh.\n\n"
        "President Aidar Bekov paid a state visit to Kyrgyzstan on May 3-4, 2021.\n\n"
        "The Presidents debated the main questions of their cooperation."
    )
    ms = [
        _m(text, "Aidar Bekov", "person:bekov", "person"),
        _m(text, "Timur Saidov", "person:saidov", "person"),
        _m(text, "Osh", "place:osh", "place"),
        _m(text, "Aidar Bekov", "person:bekov", "person", nth=1),
        _m(text, "Kyrgyzstan", "country:KGZ", "country"),
    ]
    times = [_t(text, "May 3-4, 2021", "2021-05-03/2021-05-04", "day")]
    doc = Document(id="d", source="test", text=text, doc_type="joint_statement")
    found = find_events(doc, ms, times, (), find_agreements(doc, ms, times))
    assert [(e.type, e.date) for e in found] == [
        ("signing", "2021-05-03"),
        ("visit", "2021-05-03"),
        ("talks", "2021-05-03"),
    ]


def test_the_date_of_a_hosting_verb_reaches_every_name_of_its_list() -> None:
    text = (
        "Ruritania will host in 2021 the First World Congress of Poets, the 9th Almaty Trade "
        "Forum and the Third Meeting of Mayors of Cities in Asia, he said."
    )
    ms = [
        _m(text, "Ruritania", "country:RUR", "country"),
        _m(text, "Almaty", "place:almaty", "place"),
        _m(text, "Asia", "place:asia", "place"),
    ]
    times = [_t(text, "2021", "2021", "year")]
    assert [(e.type, e.date, e.status, e.location) for e in _events(text, ms, times)] == [
        ("conference", "2021", "planned", "country:RUR"),
        ("forum", "2021", "planned", "country:RUR"),
        ("meeting", "2021", "planned", "country:RUR"),
    ]


def test_looking_forward_to_meeting_you_is_a_planned_meeting_with_the_addressee() -> None:
    text = (
        "Dear Minister Aidar Bekov, congratulations. I enjoyed working with your predecessor, "
        "former Minister Timur Saidov. I look forward to meeting you in Geneva."
    )
    ms = [
        _m(text, "Aidar Bekov", "person:bekov", "person"),
        _m(text, "Timur Saidov", "person:saidov", "person"),
        _m(text, "Geneva", "place:geneva", "place"),
    ]
    assert [(e.type, e.status, e.participants, e.location) for e in _events(text, ms)] == [
        ("meeting", "planned", ("person:bekov",), "place:geneva")
    ]


def test_a_high_level_event_with_its_month_is_a_meeting() -> None:
    text = "In March this year, at the UN high-level event, Ruritania proposed a new debt scheme."
    ms = [
        _m(text, "UN", "org:un", "organization"),
        _m(text, "Ruritania", "country:RUR", "country"),
    ]
    times = [_t(text, "March this year", "2021-03", "month", relative=True)]
    assert [(e.type, e.date, e.status, e.participants) for e in _events(text, ms, times)] == [
        ("meeting", "2021-03", "occurred", ("org:un", "country:RUR"))
    ]


def test_a_meeting_between_powers_is_not_the_briefing_told_before() -> None:
    text = (
        "Minister Aidar Bekov told envoys about his first meeting with the diplomatic corps in "
        "Osh. He noted Ruritania will keep pushing for the meeting between great powers, such as "
        "Freedonia and Sylvania. He also noted that high-level events involving the Steppe Union "
        "are expected."
    )
    ms = [
        _m(text, "Aidar Bekov", "person:bekov", "person"),
        _m(text, "Osh", "place:osh", "place"),
        _m(text, "Ruritania", "country:RUR", "country"),
        _m(text, "Freedonia", "country:FRE", "country"),
        _m(text, "Sylvania", "country:SYL", "country"),
        _m(text, "Steppe Union", "org:steppe", "organization"),
    ]
    # Before: one meeting in Osh that took in the powers and the Steppe Union. The meeting
    # between the powers is theirs, not that of who pushes for it or reports it.
    assert [(e.type, e.status, e.location, e.participants) for e in _events(text, ms)] == [
        ("meeting", "occurred", "place:osh", ("person:bekov", "country:RUR", "country:FRE")),
        ("meeting", "planned", None, ("country:FRE", "country:SYL")),
    ]


def test_a_text_adopted_by_the_general_assembly_on_a_date_is_an_other_event() -> None:
    text = (
        "Ruritania backs the Global Water Strategy, adopted by the General Assembly on "
        "3 May 2011. Floods are a threat."
    )
    ms = [
        _m(text, "Ruritania", "country:RUR", "country"),
        _m(text, "General Assembly", "org:unga", "organization"),
    ]
    times = [_t(text, "3 May 2011", "2011-05-03", "day")]
    assert [(e.type, e.date, e.status, e.participants) for e in _events(text, ms, times)] == [
        ("other", "2011-05-03", "occurred", ("org:unga",))  # who backs it took no part
    ]


def test_a_world_fair_and_its_expo_mentioned_again_are_one_event_each() -> None:
    text = (
        "Back in 1900, Freedonia hosted the World Fair in Fredville. Ruritania will host Expo "
        "2030 in Osh. Expo 2030 is a chance for Freedonia. The expo theme is water."
    )
    ms = [
        _m(text, "Freedonia", "country:FRE", "country"),
        _m(text, "Fredville", "place:fredville", "place"),
        _m(text, "Ruritania", "country:RUR", "country"),
        _m(text, "Osh", "place:osh", "place"),
        _m(text, "Freedonia", "country:FRE", "country", 1),
    ]
    again = text.index("2030 is")
    times = [
        _t(text, "1900", "1900", "year"),
        _t(text, "2030", "2030", "year"),
        TimeExpr(again, again + 4, "2030", "2030", "year", False),
    ]
    got = _events(text, ms, times, published="2021-01-01")
    assert [(e.type, e.date, e.status, e.participants) for e in got] == [
        ("other", "1900", "occurred", ("country:FRE",)),
        ("other", "2030", "planned", ("country:RUR", "country:FRE")),
    ]


def test_ratifying_a_named_treaty_in_a_month_is_an_other_event() -> None:
    text = (
        "In June last year, Ruritania ratified the Mountain Water Treaty. "
        "The plan was ratified by experience."
    )
    ms = [_m(text, "Ruritania", "country:RUR", "country")]
    times = [_t(text, "June last year", "2020-06", "month", relative=True)]
    assert [(e.type, e.date, e.status, e.participants) for e in _events(text, ms, times)] == [
        ("other", "2020-06", "occurred", ("country:RUR",))
    ]


# -- interactions from other publishers: readouts, joint statements, welcomes, plans, parties ----


def test_a_readout_of_a_call_is_a_call_on_the_documents_day() -> None:
    text = (
        "Readout of the Chancellor's Call with President Ivo Marek of Sylvania\n\n"
        "Chancellor Anna Roth spoke today with President Ivo Marek of Sylvania about energy."
    )
    ms = [
        _m(text, "Ivo Marek", "person:marek", "person"),
        _m(text, "Sylvania", "country:SYL", "country"),
        _m(text, "Anna Roth", "person:roth", "person"),
        _m(text, "Ivo Marek", "person:marek", "person", 1),
        _m(text, "Sylvania", "country:SYL", "country", 1),
    ]
    found = _events(text, ms, [], "2022-05-04")
    assert [(e.type, e.date, e.status, e.modality) for e in found] == [
        ("phone_call", "2022-05-04", "occurred", "phone")
    ]
    assert set(found[0].participants) == {"person:marek", "country:SYL", "person:roth"}


def test_a_call_yesterday_is_the_day_before_the_document() -> None:
    text = "The Foreign Minister spoke yesterday with Minister Ivo Marek of Sylvania."
    ms = [
        _m(text, "Ivo Marek", "person:marek", "person"),
        _m(text, "Sylvania", "country:SYL", "country"),
    ]
    (e,) = _events(text, ms, [], "2022-03-01")
    assert (e.type, e.date, e.status) == ("phone_call", "2022-02-28", "occurred")


def test_a_joint_statement_is_itself_a_statement_of_its_parties() -> None:
    text = (
        "Joint Statement by Chancellor Anna Roth and President Ivo Marek\n\n"
        "The two leaders agreed to expand trade in grain."
    )
    ms = [
        _m(text, "Anna Roth", "person:roth", "person"),
        _m(text, "Ivo Marek", "person:marek", "person"),
    ]
    assert [
        (e.type, e.date, e.status, e.participants) for e in _events(text, ms, [], "2022-06-01")
    ] == [("statement", "2022-06-01", "occurred", ("person:roth", "person:marek"))]


def test_a_guest_welcomed_to_a_residence_visits_and_the_building_takes_no_part() -> None:
    text = (
        "Today, Chancellor Anna Roth welcomed President Ivo Marek of Sylvania to the Blue Palace."
    )
    ms = [
        _m(text, "Anna Roth", "person:roth", "person"),
        _m(text, "Ivo Marek", "person:marek", "person"),
        _m(text, "Sylvania", "country:SYL", "country"),
        _m(text, "Blue Palace", "org:palace", "organization"),
    ]
    (e,) = _events(text, ms, [], "2022-06-01")
    assert (e.type, e.date, e.status) == ("visit", "2022-06-01", "occurred")
    assert e.participants == ("person:roth", "person:marek", "country:SYL")


def test_a_welcome_to_a_bodys_sitting_is_no_visit() -> None:
    text = "We are glad to welcome you to the Steppe Council."
    ms = [_m(text, "Steppe Council", "org:council", "organization")]
    assert _events(text, ms, [], "2022-06-01") == ()


def test_receiving_the_visiting_minister_is_a_meeting() -> None:
    text = "On 3 May, President Ivo Marek received the visiting Foreign Minister of Ruritania."
    ms = [
        _m(text, "Ivo Marek", "person:marek", "person"),
        _m(text, "Ruritania", "country:RUR", "country"),
    ]
    times = [_t(text, "3 May", "2022-05-03", "day", True)]
    # A meeting, and the guest's visit that "visiting" tells.
    assert [
        (e.type, e.date, e.status, e.participants) for e in _events(text, ms, times, "2022-05-04")
    ] == [
        ("meeting", "2022-05-03", "occurred", ("person:marek", "country:RUR")),
        ("visit", "2022-05-03", "occurred", ("person:marek", "country:RUR")),
    ]


def test_a_proposal_to_convene_and_an_invitation_to_visit_are_plans() -> None:
    text = (
        "Sylvania proposes to convene a conference on water in 2016. "
        "President Ivo Marek invited Chancellor Anna Roth to visit Sylvania."
    )
    ms = [
        _m(text, "Sylvania", "country:SYL", "country"),
        _m(text, "Ivo Marek", "person:marek", "person"),
        _m(text, "Anna Roth", "person:roth", "person"),
        _m(text, "Sylvania", "country:SYL", "country", 1),
    ]
    times = [_t(text, "2016", "2016", "year")]
    found = _events(text, ms, times, "2015-02-01")
    assert [(e.type, e.date, e.status) for e in found] == [
        ("conference", "2016", "planned"),
        ("visit", None, "planned"),
    ]


def test_who_reports_a_meeting_of_the_presidents_takes_no_part_in_it() -> None:
    text = (
        "Interview of Minister Aidar Bekov\n\nQuestion: How often do the leaders talk?\n\n"
        "Aidar Bekov: In 2022, our presidents met at least 10 times, Aidar Bekov says."
    )
    ms = [
        _m(text, "Aidar Bekov", "person:bekov", "person"),
        _m(text, "Aidar Bekov", "person:bekov", "person", 1),
        _m(text, "Aidar Bekov", "person:bekov", "person", 2),
    ]
    times = [_t(text, "2022", "2022", "year")]
    found = _events(text, ms, times, "2023-01-10", speakers=("Aidar Bekov",))
    assert [(e.type, e.date, e.participants) for e in found] == [("meeting", "2022", ())]


def test_our_meeting_makes_the_speaker_a_party() -> None:
    text = (
        "Remarks by President Ivo Marek\n\nPRESIDENT MAREK: Our meeting in Osh last year "
        "was a good one."
    )
    ms = [
        _m(text, "Ivo Marek", "person:marek", "person"),
        _m(text, "Osh", "place:osh", "place"),
    ]
    found = _events(text, ms, [], "2023-01-10", speakers=("Ivo Marek",))
    assert [(e.type, e.location, e.participants) for e in found] == [
        ("meeting", "place:osh", ("person:marek",))
    ]


class _Place:
    def __init__(self, country: str) -> None:
        self.country = country


class _KB:
    """The knowledge base as the events stage asks it: where a place or person belongs."""

    def __init__(self, where: dict[str, str]) -> None:
        self.where = where

    def get(self, entity: str) -> _Place:
        return _Place(self.where[entity])


def test_a_meeting_in_one_partys_capital_is_the_others_visit() -> None:
    text = "Chancellor Anna Roth met today with President Ivo Marek of Sylvania in Osh."
    ms = [
        _m(text, "Anna Roth", "person:roth", "person"),
        _m(text, "Ivo Marek", "person:marek", "person"),
        _m(text, "Sylvania", "country:SYL", "country"),
        _m(text, "Osh", "place:osh", "place"),
    ]
    times = [_t(text, "today", "2022-06-01", "day", True)]
    kb = _KB({"place:osh": "RUR", "person:roth": "RUR", "person:marek": "SYL"})
    doc = _doc(text, "2022-06-01")
    rows = [
        (e.type, e.date, e.location, e.participants)
        for e in find_events(doc, ms, times, (), (), kb=kb)
    ]
    assert rows == [
        (
            "meeting",
            "2022-06-01",
            "place:osh",
            ("person:roth", "person:marek", "country:SYL", "country:RUR"),
        ),
        ("visit", "2022-06-01", "place:osh", ("person:marek", "country:SYL", "country:RUR")),
    ]


def test_tomorrow_in_a_speech_reported_the_next_day_counts_from_the_speech() -> None:
    text = (
        "State Dinner for Chancellor Roth\n\n"
        "The President hosted a state dinner for Chancellor Anna Roth on 4 May 2021.\n\n"
        "Tomorrow, Chancellor Roth will visit Osh."
    )
    ms = [
        _m(text, "Roth", "person:roth", "person"),
        _m(text, "Anna Roth", "person:roth", "person"),
        _m(text, "Roth", "person:roth", "person", 2),
        _m(text, "Osh", "place:osh", "place"),
    ]
    times = [
        _t(text, "4 May 2021", "2021-05-04", "day"),
        _t(text, "Tomorrow", "2021-05-06", "day", True),
    ]
    rows = [(e.type, e.date, e.status) for e in _events(text, ms, times, "2021-05-05")]
    assert rows == [("ceremony", "2021-05-04", "occurred"), ("visit", "2021-05-05", "planned")]


def test_a_visit_told_back_in_a_month_without_a_year_was_last_year() -> None:
    text = "Back in October, when President Ivo Marek visited Osh, we talked for hours."
    ms = [_m(text, "Ivo Marek", "person:marek", "person"), _m(text, "Osh", "place:osh", "place")]
    times = [_t(text, "October", "2017-10", "month", True)]
    rows = [(e.type, e.date, e.status) for e in _events(text, ms, times, "2017-01-13")]
    assert rows == [("visit", "2016-10", "occurred")]


def test_the_two_leaders_discussing_elections_is_the_call_and_the_elections() -> None:
    text = (
        "President Ivo Marek spoke today with Chancellor Anna Roth.\n\n"
        "The two leaders also discussed Freedonian plans for national elections in December."
    )
    ms = [
        _m(text, "Ivo Marek", "person:marek", "person"),
        _m(text, "Anna Roth", "person:roth", "person"),
        _m(text, "Freedonian", "country:FRE", "country"),
    ]
    times = [
        _t(text, "today", "2021-05-24", "day", True),
        _t(text, "December", "2021-12", "month", True),
    ]
    doc = Document(id="d", source="test", text=text, published="2021-05-24", doc_type="news")
    rows = [(e.type, e.date, e.status) for e in find_events(doc, ms, times, (), ())]
    assert rows == [("phone_call", "2021-05-24", "occurred"), ("election", "2021-12", "planned")]


def test_a_room_a_post_and_meetings_as_a_practice_are_no_occasions() -> None:
    text = (
        "The ministers spoke at the Reception Hall of the palace on 3 May 2019. "
        "Mr. Ivo Marek, President of the General Assembly at its ninth session, wrote to us. "
        "We have seen repeatedly, in the meetings of the Steppe Council, how pledges fade."
    )
    ms = [
        _m(text, "Ivo Marek", "person:marek", "person"),
        _m(text, "General Assembly", "org:unga", "organization"),
        _m(text, "Steppe Council", "org:council", "organization"),
    ]
    times = [_t(text, "3 May 2019", "2019-05-03", "day")]
    assert _events(text, ms, times, "2019-06-01") == ()


def test_a_numbered_conference_of_the_parties_is_one_conference() -> None:
    text = "We look to the upcoming COP26 conference in Glasgow for clear commitments."
    ms = [_m(text, "Glasgow", "place:glasgow", "place")]
    rows = [(e.type, e.status, e.location) for e in _events(text, ms, [], "2021-09-22")]
    assert rows == [("conference", "planned", "place:glasgow")]


def test_received_with_title_words_before_the_guest_and_the_lead_day_for_that_day() -> None:
    text = (
        "President Arlo Venn Receives Ruritanian Minister\n\n"
        "President Arlo Venn received Ruritanian Foreign Minister Tomas Brel on 3 March 2031 at "
        "the palace in Valdora. Earlier that day, Minister Brel held a joint press conference."
    )
    mentions = [
        _m(text, "Arlo Venn", "person:venn", "person"),
        _m(text, "Arlo Venn", "person:venn", "person", 1),
        _m(text, "Tomas Brel", "person:brel", "person"),
        _m(text, "Valdora", "place:valdora", "place"),
        _m(text, "Brel", "person:brel", "person", 1),
    ]
    times = [_t(text, "3 March 2031", "2031-03-03", "day")]
    doc = replace(_doc(text, "2031-03-04"), doc_type="news")
    found = find_events(doc, mentions, times, (), ())
    assert [(e.type, e.date, e.status) for e in found] == [
        ("meeting", "2031-03-03", "occurred"),
        ("conference", "2031-03-03", "occurred"),
    ]
    assert found[0].participants[:2] == ("person:venn", "person:brel")


def test_their_earlier_meeting_is_between_the_parties_of_the_call_not_the_topics() -> None:
    text = (
        "Adviser Lena Holt spoke today with Minister Oren Vask by phone. "
        "The call, which followed their April 2 meeting in Lisbon, covered the Freedonian war "
        "against Sylvania."
    )
    ms = [
        _m(text, "Lena Holt", "person:holt", "person"),
        _m(text, "Oren Vask", "person:vask", "person"),
        _m(text, "Lisbon", "place:lisbon", "place"),
        _m(text, "Freedonian", "country:FRE", "country"),
        _m(text, "Sylvania", "country:SYL", "country"),
    ]
    times = [
        _t(text, "today", "2022-05-18", "day", True),
        _t(text, "April 2", "2022-04-02", "day"),
    ]
    doc = replace(_doc(text, "2022-05-18"), doc_type="news")
    found = find_events(doc, ms, times, (), ())
    meeting = [e for e in found if e.type == "meeting"]
    assert [(e.date, e.status, e.location) for e in meeting] == [
        ("2022-04-02", "occurred", "place:lisbon")
    ]
    assert meeting[0].participants[:2] == ("person:holt", "person:vask")


def test_a_joint_statement_named_after_its_parties_is_dated_where_it_was_issued() -> None:
    text = (
        "Ruritania-Freedonia Joint Statement\n\n"
        "The two leaders recalled the importance of the Chairman's Statement of the 9th Harbour "
        "Summit of 4 May 2031.\n\n"
        "Issued in Valdora, 12 June 2031"
    )
    ms = [
        _m(text, "Ruritania", "country:RUR", "country"),
        _m(text, "Freedonia", "country:FRE", "country"),
        _m(text, "Valdora", "place:valdora", "place"),
    ]
    times = [
        _t(text, "4 May 2031", "2031-05-04", "day"),
        _t(text, "12 June 2031", "2031-06-12", "day"),
    ]
    doc = replace(_doc(text, "2031-06-13"), doc_type="joint_statement")
    found = find_events(doc, ms, times, (), ())
    statements = [(e.date, e.location, e.participants) for e in found if e.type == "statement"]
    assert statements == [("2031-06-12", "place:valdora", ("country:RUR", "country:FRE"))]


def test_a_headline_visit_takes_the_day_and_status_the_lead_announces() -> None:
    text = (
        "Statement by the Press Secretary on the Visit of Prime Minister Jan Novak of Ruritania\n\n"
        "The President looks forward to welcoming the Prime Minister of Ruritania, Jan Novak, "
        "to the Blue Palace on May 14, 2031. The visit will deepen the partnership."
    )
    ms = [
        _m(text, "Jan Novak", "person:novak", "person"),
        _m(text, "Ruritania", "country:RUR", "country"),
        _m(text, "Ruritania", "country:RUR", "country", 1),
        _m(text, "Jan Novak", "person:novak", "person", 1),
        _m(text, "Blue Palace", "place:blue-palace", "place"),
    ]
    times = [_t(text, "May 14, 2031", "2031-05-14", "day")]
    doc = replace(_doc(text, "2031-05-02"), doc_type="statement")
    visits = [_row(e) for e in find_events(doc, ms, times, (), ()) if e.type == "visit"]
    assert visits == [("visit", "2031-05-14", "day", "planned", "place:blue-palace", "in_person")]


def test_welcoming_a_guest_named_in_apposition_is_a_visit() -> None:
    text = "The Queen will welcome the President of Freedonia, Ana Lind, to Valdora on 3 June 2031."
    ms = [
        _m(text, "Freedonia", "country:FRE", "country"),
        _m(text, "Ana Lind", "person:lind", "person"),
        _m(text, "Valdora", "place:valdora", "place"),
    ]
    times = [_t(text, "3 June 2031", "2031-06-03", "day")]
    found = _events(text, ms, times, published="2031-05-20")
    assert [_row(e) for e in found] == [
        ("visit", "2031-06-03", "day", "planned", "place:valdora", "in_person")
    ]
    # "welcomed the decision, and to": commas that set off no name make no guest.
    text2 = "The Queen welcomed the decision of Freedonia, and the plan, to Valdora's relief."
    ms2 = [
        _m(text2, "Freedonia", "country:FRE", "country"),
        _m(text2, "Valdora", "place:valdora", "place"),
    ]
    assert [e.type for e in _events(text2, ms2, [], published="2031-05-20")] == []


def test_a_welcomed_signing_far_down_a_joint_statement_is_dated_by_its_visit() -> None:
    filler = "".join(
        f"{k}. The two sides reaffirmed their friendship in area {k}.\n\n" for k in range(3, 18)
    )
    text = (
        "Ruritania-Freedonia Joint Statement\n\n"
        "President Jan Novak of Ruritania paid an official visit to Freedonia from 4 to 6 May "
        "2031.\n\n" + filler + "18. The two leaders welcomed the signing of the Memorandum of "
        "Cooperation on Fisheries between Ruritania and Freedonia.\n"
    )
    ms = [
        _m(text, "Ruritania", "country:RUR", "country"),
        _m(text, "Freedonia", "country:FRE", "country"),
        _m(text, "Jan Novak", "person:novak", "person"),
        _m(text, "Ruritania", "country:RUR", "country", 1),
        _m(text, "Freedonia", "country:FRE", "country", 1),
        _m(text, "Ruritania", "country:RUR", "country", 2),
        _m(text, "Freedonia", "country:FRE", "country", 2),
    ]
    times = [_t(text, "4 to 6 May 2031", "2031-05-04/2031-05-06", "day")]
    doc = replace(_doc(text, "2031-05-07"), doc_type="joint_statement")
    agreements = find_agreements(doc, ms, times)
    found = find_events(doc, ms, times, (), agreements)
    assert [(e.date, e.status) for e in found if e.type == "signing"] == [
        ("2031-05-04", "occurred")
    ]


def test_a_body_of_state_brings_its_state_into_the_meeting() -> None:
    from bilateral.kb import load_kb

    text = (
        "On 2 March 2031, the Norwegian delegation met with the Government of Chile and the "
        "Uruguay Ministry of Fisheries in Santiago."
    )
    ms = [
        _m(text, "Norwegian delegation", "org:0123456789abcdef", "organization"),
        _m(text, "Government of Chile", "org:fedcba9876543210", "organization"),
        _m(text, "Uruguay Ministry of Fisheries", "org:00112233445566aa", "organization"),
        _m(text, "Santiago", "place:santiago", "place"),
    ]
    times = [_t(text, "2 March 2031", "2031-03-02", "day")]
    doc = _doc(text, "2031-03-03")
    (meeting,) = find_events(doc, ms, times, (), (), kb=load_kb())
    assert meeting.participants == (
        "org:0123456789abcdef",
        "org:fedcba9876543210",
        "org:00112233445566aa",
        "country:NOR",
        "country:CHL",
        "country:URY",
    )


def test_a_departure_speech_dates_the_trip_it_announces_and_keeps_its_meetings_apart() -> None:
    from bilateral.model import Turn

    text = (
        "Speech of President Ana Lind Before Departure for Freedonia\n\n"
        "I will depart today for Freedonia. I will meet President Jan Novak there. "
        "I shall also meet Speaker Olga Berg. I am also to meet with our community.\n\n"
        "PRESS OFFICER: Thank you, sir.\n"
    )
    ms = [
        _m(text, "Ana Lind", "person:lind", "person"),
        _m(text, "Freedonia", "country:FRE", "country"),
        _m(text, "Freedonia", "country:FRE", "country", 1),
        _m(text, "President Jan Novak", "person:novak", "person"),
        _m(text, "Speaker Olga Berg", "person:berg", "person"),
    ]
    turn_at = text.index("PRESS OFFICER")
    doc = replace(
        _doc(text, "2031-04-02", speakers=("Press Officer", "Lind")),
        turns=(Turn(turn_at, len(text), "Press Officer", "remarks"),),
        doc_type="transcript",
    )
    found = [e for e in find_events(doc, ms, [], (), ()) if e.type == "meeting"]
    assert [(e.date, e.status, e.participants) for e in found[:2]] == [
        ("2031-04", "planned", ("person:novak", "person:lind", "country:FRE")),
        ("2031-04", "planned", ("person:berg", "person:lind", "country:FRE")),
    ]
    # "am also to meet": planned, on the trip, an occasion of its own
    assert [(e.date, e.status) for e in found[2:]] == [("2031-04", "planned")]


def test_meeting_the_leaders_of_a_list_of_states_is_one_meeting_with_each() -> None:
    text = (
        "On 4 May 2031, the Ruritanian delegation met with the Prime Ministers of Chile, "
        "Uruguay and Norway in Santiago."
    )
    ms = [
        _m(text, "Ruritanian delegation", "org:0123456789abcdef", "organization"),
        _m(text, "Chile", "country:CHL", "country"),
        _m(text, "Uruguay", "country:URY", "country"),
        _m(text, "Norway", "country:NOR", "country"),
        _m(text, "Santiago", "place:santiago", "place"),
    ]
    times = [_t(text, "4 May 2031", "2031-05-04", "day")]
    found = find_events(_doc(text, "2031-05-05"), ms, times, (), ())
    assert [(e.type, e.date, e.participants) for e in found] == [
        ("meeting", "2031-05-04", ("org:0123456789abcdef", "country:CHL")),
        ("meeting", "2031-05-04", ("org:0123456789abcdef", "country:URY")),
        ("meeting", "2031-05-04", ("org:0123456789abcdef", "country:NOR")),
    ]
    assert len({e.id for e in found}) == 3


def test_bilateral_meetings_far_down_a_summit_report_take_the_restated_days() -> None:
    filler = " ".join(f"Topic {n} was discussed at length." for n in range(11))
    text = (
        "Harbour Summit 2031\n\n"
        "The Harbour Summit was held 3-4 June 2031 in Valdora. "
        + filler
        + " The Harbour Summit was held 3-4 June 2031 at the convention centre. "
        + filler
        + " President Jan Novak had bilateral meetings with the leaders from Chile and Norway."
    )
    ms = [
        _m(text, "Valdora", "place:valdora", "place"),
        _m(text, "Jan Novak", "person:novak", "person"),
        _m(text, "Chile", "country:CHL", "country"),
        _m(text, "Norway", "country:NOR", "country"),
    ]
    times = [
        _t(text, "2031", "2031", "year"),
        _t(text, "3-4 June 2031", "2031-06-03", "day"),
        TimeExpr(
            text.rindex("3-4 June 2031"),
            text.rindex("3-4 June 2031") + 13,
            "3-4 June 2031",
            "2031-06-03",
            "day",
        ),
    ]
    doc = replace(_doc(text, "2031-06-05"), doc_type="news")
    found = [e for e in find_events(doc, ms, times, (), ()) if "person:novak" in e.participants]
    assert [(e.date, e.participants) for e in found] == [
        ("2031-06-03", ("person:novak", "country:CHL")),
        ("2031-06-03", ("person:novak", "country:NOR")),
    ]


def test_meetings_held_with_officials_of_one_state_listed_with_titles_are_one_each() -> None:
    text = (
        "On 6 May 2031, at the Ruritanian Foreign Office, meetings were held with Deputy "
        "Secretary for Trade, Energy and Ports Ida Lom; Special Envoy for Fisheries Per Dahl; "
        "and Ambassador Eva Sund."
    )
    ms = [
        _m(text, "Ruritanian", "country:RUR", "country"),
        _m(text, "Ida Lom", "person:lom", "person"),
        _m(text, "Per Dahl", "person:dahl", "person"),
        _m(text, "Eva Sund", "person:sund", "person"),
    ]
    times = [_t(text, "6 May 2031", "2031-05-06", "day")]
    found = find_events(_doc(text, "2031-05-07"), ms, times, (), ())
    assert [(e.type, e.participants[0]) for e in found] == [
        ("meeting", "person:lom"),
        ("meeting", "person:dahl"),
        ("meeting", "person:sund"),
    ]


def test_a_tour_of_capitals_is_one_visit_per_state_and_two_cities_of_one_state_one() -> None:
    from bilateral.kb import load_kb

    text = (
        "On 8 May 2031, a Ruritanian delegation visited Valdora, Freedonia; Porto Lene, "
        "Ostland; and Kirra, Westia. Minister Jan Novak was invited to visit New York and Washington."
    )
    ms = [
        _m(text, "Ruritanian delegation", "org:0123456789abcdef", "organization"),
        _m(text, "Valdora", "place:valdora", "place"),
        _m(text, "Freedonia", "country:FRE", "country"),
        _m(text, "Porto Lene", "place:porto-lene", "place"),
        _m(text, "Ostland", "country:OST", "country"),
        _m(text, "Kirra", "place:kirra", "place"),
        _m(text, "Westia", "country:WES", "country"),
        _m(text, "Jan Novak", "person:novak", "person"),
        _m(text, "New York", "place:new-york", "place"),
        _m(text, "Washington", "place:washington", "place"),
    ]
    times = [_t(text, "8 May 2031", "2031-05-08", "day")]
    found = find_events(_doc(text, "2031-05-09"), ms, times, (), (), kb=load_kb())
    assert [(e.type, e.location, e.participants) for e in found[:3]] == [
        ("visit", "place:valdora", ("org:0123456789abcdef", "country:FRE")),
        ("visit", "place:porto-lene", ("org:0123456789abcdef", "country:OST")),
        ("visit", "place:kirra", ("org:0123456789abcdef", "country:WES")),
    ]
    assert [(e.type, e.status, e.location) for e in found[3:]] == [
        ("visit", "planned", "place:new-york")
    ]


def test_a_titles_year_meeting_is_the_leads_numbered_meeting_and_bilaterals_stay_apart() -> None:
    text = (
        "Tidewater Group Leaders' Meeting 2031\n\n"
        "The 5th Meeting of the Leaders of the Tidewater Group was held 3-4 June 2031 in Valdora. "
        "President Jan Novak held a bilateral meeting with President Ana Lind."
    )
    ms = [
        _m(text, "Tidewater Group", "org:harbour", "organization"),
        _m(text, "Tidewater Group", "org:harbour", "organization", 1),
        _m(text, "Valdora", "place:valdora", "place"),
        _m(text, "Jan Novak", "person:novak", "person"),
        _m(text, "Ana Lind", "person:lind", "person"),
    ]
    times = [_t(text, "2031", "2031", "year"), _t(text, "3-4 June 2031", "2031-06-03", "day")]
    doc = replace(_doc(text, "2031-06-05"), doc_type="news")
    found = find_events(doc, ms, times, (), ())
    assert [(e.type, e.date, e.participants[:2]) for e in found] == [
        ("meeting", "2031-06-03", ("org:harbour",)),
        ("meeting", "2031-06-03", ("person:novak", "person:lind")),
    ]
