"""Entity pickers by name, the completion behind them, the graph's strongest ties, and errors
said inside the page that keeps what was typed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def test_completion_over_names_and_aliases(client: TestClient) -> None:
    r = client.get("/api/complete?q=RUSSIAN")
    assert r.status_code == 200
    assert r.json() == {
        "items": [
            {
                "id": "country:RUS",
                "name": "Russia",
                "type": "country",
                "match": "Russian Federation",
                "documents": 4,
            }
        ]
    }
    assert [i["id"] for i in client.get("/api/complete?q=lav").json()["items"]] == ["person:lavrov"]
    # type narrows; nothing typed, nothing suggested; the limit is checked
    assert client.get("/api/complete?q=k&type=person").json() == {"items": []}
    assert client.get("/api/complete?q=").json() == {"items": []}
    assert client.get("/api/complete?q=k&limit=0").status_code == 400


@pytest.mark.parametrize(
    ("url", "picker"),
    [
        ("/events", 'name="entity"'),
        ("/claims", 'name="subject"'),
        ("/agreements", 'name="party"'),
        ("/positions", 'name="holder"'),
        ("/plans", 'name="holder"'),
        ("/documents", 'name="entity"'),
        ("/search", 'name="entity"'),
        ("/graph", 'name="entity"'),
    ],
)
def test_every_entity_filter_is_a_picker(client: TestClient, url: str, picker: str) -> None:
    html = client.get(url).text
    found = re.search(rf'<input {picker}[^>]* list="([^"]+)" data-complete="[^"]*"', html)
    assert found, html[:2000]
    assert f'<datalist id="{found.group(1)}">' in html


def test_the_dashboards_pickers_suggest_the_countries_by_name(client: TestClient) -> None:
    html = client.get("/?a=country:RUS&b=country:KAZ").text
    assert re.findall(r'<input name="(a|b)" id="state-.?" value="([^"]*)"', html) == [
        ("a", "Russia"),
        ("b", "Kazakhstan"),
    ]
    assert (
        '<datalist id="state-a-names"><option value="Russia">country · 4 documents</option>' in html
    )


def test_a_filter_takes_a_name_or_an_id(client: TestClient) -> None:
    by_id = client.get("/api/events?entity=country:CHN").json()
    assert by_id["total"] == 1
    for name in ("China", "china"):
        assert client.get(f"/api/events?entity={name}").json()["items"] == by_id["items"]
    assert client.get("/api/claims?subject=kazakhstan").json()["total"] == 3
    assert (
        client.get("/api/graph?entity=China").json()
        == client.get("/api/graph?entity=country:CHN").json()
    )
    # the page shows the id by its name
    html = client.get("/events?entity=country:CHN").text
    assert '<input name="entity" value="China" list="entity-names"' in html
    assert client.get("/api/events?entity=Atlantis").status_code == 400


def test_the_graph_keeps_the_strongest_ties(client: TestClient) -> None:
    whole = client.get("/api/graph").json()
    cut = client.get("/api/graph?ties=2").json()
    assert len(cut["edges"]) == 2 and cut["total_edges"] == len(whole["edges"])
    strongest = sorted(whole["edges"], key=lambda e: (-e["weight"], -e["documents"]))[:2]
    assert {(e["source"], e["target"]) for e in cut["edges"]} == {
        (e["source"], e["target"]) for e in strongest
    }
    ends = {x for e in cut["edges"] for x in (e["source"], e["target"])}
    assert {n["id"] for n in cut["nodes"]} == ends  # no node without a kept tie
    html = client.get("/graph?ties=20&entity=country:CHN").text
    assert '<option value="20" selected>20</option>' in html
    assert 'data-entity="country:CHN" data-ties="20"' in html
    assert 'value="China"' in html


@pytest.mark.parametrize(
    ("url", "status", "message", "kept"),
    [
        ("/events?from=2020-13", 400, "from &#39;2020-13&#39; is not a date", 'value="2020-13"'),
        ("/events?type=bogus", 400, "type &#39;bogus&#39;", 'name="type"'),
        (
            "/claims?subject=Atlantis",
            400,
            "subject: no entity &#39;Atlantis&#39;",
            'value="Atlantis"',
        ),
        ("/agreements?party=Atlantis", 400, "party: no entity", 'value="Atlantis"'),
        ("/documents?entity=Atlantis", 400, "entity: no entity", 'value="Atlantis"'),
        ("/plans?as_of=2024-02-30", 400, "as_of", 'name="holder"'),
        ("/positions?from=yesterday", 400, "from &#39;yesterday&#39;", 'value="yesterday"'),
        ("/search?q=trade&entity=Atlantis", 400, "entity: no entity", 'value="Atlantis"'),
        (
            "/?a=Atlantis&b=Russia",
            404,
            "no entity &#39;Atlantis&#39; in the record",
            'value="Atlantis"',
        ),
        ("/?a=Russia&b=russia", 400, "pick two different states", 'value="russia"'),
        ("/graph?entity=Atlantis", 404, "no entity &#39;Atlantis&#39;", 'value="Atlantis"'),
    ],
)
def test_an_error_is_said_inside_the_page(
    client: TestClient, url: str, status: int, message: str, kept: str
) -> None:
    r = client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    alert = re.search(r'<p class="error message" role="alert">([^<]*)</p>', r.text)
    assert alert and message in alert.group(1), r.text[:3000]
    assert kept in r.text  # the form is still there, holding what was typed
    assert "<nav>" in r.text and "<form" in r.text  # the page's own layout, not a bare error
