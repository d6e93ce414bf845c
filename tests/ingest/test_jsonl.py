from __future__ import annotations

import gzip
import json
from pathlib import Path

from bilateral.ingest.jsonl import read_jsonl
from bilateral.ingest.text import IngestError, RawDocument

RECORD = {
    "id": "ungdc:ZWE_56_2001",
    "source": "UNGDC via github:example/TXT/ZWE_56_2001.txt",
    "date": 2001,
    "title": "UN General Debate, session 56 (2001): Zimbabwe — Stanislaus Mudenge, Minister",
    "text": "Mr. President, I congratulate you.",
}


def _write(path: Path, lines: list[str]) -> None:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)


def test_records_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    _write(
        path,
        [
            json.dumps(RECORD),
            "{not json",
            json.dumps({"id": 3, "title": "No text"}),
            "",
            json.dumps(["a", "list"]),
            json.dumps({"text": "Plain record.", "url": "https://mfa.gov.kz/en/1"}),
            json.dumps({"text": "Bare record."}),
        ],
    )
    items = list(read_jsonl(path))
    assert items[0] == RawDocument(
        source=RECORD["source"],
        text=f"{RECORD['title']}\n\n{RECORD['text']}",  # the title is part of the text
        format="jsonl",
        title=RECORD["title"],
        date="2001",
        external_id="ungdc:ZWE_56_2001",
    )
    errors = [str(e) for e in items if isinstance(e, IngestError)]
    assert errors == [
        f"{path}#L2: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        f"{path}#L3: no `text` field (every line needs a non-empty string `text`)",
        f"{path}#L5: not a JSON object but list",
    ]
    plain, bare = (i for i in items[1:] if isinstance(i, RawDocument))
    assert (plain.source, plain.url) == ("https://mfa.gov.kz/en/1", "https://mfa.gov.kz/en/1")
    assert bare.source == f"{path}#L7"


def test_gzip_and_truncated_gzip(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl.gz"
    _write(path, [json.dumps(RECORD)] * 3)
    assert [type(i) for i in read_jsonl(path)] == [RawDocument] * 3
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(path.read_bytes()[:-12])
    items = list(read_jsonl(cut))
    assert isinstance(items[-1], IngestError)
    assert items[-1].reason.startswith("unreadable gzip stream")


def test_undecodable_line_and_oversized_record(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b'{"text": "ok"}\n\xff\xfe\n' + json.dumps({"text": "x" * 500}).encode() + b"\n"
    )
    items = list(read_jsonl(path, limit=100))
    assert isinstance(items[0], RawDocument)
    assert [str(e) for e in items[1:]] == [
        f"{path}#L2: not UTF-8 text",
        f"{path}#L3: too large (0.0 MB, the limit is 0.0 MB)",
    ]


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert [str(e) for e in read_jsonl(path)] == [f"{path}: empty file"]
