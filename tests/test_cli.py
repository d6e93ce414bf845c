"""The command line as a user meets it: the seeds, bad inputs, search, exit codes."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from bilateral.cli import main

RESIDUE = ("View settings", "Font size", "Site colours", "en-GB1", "ru-RU1", "Advanced settings")
EXPECTED = {
    "000": ({"2024-04-30", "2024-03-14"}, "statement"),
    "001": ({"2023-04-11"}, "transcript"),
    "002": ({None}, "interview"),
    "003": ({"2024-11-27"}, "article"),
    "004": ({"2020-06-09"}, "press_release"),
}


def run(db: Path, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def test_seeds_twice_give_five_documents_with_their_dates_and_types(
    tmp_path: Path, seeds_dir: Path
) -> None:
    db = tmp_path / "s.db"
    code, out, _ = run(db, "ingest", "--no-extract", str(seeds_dir))
    assert code == 0, out
    assert "5 added" in out
    code, out, _ = run(db, "ingest", "--no-extract", str(seeds_dir))
    assert code == 0 and "0 added" in out and "5 already stored" in out
    code, out, _ = run(db, "docs", "--json")
    rows = json.loads(out)
    assert len(rows) == 5
    by_seed = {Path(r["source"]).name[:3]: r for r in rows}
    for seed, (dates, doc_type) in EXPECTED.items():
        assert by_seed[seed]["published"] in dates, seed
        assert by_seed[seed]["doc_type"] == doc_type, seed
        assert set(by_seed[seed]) >= {
            "id",
            "source",
            "title",
            "published",
            "doc_type",
            "publisher",
            "language",
            "speakers",
            "n_chars",
        }
    for r in rows:
        code, out, _ = run(db, "show", r["id"], "--json")
        view = json.loads(out)
        assert not [w for w in RESIDUE if w in view["text"]], r["source"]
        for s in view["sentences"]:
            assert view["text"][s["start"] : s["end"]].strip()


def test_search_ranks_the_article_on_the_pipeline_first(tmp_path: Path, seeds_dir: Path) -> None:
    db = tmp_path / "s.db"
    run(db, "ingest", "--no-extract", str(seeds_dir))
    code, out, _ = run(db, "search", "Caspian Pipeline Consortium", "--json")
    assert code == 0
    hits = json.loads(out)
    assert Path(json.loads(run(db, "show", hits[0]["doc"], "--json")[1])["source"]).name.startswith(
        "003"
    )
    assert set(hits[0]) >= {"doc", "score", "snippet", "start", "end"}
    code, _, err = run(db, "search", '"unclosed phrase')
    assert code == 2 and "unbalanced double quote" in err and "Traceback" not in err
    code, _, err = run(db, "search", "oil", "--from", "last week")
    assert code == 2 and "is not a date" in err


def test_bad_inputs_are_named_and_the_good_ones_go_through(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Press release on talks\n\nOn June 9, the ministers held talks in Moscow.\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf \x00\x01\x02")
    (folder / "lines.jsonl").write_text(
        '{"text": "The Foreign Minister met his counterpart in Astana."}\nnot json\n{"title": "no text"}\n',
        encoding="utf-8",
    )
    with gzip.open(folder / "more.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(
            json.dumps(
                {"id": "x1", "text": "Kazakhstan and Russia signed a treaty.", "date": "2013-11-11"}
            )
            + "\n"
        )
    db = tmp_path / "s.db"
    code, out, err = run(db, "ingest", "--no-extract", str(folder))
    assert code == 1
    assert "3 added" in out
    for name in ("empty.txt", "binary.txt", "broken.pdf", "lines.jsonl"):
        assert name in err
    assert "Traceback" not in err
    for line in err.strip().splitlines():
        assert line.startswith("bilateral: ")
    # A re-run adds nothing and still names the bad files.
    code, out, _ = run(db, "ingest", "--no-extract", str(folder))
    assert code == 1 and "0 added" in out


def test_stdin_and_missing_paths(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    code, out, _ = run(
        db,
        "ingest",
        "--no-extract",
        "-",
        input="Statement by the Minister\n\nWe support the OSCE.\n",
    )
    assert code == 0 and "1 added" in out
    code, _, err = run(db, "ingest", "--no-extract", str(tmp_path / "nope.txt"))
    assert code == 1 and "nope.txt" in err
    code, _, err = run(db, "show", "doesnotexist")
    assert code == 1 and "no document" in err


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    db = tmp_path / "junk.db"
    db.write_bytes(b"junk" * 1000)
    code, _, err = run(db, "docs")
    assert code == 1 and "not a bilateral database" in err
