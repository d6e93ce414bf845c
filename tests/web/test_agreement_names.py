"""A Russian document's agreement in the workbench: the English name as its label, the name as
the text words it beside, both found by the table's filters."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bilateral.model import Agreement, Document, Evidence, Extraction
from bilateral.store import Store

TEXT = "Стороны подписали Договор о дружбе и добрососедстве в Москве."
NAME_RU = "Договор о дружбе и добрососедстве"


def _db(tmp_path: Path) -> Path:
    path = tmp_path / "w.db"
    doc = Document("r" * 16, "/x/ru.txt", TEXT, title="Договор", language="ru")
    start = TEXT.index(NAME_RU)
    agreement = Agreement(
        "agreement:ru",
        "Treaty on Friendship and Good-Neighbourliness",
        "treaty",
        None,
        (),
        (Evidence.of(doc, 0, len(TEXT)),),
        name_original=TEXT[start : start + len(NAME_RU)],
    )
    with Store(path) as store:
        store.add_document(doc, 0, Extraction(doc.id, agreements=(agreement,)))
    return path


def test_the_table_labels_in_english_and_shows_the_russian_name_beside(
    tmp_path: Path, make_client: Callable[..., Any]
) -> None:
    client = make_client(_db(tmp_path))
    page = client.get("/agreements").text
    assert "Treaty on Friendship and Good-Neighbourliness" in page
    assert f'<small class="muted" lang="ru">{NAME_RU}</small>' in page
    items = client.get("/api/agreements", params={"q": "дружбе и добрососедстве"}).json()["items"]
    assert [(a["name"], a["name_original"]) for a in items] == [
        ("Treaty on Friendship and Good-Neighbourliness", NAME_RU)
    ]
    assert client.get("/api/agreements", params={"q": "Good-Neighbourliness"}).json()["total"] == 1
