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
    # Lines are joined into paragraphs: a line that ends on "and" could not have ended there.
    assert raw.text == (
        "STATEMENT BY THE DELEGATION\nThe Permanent Council met on 14 March 2024 and "
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


def test_lines_join_into_paragraphs_across_pages_and_ligatures_are_letters() -> None:
    from bilateral.ingest.pdf import _LIGATURES, _paragraphs

    assert "ﬀ ﬁ ﬂ ﬃ ﬄ Aﬀairs".translate(_LIGATURES) == "ff fi fl ffi ffl Affairs"
    lines = [
        "The delegations of Peru and Ghana met in Lima to review their trade and",
        "agreed to open a consulate in Accra before the end of the year. The next",
        "round will be held in the capital of",  # the page ended here, mid-sentence
        "Ghana. Both sides thanked the hosts for the warm welcome they had received.",
        "Joint communique",
        "The ministers signed a memo-",
        "randum on fisheries, and a plan on",
        "health.",
    ]
    assert _paragraphs([lines[:3], lines[3:]]).split("\n") == [
        "The delegations of Peru and Ghana met in Lima to review their trade and agreed to open "
        "a consulate in Accra before the end of the year. The next round will be held in the "
        "capital of Ghana. Both sides thanked the hosts for the warm welcome they had received.",
        "Joint communique",
        "The ministers signed a memo-randum on fisheries, and a plan on health.",
    ]


def _news_page(path: Path) -> None:
    """A news page as a browser prints it: its time and title at the top of every page, its
    address and the page counter at the bottom, menus, a cookie banner, a byline, a footer."""
    import textwrap

    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"  # has the fi and fl glyphs
    pdfmetrics.registerFont(TTFont("Vera", str(font)))
    pages = [
        [
            "Home", "News", "About us",
            "We use cookies to improve your experience on this website. By browsing it, you "
            "agree to our use of cookies.",
            "Accept all cookies",
            "Ministers discuss energy links",
            "May 3, 2021 | 10:15",
            "The ministers of Peru and Ghana met in Lima on Monday to discuss energy and "
            "fisheries. The ofﬁcials agreed to set up a working group.",
            "The minister of Ghana said that both countries would work on the ﬂow of "
            "investment in solar power, and that the group would first meet in the capital of",
        ],
        [
            "Ghana. Both sides welcomed the progress made since the talks in 2019.",
            "Contact us", "Privacy policy", "© 2021 Example News. All rights reserved.",
        ],
    ]  # fmt: skip
    c = canvas.Canvas(str(path))
    for number, paragraphs in enumerate(pages, 1):
        c.setFont("Vera", 8)
        c.drawString(30, 820, "5/3/21, 10:15 AM")
        c.drawString(250, 820, "Ministers discuss energy links | Example News")
        c.drawString(30, 20, "file:///home/user/Downloads/energy-links.html")
        c.drawString(540, 20, f"{number}/{len(pages)}")
        c.setFont("Vera", 11)
        y = 780
        for paragraph in paragraphs:
            for line in textwrap.wrap(paragraph, 80):
                c.drawString(50, y, line)
                y -= 14
            y -= 8
        c.showPage()
    c.save()


def test_a_printed_news_page_keeps_its_article_only(tmp_path: Path) -> None:
    pytest.importorskip("reportlab")
    from bilateral.ingest import build_document

    path = tmp_path / "news.pdf"
    _news_page(path)
    doc = build_document(read_pdf(path))
    assert doc.text == (
        "Ministers discuss energy links\n\nMay 3, 2021 | 10:15\n\n"
        "The ministers of Peru and Ghana met in Lima on Monday to discuss energy and fisheries. "
        "The officials agreed to set up a working group.\n\n"
        "The minister of Ghana said that both countries would work on the flow of investment in "
        "solar power, and that the group would first meet in the capital of Ghana. Both sides "
        "welcomed the progress made since the talks in 2019."
    )
    assert (doc.published, doc.published_precision) == ("2021-05-03", "day")
