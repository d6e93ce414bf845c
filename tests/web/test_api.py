"""The JSON API over the hand-built record in conftest: exact answers on a small, known record."""

from __future__ import annotations

import importlib.util
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

HAS_RECORDS = importlib.util.find_spec("bilateral.query.records") is not None
HAS_INGEST = importlib.util.find_spec("bilateral.ingest.identity") is not None


def get(client: TestClient, url: str, status: int = 200) -> Any:
    r = client.get(url)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


# -- documents and search -----------------------------------------------------------------------
def test_documents_are_paged_with_a_total(client: TestClient) -> None:
    page = get(client, "/api/documents?limit=2&offset=1")
    assert (page["total"], page["limit"], page["offset"]) == (4, 2, 1)
    assert [d["id"] for d in page["items"]] == ["doc4", "doc2"]  # by date, after doc1 (2020)
    # Links to the neighbouring pages keep the request's filters and sort.
    assert page["next"] == "http://testserver/api/documents?limit=2&offset=3"
    assert page["previous"] == "http://testserver/api/documents?limit=2&offset=0"
    last = get(client, "/api/documents?sort=-title&limit=3&offset=3")
    assert last["next"] is None
    assert last["previous"] == "http://testserver/api/documents?sort=-title&limit=3&offset=0"
    assert get(client, "/api/search?q=trade&limit=1")["next"].endswith("?q=trade&limit=1&offset=1")


def test_documents_filter_by_type_date_and_entity(client: TestClient) -> None:
    assert [d["id"] for d in get(client, "/api/documents?type=transcript")["items"]] == ["doc2"]
    assert [d["id"] for d in get(client, "/api/documents?from=2023")["items"]] == ["doc2", "doc3"]
    only = get(client, "/api/documents?entity=country:CHN")["items"]
    assert [d["id"] for d in only] == ["doc4"]
    titles = [d["title"] for d in get(client, "/api/documents?sort=-title")["items"]]
    assert titles == sorted(titles, reverse=True)


def test_a_document_carries_its_text_segments_and_record(client: TestClient) -> None:
    doc = get(client, "/api/documents/doc1")
    text = doc["text"]
    assert text.startswith("Sergey Lavrov held talks with Mukhtar Tleuberdi in Moscow")
    assert len(doc["paragraphs"]) == 4
    record = doc["record"]
    assert {m["entity"] for m in record["mentions"]} >= {"country:RUS", "person:lavrov"}
    claim = record["claims"][0]
    assert (claim["indicator"], claim["value"], claim["period"]) == (
        "bilateral trade",
        20e9,
        "2019",
    )
    quote = claim["evidence"][0]
    assert text[quote["start"] : quote["end"]] == quote["quote"] == "$20 billion in 2019"


def test_unknown_document_is_404_json(client: TestClient) -> None:
    body = get(client, "/api/documents/nope", 404)
    assert body == {"error": "no document 'nope'", "status": 404}


def test_search_ranks_and_highlights(client: TestClient) -> None:
    page = get(client, "/api/search?q=trade&limit=2")
    assert page["total"] == 4 and len(page["items"]) == 2
    hit = page["items"][0]
    for a, b in hit["highlights"]:
        snippet = hit["snippet"][a - hit["start"] : b - hit["start"]]
        assert snippet.lower() == "trade"


def test_search_filters(client: TestClient) -> None:
    assert get(client, "/api/search?q=trade&type=transcript")["total"] == 1
    assert [h["doc"] for h in get(client, "/api/search?q=trade&entity=country:CHN")["items"]] == [
        "doc4"
    ]
    assert get(client, "/api/search?q=trade&from=2023&to=2023-12")["total"] == 1
    assert get(client, "/api/search?q=trade&language=fr")["total"] == 0
    assert get(client, '/api/search?q="visa-free travel"')["total"] == 1


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ('/api/search?q="unbalanced', "unbalanced double quote"),
        ("/api/search?q=trade AND", "ends with an operator"),
        ("/api/search?q=", "q: String should have at least 1 character"),
        ("/api/search", "q: Field required"),
        ("/api/search?q=trade&from=June", "from 'June' is not a date"),
        ("/api/documents?limit=-1", "limit: Input should be greater than or equal to 1"),
        ("/api/documents?limit=501", "limit: Input should be less than or equal to 500"),
        ("/api/documents?offset=-5", "offset: Input should be greater than or equal to 0"),
        ("/api/documents?limit=ten", "limit: Input should be a valid integer"),
        (
            "/api/events?sort=colour",
            "unknown sort key 'colour': use one of date, doc, reports, status",
        ),
        ("/api/claims?sort=-nope", "unknown sort key '-nope'"),
        ("/api/events?status=maybe", "status: String should match pattern"),
        ("/api/events?to=2020-13-45x", "to '2020-13-45x' is not a date"),
        ("/api/graph?type=planet", "type: String should match pattern"),
        ("/api/events?offset=932355348101578752000", "offset: Input should be less than"),
    ],
)
def test_bad_parameters_are_400_with_a_reason(client: TestClient, url: str, message: str) -> None:
    body = get(client, url, 400)
    assert message in body["error"]
    assert body["status"] == 400


