"""The HTML pages: each shows real content from the record, links to evidence at its offsets."""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bilateral.web.highlight import pieces

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

HAS_EXPORT = importlib.util.find_spec("bilateral.export") is not None


def page(client: TestClient, url: str, status: int = 200) -> str:
    r = client.get(url)
    assert r.status_code == status, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    return str(r.text)


def test_dashboard_defaults_to_the_most_present_pair(client: TestClient) -> None:
    html = page(client, "/")
    assert "<title>Kazakhstan – Russia · bilateral</title>" in html
    assert '<svg class="chart"' in html  # events per year and the indicator
    assert "events per year" in html
    assert '<span class="badge planned">planned</span>' in html
    assert "Conflicting values for 2022 (more than 5% apart)." in html
    assert html.count('<span class="badge conflict"') == 2
    assert "26 billion" in html and "28 billion" in html
    # each value links to its document at the evidence offsets
    assert "/documents/doc3?start=44&amp;end=63#target" in html
    assert "Agreement on Visa-Free Travel" in html
    assert ">Eurasian Economic Union</a>" in html
    assert "Minister of Foreign Affairs" in html


def test_dashboard_for_a_chosen_pair(client: TestClient) -> None:
    html = page(client, "/?a=country:RUS&b=country:CHN")
    assert "<title>Russia – China · bilateral</title>" in html
    assert "meeting" in html
    assert "No quantitative claims about this pair." in html


def test_dashboard_lists_the_organisations_both_belong_to(
    members_db: Path, make_client: Callable[..., TestClient]
) -> None:
    html = page(make_client(members_db), "/?a=country:RUS&b=country:KAZ")
    start = html.index("<h2>Organisations both belong to</h2>")
    also = html.index("<h3>Also named alongside both</h3>", start)
    members, named = html[start:also], html[also : html.index("</section>", also)]
    assert "Members of both on 2024-11-27, the date of the latest document" in members
    rows = re.findall(r'<tr><td>(.*?)</td>\s*<td class="num">(.*?)</td></tr>', members)
    assert rows == [
        (
            '<a href="/entities/org:cis">Commonwealth of Independent States</a>',
            '<a href="/documents?entity=country%3ARUS&amp;entity=country%3AKAZ'
            '&amp;entity=org%3Acis">2</a>',
        ),
        ("Caspian Five", "0"),
        ("Collective Security Treaty Organization", "0"),
        ("Conference on Interaction and Confidence-Building Measures in Asia", "0"),
        ("Eurasian Economic Union", "0"),
        ("OPEC+", "0"),
        ("Organization for Security and Co-operation in Europe", "0"),
        ('<a href="/entities/org:sco">Shanghai Cooperation Organisation</a>', "0"),
        ("United Nations", "0"),
        ("World Trade Organization", "0"),
    ]
    # NATO is named with both, and neither list calls it a membership of Kazakhstan's.
    assert "North Atlantic Treaty Organization" not in members
    assert re.findall(r'<a href="/entities/([^"]+)">', named) == ["org:nato"]


def test_documents_naming_several_entities(
    members_db: Path, make_client: Callable[..., TestClient]
) -> None:
    client = make_client(members_db)
    html = page(client, "/documents?entity=country:RUS&entity=country:KAZ&entity=org:cis")
    assert "1–2 of 2" in html and "Document m3" not in html
    # the form keeps every entity of the filter, each in a picker showing its name, and one
    # empty picker to add another
    assert re.findall(r'<input name="entity" id="entity-[^"]+" value="([^"]*)"', html) == [
        "Russia",
        "Kazakhstan",
        "Commonwealth of Independent States",
        "",
    ]
    # sorting keeps every entity of the filter
    assert (
        'href="/documents?entity=country%3ARUS&amp;entity=country%3AKAZ&amp;entity=org%3Acis'
        '&amp;sort=title"' in html
    )
    assert "1–1 of 1" in page(client, "/documents?entity=country:RUS&entity=org:nato")


