"""Instruments' full names grown from a corpus (kb/build_agreements.py) and used by the
agreements stage (extract/agreements/full_names.py); texts written for these tests."""

from __future__ import annotations

from bilateral.extract.agreements.found import Found
from bilateral.extract.agreements.full_names import complete, longer
from bilateral.extract.agreements.stage import find_agreements
from bilateral.kb import load_kb
from bilateral.kb.build_agreements import _abbreviates, _heads, collect, names_in
from bilateral.kb.vocabulary import agreement_types
from bilateral.model import Document


def _names(text: str) -> list[str]:
    return [n for n, _ in names_in(text, _heads(), agreement_types().body_words)]


def test_names_with_an_instruments_head_and_a_word_that_says_which() -> None:
    text = (
        "In the Lisbon Treaty on Fisheries, the Parties, and the Programme of Action, and the "
        "North Sea Treaty Organization; Chapter IV of the Lisbon Treaty on Fisheries."
    )
    # no opener ("In"), no generic name ("Programme of Action"), no body ("... Organization"),
    # no name whose head is another noun ("Chapter IV of ...")
    assert _names(text) == ["Lisbon Treaty on Fisheries", "Lisbon Treaty on Fisheries"]


def test_a_short_form_abbreviates_its_names_words_in_order() -> None:
    assert _abbreviates("LTF", "Lisbon Treaty on Fisheries")
    assert _abbreviates("LToF", "Lisbon Treaty on Fisheries")
    assert not _abbreviates("ICF", "Lisbon Treaty on Fisheries")


def test_names_kept_by_documents_and_short_forms_by_agreement() -> None:
    docs = [
        "The Lisbon Treaty on Fisheries (LTF) was signed.",
        "We support the Lisbon Treaty on Fisheries (LTF).",
        "Under the Lisbon Treaty on Fisheries, the catch fell.",
        "The Oslo Plan on Ice was adopted.",
    ]
    names, acronyms = collect(iter(docs), load_kb())
    assert names == {"Lisbon Treaty on Fisheries": 3}
    assert acronyms == {"LTF": "Lisbon Treaty on Fisheries"}


def test_a_short_name_takes_the_full_name_the_corpus_writes() -> None:
    assert longer("the Rome Statute") == "Rome Statute of the International Criminal Court"
    # a name that does not say which instrument keeps its words
    assert longer("the Programme of Action") is None


def test_full_names_and_short_forms_found_where_the_rules_find_none() -> None:
    text = "Ministers reviewed TPNW ratifications and the Treaty of Tlatelolco today."
    found = complete(text, [(0, len(text))], [])
    assert [(f.name, f.type) for f in found] == [
        ("Treaty on the Prohibition of Nuclear Weapons", "treaty"),
        ("Treaty of Tlatelolco", "treaty"),
    ]
    kept = Found(0, 9, "Ministers", "plan", (0, len(text)), own=True)
    assert complete(text, [(0, len(text))], [kept])[0] == kept  # a document's own title stays


def test_the_stage_names_a_short_mention_by_its_full_name() -> None:
    text = "The delegation marked twenty years since the Rome Statute entered into force."
    agreements = find_agreements(Document("d", "test", text), [], [])
    assert [a.name for a in agreements] == ["Rome Statute of the International Criminal Court"]


def test_a_states_constitution_is_named_and_a_bare_one_is_not() -> None:
    text = (
        "Under Article IV of the Andean Constitution the council met. The Constitution of "
        "Norland was amended, and the constitution must be respected."
    )
    assert [(a.name, a.type) for a in find_agreements(Document("d", "test", text), [], [])] == [
        ("Andean Constitution", "constitution"),
        ("Constitution of Norland", "constitution"),
    ]


def test_a_heading_in_capitals_names_a_numbered_instrument() -> None:
    text = "ORDER OF THE MAYOR\n\nPROCLAMATION NO. 81\n\nA curfew is declared in the city."
    agreements = find_agreements(Document("d", "test", text), [], [])
    assert [(a.name, text[a.evidence[0].start : a.evidence[0].end]) for a in agreements] == [
        ("Proclamation No. 81", "PROCLAMATION NO. 81")
    ]