# -- tables -------------------------------------------------------------------------------------
def test_events_sort_filter_and_page(client: TestClient) -> None:
    page = get(client, "/api/events?sort=-date&limit=2")
    assert page["total"] == 5
    assert [e["date"] for e in page["items"]] == ["2024-11", "2022-01-05"]
    planned = get(client, "/api/events?status=planned")["items"]
    assert [(e["type"], e["date"]) for e in planned] == [("visit", "2021")]
    assert planned[0]["participants"][0] == {
        "id": "person:putin",
        "name": "Vladimir Putin",
        "type": "person",
    }
    assert get(client, "/api/events?entity=country:CHN")["total"] == 1
    assert get(client, "/api/events?q=summit")["total"] == 1
    assert get(client, "/api/events?q=100%25")["total"] == 0  # % is a literal, not a wildcard
    assert [e["id"] for e in get(client, "/api/events?from=2022&to=2022")["items"]] == [
        "ev:signing",
        "ev:rc",
    ]


def test_claims_and_agreements(client: TestClient) -> None:
    claims = get(client, "/api/claims?sort=-value")["items"]
    assert [c["value"] for c in claims] == [28e9, 26e9, 20e9]
    assert claims[0]["speaker"]["name"] == "Vladimir Putin"
    assert get(client, "/api/claims?indicator=exports")["total"] == 0
    assert get(client, "/api/claims?subject=country:KAZ")["total"] == 3
    agreements = get(client, "/api/agreements")["items"]
    assert [(a["name"], a["signed"]) for a in agreements] == [
        ("Agreement on Visa-Free Travel", "2022")
    ]
    assert [p["id"] for p in agreements[0]["parties"]] == ["country:RUS", "country:KAZ"]


# -- the relationship ---------------------------------------------------------------------------
def test_most_present_pair(client: TestClient) -> None:
    pairs = get(client, "/api/pairs")["items"]
    top = pairs[0]
    assert (top["a"]["id"], top["b"]["id"], top["documents"]) == ("country:KAZ", "country:RUS", 3)


def test_dashboard_flags_conflicting_values(client: TestClient) -> None:
    board = get(client, "/api/dashboard?a=country:RUS&b=country:KAZ")
    assert [d["id"] for d in board["documents"]] == ["doc1", "doc2", "doc3"]
    (trade,) = board["indicators"]
    assert (trade["indicator"], trade["unit"], trade["conflicts"]) == (
        "bilateral trade",
        "USD",
        ["2022"],
    )
    flags = {(v["period"], v["value"]): v["conflict"] for v in trade["values"]}
    assert flags == {("2019", 20e9): False, ("2022", 26e9): True, ("2022", 28e9): True}
    assert board["events_per_year"] == [
        ["2020", 1.0],
        ["2021", 1.0],
        ["2022", 1.0],
        ["2023", 0.0],
        ["2024", 1.0],
    ]
    assert [(e["type"], e["status"]) for e in board["timeline"]] == [
        ("talks", "occurred"),
        ("visit", "planned"),
        ("signing", "occurred"),
        ("summit", "occurred"),
    ]
    orgs = {o["name"]: (o["a"], o["b"], o["both"]) for o in board["organisations"]}
    assert orgs == {"Eurasian Economic Union": (2, 2, 2), "CSTO": (2, 1, 1)}
    people = {
        p["name"]: [(x["title"], x["first"], x["last"]) for x in p["posts"]]
        for p in board["people"]
    }
    assert people["Sergey Lavrov"] == [("Minister of Foreign Affairs", "2020-06-09", "2023-04-11")]
    assert [a["name"] for a in board["agreements"]] == ["Agreement on Visa-Free Travel"]


