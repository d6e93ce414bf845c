"""Cited answers on the seeds: the issue's four questions, and one the documents cannot answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilateral.query.answer import NOT_FOUND, ask
from bilateral.store import Store


@pytest.fixture(scope="module")
def store(seeds_db: Path) -> Store:
    return Store(seeds_db)


def _quotes_are_verbatim(store: Store, result: dict) -> None:  # type: ignore[type-arg]
    assert result["citations"]
    for c in result["citations"]:
        doc = store.get_document(c["doc"])
        assert doc is not None and doc.text[c["start"] : c["end"]] == c["quote"]


def _source(store: Store, doc_id: str) -> str:
    doc = store.get_document(doc_id)
    assert doc is not None
    return Path(doc.source).name[:3]


def test_trade_in_2022(store: Store) -> None:
    r = ask(store, "What was trade between Russia and Kazakhstan in 2022?")
    assert "USD 28 billion" in r["answer"] and "over" in r["answer"]
    assert _source(store, r["citations"][0]["doc"]) == "001"
    _quotes_are_verbatim(store, r)


def test_kazakhstani_students(store: Store) -> None:
    r = ask(store, "How many Kazakhstani students study in Russia?")
    values = {rec["value"] for rec in r["records"]}
    assert {74000.0, 60000.0} <= values
    _quotes_are_verbatim(store, r)


def test_treaty_signing(store: Store) -> None:
    r = ask(
        store,
        "When was the Treaty on Good-Neighbourliness and Alliance in the 21st Century signed?",
    )
    assert "11 November 2013" in r["answer"]
    _quotes_are_verbatim(store, r)


def test_foreign_minister_on_two_dates(store: Store) -> None:
    r = ask(store, "Who was Kazakhstan's foreign minister in June 2020 and in March 2024?")
    answer = r["answer"]
    assert answer.index("Mukhtar Tleuberdi") < answer.index("Murat Nurtleu")
    _quotes_are_verbatim(store, r)


def test_not_in_the_documents(store: Store) -> None:
    r = ask(store, "What did Russia say about colonising Mars?")
    assert r == {"answer": NOT_FOUND, "citations": [], "records": []}


def test_a_verb_meets_its_indicator_and_undated_figures_carry_their_documents_date(
    store: Store,
) -> None:
    r = ask(store, "How much has Russia invested in Kazakhstan?")
    assert r["answer"].startswith("investment: about USD 13 billion")
    _quotes_are_verbatim(store, r)
    students = ask(store, "How many Kazakhstani students study in Russia?")["answer"]
    assert "about 60,000 (as of 27 November 2024)" in students
    # One figure stated in two documents is told once, with both sources.
    assert students.count("over 9,000") == 1


@pytest.mark.parametrize(
    ("word", "stem"),
    [("invested", "invest"), ("investments", "invest"), ("traded", "trad"), ("trade", "trad")],
)
def test_light_stem(word: str, stem: str) -> None:
    from bilateral.query.question import stem as _stem

    assert _stem(word) == stem


def test_who_met_whom_reads_events(store: Store) -> None:
    r = ask(store, "When did Lavrov meet Tleuberdi?")
    assert r["answer"].startswith("9 June 2020: talks (video)")
    assert r["records"][0]["kind"] == "event" and r["records"][0]["date"] == "2020-06-09"
    _quotes_are_verbatim(store, r)
    r = ask(store, "Did Lavrov meet Nurtleu in 2023?")
    assert all(rec["date"] == "2023-04-11" for rec in r["records"])
    assert "in Moscow" in r["answer"]
    # A count of meetings is a figure, not a list of events.
    r = ask(store, "How many times did the presidents meet in 2022?")
    assert r["answer"].startswith("meetings: at least 10 (2022)")


def test_a_post_of_an_organisation(store: Store) -> None:
    r = ask(store, "Who is the Honorary Chairman of the Supreme Eurasian Economic Council?")
    assert r["answer"].startswith(
        "According to the documents: Nursultan Nazarbayev (Honorary Chairman of the Supreme "
        "Eurasian Economic Council)"
    )
    _quotes_are_verbatim(store, r)
