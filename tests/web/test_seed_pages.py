"""Pages over the seeds' record: what a reader sees for figures asked about in a question."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from bilateral.web.app import create_app


def test_a_figure_from_a_journalists_question_is_not_credited_to_a_speaker(seeds_db: Path) -> None:
    with TestClient(create_app(str(seeds_db))) as client:
        for path in ("/", "/claims"):
            body = client.get(path).text
            assert "in a question" in body
            assert 'href="/entities/Question"' not in body
