from __future__ import annotations

from pathlib import Path

import pytest

from bilateral.ingest.html import read_html
from bilateral.ingest.text import IngestError

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Press release on talks | The Ministry of Foreign Affairs</title>
<meta property="og:title" content="Press release on Foreign Minister Sergey Lavrov’s talks">
<meta property="og:site_name" content="The Ministry of Foreign Affairs of the Russian Federation">
<meta property="og:url" content="https://mid.ru/en/press/1">
<meta property="article:published_time" content="2020-06-09T17:46:00+03:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<div class="share">Share Print Tweet</div>
<article><h1>Press release on Foreign Minister Sergey Lavrov’s talks</h1>
<p>On June 9, Foreign Minister Sergey Lavrov had talks with Minister of Foreign Affairs of the
Republic of Kazakhstan Mukhtar Tleuberdi. The discussion took place via video conference.</p>
<p>The parties had an in-depth discussion on a wide range of issues of bilateral and international
cooperation between Russia and Kazakhstan, the countries that built a strategic partnership.</p>
</article>
<footer>© 2024 Ministry of Foreign Affairs. All rights reserved.</footer>
<script>var tracking = "Share this";</script>
</body></html>"""


def test_page_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    raw = read_html(path)
    assert raw.format == "html"
    assert raw.title == "Press release on Foreign Minister Sergey Lavrov’s talks"
    assert raw.date == "2020-06-09"
    assert raw.publisher == "The Ministry of Foreign Affairs of the Russian Federation"
    assert raw.url == "https://mid.ru/en/press/1"
    assert "Foreign Minister Sergey Lavrov had talks with Minister of Foreign Affairs" in raw.text
    assert "strategic partnership." in raw.text
    # The title is the text's first paragraph, once.
    assert raw.text.startswith("Press release on Foreign Minister Sergey Lavrov’s talks\n")
    assert raw.text.count("Press release on Foreign Minister") == 1
    for residue in ("Home", "Tweet", "tracking", "All rights reserved"):
        assert residue not in raw.text


def test_fragment_falls_back_to_the_markup_text(tmp_path: Path) -> None:
    path = tmp_path / "fragment.htm"
    path.write_text("<p>Short note.</p><script>x()</script>", encoding="utf-8")
    raw = read_html(path)
    assert raw.text == "Short note."


def test_cp1251_page(tmp_path: Path) -> None:
    html = (
        '<html><head><meta charset="windows-1251"><title>Заявление</title></head><body>'
        "<p>Министерство иностранных дел сообщает о переговорах в Астане.</p></body></html>"
    )
    path = tmp_path / "ru.html"
    path.write_bytes(html.encode("cp1251"))
    raw = read_html(path)
    assert "Министерство иностранных дел" in raw.text
    assert raw.title == "Заявление"


def test_page_without_text(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    with pytest.raises(IngestError, match="no text found in the HTML page"):
        read_html(path)
