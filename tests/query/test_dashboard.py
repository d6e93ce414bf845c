"""The relationship dashboard's organisations: memberships from the knowledge base, as of the
last document, apart from the organisations merely named alongside both states."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bilateral.kb import KnowledgeBase
from bilateral.model import Document, Entity, Extraction, Mention
from bilateral.query.dashboard import dashboard, memberships
from bilateral.query.report import build, render_markdown
from bilateral.store import Store

NAMES = {
    "Russia": Entity("country:RUS", "country", "Russia", (), None, True),
    "Kazakhstan": Entity("country:KAZ", "country", "Kazakhstan", (), None, True),
    "CIS": Entity(
        "org:cis", "organization", "Commonwealth of Independent States", ("CIS",), None, True
    ),
    "NATO": Entity("org:nato", "organization", "NATO", (), None, True),
}
TEXTS = {
    "d1": ("2019-05-01", "Russia and Kazakhstan met at the CIS summit."),
    "d2": ("2021-03-01", "Kazakhstan and Russia discussed NATO and the CIS."),
    "d3": ("2021-06-01", "Russia spoke about the CIS."),
}


@pytest.fixture
def kb() -> KnowledgeBase:
    countries = [{"id": f"country:{c}", "name": c} for c in ("RUS", "KAZ", "USA")]
    orgs = [
        {
            "id": "org:cis",
            "name": "Commonwealth of Independent States",
            "members": ["country:RUS 1991-12", "country:KAZ 1991-12"],
        },
        {"id": "org:old", "name": "Old Union", "members": ["country:RUS ../2020", "country:KAZ"]},
        {"id": "org:nato", "name": "NATO", "members": ["country:USA 1949-04-04"]},
    ]
    return KnowledgeBase.from_records(
        {"countries.yaml": {"entities": countries}, "organizations.yaml": {"entities": orgs}}
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    st = Store(tmp_path / "d.db")
    for i, (doc_id, (published, text)) in enumerate(TEXTS.items()):
        found = [(m, NAMES[m.group()]) for m in re.finditer("|".join(NAMES), text)]
        st.add_document(
            Document(id=doc_id, source=f"/c/{doc_id}.txt", text=text, published=published),
            i,
            Extraction(
                doc_id,
                entities=tuple({e.id: e for _, e in found}.values()),
                mentions=tuple(
                    Mention(doc_id, m.start(), m.end(), m.group(), e.id, e.type) for m, e in found
                ),
            ),
        )
    yield st
    st.close()


def test_memberships_as_of_the_last_document(store: Store, kb: KnowledgeBase) -> None:
    board = dashboard(store, "country:RUS", "country:KAZ", kb)
    assert board["as_of"] == "2021-03-01"  # d3 names Russia only
    # Russia left the Old Union in 2020: not a shared membership in 2021.
    assert board["memberships"] == [
        {
            "id": "org:cis",
            "name": "Commonwealth of Independent States",
            "in_record": True,
            "documents": 2,
        }
    ]
    # Named alongside both is another list, and says nothing of membership.
    assert [(o["id"], o["a"], o["b"], o["both"]) for o in board["organisations"]] == [
        ("org:cis", 3, 2, 2),
        ("org:nato", 1, 1, 1),
    ]


def test_memberships_on_another_date(store: Store, kb: KnowledgeBase) -> None:
    pair = ("country:RUS", "country:KAZ")
    items = memberships(store, kb, *pair, ["d1", "d2"], "2019")
    assert [(o["id"], o["documents"], o["in_record"]) for o in items] == [
        ("org:cis", 2, True),
        ("org:old", 0, False),
    ]
    assert [o["id"] for o in memberships(store, kb, *pair, [], None)] == ["org:cis"]
    assert memberships(store, kb, "country:RUS", "country:USA", ["d1"], None) == []


def test_the_report_lists_memberships_at_the_end_of_its_period(
    store: Store, kb: KnowledgeBase
) -> None:
    def section(date_to: str | None) -> list[str]:
        dossier = build(store, "Russia", "Kazakhstan", date_to=date_to, kb=kb)
        (members,) = [s for s in dossier.sections if s.title.startswith("Organisations both")]
        return [members.title, *(text for text, _ in members.lines)]

    assert section(None) == [
        "Organisations both belong to (knowledge base, as of 2021-03-01)",
        "Commonwealth of Independent States: named in 2 of the documents",
    ]
    assert section("2019") == [
        "Organisations both belong to (knowledge base, as of 2019)",
        "Commonwealth of Independent States: named in 2 of the documents",
        "Old Union",
    ]
    markdown = render_markdown(build(store, "Russia", "Kazakhstan", kb=kb))
    assert "- Commonwealth of Independent States: named in 2 of the documents[^" in markdown
    assert "## Organisations named with both" in markdown
