"""The record queries shared by the CLI, the pages and the API, on a small hand-made record."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bilateral.model import (
    Agreement,
    Claim,
    Document,
    Entity,
    Event,
    Evidence,
    Extraction,
    Mention,
    Role,
)
from bilateral.query.profiles import NotFound, entity_profile
from bilateral.query.records import (
    find_entity,
    list_agreements,
    list_claims,
    list_entities,
    list_events,
    timeline,
)
from bilateral.store import Store

TEXTS = {
    "doc1": "Kazakhstan and Russia held talks. Mr Tokayev spoke with Putin. Russia signed the Roadmap.",
    "doc2": "Russia and the Russian Federation are one. Trade with Kazakhstan grew by 5 percent.",
}
ENTITIES = {
    "country:KAZ": Entity(
        "country:KAZ", "country", "Kazakhstan", ("Republic of Kazakhstan",), "Q232", True
    ),
    "country:RUS": Entity(
        "country:RUS", "country", "Russia", ("Russian Federation",), "Q159", True
    ),
    "person:tokayev": Entity("person:tokayev", "person", "Kassym-Jomart Tokayev", (), None, True),
    "person:putin": Entity("person:putin", "person", "Vladimir Putin", ("Putin",), None, True),
    # Not in the KB and named like the KB's Russia: the KB's wins a lookup.
    "org:russia-ner": Entity("org:russia-ner", "organization", "Russia", (), None, False),
}


def span(doc: Document, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(phrase, start + 1)
    return start, start + len(phrase)


def mention(doc: Document, phrase: str, entity: str, nth: int = 0) -> Mention:
    start, end = span(doc, phrase, nth)
    return Mention(doc.id, start, end, phrase, entity, ENTITIES[entity].type)


def event(doc: Document, eid: str, kind: str, date: str | None, *who: str) -> Event:
    ev = Evidence.of(doc, *span(doc, doc.text.split(". ")[0]))
    return Event(
        eid, kind, date, None, "occurred", "country:KAZ", None, who, "CONSULT", "040", (ev,)
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    st = Store(tmp_path / "r.db")
    d1 = Document(id="doc1", source="/c/1.txt", text=TEXTS["doc1"], published="2020-06-09")
    d2 = Document(id="doc2", source="/c/2.txt", text=TEXTS["doc2"], published="2021")
    ev1 = (Evidence.of(d1, 0, 33),)
    st.add_document(
        d1,
        0,
        Extraction(
            "doc1",
            entities=tuple(
                ENTITIES[e]
                for e in ("country:KAZ", "country:RUS", "person:tokayev", "person:putin")
            ),
            mentions=(
                mention(d1, "Kazakhstan", "country:KAZ"),
                mention(d1, "Russia", "country:RUS"),
                mention(d1, "Russia", "country:RUS", 1),
                mention(d1, "Tokayev", "person:tokayev"),
                mention(d1, "Putin", "person:putin"),
            ),
            roles=(
                Role("person:tokayev", "President", "country:KAZ", "2020-06-09", ev1),
                Role("person:tokayev", "Prime Minister", "country:KAZ", "2002", ev1),
            ),
            events=(
                event(d1, "e-talks", "talks", "2020-06-09", "country:KAZ", "country:RUS"),
                event(d1, "e-call", "phone_call", None, "person:tokayev", "person:putin"),
                event(d1, "e-sign", "signing", "2020", "country:RUS"),
                event(d1, "e-span", "forum", "2019-11/2020-02", "country:KAZ"),
            ),
            agreements=(
                Agreement("a-road", "Roadmap", "plan", "2020-06-09", ("country:RUS",), ev1),
                Agreement("a-old", "Old Treaty", "treaty", None, ("country:KAZ",), ev1),
            ),
        ),
    )
    ev2 = (Evidence.of(d2, *span(d2, "Trade with Kazakhstan grew by 5 percent.")),)
    st.add_document(
        d2,
        0,
        Extraction(
            "doc2",
            entities=(ENTITIES["country:RUS"], ENTITIES["country:KAZ"], ENTITIES["org:russia-ner"]),
            mentions=(
                mention(d2, "Russia", "org:russia-ner"),
                mention(d2, "Russian Federation", "country:RUS"),
                mention(d2, "Kazakhstan", "country:KAZ"),
            ),
            claims=(
                Claim(
                    "c1",
                    "Bilateral trade growth",
                    5,
                    "percent",
                    None,
                    "2021",
                    ("country:KAZ",),
                    "person:putin",
                    ev2,
                ),
                Claim("c2", "tourists", 100, "persons", None, None, ("country:RUS",), None, ev2),
            ),
        ),
    )
    yield st
    st.close()


def test_entities_most_mentioned_first(store: Store) -> None:
    rows = list_entities(store)
    assert [r["id"] for r in rows][:2] == ["country:RUS", "country:KAZ"]
    rus = rows[0]
    assert (rus["n_mentions"], rus["n_docs"], rus["aliases"], rus["wikidata"]) == (
        3,
        2,
        ["Russian Federation"],
        "Q159",
    )
    # One mention each: by name.
    assert [r["id"] for r in list_entities(store, type="person")] == [
        "person:tokayev",
        "person:putin",
    ]
    assert [r["id"] for r in list_entities(store, limit=2, offset=1)] == [
        "country:KAZ",
        "person:tokayev",
    ]


@pytest.mark.parametrize(
    ("ref", "found"),
    [
        ("country:KAZ", "country:KAZ"),
        ("kazakhstan", "country:KAZ"),
        ("the Republic of Kazakhstan", "country:KAZ"),
        ("Russia", "country:RUS"),  # the KB's entity over the NER one of the same name
        ("putin", "person:putin"),
        ("Tokayev", "person:tokayev"),  # a person by surname when no name or alias fits
        ("Nobody", None),
        ("", None),
    ],
)
def test_find_entity(store: Store, ref: str, found: str | None) -> None:
    assert find_entity(store, ref) == found


def test_profile(store: Store) -> None:
    p = entity_profile(store, "person:tokayev")
    assert (p["name"], p["type"], p["n_mentions"], p["n_docs"]) == (
        "Kassym-Jomart Tokayev",
        "person",
        1,
        1,
    )
    assert [(r["as_of"], r["title"], r["of"]["name"]) for r in p["roles"]] == [
        ("2002", "Prime Minister", "Kazakhstan"),
        ("2020-06-09", "President", "Kazakhstan"),
    ]
    assert all(r["evidence"][0]["quote"] == TEXTS["doc1"][0:33] for r in p["roles"])
    assert [e["id"] for e in p["events"]] == ["e-call"] and p["n_events"] == 1
    assert p["documents"] == [
        {"id": "doc1", "title": None, "published": "2020-06-09", "doc_type": "other", "mentions": 1}
    ]
    assert {r["id"] for r in p["related"]} == {"country:KAZ", "country:RUS", "person:putin"}
    kaz = entity_profile(store, "country:KAZ")
    assert [h["person"]["id"] for h in kaz["holders"]] == ["person:tokayev"] * 2
    with pytest.raises(NotFound):
        entity_profile(store, "country:XXX")


def test_timeline_in_date_order_undated_last(store: Store) -> None:
    items = timeline(store)
    assert [e["id"] for e in items] == ["e-span", "e-sign", "e-talks", "e-call"]
    talks = items[2]
    assert talks["participants"] == [
        {"id": "country:KAZ", "name": "Kazakhstan", "type": "country"},
        {"id": "country:RUS", "name": "Russia", "type": "country"},
    ]
    assert talks["location"] == "Kazakhstan" and talks["evidence"][0]["doc"] == "doc1"
    assert [e["id"] for e in timeline(store, entity="country:RUS")] == ["e-sign", "e-talks"]


def test_timeline_dates_compare_on_their_shared_prefix(store: Store) -> None:
    # "2020" is inside a from of 2020-06; the 2019-11/2020-02 forum overlaps 2020 but not June.
    assert [e["id"] for e in timeline(store, date_from="2020-06")] == ["e-sign", "e-talks"]
    assert [e["id"] for e in timeline(store, date_to="2019-12")] == ["e-span"]
    assert [e["id"] for e in timeline(store, date_from="2020", date_to="2020")] == [
        "e-span",
        "e-sign",
        "e-talks",
    ]


def test_events_filter_and_page(store: Store) -> None:
    assert [e["id"] for e in list_events(store, type="talks")] == ["e-talks"]
    assert [e["id"] for e in list_events(store, limit=2, offset=1)] == ["e-sign", "e-talks"]
    assert [e["id"] for e in list_events(store, entity="person:putin")] == ["e-call"]


def test_claims_by_indicator_substring_and_subject(store: Store) -> None:
    (c,) = list_claims(store, indicator="TRADE")
    assert c["subject"] == [{"id": "country:KAZ", "name": "Kazakhstan"}]
    assert c["speaker"] == "Vladimir Putin" and c["value"] == 5 and c["unit"] == "percent"
    assert c["evidence"][0]["quote"] == "Trade with Kazakhstan grew by 5 percent."
    assert [x["id"] for x in list_claims(store, subject="country:RUS")] == ["c2"]
    assert list_claims(store, indicator="100%") == []  # LIKE wildcards are literal


def test_agreements_signed_first(store: Store) -> None:
    rows = list_agreements(store)
    assert [(a["id"], a["signed"]) for a in rows] == [("a-road", "2020-06-09"), ("a-old", None)]
    assert rows[0]["parties"] == [{"id": "country:RUS", "name": "Russia"}]
    assert [a["id"] for a in list_agreements(store, party="country:KAZ")] == ["a-old"]


def test_names_cost_one_query_per_call_not_one_per_row(store: Store) -> None:
    seen: list[str] = []
    store.db.db.set_trace_callback(seen.append)
    try:
        timeline(store)
        list_claims(store)
        list_agreements(store)
    finally:
        store.db.db.set_trace_callback(None)
    # Rows and names for each; events one more, for the documents that report them.
    assert len(seen) == 7