def test_dashboard_memberships_are_the_knowledge_bases(
    members_db: Path, make_client: Callable[..., TestClient]
) -> None:
    board = get(make_client(members_db), "/api/dashboard?a=country:RUS&b=country:KAZ")
    assert board["as_of"] == "2024-11-27"  # the last document naming both
    assert [(o["id"], o["documents"], o["in_record"]) for o in board["memberships"]] == [
        ("org:cis", 2, True),
        ("org:caspian-five", 0, False),
        ("org:csto", 0, False),
        ("org:cica", 0, False),
        ("org:eaeu", 0, False),
        ("org:opec-plus", 0, False),
        ("org:osce", 0, False),
        ("org:sco", 0, True),
        ("org:un", 0, False),
        ("org:wto", 0, False),
    ]
    named = [(o["id"], o["a"], o["b"], o["both"]) for o in board["organisations"]]
    assert named == [("org:cis", 2, 2, 2), ("org:nato", 1, 1, 1)]


def test_documents_naming_all_of_several_entities(
    members_db: Path, make_client: Callable[..., TestClient]
) -> None:
    client = make_client(members_db)
    both = get(client, "/api/documents?entity=country:RUS&entity=country:KAZ&entity=org:cis")
    assert [d["id"] for d in both["items"]] == ["m1", "m2"]
    assert get(client, "/api/documents?entity=country:RUS")["total"] == 3


def test_dashboard_of_unknown_state_is_404(client: TestClient) -> None:
    assert (
        "no entity 'country:XXX'"
        in get(client, "/api/dashboard?a=country:XXX&b=country:KAZ", 404)["error"]
    )


def test_graph_weights_documents_and_events(client: TestClient) -> None:
    graph = get(client, "/api/graph")
    ids = {n["id"] for n in graph["nodes"]}
    assert {"country:RUS", "country:KAZ", "person:lavrov"} <= ids
    edge = next(
        e for e in graph["edges"] if {e["source"], e["target"]} == {"country:KAZ", "country:RUS"}
    )
    # three documents name both; they share the signing and the summit
    assert (edge["documents"], edge["events"], edge["weight"]) == (3, 2, 5)
    countries = get(client, "/api/graph?type=country")["nodes"]
    assert {n["type"] for n in countries} == {"country"}
    around = get(client, "/api/graph?entity=country:CHN")
    assert around["nodes"][0]["id"] == "country:CHN"
    assert {n["id"] for n in around["nodes"]} == {
        "country:CHN",
        "country:RUS",
        "organization:csto",
        "place:moscow",
    }


# -- entities and timeline ----------------------------------------------------------------------
def test_entities_list(client: TestClient) -> None:
    page = get(client, "/api/entities?type=country")
    assert page["total"] == 3
    assert [(e["id"], e["documents"]) for e in page["items"]] == [
        ("country:RUS", 4),
        ("country:KAZ", 3),
        ("country:CHN", 1),
    ]
    assert [e["name"] for e in get(client, "/api/entities?q=lavr")["items"]] == ["Sergey Lavrov"]
    get(client, "/api/entities?type=planet", 400)


def test_a_person_with_posts_events_and_relations(client: TestClient) -> None:
    p = get(client, "/api/entities/person:lavrov")
    assert p["entity"]["name"] == "Sergey Lavrov" and p["entity"]["aliases"] == ["Lavrov"]
    (me,) = p["posts"]
    assert [(x["title"], x["of"]["name"], x["first"], x["last"]) for x in me["posts"]] == [
        ("Minister of Foreign Affairs", "Russia", "2020-06-09", "2023-04-11")
    ]
    assert [e["type"] for e in p["events"]] == ["talks"]
    assert p["related"][0]["documents"] == 2
    assert [d["id"] for d in p["documents"]] == ["doc2", "doc1"]
    get(client, "/api/entities/person:nobody", 404)


def test_a_state_with_the_people_holding_its_posts(client: TestClient) -> None:
    p = get(client, "/api/entities/country:RUS")
    assert [h["name"] for h in p["holders"]] == ["Sergey Lavrov", "Vladimir Putin"]
    assert (p["n_documents"], p["n_events"], p["n_claims"], p["n_agreements"]) == (4, 3, 3, 1)


@pytest.mark.skipif(not HAS_RECORDS, reason="bilateral.query.records is not there yet")
def test_timeline(client: TestClient) -> None:
    body = get(client, "/api/timeline?entity=country:KAZ&from=2022")
    assert body["total"] == len(body["items"]) > 0
    get(client, "/api/timeline?entity=country:XXX", 404)
    get(client, "/api/timeline?from=soon", 400)


