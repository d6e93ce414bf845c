"""Positions, the plan tracker and links in the API and the pages, over a small record built by
hand: a plan fulfilled by a later document, one overdue, positions of a state and its minister."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.web.conftest import TestClient, ev, make_doc, mentions

from bilateral.kb import KnowledgeBase
from bilateral.model import Event, Extraction, Plan, Position, Role
from bilateral.store import Store

EARLY = (
    "Russia supports the bid of Kazakhstan to host the river forum. "
    "The ministers agreed to open a ferry line across the Caspian Sea in 2021.\n\n"
    "Sergey Lavrov criticised the grain tariffs of Kazakhstan. "
    "Russia stands ready to build a gas terminal in Astana by 2022."
)
LATER = "The ferry line across the Caspian Sea was opened on 1 June 2021."
RUS, KAZ, LAVROV = "country:RUS", "country:KAZ", "person:lavrov"


def build(store: Store) -> None:
    early = make_doc("early", EARLY, title="Ministers agree", published="2020-03-02")
    later = make_doc("later", LATER, title="Ferry opened", published="2021-06-01")
    entities, found = mentions(early)
    store.add_document(
        early,
        1,
        Extraction(
            "early",
            entities=entities,
            mentions=found,
            roles=(
                Role(
                    LAVROV,
                    "Minister of Foreign Affairs",
                    RUS,
                    "2020-03-02",
                    (ev(early, "Sergey Lavrov"),),
                ),
            ),
            positions=(
                Position(
                    "pos:bid",
                    RUS,
                    "support",
                    KAZ,
                    "the river forum bid",
                    (ev(early, "Russia supports the bid of Kazakhstan to host the river forum."),),
                ),
                Position(
                    "pos:tariffs",
                    LAVROV,
                    "criticise",
                    KAZ,
                    "grain tariffs",
                    (ev(early, "Sergey Lavrov criticised the grain tariffs of Kazakhstan."),),
                ),
            ),
            plans=(
                Plan(
                    "plan:ferry",
                    (RUS, KAZ),
                    "open a ferry line",
                    "2021",
                    "planned",
                    (
                        ev(
                            early,
                            "The ministers agreed to open a ferry line across the Caspian Sea in 2021.",
                        ),
                    ),
                ),
                Plan(
                    "plan:terminal",
                    (RUS,),
                    "build a gas terminal",
                    "2022",
                    "planned",
                    (ev(early, "Russia stands ready to build a gas terminal in Astana by 2022."),),
                ),
            ),
        ),
    )
    entities, found = mentions(later)
    store.add_document(
        later,
        2,
        Extraction(
            "later",
            entities=entities,
            mentions=found,
            events=(
                Event(
                    "ev:ferry",
                    "visit",
                    "2021-06-01",
                    "day",
                    "occurred",
                    None,
                    None,
                    (RUS, KAZ),
                    "CONSULT",
                    "040",
                    (ev(later, LATER),),
                ),
            ),
        ),
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("statements") / "s.db"
    with Store(path, kb=KnowledgeBase(())) as store:
        build(store)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    from bilateral.web.app import create_app

    with TestClient(create_app(str(db)), raise_server_exceptions=False) as c:
        yield c


def test_positions_filter_by_holder_and_target_a_state_with_its_minister(
    client: TestClient,
) -> None:
    body = client.get("/api/positions", params={"holder": "Russia", "target": "Kazakhstan"}).json()
    assert body["total"] == 2
    assert [(p["holder"]["id"], p["stance"], p["topic"]) for p in body["items"]] == [
        (RUS, "support", "the river forum bid"),
        (LAVROV, "criticise", "grain tariffs"),
    ]
    assert body["items"][1]["evidence"][0]["quote"].startswith("Sergey Lavrov criticised")


@pytest.mark.parametrize(
    ("params", "ids"),
    [
        ({"stance": "criticise"}, ["pos:tariffs"]),
        ({"topic": "river"}, ["pos:bid"]),
        ({"holder": "Kazakhstan"}, []),
        ({"from": "2021"}, []),
        ({"to": "2020-03"}, ["pos:bid", "pos:tariffs"]),
    ],
)
def test_positions_filters(client: TestClient, params: dict[str, str], ids: list[str]) -> None:
    assert [p["id"] for p in client.get("/api/positions", params=params).json()["items"]] == ids


def test_a_bad_stance_is_a_400(client: TestClient) -> None:
    r = client.get("/api/positions", params={"stance": "adore"})
    assert r.status_code == 400 and "stance" in r.json()["error"]


def test_the_plan_tracker_says_fulfilled_by_which_document_and_what_is_overdue(
    client: TestClient,
) -> None:
    items = client.get("/api/plans", params={"as_of": "2023-01-01"}).json()["items"]
    by_id = {p["id"]: p for p in items}
    ferry, terminal = by_id["plan:ferry"], by_id["plan:terminal"]
    assert (ferry["state"], ferry["overdue"]) == ("fulfilled", False)
    assert [(f["doc"], f["relation"]) for f in ferry["fulfilled_by"]] == [("later", "fulfils")]
    assert ferry["fulfilled_by"][0]["evidence"]["quote"] == LATER
    assert (terminal["state"], terminal["overdue"]) == ("overdue", True)
    overdue = client.get("/api/plans", params={"state": "overdue", "as_of": "2023-01-01"}).json()
    assert [p["id"] for p in overdue["items"]] == ["plan:terminal"]
    # Before 2022 was over, the terminal was not overdue yet.
    early = client.get("/api/plans", params={"state": "overdue", "as_of": "2022-06-30"}).json()
    assert early["items"] == []
    fulfilled = client.get("/api/plans", params={"state": "fulfilled"}).json()
    assert [p["id"] for p in fulfilled["items"]] == ["plan:ferry"]


def test_links_endpoint(client: TestClient) -> None:
    body = client.get("/api/links", params={"item": "plan:ferry"}).json()
    assert [(i["relation"], i["from"]["doc"], i["to"]["doc"]) for i in body["items"]] == [
        ("fulfils", "early", "later")
    ]


def test_the_pages_show_positions_and_the_tracker(client: TestClient) -> None:
    page = client.get("/positions", params={"holder": "Russia", "stance": "criticise"}).text
    assert "grain tariffs" in page and "river forum" not in page
    page = client.get("/plans", params={"as_of": "2023-01-01"}).text
    assert "open a ferry line" in page and "overdue" in page and "fulfils" in page


def test_the_dashboard_says_what_each_said_about_the_other(client: TestClient) -> None:
    board = client.get("/api/dashboard", params={"a": RUS, "b": KAZ}).json()
    said = board["said"]["a_about_b"]
    assert said["total"] == 2
    assert [p["stance"] for p in said["items"]] == ["support", "criticise"]
    assert board["said"]["b_about_a"] == {"items": [], "total": 0}
    page = client.get("/", params={"a": RUS, "b": KAZ}).text
    assert "What Russia said about Kazakhstan" in page and "grain tariffs" in page


def test_the_dossier_has_what_each_said_and_the_plans(db: Path) -> None:
    from bilateral.query.report import build, render_markdown

    with Store(db) as store:
        md = render_markdown(build(store, RUS, KAZ, date_to="2023-01-01"))
    said = md[md.index("## What Russia said about Kazakhstan") :]
    assert said.splitlines()[2].startswith(
        "- Russia (support): “Russia supports the bid of Kazakhstan to host the river forum.”"
    )
    plans = md[md.index("## Plans and what became of them") :]
    assert "(fulfilled, due 2021); fulfils in 2021-06-01" in plans
    assert "(overdue, due 2022)" in plans


def test_ask_what_a_state_s_position_is(client: TestClient) -> None:
    body = client.get("/api/ask", params={"q": "What is Russia's position on Kazakhstan?"}).json()
    assert body["answer"] == (
        "Russia (support, 2 March 2020): “Russia supports the bid of Kazakhstan to host the river "
        "forum.” [1]; Sergey Lavrov (criticise, 2 March 2020): “Sergey Lavrov criticised the grain "
        "tariffs of Kazakhstan.” [2]"
    )
    assert [r["kind"] for r in body["records"]] == ["position", "position"]


def test_ask_whether_a_plan_was_carried_out(client: TestClient) -> None:
    body = client.get("/api/ask", params={"q": "Was the ferry line across the Caspian Sea opened?"})
    assert body.json()["answer"] == (
        "Yes. The plan: “The ministers agreed to open a ferry line across the Caspian Sea in 2021.” "
        "[1]. Done, as a later document says (1 June 2021): “The ferry line across the Caspian Sea "
        "was opened on 1 June 2021.” [2]."
    )
    body = client.get("/api/ask", params={"q": "Was the gas terminal in Astana built?"}).json()
    assert body["answer"].startswith("Not that the documents say (overdue, due 2022). The plan:")
    assert body["citations"][0]["quote"].startswith("Russia stands ready to build a gas terminal")


def test_ask_what_two_ministers_discussed(seeds_db: Path) -> None:
    from bilateral.query.answer import ask

    with Store(seeds_db) as store:
        found = ask(store, "What did Lavrov and Tleuberdi discuss?")
    assert found["answer"].startswith("9 June 2020: “The ministers discussed plans for holding")
    assert all(c["quote"] in found["answer"] for c in found["citations"])
