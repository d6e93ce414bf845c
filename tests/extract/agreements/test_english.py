from __future__ import annotations

from bilateral.extract.agreements.english import english_name
from bilateral.lang.ru import RussianLayer
from bilateral.model import Document


def render(text: str, head: int, parties: tuple[str, ...] = ()) -> str:
    """The English of a whole-text name whose head is its ``head``-th token; "Гайана" is named."""
    doc = Document("t", "test", text, language="ru")
    toks = RussianLayer().read(doc).tokens
    names = {t.start: (t.end, "Guyana") for t in toks if t.text.startswith("Гайан")}
    return english_name(toks, (head, head + 1), names, parties)


def test_complement_then_parties_as_english_orders_them() -> None:
    assert render("Договор между Гайаной о стратегическом партнёрстве и сотрудничестве", 0) == (
        "Treaty on Strategic Partnership and Cooperation between Guyana"
    )
    assert render("Совместное заявление о туризме", 1, ("Russia", "Guyana")) == (
        "Joint Statement on Tourism between Russia and Guyana"
    )


def test_genitive_chain_and_a_quoted_title() -> None:
    assert render("соглашение о строительстве атомной электростанции", 0) == (
        "Agreement on Construction of Nuclear Power Plant"
    )
    assert render("программа «Российский учитель за рубежом»", 0) == (
        "Russian Teacher Abroad Programme"
    )