# -- questions ----------------------------------------------------------------------------------
def test_ask_is_501_without_the_answer_module(
    record_db: Path, make_client: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "bilateral.query.answer", None)
    body = get(make_client(record_db), "/api/ask?q=who", 501)
    assert body["error"] == "questions are not available: bilateral.query.answer is missing"


def test_ask_answers_with_a_knowledge_base_loaded_once(
    record_db: Path, make_client: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[int] = []

    def load_kb() -> str:
        loads.append(1)
        return "KB"

    kb_module = types.ModuleType("bilateral.kb")
    kb_module.load_kb = load_kb  # type: ignore[attr-defined]
    answer = types.ModuleType("bilateral.query.answer")
    answer.ask = lambda store, q, kb=None: {  # type: ignore[attr-defined]
        "answer": f"{q} / {kb}",
        "citations": [],
    }
    monkeypatch.setitem(sys.modules, "bilateral.kb", kb_module)
    monkeypatch.setitem(sys.modules, "bilateral.query.answer", answer)
    client = make_client(record_db)
    for _ in range(2):
        body = get(client, "/api/ask?q=trade in 2022")
    assert body == {"question": "trade in 2022", "answer": "trade in 2022 / KB", "citations": []}
    assert loads == [1]
    get(client, "/api/ask", 400)


# -- the one write ------------------------------------------------------------------------------
def test_posting_is_off_without_a_token(client: TestClient) -> None:
    r = client.post("/api/documents", json={"text": "Russia and Kazakhstan."})
    assert r.status_code == 403
    assert "BILATERAL_TOKEN" in r.json()["error"]


def test_posting_needs_the_right_token(
    record_db: Path, make_client: Callable[..., TestClient]
) -> None:
    client = make_client(record_db, token="s3cret")
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "s3cret"}):
        r = client.post("/api/documents", json={"text": "x"}, headers=headers)
        assert r.status_code == 401, headers
        assert r.headers["www-authenticate"] == "Bearer"
    r = client.post(
        "/api/documents", json={"title": "no text"}, headers={"Authorization": "Bearer s3cret"}
    )
    assert r.status_code == 400
    assert "text: Field required" in r.json()["error"]


def test_posting_past_the_body_limit_is_413(
    record_db: Path, make_client: Callable[..., TestClient]
) -> None:
    client = make_client(record_db, token="t", max_body=1000)
    auth = {"Authorization": "Bearer t"}
    r = client.post("/api/documents", json={"text": "x" * 2000}, headers=auth)
    assert r.status_code == 413
    assert r.json()["error"] == "request body too large: the limit is 1000 bytes"

    def chunks() -> Any:  # no Content-Length: the limit is counted as the body arrives
        for _ in range(5):
            yield b"x" * 400

    r = client.post("/api/documents", content=chunks(), headers=auth)
    assert r.status_code == 413


@pytest.mark.skipif(not HAS_INGEST, reason="bilateral.ingest is not complete yet")
def test_posting_a_document_stores_it(
    tmp_path: Path, make_client: Callable[..., TestClient]
) -> None:
    from bilateral.store import Store

    db = tmp_path / "post.db"
    Store(db).close()
    client = make_client(db, token="t")
    auth = {"Authorization": "Bearer t"}
    body = {
        "text": "Russia and Kazakhstan signed a treaty.",
        "title": "Treaty",
        "date": "2021-05-01",
    }
    r = client.post("/api/documents?extract=false", json=body, headers=auth)
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["added"] is True and created["extraction"] == "not asked"
    doc = get(client, created["api"])
    assert doc["title"] == "Treaty" and "signed a treaty" in doc["text"]
    assert doc["extraction"] == {"status": "pending", "stages": [], "skipped": []}
    again = client.post("/api/documents?extract=false", json=body, headers=auth)
    assert (again.status_code, again.json()["added"]) == (200, False)


