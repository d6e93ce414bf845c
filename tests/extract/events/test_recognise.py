"""The learned event-sentence recogniser (``extract/models/events``) and how the stage reads it,
on sentences written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bilateral.context import ShippedModels
from bilateral.extract.events.recognise import EVENT, NAME, VETO, features, scorer
from bilateral.extract.events.stage import find_events
from bilateral.model import Document, Mention

MODEL = Path(__file__).resolve().parents[3] / "src/bilateral/extract/models/events"


def _m(text: str, surface: str, entity: str, type_: str) -> Mention:
    start = text.index(surface)
    return Mention("d", start, start + len(surface), surface, entity, type_)


def test_features_fold_case_digits_and_spaces() -> None:
    assert features("Met on 12  May\n2024") == "met on 00 may 0000"


def test_no_model_no_scorer() -> None:
    assert scorer(None) is None
    assert scorer(lambda name: None) is None


def test_the_shipped_model_ranks_a_meeting_above_an_opinion() -> None:
    score = scorer(ShippedModels())
    assert score is not None
    met, opinion = score(
        [
            "The foreign ministers of Ruritania and Sylvania met in Lisbon on 4 May to discuss trade.",
            "Ruritania believes that trade is the engine of growth.",
        ]
    )
    assert met[EVENT] > 0.5 > opinion[EVENT] > VETO
    assert max((k for k in met if k != EVENT), key=met.__getitem__) == "meeting"


def test_the_shipped_model_records_how_it_was_trained() -> None:
    meta = json.loads((MODEL / "training.json").read_text())
    assert MODEL.name == NAME
    assert set(meta["leave_one_publisher_out"]) == {
        "kz-embassy",
        "philippines",
        "seeds",
        "un",
        "whitehouse",
    }
    assert meta["labels"][0] == EVENT


def _one_meeting() -> tuple[Document, list[Mention]]:
    text = "President Alpha met President Beta in Capitalia on 3 May 2021."
    mentions = [
        _m(text, "President Alpha", "person:alpha", "person"),
        _m(text, "President Beta", "person:beta", "person"),
    ]
    return Document(id="d", source="test", text=text, published="2021-05-04"), mentions


def _scoring(p: float):  # type: ignore[no-untyped-def]
    """Stands in for the shipped models: the recogniser gives every sentence ``p``."""

    class Doc:
        def __init__(self) -> None:
            self.cats = {EVENT: p}

    class Nlp:
        def pipe(self, texts):  # type: ignore[no-untyped-def]
            return [Doc() for _ in texts]

    return lambda name: Nlp()


def test_the_recogniser_is_not_asked_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Off by default: with the publisher left out its veto lost more right events than wrong."""
    monkeypatch.delenv("BILATERAL_EVENTS_RECOGNISER", raising=False)
    doc, mentions = _one_meeting()
    assert [e.type for e in find_events(doc, mentions, (), models=_scoring(0.0))] == ["meeting"]


def test_a_veto_drops_the_trigger_of_a_sentence_the_model_rejects(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BILATERAL_EVENTS_RECOGNISER", "on")
    doc, mentions = _one_meeting()
    assert [e.type for e in find_events(doc, mentions, (), models=_scoring(0.9))] == ["meeting"]
    assert find_events(doc, mentions, (), models=_scoring(VETO / 2)) == ()


def test_places_venues_and_firms_take_no_part() -> None:
    text = (
        "President Alpha met President Beta at the Grand Plaza Hotel in Capitalia, "
        "hosted by Northwind Holdings."
    )
    mentions = [
        _m(text, "President Alpha", "person:alpha", "person"),
        _m(text, "President Beta", "person:beta", "person"),
        _m(text, "Grand Plaza Hotel", "org:hotel", "organization"),
        _m(text, "Capitalia", "place:capitalia", "place"),
        _m(text, "Northwind Holdings", "org:northwind", "organization"),
    ]
    doc = Document(id="d", source="test", text=text)
    (e,) = find_events(doc, mentions, ())
    assert (e.type, e.participants) == ("meeting", ("person:alpha", "person:beta"))
