"""Scoring links by the gold README: both ends overlap, either way round; relation accuracy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bilateral.eval import evaluate
from bilateral.kb import KnowledgeBase
from bilateral.model import Document, Evidence, Extraction, Plan, Position, Sentence
from bilateral.store import Store

SEED_LINKS = Path(__file__).resolve().parents[1].parent / "shared" / "gold" / "seed-links.jsonl"
EARLY = "The two ministers want the new ferry line across the lake to start soon."
LATE = "The ferry line across the lake starts in May, the ministers said."


def _store(path: Path) -> Store:
    store = Store(path, kb=KnowledgeBase(()))
    for name, text, published in (("early", EARLY, "2024-01-05"), ("late", LATE, "2024-03-01")):
        d = Document(
            id=name,
            source=f"/x/{name}.txt",
            text=text,
            published=published,
            sentences=(Sentence(0, len(text), 0, None),),
        )
        ev = (Evidence.of(d, 0, len(text)),)
        plan = Plan(f"plan:{name}", ("country:AAA",), "start the ferry line", None, "planned", ev)
        pos = Position(f"position:{name}", "country:AAA", "support", None, "ferry", ev)
        store.add_document(d, len(name), Extraction(name, plans=(plan,), positions=(pos,)))
    return store


@pytest.mark.parametrize("reverse", [False, True])
def test_a_link_matches_either_way_round(tmp_path: Path, reverse: bool) -> None:
    ends = [
        {"doc": "early", "quote": "ferry line across the lake to start"},
        {"doc": "late", "quote": LATE},
    ]
    if reverse:
        ends.reverse()
    gold = tmp_path / "links.jsonl"
    gold.write_text(json.dumps({"from": ends[0], "to": ends[1], "relation": "fulfils"}) + "\n")
    with _store(tmp_path / "e.db") as store:
        report = evaluate(store, gold)
    links, relations = report.scores["links"], report.scores["link_relations"]
    assert (links.tp, links.n_system, links.n_gold) == (1, 1, 1)
    assert (relations.tp, relations.n_gold) == (0, 1)  # the system says restates
    assert "entities" not in report.scores  # a links file alone scores links alone


def test_the_seed_links_reach_the_target(seeds_db: Path) -> None:
    if not SEED_LINKS.is_file():
        pytest.skip("../shared/gold/seed-links.jsonl is not here")
    with Store(seeds_db) as store:
        score = evaluate(store, SEED_LINKS).scores["links"]
    assert score.recall is not None and score.recall >= 0.75
