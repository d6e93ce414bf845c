"""The pages in a real browser: headless Chromium (Debian's /usr/bin/chromium) driven by Playwright.

The server runs in a thread on a free local port over the record with the hostile document, so
every test also checks that no dialog opens and that the content security policy blocks nothing
of ours (a blocked inline script or style shows up as a console error).
"""

from __future__ import annotations

import importlib.util
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
if not Path(CHROMIUM).exists() or importlib.util.find_spec("playwright") is None:
    pytest.skip("needs /usr/bin/chromium and the playwright package", allow_module_level=True)

from playwright.sync_api import Page, sync_playwright  # noqa: E402

pytestmark = pytest.mark.browser
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def base_url(hostile_db: Path) -> Iterator[str]:
    import uvicorn

    from bilateral.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(
        create_app(str(hostile_db)), host="127.0.0.1", port=port, log_level="error"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            pytest.fail("the server did not start within 10 s")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    p = context.new_page()
    p.set_default_timeout(10_000)
    dialogs: list[str] = []
    errors: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    def on_console(message: Any) -> None:
        if message.type == "error":
            errors.append(message.text)

    p.on("dialog", on_dialog)
    p.on("console", on_console)
    p.on("pageerror", lambda e: errors.append(str(e)))
    yield p
    context.close()
    assert dialogs == [], f"a dialog opened: {dialogs}"
    # 4xx answers the tests ask for on purpose are logged as failed resources; nothing else may be
    assert [e for e in errors if "status of 4" not in e] == []


def test_no_script_from_a_document_runs(page: Page, base_url: str) -> None:
    for path in (
        "/documents/hostile",
        "/documents/hostile?start=0&end=60",
        "/search?q=alert",
        "/",
        "/events",
        "/claims",
        "/agreements",
        "/entities",
        "/entities/person:evil",
        "/graph",
    ):
        page.goto(base_url + path, wait_until="networkidle")
        for span in page.locator(".hl[data-facts]").all()[:8]:
            span.hover()
            span.click()
    page.goto(base_url + "/documents/hostile")
    assert "<script>alert(1)</script>" in page.locator("#doc-text").inner_text()
    assert page.locator("#doc-text script, #doc-text img, #doc-text svg").count() == 0


def test_clicking_a_fact_shows_what_was_extracted(page: Page, base_url: str) -> None:
    page.goto(base_url + "/documents/doc1")
    page.locator(".hl.k-claim").first.click()
    panel = page.locator("#fact-body")
    assert "bilateral trade" in panel.inner_text()
    assert "2019" in panel.inner_text()
    page.locator(".hl.k-event").first.hover()
    assert "bilateral trade" in panel.inner_text()  # the click pinned the claim
    page.locator(".hl.k-claim").first.click()  # unpin
    page.locator(".hl.k-event").last.hover()
    assert "visit" in panel.inner_text() and "planned" in panel.inner_text()


def test_evidence_links_scroll_to_the_marked_passage(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.locator("table.values a.src").first.click()
    page.wait_for_url("**/documents/*#target")
    target = page.locator("#target")
    assert target.is_visible()
    assert "billion" in target.inner_text()


def test_dashboard_charts_render(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    assert page.locator("svg.chart rect").count() >= 4  # years 2020..2024
    assert page.locator("svg.chart a.point.flagged").count() == 2
    box = page.locator("svg.chart").first.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 80


def test_row_filter_hides_rows(page: Page, base_url: str) -> None:
    page.goto(base_url + "/events")
    rows = page.locator("#events-table tbody tr")
    total = rows.count()
    page.fill("input.row-filter", "astana")
    visible = [r for r in rows.all() if r.is_visible()]
    assert len(visible) == 1 < total
    page.keyboard.press("Enter")  # stays on the page: the filter is client-side
    assert page.url.endswith("/events")


def test_graph_explorer(page: Page, base_url: str) -> None:
    page.goto(base_url + "/graph")
    page.wait_for_selector("#graph .node")
    assert page.locator("#graph .node").count() >= 8
    page.locator('#graph .node[data-id="country:CHN"] circle').click()
    assert page.locator("#graph-title").inner_text() == "China"
    neighbours = page.locator("#graph-neighbours li").all_inner_texts()
    assert any(n.startswith("Russia") for n in neighbours)
    assert page.locator("#graph .node.dim").count() > 0
    page.select_option("#graph-type", "country")
    page.click("#graph-form button")
    page.wait_for_selector("#graph .node")
    ids = page.locator("#graph .node").evaluate_all("ns => ns.map(n => n.dataset.id)")
    assert ids and all(i.startswith("country:") for i in ids)


def test_asking_on_the_dashboard(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.fill("form.ask input[name=q]", "What was bilateral trade in 2019?")
    page.locator("form.ask button").click()
    page.wait_for_url("**/?a=*q=*")
    answer = page.locator("section.answer")
    assert "billion" in answer.locator(".answer-text").inner_text()
    answer.locator("a.ref").first.click()
    assert page.url.endswith("#cite-1")
    answer.locator("#cite-1 a").click()
    page.wait_for_url("**/documents/*#target")
    assert page.locator("#target").is_visible()
    # A question is text like any other: shown, never run.
    page.goto(base_url + "/?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)</script>" in page.locator("form.ask input[name=q]").input_value()


def test_a_picker_suggests_names_as_you_type(page: Page, base_url: str) -> None:
    page.goto(base_url + "/events")
    page.fill('input[name="entity"]', "kaz")
    page.wait_for_selector('#entity-names option[value="Kazakhstan"]', state="attached")
    page.fill('input[name="entity"]', "Kazakhstan")
    page.click('form.filters button[type="submit"]')
    page.wait_for_load_state()
    assert "entity=Kazakhstan" in page.url
    assert page.locator('input[name="entity"]').input_value() == "Kazakhstan"


def test_the_graph_names_its_nodes_and_weighs_its_ties(page: Page, base_url: str) -> None:
    page.goto(base_url + "/graph?ties=3")
    page.wait_for_selector("#graph .node")
    assert page.locator("#graph .node").count() <= 6
    labels = page.locator("#graph .node text").evaluate_all("ts => ts.map(t => t.textContent)")
    assert len(labels) == page.locator("#graph .node").count() and all(labels)
    assert page.locator("#graph .weight").count() >= 1
