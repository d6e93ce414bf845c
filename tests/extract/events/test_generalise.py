"""The events stage on documents unlike the seeds: small sentences written for these tests."""

from __future__ import annotations

from bilateral.extract.agreements.stage import find_agreements
from bilateral.extract.events.stage import find_events
from bilateral.model import Document, Event, Mention, TimeExpr


def _m(text: str, surface: str, entity: str, type_: str) -> Mention:
    start = text.index(surface)
    return Mention("d", start, start + len(surface), surface, entity, type_)


def _events(
    text: str,
    mentions: list[Mention],
    times: tuple[TimeExpr, ...] = (),
    published: str | None = None,
    speakers: tuple[str, ...] = (),
) -> tuple[Event, ...]:
    doc = Document(id="d", source="test", text=text, published=published, speakers=speakers)
    return find_events(doc, mentions, times, (), find_agreements(doc, mentions, times))


def test_an_undated_interaction_told_as_done_happened_in_the_documents_month() -> None:
    text = (
        "The minister spoke to journalists on his return. "
        "In Lisbon, he met with Prime Minister Ana Souto of Portugal."
    )
    mentions = [
        _m(text, "Lisbon", "place:lisbon", "place"),
        _m(text, "Ana Souto", "person:souto", "person"),
        _m(text, "Portugal", "country:PRT", "country"),
    ]
    (meeting,) = _events(text, mentions, published="2019-03-14")
    assert (meeting.type, meeting.date, meeting.date_precision, meeting.status) == (
        "meeting",
        "2019-03",
        "month",
        "occurred",
    )
    # A document dated by its year alone lends only its year.
    (meeting,) = _events(text, mentions, published="2019")
    assert (meeting.date, meeting.date_precision) == ("2019", "year")


def test_an_undated_planned_interaction_keeps_no_date() -> None:
    text = (
        "The minister spoke to journalists on his return. "
        "Next, he will meet with Prime Minister Ana Souto of Portugal."
    )
    mentions = [
        _m(text, "Ana Souto", "person:souto", "person"),
        _m(text, "Portugal", "country:PRT", "country"),
    ]
    (meeting,) = _events(text, mentions, published="2019-03-14")
    assert (meeting.date, meeting.status) == (None, "planned")


def test_a_title_statement_of_one_side_is_the_document_not_an_event() -> None:
    text = (
        "Statement by the Spokesperson of Ruritania on the Minister's Call with "
        "Foreign Minister Tomas Vell of Estonia\n\n"
        "The Minister spoke with Foreign Minister Tomas Vell of Estonia today."
    )
    mentions = [
        _m(text, "Ruritania", "country:RUR", "country"),
        _m(text, "Tomas Vell", "person:vell", "person"),
        _m(text, "Estonia", "country:EST", "country"),
    ]
    kinds = [e.type for e in _events(text, mentions, published="2022-05-03")]
    assert "statement" not in kinds


def test_a_title_statement_of_a_body_of_several_states_is_their_event() -> None:
    text = (
        "Statement by the foreign ministers of the member states of the Northern Union on the "
        "anniversary of the armistice\n\n"
        "The ministers recalled the armistice signed a century ago."
    )
    mentions = [_m(text, "Northern Union", "org:nu", "organization")]
    (statement,) = [e for e in _events(text, mentions, published="2018-11-11")]
    assert (statement.type, statement.date, statement.participants) == (
        "statement",
        "2018-11-11",
        ("org:nu",),
    )


def test_two_words_of_one_sentence_for_one_occurrence_are_one_event() -> None:
    from bilateral.extract.events.frames import Cand
    from bilateral.extract.events.stage import _once
    from bilateral.extract.events.triggers import Trigger

    def cand(start: int, phrase: str) -> Cand:
        t = Trigger(start, start + len(phrase), "conference", phrase, False)
        return Cand(
            type="conference",
            trigger=t,
            unit=1,
            date=("2030-05", "month"),
            participants=["country:PRT"],
            spans=[(0, 90)],
        )

    # "the 12th Conference of the Parties (COP12)": one conference
    assert len(_once([cand(40, "Conference"), cand(80, "COP12")])) == 1
    # "the 12th and 13th Conferences": a plural tells several
    assert len(_once([cand(40, "Conferences"), cand(40, "Conferences")])) == 2


def test_they_of_a_talk_are_the_two_people_named_just_before_not_the_speaker() -> None:
    text = (
        "We support the dialogue that President Ana Souto and Prime Minister Ivo Marek have "
        "begun. We welcome what they have achieved in their talks."
    )
    mentions = [
        _m(text, "Ana Souto", "person:souto", "person"),
        _m(text, "Ivo Marek", "person:marek", "person"),
    ]
    (talks,) = _events(text, mentions, published="2008", speakers=("person:speaker",))
    assert (talks.type, talks.date, talks.participants) == (
        "talks",
        "2008",
        ("person:souto", "person:marek"),
    )


def test_this_coming_month_dates_a_planned_occasion() -> None:
    text = (
        "UN General Debate, session 80 (2030): Ruritania — Ana Souto, Minister\n\n"
        "This coming November, Ruritania is proud to host the 5th Summit of the Northern Dialogue."
    )
    mentions = [_m(text, "Ruritania", "country:RUR", "country")]
    summit = [e for e in _events(text, mentions, published="2030") if e.type == "summit"]
    assert [(e.date, e.date_precision) for e in summit] == [("2030-11", "month")]
