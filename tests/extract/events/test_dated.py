"""Step 2c of the events cascade (``events.dated``): an actor's act that the clause dates, with
no event word in the sentence, on sentences written for these tests."""

from __future__ import annotations

from bilateral.extract.events.stage import find_events
from bilateral.model import Document, Event, Mention, TimeExpr


def _m(text: str, surface: str, entity: str, type_: str) -> Mention:
    start = text.index(surface)
    return Mention("d", start, start + len(surface), surface, entity, type_)


def _t(text: str, surface: str, value: str, precision: str) -> TimeExpr:
    start = text.index(surface)
    return TimeExpr(start, start + len(surface), surface, value, precision, False)


def _events(text: str, mentions: list[Mention], times: list[TimeExpr]) -> tuple[Event, ...]:
    doc = Document(id="d", source="test", text=text, published="2024-05-02")
    return find_events(doc, mentions, times)


RURITANIA = ("Ruritania", "country:RUR", "country")
SYLVANIA = ("Sylvania", "country:SYL", "country")


def test_an_actors_act_dated_by_its_clause_is_an_occasion() -> None:
    text = "Ruritania lodged a complaint against Sylvania at the tribunal on 3 March 2019."
    (e,) = _events(
        text,
        [_m(text, *RURITANIA), _m(text, *SYLVANIA)],
        [_t(text, "3 March 2019", "2019-03-03", "day")],
    )
    assert (e.type, e.date, e.status, e.participants) == (
        "other",
        "2019-03-03",
        "occurred",
        ("country:RUR", "country:SYL"),
    )
    assert e.evidence[0].quote == text


def test_a_fronted_date_dates_the_act() -> None:
    text = "On 9 June 2021, the Sylvanian Navy carried out a rescue drill with Ruritania."
    mentions = [
        _m(text, "Sylvanian Navy", "org:sylvanian-navy", "organization"),
        _m(text, *RURITANIA),
    ]
    (e,) = _events(text, mentions, [_t(text, "9 June 2021", "2021-06-09", "day")])
    assert (e.type, e.date, e.participants) == (
        "other",
        "2021-06-09",
        ("org:sylvanian-navy", "country:RUR"),
    )


def test_what_is_no_dated_act_stays_out() -> None:
    cases = [
        # a stretch of time, not one day
        ("Since 2006, Ruritania has sent engineers to Sylvania.", "2006", "2006", "year"),
        # a reported clause: a statement, not an act
        (
            "On 4 May, Ruritania said that Sylvania had closed the border.",
            "4 May",
            "2024-05-04",
            "day",
        ),
        # an intention in the object
        (
            "On 4 May, Ruritania announced its decision to recall its envoy.",
            "4 May",
            "2024-05-04",
            "day",
        ),
        # the subject's head is no actor
        ("In 2023, trade between Ruritania and Sylvania doubled.", "2023", "2023", "year"),
        # the year dates a noun of the object, not the verb
        ("Ruritania endorsed the Sylvania Vision 2030 programme.", "2030", "2030", "year"),
    ]
    for text, surface, value, precision in cases:
        mentions = [_m(text, *RURITANIA), _m(text, *SYLVANIA)] if "Sylvania" in text else []
        assert _events(text, mentions, [_t(text, surface, value, precision)]) == (), text