def test_dashboard_refuses_unknown_or_equal_states(client: TestClient) -> None:
    assert "no entity &#39;country:XXX&#39; in the record" in page(
        client, "/?a=country:XXX&b=country:KAZ", 404
    )
    assert "pick two different states" in page(client, "/?a=country:KAZ&b=country:KAZ", 400)


def test_a_document_with_highlighted_facts(client: TestClient) -> None:
    html = page(client, "/documents/doc1?start=75&end=139")
    facts = json.loads(re.search(r'id="facts-data">(.*?)</script>', html, re.S).group(1))  # type: ignore[union-attr]
    kinds = {f["kind"] for f in facts}
    assert kinds == {"mention", "claim", "event", "role", "time"}
    claim = next(f for f in facts if f["kind"] == "claim")
    assert claim["label"] == "bilateral trade"
    assert ["value", "20 billion"] in claim["fields"]
    assert ["period", "2019"] in claim["fields"]
    # the claim's words are one highlighted piece, inside the linked target range
    piece = re.search(r'<span class="hl k-claim target" data-facts="(f\d+)"', html)
    assert piece and piece.group(1) == claim["id"]
    assert 'id="target"' in html
    assert "$20 billion in 2019</span>" in html
    assert "Minister of Foreign Affairs" in html


def test_a_transcript_shows_its_speaker_turns(client: TestClient) -> None:
    html = page(client, "/documents/doc2")
    assert html.count('class="turn-mark"') == 3
    assert '<a href="#turn-0">Sergey Lavrov</a>' in html
    assert "Speaker turns" in html


def test_unknown_document_page_is_404(client: TestClient) -> None:
    html = page(client, "/documents/missing", 404)
    assert "no document &#39;missing&#39;" in html


def test_documents_list_filters_and_sorts(client: TestClient) -> None:
    html = page(client, "/documents?type=transcript")
    assert "Press conference in Moscow" in html and "Putin article" not in html
    assert "1–1 of 1" in html
    html = page(client, "/documents?sort=-title")
    titles = re.findall(r'<td><a href="/documents/doc\d">([^<]+)</a></td>', html)
    assert titles == sorted(titles, reverse=True)
    assert "unknown sort key" in page(client, "/documents?sort=size", 400)
    assert "is not a date" in page(client, "/documents?from=yesterday", 400)


@pytest.mark.parametrize(
    ("url", "present", "absent"),
    [
        ("/events", "Lavrov talks with Tleuberdi", None),
        ("/events?status=planned", "Vladimir Putin", "Astana"),
        ("/events?q=summit", "Astana", "Moscow</a></td>"),
        ("/events?sort=-date", "date ▼", None),
        ("/claims", "28 billion", None),
        ("/claims?indicator=bilateral+trade&sort=value", "value ▲", None),
        ("/agreements", "Agreement on Visa-Free Travel", None),
        ("/agreements?q=nothing-like-this", "nothing found", "Visa-Free"),
    ],
)
def test_tables(client: TestClient, url: str, present: str, absent: str | None) -> None:
    html = page(client, url)
    assert present in html
    if absent:
        assert absent not in html


def test_tables_page_on_the_server(client: TestClient) -> None:
    html = page(client, "/events?page=2")
    assert "nothing found" not in html  # 5 events, 50 a page: page 2 is past the end
    assert "<tbody>\n  </tbody>" in html
    assert "page: Input should be greater than or equal to 1" in page(client, "/events?page=0", 400)
    assert "unknown sort key" in page(client, "/claims?sort=colour", 400)


def test_sort_links_keep_the_filters(client: TestClient) -> None:
    html = page(client, "/events?type=talks&page=1")
    assert 'href="/events?type=talks&amp;sort=date"' not in html  # date is already the sort
    assert 'href="/events?type=talks&amp;sort=-date"' in html
    assert 'href="/events?type=talks&amp;sort=type"' in html


def test_search_page_highlights_terms(client: TestClient) -> None:
    html = page(client, "/search?q=trade&type=transcript")
    assert "1–1 of 1" in html
    assert "<mark>Trade</mark> between Russia and Kazakhstan reached $26 billion" in html
    assert 'href="/documents/doc2?start=0&amp;end=79#target"' in html
    assert "unbalanced double quote" in page(client, '/search?q="oops', 400)
    assert "Type words to search" in page(client, "/search")


