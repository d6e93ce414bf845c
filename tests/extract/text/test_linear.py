"""The lookups that keep extraction linear in the length of a document give what the scans they
replaced gave: the same items, in the same order."""

from __future__ import annotations

import dataclasses

from bilateral.extract.agreements.found import Found
from bilateral.extract.agreements.record import merge_key, merge_keys
from bilateral.extract.claims.context import paragraph_year
from bilateral.extract.events.reading import Reading, _Within
from bilateral.extract.roles.people import resolve_persons
from bilateral.extract.text.spans import InOrder
from bilateral.ingest import RawDocument, build_document
from bilateral.model import Mention, TimeExpr


def _m(start: int, end: int, text: str, entity: str, kind: str = "person") -> Mention:
    return Mention("d", start, end, text, entity, kind)


def test_in_order_answers_in_the_order_given_not_by_offset() -> None:
    spans = [_m(30, 35, "c", "c"), _m(10, 40, "a", "a"), _m(12, 14, "b", "b"), _m(50, 52, "d", "d")]
    near = InOrder(spans)
    assert [m.entity for m in near.starting(10, 31)] == ["c", "a", "b"]
    assert [m.entity for m in near.over(36, 51)] == ["a", "d"]
    assert [m.entity for m in near.starting_in([(50, 60), (12, 13)])] == ["b", "d"]


def test_merge_keys_are_the_keys_of_each_name() -> None:
    names = [
        Found(0, 10, "the Treaty on Good Neighbourliness", "treaty", (0, 50)),
        Found(60, 70, "Treaty on Good Neighbourliness and Friendship", "treaty", (60, 99)),
        Found(100, 110, "Neighbourliness Treaty", "treaty", (100, 140)),
        Found(150, 160, "Good Neighbourliness", "memorandum", (150, 190)),
        Found(200, 210, "the", "treaty", (200, 240)),
    ]
    assert merge_keys(names) == [merge_key(f, names) for f in names]
    assert merge_keys(names)[0] == "treaty on good neighbourliness and friendship"


def test_a_partly_named_person_is_found_through_his_rarest_word() -> None:
    text = "Jan Willem Novak spoke. Later Novak and Willem Berg left. Berg stayed."
    mentions = [
        _m(0, 16, "Jan Willem Novak", "person:novak"),
        _m(30, 35, "Novak", "person:x1"),
        _m(40, 51, "Willem Berg", "person:berg"),
        _m(58, 62, "Berg", "person:x2"),
    ]
    out = resolve_persons(text, mentions, {})
    assert [m.entity for m in out] == ["person:novak", "person:novak", "person:berg", "person:berg"]


def test_the_reading_indexes_answer_as_a_scan_would() -> None:
    text = "Jan Novak met Eva Berg. He signed the Oslo Accord. Berg left."
    doc = build_document(RawDocument("d", text, "txt"))
    mentions = [
        _m(0, 9, "Jan Novak", "person:novak"),
        _m(14, 22, "Eva Berg", "person:berg"),
        _m(38, 42, "Oslo", "place:oslo", "place"),
        _m(51, 55, "Berg", "person:berg"),
    ]
    rd = Reading.of(doc, mentions, (), (), (), None)
    rd = dataclasses.replace(rd, names=((34, 50), (36, 44)))
    assert rd.person_before(51) == "person:berg"
    assert rd.person_before(51, skip="person:berg") == "person:novak"
    assert rd.person_before(0) is None
    assert [rd.in_name(p) for p in (33, 34, 45, 49, 50)] == [False, True, True, True, False]
    assert rd.names_in_unit(0, 35) and not rd.names_in_unit(37, 60)
    assert [m.start for m in rd.by_entity["person:berg"]] == [14, 51]
    assert rd.person_entities == ("person:novak", "person:berg")


def test_a_paragraph_year_is_read_once_and_is_the_same() -> None:
    text = "Trade grew in 2019. Exports were 5 billion. Imports were 3 billion.\nOther things."
    times = [TimeExpr(14, 18, "2019", "2019", "year")]
    cache: dict[tuple[int, int], str | None] = {}
    assert paragraph_year(text, 33, times, "2020-05-01", cache) == "2019"
    assert paragraph_year(text, 57, times, "2020-05-01", cache) == "2019"
    assert cache == {(0, 67): "2019"}
    assert paragraph_year(text, 57, times, "2020-05-01") == "2019"


def test_an_offset_inside_some_span_is_found_as_a_scan_would() -> None:
    spans = [(40, 45), (10, 30), (12, 14), (50, 52), (50, 51)]
    inside = _Within(spans)
    for pos in range(0, 60):
        assert inside(pos) == any(a <= pos < b for a, b in spans), pos
    assert not _Within([])(3)