@pytest.mark.skipif(not HAS_INGEST, reason="bilateral.ingest is not complete yet")
def test_posting_answers_202_and_extracts_in_the_background(
    tmp_path: Path, make_client: Callable[..., TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bilateral.pipeline import Stage
    from bilateral.store import Store
    from bilateral.web import api

    db = tmp_path / "post.db"
    Store(db).close()
    client = make_client(db, token="t")
    auth = {"Authorization": "Bearer t"}
    # A stand-in pipeline: the test is about where the work happens, not what it finds.
    ran: list[str] = []

    def fake_run(doc: Any, ctx: Any, stages: tuple[Stage, ...] | None = None, **_: Any) -> Any:
        from bilateral.model import Extraction

        ran.append(doc.id)
        return Extraction(doc=doc.id, stages=("entities.v1",), skipped=("claims.v1",))

    monkeypatch.setattr("bilateral.pipeline.run", fake_run)
    monkeypatch.setattr(api, "_pipeline_context", lambda cfg: None)
    r = client.post("/api/documents", json={"text": "Aland and Bland met in May."}, headers=auth)
    assert r.status_code == 202, r.text
    body = r.json()
    doc_id = body["id"]
    assert (body["added"], body["extraction"]) == (True, "pending")
    assert body["status_url"] == f"/api/documents/{doc_id}/status"
    assert r.headers["location"] == body["status_url"]
    # The test client runs background tasks before it returns: the extraction is stored.
    assert ran == [doc_id]
    status = get(client, body["status_url"])
    assert (status["status"], status["skipped"]) == ("incomplete", ["claims.v1"])
    get(client, "/api/documents/nope/status", 404)
    # Posted again: nothing queued, the status as it stands.
    again = client.post(
        "/api/documents", json={"text": "Aland and Bland met in May."}, headers=auth
    )
    assert (again.status_code, again.json()["extraction"]) == (200, "incomplete")
    assert ran == [doc_id]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/events?from=2020-13", "from '2020-13' is not a date"),
        ("/api/documents?to=2021-02-30", "to '2021-02-30' is not a date"),
        ("/api/events?type=bogus", "type 'bogus' is not one of meeting, talks,"),
        ("/api/documents?type=bogus", "type 'bogus' is not one of statement, press_release,"),
        ("/api/search?q=trade&type=bogus", "type 'bogus' is not one of statement,"),
        ("/api/agreements?type=bogus", "type 'bogus' is not one of treaty,"),
    ],
)
def test_impossible_dates_and_unknown_types_are_400(
    client: TestClient, url: str, message: str
) -> None:
    assert message in get(client, url, 400)["error"]


def test_the_api_is_read_only(client: TestClient) -> None:
    for method in ("put", "delete", "patch"):
        assert getattr(client, method)("/api/events").status_code == 405
    assert client.post("/api/events").status_code == 405


def test_openapi_describes_every_route(client: TestClient) -> None:
    paths = get(client, "/openapi.json")["paths"]
    for path in (
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/search",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/events",
        "/api/claims",
        "/api/agreements",
        "/api/timeline",
        "/api/graph",
        "/api/ask",
    ):
        assert path in paths, path
    assert "post" in paths["/api/documents"]
    assert not any(p.startswith("/documents") for p in paths)  # pages stay out of the API


def test_cached_searches_see_new_documents(
    tmp_path: Path, make_client: Callable[..., TestClient]
) -> None:
    from bilateral.model import Document
    from bilateral.store import Store

    db = tmp_path / "cache.db"
    Store(db).close()
    client = make_client(db)
    assert get(client, "/api/search?q=pipeline")["total"] == 0
    assert get(client, "/api/search?q=pipeline")["total"] == 0  # now from the cache
    with Store(db) as store:
        store.add_document(Document("new", "x", "The CPC pipeline carries oil."), 0)
    assert [h["doc"] for h in get(client, "/api/search?q=pipeline")["items"]] == ["new"]


def test_the_openapi_document_says_what_errors_look_like(client: TestClient) -> None:
    spec = get(client, "/openapi.json", 200)
    events = spec["paths"]["/api/events"]["get"]
    assert sorted(events["responses"]) == ["200", "400", "404"]
    sort = next(p for p in events["parameters"] if p["name"] == "sort")
    assert sort["schema"]["pattern"] == "^(-?(date|doc|reports|status|type))?$"
    assert "HTTPValidationError" not in str(spec)


def test_an_empty_entity_means_the_whole_graph(client: TestClient) -> None:
    assert get(client, "/api/graph?entity=", 200)["nodes"]


def test_openapi_types_the_items_of_every_list(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    schemas = spec["components"]["schemas"]
    for path, item in [
        ("/api/documents", "DocumentItem"),
        ("/api/search", "SearchHitItem"),
        ("/api/events", "EventItem"),
        ("/api/claims", "ClaimItem"),
        ("/api/plans", "PlanItem"),
        ("/api/links", "LinkItem"),
    ]:
        ok = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        page = schemas[ok["schema"]["$ref"].rsplit("/", 1)[1]]
        assert page["properties"]["items"]["items"]["$ref"].endswith("/" + item), path
        assert {"next", "previous", "total"} <= set(page["properties"])
    event = schemas["EventItem"]["properties"]
    assert event["cameo"]["type"] == "string"
    assert event["evidence"]["items"]["$ref"].endswith("/EvidenceOut")
