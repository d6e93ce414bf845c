"""The document page of a Russian document: its text with the facts extracted from it
highlighted at the right Cyrillic words, labelled in English."""

from __future__ import annotations

import html as htmllib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bilateral.store import Store
from bilateral.workflow import ingest

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

# Written for this test: a date, KB persons and states in inflected forms, talks, a figure.
TEXT = """Переговоры министров иностранных дел

12 марта 2025 года Министр иностранных дел России Сергей Лавров провёл переговоры с Министром \
иностранных дел Казахстана в Москве. Товарооборот между Россией и Казахстаном в прошлом году \
вырос на 5,7 процента.
"""


@pytest.fixture(scope="module")
def russian_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("ru-page")
    (folder / "in").mkdir()
    (folder / "in" / "talks-ru.txt").write_text(TEXT, encoding="utf-8")
    db = folder / "ru.db"
    with Store(db) as store:
        summary = ingest(store, [str(folder / "in")], extract=True, workers=1)
        assert summary.errors == []
        (doc_id,) = store.document_ids()
    return db, doc_id


def test_a_russian_document_page_highlights_its_facts(
    russian_page: tuple[Path, str], make_client: Callable[..., TestClient]
) -> None:
    db, doc_id = russian_page
    client = make_client(db)
    response = client.get(f"/documents/{doc_id}")
    assert response.status_code == 200
    page = response.text
    facts = json.loads(re.search(r'id="facts-data">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    with Store(db) as store:
        ex = store.load_extraction(doc_id)
        doc = store.get_document(doc_id)
    assert doc is not None and ex is not None
    # The words each fact highlights, put together from the page's pieces: a mention's are
    # exactly the text at its offsets in the record (Cyrillic offsets are characters, in the
    # page as in the record).
    shown: dict[str, str] = {}
    for ids, text in re.findall(
        r'<span class="hl [^"]*" data-facts="([^"]*)"[^>]*>(.*?)</span>', page
    ):
        for fid in ids.split():
            shown[fid] = shown.get(fid, "") + htmllib.unescape(text)
    mentions = {shown[f["id"]]: f["label"] for f in facts if f["kind"] == "mention"}
    assert sorted(mentions) == sorted({doc.text[m.start : m.end] for m in ex.mentions})
    # The labels are the record's English names, the words highlighted the Russian ones.
    assert mentions["Сергей Лавров"] == "Sergey Lavrov"
    assert mentions["Казахстаном"] == "Kazakhstan"
    assert mentions["Москве"] == "Moscow"
    kinds = {f["kind"] for f in facts}
    assert {"mention", "event", "claim", "time"} <= kinds
    claim = next(f for f in facts if f["kind"] == "claim")
    assert claim["label"] == "bilateral trade"
    assert "<span" in page and "Товарооборот" in page
