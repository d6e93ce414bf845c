"""Entity pickers: completion over names and aliases, ranked by what the record holds; and the
actor graph cut to its strongest ties."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilateral.model import Document, Entity, Extraction, Mention
from bilateral.query.complete import CompletionIndex
from bilateral.query.graph import actor_graph, strongest
from bilateral.store import Store

ENTITIES = {
    "country:RUS": Entity(
        "country:RUS", "country", "Russia", ("Russia", "Russian Federation", "Россия"), None, True
    ),
    "country:ROU": Entity("country:ROU", "country", "Romania", ("Romania",), None, True),
    "person:rossi": Entity("person:rossi", "person", "Paolo Rossi", ("Paolo Rossi",), None, True),
    "org:rosatom": Entity(
        "org:rosatom", "organization", "Rosatom", ("Rosatom", "Росатом"), None, True
    ),
}
TEXTS = {
    "d1": (
        "Russia and Romania held talks. Paolo Rossi chaired them.",
        "Russia Romania Paolo Rossi",
    ),
    "d2": ("Russia signed a contract with Rosatom.", "Russia Rosatom"),
    "d3": ("Россия и Росатом подписали план.", "Россия Росатом"),
    "d4": ("Romania and Paolo Rossi met Rosatom.", "Romania Paolo Rossi Rosatom"),
}


def _entity_of(alias: str) -> Entity:
    return next(e for e in ENTITIES.values() if alias in e.aliases)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    db: Path = tmp_path_factory.mktemp("complete") / "c.db"
    s = Store(db)
    for i, (doc_id, (text, named)) in enumerate(TEXTS.items()):
        doc = Document(
            id=doc_id, source=f"/t/{doc_id}.txt", text=text, published="2024-01-0" + str(i + 1)
        )
        mentions = []
        for alias in ("Paolo Rossi", "Russia", "Romania", "Rosatom", "Россия", "Росатом"):
            if alias in named:
                start = text.index(alias)
                e = _entity_of(alias)
                mentions.append(Mention(doc_id, start, start + len(alias), alias, e.id, e.type))
        used = tuple(dict.fromkeys(_entity_of(m.text) for m in mentions))
        s.add_document(doc, i, Extraction(doc_id, entities=used, mentions=tuple(mentions)))
    return s


def _complete(store: Store, typed: str, **kw: object) -> list[tuple[str, str, int]]:
    items = CompletionIndex.build(store).complete(typed, **kw)  # type: ignore[arg-type]
    return [(i["id"], i["match"], i["documents"]) for i in items]


def test_a_word_of_a_name_or_alias_starting_with_what_was_typed(store: Store) -> None:
    # Ranked by the documents naming each: Rosatom 3, Romania 2, Paolo Rossi 2 (fewer mentions
    # would come later; equal, by name). Russia has no word starting with "ro".
    assert _complete(store, "ro") == [
        ("org:rosatom", "Rosatom", 3),
        ("person:rossi", "Paolo Rossi", 2),
        ("country:ROU", "Romania", 2),
    ]
    assert _complete(store, "ro", type="person") == [("person:rossi", "Paolo Rossi", 2)]
    assert _complete(store, "FED") == [("country:RUS", "Russian Federation", 3)]


def test_any_case_and_a_russian_alias(store: Store) -> None:
    # equal documents and mentions: by name
    assert _complete(store, "РОС") == [
        ("org:rosatom", "Росатом", 3),
        ("country:RUS", "Россия", 3),
    ]
    assert _complete(store, "россия") == [("country:RUS", "Россия", 3)]


def test_an_exact_name_comes_first_and_the_limit_holds(store: Store) -> None:
    assert _complete(store, "romania", limit=1) == [("country:ROU", "Romania", 2)]
    assert _complete(store, "ro", limit=1) == [("org:rosatom", "Rosatom", 3)]
    assert _complete(store, "  ") == [] and _complete(store, "xyz") == []


def _edge(s: str, t: str, documents: int, events: int = 0) -> dict[str, object]:
    return {
        "source": s,
        "target": t,
        "documents": documents,
        "events": events,
        "weight": documents + events,
    }


def test_the_strongest_ties_and_the_nodes_they_join() -> None:
    nodes = [{"id": x} for x in "abcde"]
    edges = [
        _edge("a", "b", 5),
        _edge("a", "c", 1, 1),
        _edge("b", "c", 2),
        _edge("c", "d", 4),
        _edge("d", "e", 1),
    ]
    kept, joined = strongest(edges, nodes, 2)  # type: ignore[arg-type]
    assert [(e["source"], e["target"]) for e in kept] == [("a", "b"), ("c", "d")]
    assert [n["id"] for n in joined] == ["a", "b", "c", "d"]  # e is left out
    # a tie of equal weight: more documents first, then by the ends' ids
    kept, _ = strongest(edges, nodes, 3)  # type: ignore[arg-type]
    assert [(e["source"], e["target"]) for e in kept] == [("a", "b"), ("b", "c"), ("c", "d")]
    # around e: its own tie first, and e stays
    kept, joined = strongest(edges, nodes, 2, keep="e")  # type: ignore[arg-type]
    assert [(e["source"], e["target"]) for e in kept] == [("a", "b"), ("d", "e")]
    assert [n["id"] for n in joined] == ["a", "b", "d", "e"]


def test_the_actor_graph_keeps_its_strongest_ties(store: Store) -> None:
    whole = actor_graph(store)
    assert len(whole["edges"]) == whole["total_edges"] == 6
    cut = actor_graph(store, ties=2)
    # Two ties of weight 2 (d1 and d4; d2 and d3), in the order of their ends' ids.
    assert [(e["source"], e["target"], e["weight"]) for e in cut["edges"]] == [
        ("country:ROU", "person:rossi", 2),
        ("country:RUS", "org:rosatom", 2),
    ]
    assert cut["total_edges"] == 6
    one = actor_graph(store, ties=1)
    assert sorted(n["id"] for n in one["nodes"]) == ["country:ROU", "person:rossi"]
    around = actor_graph(store, entity="org:rosatom", ties=1)
    assert [(e["source"], e["target"]) for e in around["edges"]] == [("country:RUS", "org:rosatom")]
    assert [n["id"] for n in around["nodes"]] == ["org:rosatom", "country:RUS"]
