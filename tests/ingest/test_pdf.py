from __future__ import annotations

import os
from pathlib import Path

import pytest

from bilateral.ingest.pdf import read_pdf
from bilateral.ingest.text import IngestError


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A minimal valid PDF: one Helvetica text line per entry, pages in order."""

    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, lines in enumerate(pages):
        body = (
            "BT /F1 11 Tf 14 TL 72 740 Td " + " ".join(f"({esc(ln)}) Tj T*" for ln in lines) + " ET"
        )
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {5 + 2 * i} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>"
        )
        objects.append(f"<< /Length {len(body)} >>\nstream\n{body}\nendstream")
    info = ""
    if title is not None:
        objects.append(f"<< /Title ({esc(title)}) >>")
        info = f" /Info {len(objects)} 0 R"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_text_layer_and_title(tmp_path: Path) -> None:
    path = tmp_path / "statement.pdf"
    path.write_bytes(
        make_pdf(
            [
                [
                    "STATEMENT BY THE DELEGATION",
                    "The Permanent Council met on 14 March 2024 and",
                    "heard the address by the Minister.",
                ],
                ["Thank you for your attention."],
            ],
            title="Statement by the Delegation",
        )
    )
    raw = read_pdf(path)
    assert (raw.format, raw.title) == ("pdf", "Statement by the Delegation")
    assert raw.text == (
        "STATEMENT BY THE DELEGATION\nThe Permanent Council met on 14 March 2024 and\n"
        "heard the address by the Minister.\nThank you for your attention."
    )


def test_running_heads_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    pages = [["PC.DEL/272/24", f"Paragraph {i} of the statement.", f"- {i} -"] for i in range(1, 5)]
    path = tmp_path / "osce.pdf"
    path.write_bytes(make_pdf(pages))
    assert read_pdf(path).text == "\n".join(f"Paragraph {i} of the statement." for i in range(1, 5))


def test_scanned_pdf_has_no_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[]]))
    with pytest.raises(IngestError) as exc:
        read_pdf(path)
    assert str(exc.value) == f"{path}: no text layer (scanned PDF?)"


def test_random_bytes_are_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(os.urandom(4096).replace(b"%PDF", b"xxxx"))
    with pytest.raises(IngestError, match=r"not a readable PDF: no PDF header"):
        read_pdf(path)


def test_damaged_pdf(tmp_path: Path) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
    with pytest.raises(IngestError) as exc:
        read_pdf(path)
    assert exc.value.reason.startswith("not a readable PDF: ")
    assert "\n" not in str(exc.value)
