"""Positions and plans scored by the gold README's rules on a hand-made record: span overlap
through quotes, holders by the name rule (holder_alt), stance groups, due prefixes, duplicates
neither hit nor false positive; and the export's position and plan lines."""

from __future__ import annotations

import json
from pathlib import Path

from bilateral.eval import evaluate
from bilateral.eval.rules import due_matches, spans_overlap, stance_group
from bilateral.export import iter_records
from bilateral.model import Document, Entity, Evidence, Extraction, Mention, Plan, Position
from bilateral.store import Store

TEXT = (
    "Norway fully supports the “green corridor” plan. "
    "Norway condemns the blockade of the port. "
    "The two states will open a joint office in Oslo in May 2025. "
    "Work on the new bridge is under way."
)


def _ev(doc: Document, phrase: str) -> tuple[Evidence, ...]:
    start = TEXT.index(phrase)
    return (Evidence.of(doc, start, start + len(phrase)),)


def _store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "p.db")
    doc = Document(id="b" * 16, source="/c/010_beta.txt", text=TEXT, published="2024-11-02")
    nor = Entity("country:NOR", "country", "Norway", ("Kingdom of Norway",), None, True)
    mention = Mention(doc.id, 0, 6, "Norway", "country:NOR", "country")
    s1 = _ev(doc, TEXT.split(". ")[0] + ".")
    positions = (
        Position("p1", "country:NOR", "support", None, "plan", s1),
        # the same gold item again: a duplicate, neither hit nor false positive
        Position("p2", "country:NOR", "welcome", None, "plan", s1),
        # right span, wrong group (B for an A gold): a false positive
        Position("p3", "country:NOR", "criticise", None, "plan", s1),
        Position(
            "p4", "country:NOR", "condemn", None, "blockade", _ev(doc, "condemns the blockade")
        ),
    )
    plans = (
        Plan(
            "l1",
            ("country:NOR",),
            "open office",
            "2025-05",
            "planned",
            _ev(doc, "will open a joint office in Oslo in May 2025"),
        ),
        # the gold wants a day: the month does not start with it
        Plan(
            "l2",
            ("country:NOR",),
            "bridge",
            "2025",
            "planned",
            _ev(doc, "Work on the new bridge is under way."),
        ),
    )
    ex = Extraction(doc.id, (nor,), (mention,), positions=positions, plans=plans)
    store.add_document(doc, 0, ex)
    return store


def test_rules() -> None:
    assert spans_overlap("said “yes” to it", 'He said "yes"  to it.')
    assert spans_overlap(
        "x" * 10 + "a shared run of twenty-five chars", "a shared run of twenty-five chars" + "y"
    )
    assert not spans_overlap("a" + "c" * 24 + "d", "b" + "c" * 24 + "e")
    assert [stance_group(s) for s in ("praise", "deny", "concern", "propose")] == [
        "A",
        "B",
        "C",
        "D",
    ]
    assert due_matches("2020", "2020-10") and not due_matches("2020-06-24", "2020-06")
    assert due_matches(None, None) and not due_matches("2020", None)


def test_scores(tmp_path: Path) -> None:
    store = _store(tmp_path)
    gold = tmp_path / "g.jsonl"
    line = {
        "doc": "010_beta",
        "positions": [
            {
                "holder": "Oslo government",
                "holder_alt": ["Kingdom of Norway"],
                "stance": "support",
                "target": None,
                "quote": 'supports the "green corridor" plan',
            },
            {
                "holder": "Norway",
                "stance": "condemn",
                "target": "Port",
                "quote": "Norway condemns the blockade of the port.",
            },
            {"holder": "Norway", "stance": "concern", "quote": "Work on the new bridge"},
        ],
        "plans": [
            {
                "holder": ["Norway"],
                "action": "office",
                "due": "2025",
                "status": "planned",
                "quote": "The two states will open a joint office in Oslo",
            },
            {
                "holder": [],
                "action": "bridge",
                "due": "2025-01-10",
                "status": "under_way",
                "quote": "Work on the new bridge is under way.",
            },
        ],
    }
    gold.write_text(json.dumps(line) + "\n", encoding="utf-8")
    report = evaluate(store, gold)
    s = {k: (v.tp, v.n_system, v.n_gold) for k, v in report.scores.items()}
    assert s["positions"] == (2, 3, 3)
    assert s["plans"] == (1, 2, 2)
    assert s["position_targets"] == (1, 2, 2)
    assert s["plan_status"] == (1, 1, 1)
    records = [r for r in iter_records(store) if r["kind"] in ("position", "plan")]
    assert [r["kind"] for r in records] == ["position"] * 4 + ["plan"] * 2
    assert records[4]["holders"] == ["country:NOR"] and records[4]["due"] == "2025-05"
    assert records[0]["evidence"][0]["quote"] == "Norway fully supports the “green corridor” plan."
