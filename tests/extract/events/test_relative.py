"""Relative dates counted back from the document's date, trips told as "was in" or "travelled
to", and the body before "whose", on small sentences written for these tests."""

from __future__ import annotations

from bilateral.extract.events.relative import relative_times
from bilateral.extract.events.stage import find_events
from bilateral.model import Document, Event, Mention, TimeExpr


def _doc(text: str, published: str | None, title: str | None = None) -> Document:
    return Document(id="d", source="test", text=text, published=published, title=title)


def _m(text: str, surface: str, entity: str, type_: str) -> Mention:
    start = text.index(surface)
    return Mention("d", start, start + len(surface), surface, entity, type_)


def _values(text: str, published: str | None, title: str | None = None) -> list[tuple[str, ...]]:
    return [
        (t.text, t.value, t.precision) for t in relative_times(_doc(text, published, title), ())
    ]


def test_counts_back_from_the_document_date() -> None:
    text = (
        "Two months ago the envoys talked. Some months ago we spoke. Three days ago they met. "
        "Last week she called. Earlier this month he came. The last month was calm."
    )
    assert _values(text, "2021-03-10") == [
        ("Two months ago", "2021-01", "month"),
        ("Some months ago", "2020-12", "month"),
        ("Three days ago", "2021-03-07", "day"),
        ("Last week", "2021-03", "month"),
        ("Earlier this month", "2021-03", "month"),
    ]


def test_needs_a_date_fine_enough() -> None:
    text = "Two weeks ago they met. Two months ago they met."
    assert _values(text, "2021-03") == [("Two months ago", "2021-01", "month")]
    assert _values(text, "2021") == []
    assert _values(text, None) == []


def test_a_general_debate_speech_is_given_in_september() -> None:
    text = "The assembly of our union met last month in our capital."
    title = "UN General Debate, session 70 (2015): Freedonia"
    assert _values(text, "2015", title) == [("last month", "2015-08", "month")]
    assert _values(text, "2015") == []


def test_keeps_what_the_dates_stage_found() -> None:
    text = "Last month they met."
    known = (TimeExpr(0, 10, "Last month", "2021-02", "month", True),)
    assert relative_times(_doc(text, "2021-03-10"), known) == []


def _rows(events: tuple[Event, ...]) -> list[tuple[object, ...]]:
    return [(e.type, e.date, e.status, e.location, e.participants) for e in events]


def test_a_phone_call_some_months_ago() -> None:
    text = "Minister, some months ago, we had a chance to talk to each other on the phone."
    doc = Document(id="d", source="test", text=text, published="2022-10-20", speakers=())
    events = find_events(doc, [], [])
    assert [(e.type, e.date, e.date_precision) for e in events] == [
        ("phone_call", "2022-07", "month")
    ]


def test_was_in_a_city_is_a_visit() -> None:
    text = "Two months ago, Minister Ana Lopes was in Lisbon to talk about fisheries."
    mentions = [
        _m(text, "Ana Lopes", "person:lopes", "person"),
        _m(text, "Lisbon", "place:lisbon", "place"),
    ]
    doc = _doc(text, "2019-05-14")
    assert _rows(find_events(doc, mentions, [])) == [
        ("visit", "2019-03", "occurred", "place:lisbon", ("person:lopes",))
    ]


def test_was_in_without_a_traveller_is_no_visit() -> None:
    text = "The treaty was in Lisbon archives for years."
    mentions = [_m(text, "Lisbon", "place:lisbon", "place")]
    assert find_events(_doc(text, "2019-05-14"), mentions, []) == ()


def test_travelled_to_a_country_is_a_visit() -> None:
    text = "In March 2018 the Freedonian minister travelled to Sylvania."
    mentions = [_m(text, "Sylvania", "country:SYL", "country")]
    times = [TimeExpr(3, 13, "March 2018", "2018-03", "month")]
    events = find_events(_doc(text, "2018-06-01"), mentions, times)
    assert [(e.type, e.date, e.status, e.location) for e in events] == [
        ("visit", "2018-03", "occurred", "country:SYL")
    ]


def test_the_body_before_whose() -> None:
    text = (
        "Freedonia is a member of the Grain Union, whose third General Assembly was held in "
        "May 2020 in our capital."
    )
    mentions = [
        _m(text, "Freedonia", "country:FRE", "country"),
        _m(text, "Grain Union", "org:grain", "organization"),
        _m(text, "General Assembly", "org:unga", "organization"),
    ]
    times = [TimeExpr(text.index("May"), text.index("May") + 8, "May 2020", "2020-05", "month")]
    events = find_events(_doc(text, "2020-09-20"), mentions, times)
    assert [(e.type, e.date, e.participants[0]) for e in events] == [
        ("session", "2020-05", "org:grain")
    ]
    assert "org:unga" not in events[0].participants


def test_a_guessed_name_that_is_no_actor_takes_no_part() -> None:
    text = "Minister Holds Talks With Sylvania on 3 May 2019."
    mentions = [
        _m(text, "Holds Talks", "person:0123456789abcdef", "person"),
        _m(text, "Sylvania", "country:SYL", "country"),
    ]
    times = [
        TimeExpr(text.index("3 May"), text.index("3 May") + 10, "3 May 2019", "2019-05-03", "day")
    ]
    events = find_events(_doc(text, "2019-05-04"), mentions, times)
    assert [(e.type, e.participants) for e in events] == [("talks", ("country:SYL",))]


def test_the_titles_speech_is_the_headings_speech() -> None:
    text = (
        "President Delivers Speech In Freeport\n\n"
        "SPEECH OF PRESIDENT ANA LOPES\n\n"
        "Good evening to all of you gathered here."
    )
    mentions = [
        _m(text, "Freeport", "place:freeport", "place"),
        _m(text, "ANA LOPES", "person:lopes", "person"),
    ]
    events = find_events(_doc(text, "2019-05-04"), mentions, [])
    assert [(e.type, e.date, e.participants) for e in events] == [
        ("statement", "2019-05-04", ("person:lopes",))
    ]


def test_a_month_as_a_modifier_and_days_of_the_week() -> None:
    text = (
        "They look ahead to the November Harbour Summit. On Monday the envoys talked. "
        "Next Friday they sign. Last Wednesday she called. The May 4 talks and the June 2031 fair."
    )
    # 2031-09-03 is a Wednesday.
    assert _values(text, "2031-09-03") == [
        ("the November", "2031-11", "month"),
        ("On Monday", "2031-09-01", "day"),
        ("Next Friday", "2031-09-05", "day"),
        ("Last Wednesday", "2031-08-27", "day"),
    ]
    assert _values(text, "2031-09") == [("the November", "2031-11", "month")]


def test_a_planned_meeting_on_a_weekday_is_the_coming_one() -> None:
    text = "The two ministers will meet on Monday in Valdora."
    mentions = [_m(text, "Valdora", "place:valdora", "place")]
    (e,) = find_events(_doc(text, "2031-09-03"), mentions, ())
    assert (e.type, e.date, e.status) == ("meeting", "2031-09-08", "planned")
