"""One event from many reports: the merging rules on small hand-made reports."""

from __future__ import annotations

import itertools

from bilateral.crossdoc.events import (
    Report,
    agree,
    block_of,
    cluster,
    merge_block,
    merge_class,
    sides_of,
    span,
)
from bilateral.model import Event, Evidence

US, IT, DE = "country:USA", "country:ITA", "country:DEU"
BIDEN, MELONI, SCHOLZ = "person:biden", "person:meloni", "person:scholz"
MATTARELLA, BLINKEN, TAJANI = "person:mattarella", "person:blinken", "person:tajani"
STATE = {BIDEN: US, BLINKEN: US, MELONI: IT, MATTARELLA: IT, TAJANI: IT, SCHOLZ: DE}


def report(
    eid: str,
    doc: str,
    kind: str,
    date: str | None,
    *who: str,
    status: str = "occurred",
    published: str | None = None,
    location: str | None = None,
    country: str | None = None,
) -> Report:
    quote = f"{kind} {date}"
    event = Event(
        eid, kind, date, None, status, location, None, who, "CONSULT", "040",
        (Evidence(doc, 0, len(quote), quote),),
    )  # fmt: skip
    sides = {p: STATE.get(p, p) for p in who}
    return Report(event, doc, published or (date or "")[:10] or None, sides, country)


def groups(reports: list[Report]) -> list[list[str]]:
    return sorted(sorted(r.event.id for r in c) for c in cluster(reports))


def test_announcement_statement_and_remarks_are_one_meeting_that_occurred() -> None:
    announced = report("a", "doc-a", "visit", "2023-07-27", BIDEN, MELONI, IT, US,
                       status="planned", published="2023-07-12", location="place:wh", country=US)  # fmt: skip
    joint = report("j", "doc-j", "meeting", "2023-07-27", US, BIDEN, IT, MELONI,
                   location="place:wh", country=US)  # fmt: skip
    remarks = report("r", "doc-r", "meeting", "2023-07-27", BIDEN, IT, US)
    [merged] = merge_block([remarks, announced, joint], "consult:bi|2023-07")
    assert merged.id == "j"
    assert merged.type == "meeting"
    assert merged.status == "occurred"
    assert merged.date == "2023-07-27"
    assert merged.location == "place:wh"
    assert merged.events == ("j", "r", "a")
    assert merged.docs == ("doc-a", "doc-j", "doc-r")
    assert [e.doc for e in merged.evidence] == ["doc-j", "doc-r", "doc-a"]
    assert merged.participants == (US, BIDEN, IT, MELONI)


def test_the_same_leaders_on_different_days_are_different_meetings() -> None:
    rs = [
        report("m1", "d1", "meeting", "2023-07-27", BIDEN, MELONI),
        report("m2", "d2", "meeting", "2023-03-01", BIDEN, MELONI),
        report("m3", "d3", "talks", "2023-03-01", US, IT),
    ]
    assert groups(rs) == [["m1"], ["m2", "m3"]]


def test_a_summit_and_a_bilateral_meeting_on_its_sidelines_stay_apart() -> None:
    rs = [
        report("s1", "d1", "summit", "2023-07-11", "org:nato", US, IT, location="place:vilnius"),
        report("s2", "d2", "summit", "2023-07-11", "org:nato", location="place:vilnius"),
        report("b1", "d1", "meeting", "2023-07-11", BIDEN, MELONI, location="place:vilnius"),
        report("b2", "d3", "meeting", "2023-07-11", US, IT, BIDEN),
    ]
    assert merge_class("summit") == "consult:multi"
    assert merge_class("visit") == merge_class("meeting") == "consult:bi"
    assert groups(rs) == [["b1", "b2"], ["s1", "s2"]]


def test_a_day_inside_a_month_merges_unless_two_days_could_be_meant() -> None:
    july = report("july", "d9", "meeting", "2023-07", BIDEN, MELONI)
    one = [report("m1", "d1", "meeting", "2023-07-27", BIDEN, MELONI), july]
    assert groups(one) == [["july", "m1"]]
    two = [*one, report("m2", "d2", "meeting", "2023-07-03", BIDEN, MELONI)]
    assert groups(two) == [["july"], ["m1"], ["m2"]]


def test_groups_do_not_depend_on_the_order_reports_come_in() -> None:
    rs = [
        report("a", "d1", "visit", "2023-07", BIDEN, MELONI, status="planned"),
        report("b", "d2", "meeting", "2023-07-27", BIDEN, MELONI),
        report("c", "d3", "meeting", "2023-07-27", US, IT),
        report("d", "d4", "meeting", "2023-07-27", BIDEN, SCHOLZ),
        report("e", "d5", "talks", "2023", US, DE),
    ]
    expected = [["a", "b", "c"], ["d"], ["e"]]
    for order in itertools.permutations(rs):
        assert groups(list(order)) == expected
        assert merge_block(order, "x") == merge_block(rs, "x")


