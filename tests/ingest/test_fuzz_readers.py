"""Generated inputs at every reader: each gives a document or a one-line IngestError, nothing else.

The number of examples per reader is BILATERAL_FUZZ_EXAMPLES (300 by default, so that the suite
stays fast); the full campaign of issue 12 runs 100,000 in all:

    BILATERAL_FUZZ_EXAMPLES=14300 python -m pytest -q -p no:cacheprovider tests/ingest/test_fuzz_readers.py
"""

from __future__ import annotations

import gzip
import io
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bilateral.ingest import IngestError, RawDocument, build_document, read_paths

EXAMPLES = int(os.environ.get("BILATERAL_FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)

# Pieces the readers look for, so that generated inputs reach past the first check.
_MARKUP = st.sampled_from(
    [
        "<html>",
        "<body>",
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<script>",
        "<title>",
        "<meta charset=",
        "---\n",
        "title: ",
        "date: 2021-05-03\n",
        "# ",
        "[a](http://x)",
        "![i](data:image/png;base64,AAAA)",
        "%PDF-1.4\n",
        "PK\x03\x04",
        '{"text": ',
        '"}',
        "\n",
        "\r\n",
        "\ufeff",
        "\x00",
        "\\ud800",
        "President Tokayev met Minister Lavrov in Astana on 3 May 2021. ",
        "Москва, 4 марта 2025 года. ",
        "В.Путин: ",
        "MR. SMITH: ",
        "&amp;",
        "&#0;",
        "\u202e",
        "\x0c",
    ]
)
_TEXT = st.lists(st.one_of(_MARKUP, st.text(max_size=40)), max_size=25).map("".join)
_BYTES = st.one_of(
    st.binary(max_size=400),
    _TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    _TEXT.map(lambda t: t.encode("cp1251", "replace")),
    _TEXT.map(lambda t: t.encode("utf-16")),
)


def _check(items: list[RawDocument | IngestError]) -> None:
    for item in items:
        if isinstance(item, IngestError):
            assert "\n" not in str(item)
            continue
        try:
            doc = build_document(item)
        except IngestError as exc:
            assert "\n" not in str(exc)
            continue
        doc.text.encode("utf-8")  # storable
        assert all(0 <= p.start <= p.end <= len(doc.text) for p in doc.paragraphs)


def _read_file(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        _check(list(read_paths([path])))


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".pdf", ".docx", ".jsonl"])
def test_every_reader_survives_generated_bytes(suffix: str) -> None:
    @FUZZ
    @given(_BYTES)
    def run(data: bytes) -> None:
        _read_file(suffix, data)

    run()


def test_json_lines_and_gzip_survive_generated_records() -> None:
    value = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | _TEXT,
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=12,
    )
    record = st.fixed_dictionaries(
        {}, optional={"text": value, "title": value, "date": value, "id": value}
    )

    @FUZZ
    @given(st.lists(record, max_size=4), st.booleans())
    def run(records: list[dict[str, object]], gz: bool) -> None:
        data = "\n".join(json.dumps(r) for r in records).encode()
        _read_file(".jsonl.gz" if gz else ".jsonl", gzip.compress(data) if gz else data)

    run()


def test_stdin_survives_generated_bytes() -> None:
    @FUZZ
    @given(_BYTES)
    def run(data: bytes) -> None:
        stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
        _check(list(read_paths(["-"], stdin=stdin)))

    run()
