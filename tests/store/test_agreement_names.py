"""An agreement named in a Russian document: its English name and the name as the text words it
(migration 0012) through both stores and the exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from bilateral.export import export_csv, export_jsonl
from bilateral.model import Agreement, Document, Evidence, Extraction
from bilateral.store import Store

RU = "Стороны подписали Договор о дружбе и добрососедстве. Договор вступит в силу летом."
EN = "The two sides signed the Treaty on Friendship and Good-Neighbourliness today."


def _record(store: Store) -> tuple[Agreement, Agreement]:
    ru = Document("r" * 16, "/x/ru.txt", RU, title="Договор", language="ru")
    en = Document("e" * 16, "/x/en.txt", EN, title="Treaty")
    name_ru = "Договор о дружбе и добрососедстве"
    start = RU.index(name_ru)
    a_ru = Agreement(
        "agreement:ru",
        "Treaty on Friendship and Good-Neighbourliness",
        "treaty",
        None,
        (),
        (Evidence.of(ru, 0, RU.index(".") + 1),),
        name_original=RU[start : start + len(name_ru)],
    )
    a_en = Agreement(
        "agreement:en",
        "Treaty on Friendship and Good-Neighbourliness",
        "treaty",
        "2025-03-04",
        (),
        (Evidence.of(en, 0, len(EN)),),
    )
    store.add_document(ru, 0, Extraction(ru.id, agreements=(a_ru,), stages=("agreements.v2",)))
    store.add_document(en, 0, Extraction(en.id, agreements=(a_en,), stages=("agreements.v2",)))
    return a_ru, a_en


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "a.db")
    return str(request.getfixturevalue("pg_url"))


def test_both_names_round_trip(store_url: str) -> None:
    with Store(store_url) as store:
        a_ru, a_en = _record(store)
        assert store.load_extraction("r" * 16).agreements == (a_ru,)
        assert store.load_extraction("e" * 16).agreements == (a_en,)


def test_the_exports_carry_the_original_name_after_the_existing_fields(store_url: str) -> None:
    with Store(store_url) as store:
        _record(store)
        out = io.StringIO()
        export_jsonl(store, out)
        lines = [json.loads(x) for x in out.getvalue().splitlines()]
        got = [(x["name"], x["name_original"]) for x in lines if x["kind"] == "agreement"]
        assert got == [
            ("Treaty on Friendship and Good-Neighbourliness", None),
            ("Treaty on Friendship and Good-Neighbourliness", "Договор о дружбе и добрососедстве"),
        ]
        keys = [list(x) for x in lines if x["kind"] == "agreement"]
        assert keys[0] == [
            "kind", "id", "name", "type", "signed", "parties", "evidence", "name_original",
        ]  # fmt: skip


def test_the_csv_ends_with_the_original_name(tmp_path: Path) -> None:
    with Store(tmp_path / "c.db") as store:
        _record(store)
        export_csv(store, tmp_path / "csv")
    with (tmp_path / "csv" / "agreements.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][:4] == ["id", "name", "type", "signed"]
    assert rows[0][-1] == "name_original"
    assert [r[-1] for r in rows[1:]] == ["", "Договор о дружбе и добрососедстве"]