def test_another_guest_or_another_host_that_day_is_another_meeting() -> None:
    meloni = report("m", "d1", "meeting", "2023-07-27", BIDEN, MELONI, US, IT)
    scholz = report("s", "d2", "meeting", "2023-07-27", BIDEN, SCHOLZ, US, DE)
    president = report("p", "d3", "meeting", "2023-07-27", BIDEN, MATTARELLA, US, IT)
    assert not agree(meloni, scholz)
    assert not agree(meloni, president)
    with_ministers = report("w", "d4", "meeting", "2023-07-27", BIDEN, BLINKEN, MELONI, TAJANI)
    assert agree(meloni, with_ministers)


def test_two_sides_must_be_shared_and_places_in_one_country() -> None:
    both = report("b", "d2", "meeting", "2023-07-27", BIDEN, MELONI)
    assert not agree(report("h", "d1", "meeting", "2023-07-27", BIDEN, US), both)
    assert not agree(report("x", "d3", "meeting", "2023-07-27", BIDEN, "person:x"), both)
    here = report("r", "d4", "meeting", "2023-07-27", BIDEN, MELONI, country=US)
    there = report("t", "d5", "meeting", "2023-07-27", BIDEN, MELONI, country=IT)
    assert agree(here, both) and not agree(here, there)


def test_two_guests_of_a_summit_host_that_day_are_two_meetings() -> None:
    # The first report names the host country as the place ("in Rome, Italy") among its
    # participants; the guests' states differ by their leaders.
    with_scholz = report("s", "d1", "meeting", "2023-07-11", BIDEN, SCHOLZ, US, DE, IT)
    with_meloni = report("m", "d2", "meeting", "2023-07-11", BIDEN, MELONI, US, IT)
    assert not agree(with_scholz, with_meloni)


def test_a_summit_needs_its_place_a_body_or_two_participants_in_common() -> None:
    one_state = report("a", "d1", "summit", "2023-07-12", US, "country:UKR")
    other = report("b", "d2", "summit", "2023-07-12", US, "country:BWA")
    assert not agree(one_state, other)
    assert agree(one_state, report("c", "d3", "summit", "2023-07-12", "country:UKR", US, DE))
    here = report("d", "d4", "summit", "2023-07-12", "org:x", location="place:rome")
    assert agree(here, report("e", "d5", "summit", "2023-07-12", "org:y", location="place:rome"))
    assert agree(report("f", "d6", "forum", "2023-07-12", "org:x"), here)


def test_vague_dates_and_statements_stay_alone() -> None:
    rs = [
        report("y1", "d1", "visit", "2023", BIDEN, MELONI),
        report("y2", "d2", "visit", "2023", BIDEN, MELONI),
        report("s1", "d1", "statement", "2023-07-27", BIDEN, MELONI),
        report("s2", "d2", "statement", "2023-07-27", BIDEN, MELONI),
    ]
    assert groups(rs) == [["s1"], ["s2"], ["y1"], ["y2"]]
    assert block_of(rs[0].event, "d1") == block_of(rs[2].event, "d1") == "doc|d1"


def test_undated_reports_and_other_occasions_stay_alone() -> None:
    rs = [
        report("u1", "d1", "meeting", None, BIDEN, MELONI),
        report("u2", "d2", "meeting", None, BIDEN, MELONI),
        report("o1", "d1", "other", "2023-07-27", US, IT),
        report("o2", "d2", "other", "2023-07-27", US, IT),
    ]
    assert groups(rs) == [["o1"], ["o2"], ["u1"], ["u2"]]
    assert block_of(rs[0].event, "d1") == "doc|d1"
    assert block_of(rs[2].event, "d1") == "doc|d1"
    assert (
        block_of(report("v", "d1", "visit", "2023-12-30/2024-01-02").event, "d1")
        == "consult:bi|2023-12"
    )


def test_spans_and_sides() -> None:
    assert span("2024-02") == (span("2024-02-01")[0], span("2024-02-29")[1])  # type: ignore[index]
    assert span("2023-07-27/2023-07-29") is not None
    assert span("2023-02-30") is None and span("spring") is None and span(None) is None
    sides = sides_of((BIDEN, "person:nobody", IT, "org:un"), "2023", {BIDEN: US}, None)
    assert sides == {BIDEN: US, "person:nobody": "person:nobody", IT: IT, "org:un": "org:un"}
