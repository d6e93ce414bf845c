"""Questions asked on the dashboard: the answer, its citation marks and the quoted sentences."""

from __future__ import annotations

import html
import re
from pathlib import Path

from fastapi.testclient import TestClient

from bilateral.web.app import create_app


def test_the_dashboard_answers_a_question_with_its_citations(seeds_db: Path) -> None:
    with TestClient(create_app(str(seeds_db))) as client:
        page = client.get(
            "/",
            params={
                "a": "country:KAZ",
                "b": "country:RUS",
                "q": "What was trade between Russia and Kazakhstan in 2022?",
            },
        )
    assert page.status_code == 200
    body = page.text
    answer = re.search(r'<p class="answer-text">(.*?)</p>', body, re.S)
    assert answer is not None
    text = html.unescape(re.sub(r"<[^>]+>", "", answer.group(1)))
    assert text.startswith("bilateral trade: record, over USD 28 billion (2022) [1]")
    assert '<a class="ref" href="#cite-1">[1]</a>' in answer.group(1)
    cite = re.search(r'<li id="cite-1"><q>(.*?)</q>.*?href="([^"]+)"', body, re.S)
    assert cite is not None
    assert html.unescape(cite.group(1)) == "In 2022, it reached a record total of over $28 billion."
    assert cite.group(2).startswith("/documents/") and "start=" in cite.group(2)


def test_a_question_the_documents_cannot_answer(seeds_db: Path) -> None:
    with TestClient(create_app(str(seeds_db))) as client:
        body = client.get("/", params={"q": "Who is colonising Mars?"}).text
    assert "Not in the documents." in body and '<ol class="citations">' not in body
