"""The command line keeps the README's promises: what plain output shows, headers on listings,
exit codes (1: not there, 2: used wrongly), one-line errors on stderr, dates checked, files
where a file is asked for, quiet under `| head`."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from bilateral.cli import main
from bilateral.query.report import Dossier, Footnotes, Section, render_markdown
from bilateral.query.search import parse_query


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def _transcript(db: Path) -> str:
    code, out, _ = run(db, "docs", "--type", "transcript", "--json")
    assert code == 0
    return str(json.loads(out)[0]["id"])


def test_every_listing_command_has_json() -> None:
    listings = ("docs", "search", "entities", "entity", "timeline", "events", "claims")
    listings += ("positions", "plans", "agreements", "ask", "show", "eval")
    for name in listings:
        command = main.commands[name]
        assert any(isinstance(p, click.Option) and "--json" in p.opts for p in command.params)


def test_plain_show_has_paragraphs_and_speaker_turns(seeds_db: Path) -> None:
    code, out, _ = run(seeds_db, "show", _transcript(seeds_db))
    assert code == 0
    assert "9 speaker turns" in out
    assert (
        "turns:\n#  start–end   speaker        role\n1  216–2816    Sergey Lavrov  remarks" in out
    )
    assert "\n¶1 0–214\n" in out
    # The paragraph where the first turn begins names its speaker.
    assert "\n¶2 216–237  turn 1, Sergey Lavrov:\n" in out
    code, out, _ = run(seeds_db, "show", _transcript(seeds_db), "--sentences")
    assert code == 0 and "\nsentences:\n1 0–214  " in out


def test_plain_timeline_quotes_each_event(seeds_db: Path) -> None:
    code, out, _ = run(seeds_db, "timeline")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == ["date", "type", "status", "place", "reported", "participants"]
    assert lines[2].startswith("    “") and lines[2].endswith(")")
    items = json.loads(run(seeds_db, "timeline", "--json")[1])
    ev = items[0]["evidence"][0]
    assert lines[2].endswith(f"({ev['doc']} {ev['start']}–{ev['end']})")


@pytest.mark.parametrize(
    ("command", "header"),
    [
        (["docs"], "id published type language title"),
        (["entities"], "mentions docs type id name"),
        (["events"], "date type status place reported participants"),
        (["claims"], "indicator value unit period subject"),
        (["agreements"], "signed type name parties"),
        (["positions"], "holder stance target topic"),
        (["search", "Kazakhstan"], "doc score published title / best passage"),
    ],
)
def test_listings_have_a_header(seeds_db: Path, command: list[str], header: str) -> None:
    code, out, _ = run(seeds_db, *command)
    assert code == 0
    assert " ".join(out.splitlines()[0].split()) == header


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["search", "zzqxv"], "bilateral: no documents match 'zzqxv'\n"),
        (["docs", "--from", "2090"], "bilateral: no documents found\n"),
        (["timeline", "--from", "2090"], "bilateral: no events found\n"),
        (["claims", "--indicator", "zzqxv", "--json"], "bilateral: no claims found\n"),
        (["show", "nope"], "bilateral: error: no document 'nope': see `bilateral docs` for ids\n"),
    ],
)
def test_nothing_found_exits_1(seeds_db: Path, command: list[str], message: str) -> None:
    code, out, err = run(seeds_db, *command)
    assert (code, err) == (1, message)
    assert out in ("", "[]\n")


@pytest.mark.parametrize(
    "command",
    [
        ["docs", "--from", "2023-13-01"],
        ["docs", "--to", "2023-02-30"],
        ["search", "trade", "--from", "2020-00"],
        ["timeline", "--to", "20-01-01"],
        ["report", "--between", "Russia", "Kazakhstan", "--format", "md", "--from", "2021-04-31"],
    ],
)
def test_impossible_dates_are_refused_in_one_line(seeds_db: Path, command: list[str]) -> None:
    code, out, err = run(seeds_db, *command)
    assert (code, out) == (2, "")
    assert err.startswith("bilateral: error: --") and err.count("\n") == 1
    assert "is not a date: use YYYY, YYYY-MM or YYYY-MM-DD (a real month and day)" in err


def test_a_document_type_not_in_the_list_is_refused(seeds_db: Path) -> None:
    code, _, err = run(seeds_db, "docs", "--type", "memo")
    assert code == 2
    assert err.startswith("bilateral: error: --type 'memo' is not a document type: use statement,")


def test_csv_export_of_one_table_writes_a_file(seeds_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    code, _, err = run(
        seeds_db, "export", "--format", "csv", "--table", "events", "--out", str(target)
    )
    assert code == 0 and target.is_file()
    header = next(csv.reader(target.read_text(encoding="utf-8").splitlines()))
    assert header[:3] == ["id", "type", "date"]
    assert err.startswith("bilateral: wrote ") and err.endswith(f" rows of events to {target}\n")
    # Several tables go into a folder; a file name for several tables is a usage error.
    code, _, err = run(seeds_db, "export", "--format", "csv", "--out", str(tmp_path / "all.csv"))
    assert code == 2 and "give --table NAME for one table, or --out FOLDER for all" in err
    code, _, _ = run(seeds_db, "export", "--format", "csv", "--out", str(tmp_path / "all"))
    assert code == 0 and (tmp_path / "all" / "claims.csv").is_file()
    code, out, _ = run(seeds_db, "export", "--format", "csv", "--table", "claims")
    assert code == 0 and next(csv.reader([out.splitlines()[0]]))[0] == "id"
    code, _, err = run(seeds_db, "export", "--format", "csv", "--table", "nope")
    assert code == 2 and "use one of agreements, claims, entities, events" in err
    code, _, err = run(seeds_db, "export", "--format", "jsonl", "--table", "events")
    assert (code, err) == (2, "bilateral: error: --table is for --format csv, not jsonl\n")


def test_a_closed_pipe_ends_quietly(seeds_db: Path) -> None:
    command = [sys.executable, "-m", "bilateral", "--db", str(seeds_db), "export"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()  # as `| head -1` does
        err = proc.stderr.read()
        code = proc.wait(timeout=120)
    assert err == b""
    assert code in (0, 141)


def test_a_minus_excludes_a_word() -> None:
    assert parse_query("oil -gas").match == '("oil") NOT "gas"'
    assert parse_query("oil OR coal -gas").match == '("oil" OR "coal") NOT "gas"'
    assert parse_query('-"natural gas" oil').match == '("oil") NOT "natural gas"'
    assert parse_query("(oil -gas) pipeline").match == '( "oil" NOT "gas" ) AND "pipeline"'
    assert parse_query("oil -gas").terms == ("oil",)
    # A hyphen inside a word still joins it.
    assert parse_query("Russia-Kazakhstan").match == '"Russia Kazakhstan"'


def test_search_honours_the_minus(seeds_db: Path) -> None:
    hits = json.loads(run(seeds_db, "search", "pipeline", "--json")[1])
    without = json.loads(run(seeds_db, "search", "pipeline -Caspian", "--json")[1] or "[]")
    assert hits and len(without) < len(hits)
    code, _, err = run(seeds_db, "search", "--", "-gas")
    assert code == 2 and "only excludes words: add a word to look for" in err


def test_questions_and_queries_have_one_length_limit(seeds_db: Path) -> None:
    from bilateral.query.question import MAX_QUESTION
    from bilateral.query.search import MAX_QUERY

    code, _, err = run(seeds_db, "ask", "w" * (MAX_QUESTION + 1))
    assert (code, err) == (
        2,
        f"bilateral: error: the question has {MAX_QUESTION + 1} characters: ask in at most "
        f"{MAX_QUESTION}\n",
    )
    code, _, err = run(seeds_db, "search", "w" * (MAX_QUERY + 1))
    assert code == 2 and f"search with at most {MAX_QUERY}" in err


@pytest.mark.parametrize(
    ("host", "warned"), [("127.0.0.1", False), ("localhost", False), ("0.0.0.0", True)]
)
def test_serve_warns_when_it_binds_beyond_loopback(
    seeds_db: Path, monkeypatch: pytest.MonkeyPatch, host: str, warned: bool
) -> None:
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    monkeypatch.delenv("BILATERAL_TOKEN", raising=False)
    code, _, err = run(seeds_db, "serve", "--host", host, "--workers", "1")
    assert code == 0
    warning = (
        f"bilateral: warning: {host} is reachable beyond this machine: anyone who can reach port "
        "8000 reads the whole record; writes are refused (no BILATERAL_TOKEN)\n"
    )
    assert (warning in err) is warned


def test_markdown_report_escapes_markup_from_documents() -> None:
    notes = Footnotes()
    quote = "The minister said <script>alert(1)</script> & left."
    refs = notes.ref([{"doc": "d1", "start": 0, "end": len(quote), "quote": quote}])
    section = Section("Events", [("a meeting <img src=x onerror=alert(1)>", refs)])
    documents = {"d1": {"title": "<b>Talks</b>", "published": "2024-01-02"}}
    a, b = {"name": "Aland"}, {"name": "Bland"}
    text = render_markdown(Dossier(a, b, None, None, [section], notes, documents))
    assert "- a meeting &lt;img src=x onerror=alert(1)&gt;[^1]" in text
    assert (
        "[^1]: “The minister said &lt;script&gt;alert(1)&lt;/script&gt; &amp; left.” — "
        "&lt;b&gt;Talks&lt;/b&gt;, 2024-01-02 (doc d1, chars 0–51)"
    ) in text
    assert "<" not in text
