"""Indicators on the relationship dashboard: values placed in time, conflicts only where two
sources state different figures for the same period."""

from __future__ import annotations

from pathlib import Path

from bilateral.model import Claim, Document, Evidence, Extraction
from bilateral.query.dashboard import pair_documents, pair_indicators
from bilateral.store import Store


def _series(seeds_db: Path, indicator: str) -> dict:  # type: ignore[type-arg]
    store = Store(seeds_db)
    docs = [d["id"] for d in pair_documents(store, "country:KAZ", "country:RUS")]
    series = {s["indicator"]: s for s in pair_indicators(store, "country:KAZ", "country:RUS", docs)}
    return series[indicator]


def test_one_sentence_with_two_figures_is_not_a_conflict(seeds_db: Path) -> None:
    students = _series(seeds_db, "students")
    # "almost 74,000 Kazakhstani students ... with 30,000 of them receiving grants"
    same_year = [v for v in students["values"] if v["period"] == "2019-09/2020-06"]
    assert sorted(v["value"] for v in same_year) == [30000.0, 74000.0]
    assert not any(v["conflict"] for v in students["values"])
    assert students["conflicts"] == []


def test_a_figure_without_a_period_stands_at_its_documents_date(seeds_db: Path) -> None:
    students = _series(seeds_db, "students")
    whens = [(v["when"], v["value"]) for v in students["values"]]
    assert ("as of 2024-11-27", 60000.0) in whens
    assert ("as of 2020-06-09", 9000.0) in whens
    # In time order, the undated document's figure last.
    assert whens[0][0] == "2019-09/2020-06" and whens[-1][0] == "undated"


def test_the_seeds_trade_figures_agree(seeds_db: Path) -> None:
    trade = _series(seeds_db, "bilateral trade")
    years = {v["period"]: v["value"] for v in trade["values"]}
    # 2022: "over $28 billion" (001); the 2024 article's "Last year ... USD 28 billion" is 2023.
    assert years["2022"] == 28e9 and years["2023"] == 28e9
    assert trade["conflicts"] == []


def test_two_sources_for_one_period_that_disagree_are_flagged(tmp_path: Path) -> None:
    store = Store(tmp_path / "t.db")
    texts = {
        "a": "In 2022, trade between Russia and Kazakhstan reached $28 billion.",
        "b": "In 2022, trade between Russia and Kazakhstan reached $24 billion.",
        "c": "In 2022, trade between Russia and Kazakhstan reached $28.1 billion.",
    }
    for i, (doc_id, text) in enumerate(texts.items()):
        doc = Document(
            id=doc_id, source=f"/t/{doc_id}.txt", text=text, published="2023-01-0" + str(i + 1)
        )
        start = text.index("$")
        value = float(text[start + 1 : text.index(" billion")]) * 1e9
        claim = Claim(
            f"claim:{doc_id}",
            "bilateral trade",
            value,
            "USD",
            None,
            "2022",
            ("country:RUS", "country:KAZ"),
            None,
            (Evidence.of(doc, 0, len(text)),),
        )
        store.add_document(doc, i, Extraction(doc_id, claims=(claim,), stages=("claims.v1",)))
    series = pair_indicators(store, "country:KAZ", "country:RUS", list(texts))[0]
    flags = {v["doc"]: v["conflict"] for v in series["values"]}
    # 24 disagrees with both others by more than 5%; 28 and 28.1 agree with each other.
    assert flags == {"a": True, "b": True, "c": True}
    assert series["conflicts"] == ["2022"]
