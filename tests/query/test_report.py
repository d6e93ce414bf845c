"""The dossier on the seeds: every footnote quotes its document exactly, the HTML stands alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilateral.cli import main
from bilateral.kb import load_kb
from bilateral.query.report import ReportError, build, render_html, render_markdown
from bilateral.store import Store


@pytest.fixture(scope="module")
def store(seeds_db: Path) -> Store:
    return Store(seeds_db)


def test_every_footnote_is_the_text_at_its_offsets(store: Store) -> None:
    dossier = build(store, "Kazakhstan", "Russia", kb=load_kb())
    assert dossier.notes.items
    for e in dossier.notes.items:
        doc = store.get_document(e["doc"])
        assert doc is not None and doc.text[e["start"] : e["end"]] == e["quote"]
    # Every line points at a footnote that exists.
    for section in dossier.sections:
        for _, refs in section.lines:
            assert all(1 <= n <= len(dossier.notes.items) for n in refs)


def test_markdown_figures_read_like_the_dashboard(store: Store) -> None:
    text = render_markdown(build(store, "Kazakhstan", "Russia"))
    assert "- bilateral trade: record, over USD 28 billion (2022)[^" in text
    assert "- students: about 60,000 (as of 27 November 2024)[^" in text
    assert (
        "Treaty of Good-Neighbourliness and Alliance in the 21st Century (treaty, signed 2013-11-11)"
        in text
    )


def test_the_period_limits_what_is_told(store: Store) -> None:
    text = render_markdown(build(store, "Kazakhstan", "Russia", date_from="2023", date_to="2023"))
    assert "(2023)" in text and "(2022)" not in text


def test_html_is_self_contained_with_inline_charts(store: Store) -> None:
    page = render_html(build(store, "Kazakhstan", "Russia", kb=load_kb()))
    assert page.count("<svg") >= 3  # events per year, and the indicators with several values
    assert "<h3>bilateral trade (USD)</h3>" in page
    # Nothing fetched from anywhere: no scripts, no external links or sources.
    assert "<script" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    assert re.search(r'<sup><a href="#n\d+">\d+</a>,<a href="#n\d+">\d+</a></sup>', page)


def test_an_unknown_state_is_a_clear_error(store: Store) -> None:
    with pytest.raises(ReportError, match="no entity 'Atlantis' in the record"):
        build(store, "Atlantis", "Russia")


def test_the_command_writes_the_file(seeds_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "kz-ru.html"
    runner = CliRunner()
    args = ["--db", str(seeds_db), "report", "--between", "Kazakhstan", "Russia"]
    result = runner.invoke(main, [*args, "--format", "html", "--out", str(out)])
    assert result.exit_code == 0 and out.read_text().startswith("<!doctype html>")
    result = runner.invoke(main, [*args, "--format", "md", "--from", "June"])
    assert result.exit_code == 2 and "--from 'June' is not a date" in result.output
