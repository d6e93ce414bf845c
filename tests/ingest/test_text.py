from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from bilateral.ingest.text import IngestError, RawDocument, decode, read_text, with_title

RUSSIAN = "Министерство иностранных дел Российской Федерации сообщает о переговорах."


def test_utf8_with_and_without_bom() -> None:
    assert decode("Astana – Moscow".encode(), "x") == "Astana – Moscow"
    assert decode(b"\xef\xbb\xbfAstana", "x") == "Astana"


def test_utf16_with_bom() -> None:
    assert decode("Переговоры в Астане".encode("utf-16"), "x") == "Переговоры в Астане"


def test_cp1251_russian_is_read() -> None:
    assert decode(RUSSIAN.encode("cp1251"), "x") == RUSSIAN


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"PK\x03\x04\x00\x00binary", "binary file (contains NUL bytes), not text"),
        (bytes(range(1, 32)) * 20, "binary file (control characters), not text"),
        (
            "café crème résumé".encode("latin-1"),
            "not UTF-8 text (binary, or an unsupported encoding: save it as UTF-8)",
        ),
        (
            bytes(range(128, 256)) * 4,
            "not UTF-8 text (binary, or an unsupported encoding: save it as UTF-8)",
        ),
    ],
)
def test_binary_and_undecodable_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError) as exc:
        decode(data, "data/x.txt")
    assert exc.value.reason == reason
    assert str(exc.value) == f"data/x.txt: {reason}"


def test_ingest_error_is_one_line_and_pickles() -> None:
    err = IngestError("data/x.pdf", "not a readable PDF: no PDF header")
    assert str(err) == "data/x.pdf: not a readable PDF: no PDF header"
    back = pickle.loads(pickle.dumps(err))
    assert (back.source, back.reason, str(back)) == (err.source, err.reason, str(err))


def test_read_txt(tmp_path: Path) -> None:
    path = tmp_path / "release.txt"
    path.write_text("Press release\n\nThe ministers met.", encoding="utf-8")
    assert read_text(path) == RawDocument(str(path), "Press release\n\nThe ministers met.", "txt")


def test_empty_and_too_large(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"  \n\n ")
    with pytest.raises(IngestError, match="empty file"):
        read_text(empty)
    big = tmp_path / "big.txt"
    big.write_text("x" * 2000, encoding="utf-8")
    with pytest.raises(IngestError, match=r"too large \(0\.0 MB, the limit is 0\.0 MB\)"):
        read_text(big, limit=1000)


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("The ministers met.", "Talks in Riga", "Talks in Riga\n\nThe ministers met."),
        (
            "Talks in Riga\n\nThe ministers met.",
            "Talks in Riga",
            "Talks in Riga\n\nThe ministers met.",
        ),
        (
            "TALKS  in riga\nThe ministers met.",
            "Talks in Riga",
            "TALKS  in riga\nThe ministers met.",
        ),
        # A page flattened to one line by its scraper, opening with the title.
        ("Talks in Riga The ministers met.", "Talks in Riga", "Talks in Riga The ministers met."),
        ("The ministers met.", None, "The ministers met."),
        ("The ministers met.", " ", "The ministers met."),
    ],
)
def test_with_title(text: str, title: str | None, expected: str) -> None:
    assert with_title(text, title) == expected
