"""Indicators on the relationship dashboard: values placed in time, conflicts only where two
sources state different figures for the same period."""

from __future__ import annotations

from pathlib import Path

from bilateral.model import Claim, Document, Evidence, Extraction
from bilateral.query.dashboard import pair_documents, pair_indicators
from bilateral.store import Store


def _series(seeds_db: Path, indicator: str, subject: str | None = None) -> dict:  # type: ignore[type-arg]
    """The series of ``indicator`` about ``subject`` (None: the longest series of it)."""
    store = Store(seeds_db)
    docs = [d["id"] for d in pair_documents(store, "country:KAZ", "country:RUS")]
    found = [
        s
        for s in pair_indicators(store, "country:KAZ", "country:RUS", docs)
        if s["indicator"] == indicator
        and (subject is None or [x["id"] for x in s["subject"]] == ([subject] if subject else []))
    ]
    return max(found, key=lambda s: len(s["values"]))


def test_one_sentence_with_two_figures_is_not_a_conflict(seeds_db: Path) -> None:
    students = _series(seeds_db, "students", "country:RUS")
    # "almost 74,000 Kazakhstani students ... with 30,000 of them receiving grants"
    same_year = [v for v in students["values"] if v["period"] == "2019-09/2020-06"]
    assert sorted(v["value"] for v in same_year) == [30000.0, 74000.0]
    assert not any(v["conflict"] for v in students["values"])
    assert students["conflicts"] == []


def test_a_figure_without_a_period_stands_at_its_documents_date(seeds_db: Path) -> None:
    # Each subject its own series: the students in Russia, those of Kazakhstan, and a figure
    # about no state in particular.
    unnamed = _series(seeds_db, "students", "")
    assert [(v["when"], v["value"]) for v in unnamed["values"]] == [("as of 2024-11-27", 60000.0)]
    assert not unnamed["charted"]  # about no named state: listed, not charted
    whens = [
        (v["when"], v["value"]) for v in _series(seeds_db, "students", "country:KAZ")["values"]
    ]
    # In time order, the undated document's figure last.
    assert whens == [("as of 2020-06-09", 9000.0), ("undated", 9000.0)]


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


def test_one_series_per_subject_and_no_conflict_between_subjects(tmp_path: Path) -> None:
    store = Store(tmp_path / "subjects.db")
    texts = {
        "a": ("In 2021, the economy of Aland grew by 4 percent.", "country:KAZ"),
        "b": ("In 2021, the economy of Bland grew by 2 percent.", "country:RUS"),
    }
    for i, (doc_id, (text, subject)) in enumerate(texts.items()):
        doc = Document(id=doc_id, source=f"/t/{doc_id}.txt", text=text, published="2022-01-01")
        value = float(text[text.index("by ") + 3 : text.index(" percent")])
        claim = Claim(
            f"claim:{doc_id}",
            "GDP growth",
            value,
            "percent",
            None,
            "2021",
            (subject,),
            None,
            (Evidence.of(doc, 0, len(text)),),
        )
        store.add_document(doc, i, Extraction(doc_id, claims=(claim,), stages=("claims.v1",)))
    series = pair_indicators(store, "country:KAZ", "country:RUS", list(texts))
    assert [([x["id"] for x in s["subject"]], s["conflicts"], s["charted"]) for s in series] == [
        (["country:KAZ"], [], True),
        (["country:RUS"], [], True),
    ]


def test_the_year_axis_leaves_out_an_outlying_year() -> None:
    from bilateral.query.dashboard import per_year, year_range

    recent = [{"date": f"{y}-05-01"} for y in (2016, 2017, 2017, 2018, 2020)]
    assert [y for y, _ in per_year([{"date": "1852"}, *recent])] == [
        "2016",
        "2017",
        "2018",
        "2019",
        "2020",
    ]
    assert year_range([1990, 2020]) == (1990, 2020)  # two years are a range, not an outlier
    assert year_range([]) is None