def test_graph_page_and_downloads_page(client: TestClient) -> None:
    assert '<svg id="graph"' in page(client, "/graph?type=country")
    html = page(client, "/downloads")
    for name in (
        "export.jsonl",
        "events.csv",
        "claims.csv",
        "agreements.csv",
        "roles.csv",
        "entities.csv",
        "events.plover.jsonl",
        "graph.graphml",
    ):
        assert f'href="/download/{name}"' in html
    assert "5 events" in html


def test_unknown_download_is_404(client: TestClient) -> None:
    r = client.get("/download/passwords.txt")
    assert r.status_code == 404


@pytest.mark.skipif(not HAS_EXPORT, reason="bilateral.export is not there yet")
@pytest.mark.parametrize(
    "name",
    [
        "export.jsonl",
        "events.csv",
        "claims.csv",
        "agreements.csv",
        "roles.csv",
        "entities.csv",
        "events.plover.jsonl",
        "graph.graphml",
    ],
)
def test_downloads(client: TestClient, name: str) -> None:
    r = client.get(f"/download/{name}")
    assert r.status_code == 200, r.text[:300]
    assert name in r.headers["content-disposition"]
    assert r.content


def test_entity_pages(client: TestClient) -> None:
    html = page(client, "/entities?type=person")
    assert "Sergey Lavrov" in html and "Kazakhstan</a>" not in html
    html = page(client, "/entities/person:lavrov")
    assert "<title>Sergey Lavrov · bilateral</title>" in html
    assert "<li>Lavrov</li>" in html  # alias
    assert "<td>Minister of Foreign Affairs</td>" in html
    assert "2020-06-09 … 2023-04-11" in html
    assert "Lavrov talks with Tleuberdi" in html
    html = page(client, "/entities/country:KAZ")
    assert "People with posts of Kazakhstan" in html and "Mukhtar Tleuberdi" in html
    assert "Named most often with" in html
    page(client, "/entities/person:nobody", 404)


def test_static_assets_are_served(client: TestClient) -> None:
    css = client.get("/static/app.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    js = client.get("/static/app.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    for asset in (css.text, js.text.replace("http://www.w3.org/2000/svg", "")):
        assert "http://" not in asset and "https://" not in asset  # nothing from elsewhere


def test_every_page_uses_only_local_assets(client: TestClient) -> None:
    for url in ("/", "/documents", "/documents/doc2", "/search?q=trade", "/events", "/graph"):
        html = page(client, url)
        for ref in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert not ref.startswith(("http:", "https:", "//")), (url, ref)


# -- the highlighting itself ---------------------------------------------------------------------
spans = st.lists(st.tuples(st.integers(-5, 60), st.integers(-5, 60)), max_size=12)


@given(
    text=st.text(max_size=50),
    raw=spans,
    target=st.none() | st.tuples(st.integers(0, 50), st.integers(0, 50)),
)
def test_pieces_cover_the_text_exactly(
    text: str, raw: list[tuple[int, int]], target: tuple[int, int] | None
) -> None:
    facts = [{"id": f"f{i}", "kind": "claim", "spans": [s]} for i, s in enumerate(raw)]
    out = pieces(text, facts, [], target)
    assert "".join(p.text for p in out) == text
    pos = 0
    for p in out:
        for fid in p.facts.split():
            a, b = raw[int(fid[1:])]
            assert max(0, a) <= pos and pos + len(p.text) <= b
        pos += len(p.text)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/search?q=%22trade", "unbalanced double quote in &#39;&#34;trade&#39;"),
        ("/search?q=trade&from=2020-13", "from &#39;2020-13&#39; is not a date"),
    ],
)
def test_a_search_error_is_said_inside_the_search_page(
    client: TestClient, url: str, message: str
) -> None:
    r = client.get(url)
    assert r.status_code == 400
    assert '<p class="error message" role="alert">' in r.text and message in r.text
    assert 'name="q"' in r.text  # the form is still there, holding what was typed
