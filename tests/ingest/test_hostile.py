"""Hostile and broken inputs: each gives one line naming it, and the good inputs beside it are read.

One test per kind of input that once aborted a run, hung it, or lost text (issue 12).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import time
from pathlib import Path

import pytest

from bilateral.ingest import IngestError, RawDocument, build_document, read_paths

GOOD = "The foreign ministers of Norway and Chile met in Oslo on 3 May 2021."


def _read(paths: list[Path | str], **kw: object) -> tuple[list[RawDocument], list[str]]:
    items = list(read_paths(paths, **kw))  # type: ignore[arg-type]
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    for e in errors:
        assert "\n" not in e
    for d in docs:  # what was read can be built and stored
        build_document(d).text.encode("utf-8")
    return docs, errors


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


def test_json_nested_a_thousand_deep(folder: Path) -> None:
    deep = '{"text": ' + "[" * 1000 + "]" * 1000 + "}\n"
    (folder / "deep.jsonl").write_text(deep + json.dumps({"text": GOOD + " Again."}) + "\n")
    docs, errors = _read([folder])
    assert len(docs) == 2
    assert errors == [f"{folder / 'deep.jsonl'}#L1: JSON nested too deeply"]


def test_lone_surrogate_in_json_lines_is_replaced(folder: Path) -> None:
    (folder / "s.jsonl").write_text(
        '{"text": "Talks in Lima \\ud800 ended.", "title": "\\udfff"}\n'
    )
    docs, errors = _read([folder])
    assert errors == []
    assert any("Lima \ufffd ended" in d.text for d in docs)


def test_bytes_that_are_not_utf8_on_stdin_are_read_with_a_warning() -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"Talks in Bogot\xe1 ended well today."), encoding="utf-8")
    docs, errors = _read(["-"], stdin=stdin)
    assert errors == []
    assert docs[0].text == "Talks in Bogot\ufffd ended well today."
    assert docs[0].warnings == ("not valid UTF-8: decoded with replacement characters",)


def test_latin1_file_is_read_with_a_warning(folder: Path) -> None:
    (folder / "latin.txt").write_bytes("Réunion à Genève des ministres.".encode("latin-1"))
    docs, errors = _read([folder])
    assert errors == []
    latin = next(d for d in docs if d.source.endswith("latin.txt"))
    assert latin.text.startswith("R\ufffdunion")
    assert latin.warnings


def test_symlink_loop_in_a_folder(folder: Path) -> None:
    os.symlink(folder / "loop.txt", folder / "loop.txt")
    os.symlink(folder / "b.md", folder / "a.md")
    os.symlink(folder / "a.md", folder / "b.md")
    docs, errors = _read([folder])
    assert [Path(d.source).name for d in docs] == ["good.txt"]
    assert errors == [
        f"{folder / 'a.md'}: symlink loop",
        f"{folder / 'b.md'}: symlink loop",
        f"{folder / 'loop.txt'}: symlink loop",
    ]


def test_html_with_control_characters(folder: Path) -> None:
    words = " ".join(["The envoys met in Rome on Monday and talked about trade."] * 5)
    page = f"<html><body><p>{words} They \x01met\x0c in Rome\x1b again.</p></body></html>"
    (folder / "c.html").write_text(page, encoding="utf-8")
    docs, errors = _read([folder])
    assert errors == []
    assert any("in Rome" in d.text for d in docs)


def test_ten_thousand_nested_divs_keep_their_text(folder: Path) -> None:
    page = "<html><body>" + "<div>" * 10000 + "<p>Deep talks in Hanoi.</p>" + "</div>" * 10000
    (folder / "deep.html").write_text(page + "</body></html>", encoding="utf-8")
    docs, errors = _read([folder])
    assert errors == []
    assert any("Deep talks in Hanoi." in d.text for d in docs)


def test_gzip_bomb_is_bounded(folder: Path) -> None:
    with gzip.open(folder / "bomb.jsonl.gz", "wb", compresslevel=1) as fh:
        fh.write(b'{"text": "')
        chunk = b"a" * (1 << 20)
        for _ in range(64):  # 64 MB of one line, 64 KB on disk
            fh.write(chunk)
        fh.write(b'"}\n' + json.dumps({"text": GOOD}).encode() + b"\n")
    t0 = time.perf_counter()
    docs, errors = _read([folder], max_bytes=1 << 20)
    assert time.perf_counter() - t0 < 30
    assert errors == [f"{folder / 'bomb.jsonl.gz'}#L1: line too long (over 8.4 MB)"]
    assert len(docs) == 2  # the good file and the good line after the bomb


def test_fifo_is_refused_without_waiting(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")
    docs, errors = _read([folder, folder / "pipe.txt"])
    assert [Path(d.source).name for d in docs] == ["good.txt"]
    assert errors == [
        f"{folder / 'pipe.txt'}: not a regular file",
        f"{folder / 'pipe.txt'}: not a regular file (a FIFO)",
    ]


def test_link_to_dev_zero_is_refused(folder: Path) -> None:
    os.symlink("/dev/zero", folder / "zero.txt")
    docs, errors = _read([folder])
    assert [Path(d.source).name for d in docs] == ["good.txt"]
    assert errors == [f"{folder / 'zero.txt'}: not a regular file (a character device)"]


def test_unreadable_subfolder_is_reported_and_the_walk_goes_on(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "a_locked").mkdir()
    (folder / "a_locked" / "x.txt").write_text(GOOD)
    (folder / "z.txt").write_text(GOOD + " Later.")
    real = os.scandir

    def scandir(path: object) -> object:
        if str(path).endswith("a_locked"):  # root ignores chmod 000: refuse as a kernel would
            raise PermissionError(13, "Permission denied")
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    docs, errors = _read([folder])
    assert [Path(d.source).name for d in docs] == ["good.txt", "z.txt"]
    assert errors == [f"{folder / 'a_locked'}: folder not readable (permission denied)"]


def test_missing_input_and_loop_given_directly(tmp_path: Path) -> None:
    os.symlink(tmp_path / "l.txt", tmp_path / "l.txt")
    docs, errors = _read([tmp_path / "nope.txt", tmp_path / "l.txt"])
    assert docs == []
    assert errors == [
        f"{tmp_path / 'nope.txt'}: no such file or directory",
        f"{tmp_path / 'l.txt'}: symlink loop",
    ]


def test_docx_is_read(folder: Path) -> None:
    import docx

    d = docx.Document()
    d.core_properties.title = "Joint press release"
    d.add_paragraph("The prime ministers of Japan and Australia met in Tokyo.")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Trade"
    table.rows[0].cells[1].text = "USD 3 billion"
    d.save(str(folder / "release.docx"))
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    docs, errors = _read([folder])
    release = next(x for x in docs if x.source.endswith("release.docx"))
    assert release.title == "Joint press release"
    assert release.text.splitlines() == [
        "The prime ministers of Japan and Australia met in Tokyo.",
        "Trade | USD 3 billion",
    ]
    assert len(errors) == 1 and errors[0].startswith(
        f"{folder / 'broken.docx'}: not a readable .docx"
    )


def test_cli_stores_the_good_files_and_exits_1(
    folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from click.testing import CliRunner

    from bilateral.cli import main

    (folder / "deep.jsonl").write_text('{"text": ' + "[" * 1000 + "]" * 1000 + "}\n")
    os.mkfifo(folder / "pipe.txt")
    db = tmp_path_factory.mktemp("db") / "h.db"
    result = CliRunner().invoke(main, ["--db", str(db), "ingest", "--no-extract", str(folder)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "1 read, 1 added" in result.output
    lines = [ln for ln in result.output.splitlines() if ln.startswith("bilateral: skipped")]
    assert len(lines) == 2
