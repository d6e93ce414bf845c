"""kb/build_places.py: ISO 3166-2 subdivisions as places, guarded by counts written here, and the
packaged knowledge base reading a province in a sentence written here."""

from __future__ import annotations

from collections import Counter

from bilateral.context import Context
from bilateral.extract.entities.stage import extract_entities
from bilateral.kb import load_kb
from bilateral.kb.build_places import _english_forms, subdivision_records
from bilateral.model import Document


def test_english_forms_of_iso_names() -> None:
    assert _english_forms("Ilocos (Region I)") == ["Ilocos"]
    assert _english_forms("Adygeya, Respublika") == ["Adygeya"]
    assert _english_forms("Amurskaya oblast'") == []
    assert _english_forms("Wales [Cymru GB-CYM]") == ["Wales"]


def _philippines(counts: Counter[str], taken: set[str] | None = None) -> dict[str, str]:
    recs = subdivision_records({"country:PHL"}, taken or set(), set(), {"cruz"}, counts)
    assert {r["country"] for r in recs} == {"country:PHL"}
    return {r["name"]: r["kind"] for r in recs}


def test_provinces_of_a_state_become_its_regions() -> None:
    places = _philippines(Counter())
    assert places["Sulu"] == places["Basilan"] == places["Lanao del Sur"] == "region"


def test_a_name_of_ordinary_words_or_one_the_kb_has_is_left_out() -> None:
    counts = Counter({"national": 50, "capital": 80, "region": 90, "National": 5, "Capital": 4})
    places = _philippines(counts, taken={"basilan"})
    assert "National Capital Region" not in places and "Basilan" not in places
    assert "Sulu" in places


def test_a_word_mostly_written_inside_longer_names_is_left_out() -> None:
    assert "Sulu" not in _philippines(Counter({"Sulu": 10, "=Sulu": 2}))
    assert "Sulu" in _philippines(Counter({"Sulu": 10, "=Sulu": 6}))


def test_the_packaged_kb_reads_a_province_with_its_state() -> None:
    kb = load_kb()
    text = "Marines were sent to Basilan and to Lanao del Sur after the storm."
    _, mentions = extract_entities(Document(id="d", source="t", text=text), Context(kb=kb))
    found = {(m.text, m.entity) for m in mentions}
    assert ("Basilan", "place:basilan") in found
    assert ("Lanao del Sur", "place:lanao-del-sur") in found
    assert kb.get("place:basilan").country == "country:PHL"  # type: ignore[union-attr]


def test_a_body_named_after_a_region_keeps_its_name() -> None:
    text = "Jane B. Miller, who chairs the Consular Corps of Colorado, spoke in Denver."
    _, mentions = extract_entities(Document(id="d", source="t", text=text), Context(kb=load_kb()))
    assert [(m.text, m.type) for m in mentions] == [
        ("Jane B. Miller", "person"),
        ("Consular Corps of Colorado", "organization"),
        ("Denver", "place"),
    ]
