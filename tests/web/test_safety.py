"""Untrusted text stays text, errors stay short, and the server refuses what it should."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bilateral.query.filters import Listing

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


# What would run if it reached the page as markup. The payloads in conftest use all of these.
EXECUTABLE = re.compile(r"<script>alert|<img src=x|<svg onload|onerror=alert\(1\)>", re.I)


@pytest.fixture(scope="module")
def hostile(hostile_client: TestClient) -> TestClient:
    return hostile_client


PAGES = [
    "/",
    "/?a=country:RUS&b=country:KAZ",
    "/documents",
    "/documents/hostile",
    "/documents/hostile?start=0&end=40",
    "/search?q=script",
    "/search?q=alert",
    "/events",
    "/claims",
    "/agreements",
    "/graph",
    "/downloads",
]


@pytest.mark.parametrize("url", PAGES)
def test_no_executable_markup_from_documents(hostile: TestClient, url: str) -> None:
    r = hostile.get(url)
    assert r.status_code == 200, r.text[:300]
    found = EXECUTABLE.findall(r.text)
    assert found == [], f"{url}: {found}"
    # and the only scripts are our own file and the JSON data block
    scripts = re.findall(r"<script\b[^>]*>", r.text, re.I)
    assert set(scripts) <= {
        '<script src="/static/app.js" defer>',
        '<script type="application/json" id="facts-data">',
    }


def test_the_hostile_text_is_shown_escaped(hostile: TestClient) -> None:
    html = hostile.get("/documents/hostile").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    # the fact data block cannot be closed early by a quote from the text
    block = re.search(r'id="facts-data">(.*?)</script>', html, re.S)
    assert block is not None
    assert "<" not in block.group(1) and ">" not in block.group(1)


@pytest.mark.parametrize("url", ["/entities", "/entities/person:evil", "/entities/country:KAZ"])
def test_entity_pages_escape_names(hostile: TestClient, url: str) -> None:
    r = hostile.get(url)
    assert r.status_code == 200
    assert EXECUTABLE.findall(r.text) == []


def test_json_keeps_the_text_as_it_is(hostile: TestClient) -> None:
    doc = hostile.get("/api/documents/hostile").json()
    assert doc["text"].startswith("<script>alert(1)</script> Russia")
    r = hostile.get("/api/documents/hostile")
    assert r.headers["content-type"] == "application/json"


def test_security_headers(client: TestClient) -> None:
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"


def test_no_interactive_docs_from_a_cdn(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").status_code == 200


# -- errors --------------------------------------------------------------------------------------
def _boom(*args: object, **kwargs: object) -> object:
    raise RuntimeError("secret detail from /home/user/db.sqlite")


def test_a_crash_is_a_short_json_error(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Listing, "page", _boom)
    r = client.get("/api/events")
    assert r.status_code == 500
    assert r.json() == {"error": "internal error; the server log has the details", "status": 500}


def test_a_crash_is_a_short_html_page(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Listing, "page", _boom)
    r = client.get("/events")
    assert r.status_code == 500
    assert r.headers["content-type"].startswith("text/html")
    assert "internal error" in r.text
    assert "Traceback" not in r.text and "secret detail" not in r.text


def test_unknown_routes(client: TestClient) -> None:
    r = client.get("/api/nothing")
    assert r.status_code == 404 and r.json()["error"] == "Not Found"
    r = client.get("/nothing")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    "url",
    [
        "/api/search?q=" + "a" * 501,
        "/api/search?q=NOT",
        "/api/search?q=(trade",
        "/api/search?q=trade)",
        "/api/search?q=***",
        "/api/search?q=trade&from=2020-1",
        "/api/documents?from=20200101",
        "/api/events?limit=1e3",
        "/api/events?offset=1.5",
        "/api/graph?limit=1",
        "/api/graph?limit=100000",
        "/search?q=(",
        "/events?page=-1",
        "/events?from=x",
        "/documents/doc1?start=-4&end=2",
    ],
)
def test_malformed_parameters_are_4xx_not_500(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 400, (url, r.status_code, r.text[:200])
    assert "Traceback" not in r.text


def test_sql_in_parameters_is_data(client: TestClient) -> None:
    r = client.get("/api/events?q=' OR 1=1 --&type=talks")
    assert r.status_code == 200 and r.json()["total"] == 0
    r = client.get("/api/events?type=talks' OR '1'='1")
    assert r.status_code == 400 and r.json()["error"].startswith("type \"talks' OR '1'='1\" is not")
    r = client.get("/api/search?q=trade'; DROP TABLE documents; --")
    assert r.status_code == 200
    assert client.get("/api/documents").json()["total"] == 4


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from bilateral.cli import main

    missing = tmp_path / "nothing.db"
    result = CliRunner().invoke(main, ["--db", str(missing), "serve"])
    assert result.exit_code == 1
    assert f"no database at {missing}: run `bilateral --db {missing} ingest FILES` first" in (
        result.output
    )
    assert not missing.exists()
