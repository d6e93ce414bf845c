"""read_paths and build_document (the package's public surface)."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

import bilateral.ingest.text
from bilateral.ingest import IngestError, RawDocument, build_document, read_paths
from bilateral.ingest.identity import doc_id


def _names(items: list[RawDocument | IngestError]) -> list[str]:
    return [Path(i.source).name if isinstance(i, RawDocument) else f"ERR {i}" for i in items]


def test_folder_is_read_recursively_sorted_without_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / ".secret.txt").write_text("hidden", encoding="utf-8")
    (tmp_path / "b" / "2.md").write_text("# Two\n\nText.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "c.odt").write_bytes(b"PK")
    items = list(read_paths([tmp_path]))
    assert _names(items) == [
        "a.txt",
        "2.md",
        f"ERR {tmp_path / 'c.odt'}: unsupported format (expected one of .txt, .md, .html, .htm, .pdf, .docx, .jsonl, .jsonl.gz)",
    ]


def test_every_format_is_dispatched_by_extension(tmp_path: Path) -> None:
    (tmp_path / "a.HTML").write_text(
        "<html><head><title>Joint Statement</title></head><body><p>The sides agreed.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    data = json.dumps({"text": "One.", "id": "r1"}) + "\n"
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(data.encode()))
    (tmp_path / "c.md").write_text("# Title\n\nText.", encoding="utf-8")
    (tmp_path / "d.json").write_text("{}", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    kinds = [i.format if isinstance(i, RawDocument) else i.reason[:18] for i in items]
    assert kinds == ["html", "jsonl", "md", "unsupported format"]


def test_bad_inputs_each_get_a_reason_and_the_rest_goes_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The ministers met.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "broken.pdf").write_bytes(b"\x89PNG not a pdf")
    (tmp_path / "big.txt").write_text("x" * 5000, encoding="utf-8")
    monkeypatch.setattr(bilateral.ingest.text, "MAX_DOC_BYTES", 1000)
    paths = [tmp_path / n for n in ("empty.txt", "binary.txt", "broken.pdf", "big.txt", "good.txt")]
    items = list(read_paths([*paths, tmp_path / "missing.txt"]))
    assert [str(i) if isinstance(i, IngestError) else i.text for i in items] == [
        f"{tmp_path / 'empty.txt'}: empty file",
        f"{tmp_path / 'binary.txt'}: binary file (contains NUL bytes), not text",
        f"{tmp_path / 'broken.pdf'}: not a readable PDF: no PDF header",
        f"{tmp_path / 'big.txt'}: too large (0.0 MB, the limit is 0.0 MB)",
        "The ministers met.",
        f"{tmp_path / 'missing.txt'}: no such file or directory",
    ]


def test_stdin_plain_text_and_json_lines() -> None:
    (raw,) = read_paths(["-"], stdin=io.StringIO("The ministers met.\nThey agreed."))
    assert raw == RawDocument("-", "The ministers met.\nThey agreed.", "txt")
    lines = "\n".join([json.dumps({"text": "One.", "id": "a"}), json.dumps({"title": "no text"})])
    items = list(read_paths(["-"], stdin=io.StringIO(lines)))
    assert isinstance(items[0], RawDocument) and items[0].external_id == "a"
    assert str(items[1]) == "-#L2: no `text` field (every line needs a non-empty string `text`)"
    assert [str(e) for e in read_paths(["-"], stdin=io.StringIO("  \n"))] == [
        "-: empty input on stdin"
    ]


def test_build_document(tmp_path: Path) -> None:
    raw = RawDocument(
        "x.txt",
        "View settings\n\nPress release on talks\n\n9 June 2020\n\nThe ministers met. They agreed.",
        "txt",
        url="https://mid.ru/1",
        external_id="r1",
    )
    doc = build_document(raw)
    assert doc.text == "Press release on talks\n\n9 June 2020\n\nThe ministers met. They agreed."
    assert doc.id == doc_id(doc.text)
    assert (doc.title, doc.published, doc.doc_type) == (
        "Press release on talks",
        "2020-06-09",
        "press_release",
    )
    assert (doc.url, doc.external_id, doc.source) == ("https://mid.ru/1", "r1", "x.txt")
    assert [doc.text[s.start : s.end] for s in doc.sentences] == [
        "Press release on talks",
        "9 June 2020",
        "The ministers met.",
        "They agreed.",
    ]
    assert build_document(raw).id == doc.id  # the same document twice is the same document


def test_residue_only_document_is_an_error() -> None:
    with pytest.raises(IngestError) as exc:
        build_document(RawDocument("menu.txt", "Share\n\nPrint\n\n12", "txt"))
    assert str(exc.value) == "menu.txt: no text left after cleaning"


def test_seeds_ingest_whole(seeds_dir: Path) -> None:
    items = list(read_paths([seeds_dir]))
    assert all(isinstance(i, RawDocument) for i in items) and len(items) == 5
    docs = [build_document(i) for i in items if isinstance(i, RawDocument)]
    assert len({d.id for d in docs}) == 5
    for doc in docs:
        assert doc.sentences and doc.paragraphs
        assert doc.sentence_at(doc.sentences[-1].start) == doc.sentences[-1]
