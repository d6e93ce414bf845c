from __future__ import annotations

from pathlib import Path

import pytest

from bilateral.ingest import build_document
from bilateral.ingest.markdown import (
    hard_wrapped,
    parse_markdown,
    read_markdown,
    split_front_matter,
    to_text,
)
from bilateral.ingest.text import IngestError

# A front matter as a web archive writes it: a quoted title continued over two lines with an
# escaped line break, "\_" for a no-break space, and a timestamp.
ARCHIVED = (
    "---\n"
    "date: '2023-05-04'\n"
    "published_time: 2023-05-04 18:02:11-04:00\n"
    "source_url: https://www.whitehouse.gov/briefing-room/statements-releases/2023/05/04/x/\n"
    "tags: statements-releases\n"
    'title: "Readout of the Vice President\\u2019s Call with Prime Minister Ana\\_Lund of\\\n'
    '  \\ Norland"\n'
    "---\n"
    " \n"
    "Vice President Carla Reyes spoke today with Prime Minister Ana Lund of\n"
    "Norland. The leaders discussed the war in the region and the need for\n"
    "a lasting peace. They also discussed [energy\n"
    "security](https://example.org/energy) and the [Arctic\n"
    'Council](https://example.org/ac "The Council"). The Vice President and\n'
    "the Prime Minister agreed that their teams would stay in close touch\n"
    "and meet again next month.\n"
)
ARCHIVED_BODY = (
    "Vice President Carla Reyes spoke today with Prime Minister Ana Lund of Norland. The leaders "
    "discussed the war in the region and the need for a lasting peace. They also discussed energy "
    "security and the Arctic Council. The Vice President and the Prime Minister agreed that their "
    "teams would stay in close touch and meet again next month."
)
TITLE = "Readout of the Vice President’s Call with Prime Minister Ana Lund of Norland"


def test_front_matter_title_date_and_url() -> None:
    raw = parse_markdown(ARCHIVED, "a.md")
    assert raw.title == TITLE
    assert raw.date == "2023-05-04"
    assert raw.url == "https://www.whitehouse.gov/briefing-room/statements-releases/2023/05/04/x/"
    assert raw.text == f"{TITLE}\n\n{ARCHIVED_BODY}"


def test_front_matter_is_not_text_and_title_is_the_first_paragraph() -> None:
    doc = build_document(parse_markdown(ARCHIVED, "a.md"))
    assert doc.text == f"{TITLE}\n\n{ARCHIVED_BODY}"
    assert (doc.title, doc.published, doc.publisher) == (TITLE, "2023-05-04", "White House")
    assert doc.doc_type == "press_release"


def test_sources_list_gives_the_url_and_the_publisher() -> None:
    text = (
        "---\n"
        "title: Envoy Presents Credentials\n"
        "date: 2016-09-14T08:30:00UTC\n"
        "published: true\n"
        "Sources:\n"
        "  - label: Department of Foreign Affairs\n"
        "    link: https://www.dfa.gov.ph/news/12-envoy\n"
        "---\n\n"
        "The new ambassador presented his credentials in Manila.\n"
    )
    raw = parse_markdown(text, "b.md")
    assert (raw.title, raw.date, raw.url) == (
        "Envoy Presents Credentials",
        "2016-09-14T08:30:00UTC",
        "https://www.dfa.gov.ph/news/12-envoy",
    )
    doc = build_document(raw)
    assert (doc.published, doc.publisher) == (
        "2016-09-14",
        "Department of Foreign Affairs of the Philippines",
    )


def test_broken_front_matter_keeps_the_document() -> None:
    text = (
        "---\n"
        "title: Talks in Lima: a new start\n"
        "date: 2019-03-02\n"
        "tags: [peru, \n"
        "---\n"
        "The ministers met in Lima.\n"
    )
    fields, body = split_front_matter(text)
    assert fields == {"title": "Talks in Lima: a new start", "date": "2019-03-02", "tags": "[peru,"}
    assert body == "The ministers met in Lima.\n"
    raw = parse_markdown(text, "c.md")
    assert raw.text == "Talks in Lima: a new start\n\nThe ministers met in Lima."


def test_unclosed_front_matter_is_text() -> None:
    fields, body = split_front_matter("---\ntitle: x\nno end here\n")
    assert fields == {}
    assert body == "---\ntitle: x\nno end here\n"


def test_a_title_printed_again_as_heading_is_kept_once() -> None:
    raw = parse_markdown(
        "---\ntitle: Joint Press Release\n---\n\n# Joint Press Release\n\nText.", "d"
    )
    assert raw.text == "Joint Press Release\n\nText."


def test_no_front_matter_takes_the_first_heading() -> None:
    raw = parse_markdown("# Joint Statement\n\nThe **sides** agreed.\n", "e.md")
    assert (raw.title, raw.date, raw.text) == (
        "Joint Statement",
        None,
        "Joint Statement\n\nThe sides agreed.",
    )


def test_images_data_uris_and_html_go() -> None:
    md = (
        'Leaders met.<img\nsrc="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB" />\n\n'
        "![a photo](https://example.org/p.jpg)\n\n"
        '<figure><span style="color: red">Trade rose</span> by 5&nbsp;% &amp; more.</figure>\n'
        "&#x25cf;\n"
    )
    assert to_text(md) == "Leaders met.\n\n\n\n\nTrade rose by 5\xa0% & more.\n\n●\n"


def test_entities_stay_text_when_they_spell_a_tag() -> None:
    assert to_text("Use &lt;b&gt; for bold.") == "Use <b> for bold."


def test_escapes_emphasis_and_lists() -> None:
    md = (
        "## Outcomes\n\n"
        "-   First, a *new* fund of \\$5 million for @Dept\\_Trade;\n"
        "    and a __joint__ council.\n"
        "-   Second, _regular_ talks.\n\n"
        "1. Numbered points keep their number.\n\n"
        "> A quoted line\n\n"
        "* * *\n"
        "snake_case_word stays.\n"
    )
    assert to_text(md) == (
        "Outcomes\n\n"
        "First, a *new* fund of $5 million for @Dept_Trade; and a joint council.\n"
        "Second, regular talks.\n\n"
        "1. Numbered points keep their number.\n\n"
        "A quoted line\n\n"
        "\n"
        "snake_case_word stays.\n"
    )


def test_links_keep_their_label_and_autolinks_their_url() -> None:
    md = "See [the (full) text](https://x.org/a_(b)) and <https://x.org/c> or [ref][1].\n\n[1]: https://x.org/d\n"
    assert to_text(md) == "See the (full) text and https://x.org/c or ref.\n\n\n"


def test_comments_go_with_what_they_hide() -> None:
    md = "Before.\n{% comment %}\nhidden\n{% endcomment %}\n<!-- note -->After.\n"
    assert to_text(md) == "Before.\n\nAfter.\n"


WRAPPED = (
    "The two presidents met in the capital to discuss trade and energy, and\n"
    "Both sides welcomed the progress made since the last round of talks in\n"
    "Geneva, and agreed that their ministers would meet again in the autumn\n"
    "to review the new agreement.\n"
)


def test_hard_wrapped_paragraphs_are_joined() -> None:
    assert hard_wrapped(WRAPPED)
    assert to_text(WRAPPED, wrapped=True) == WRAPPED.replace("\n", " ").rstrip() + "\n"


def test_lines_of_a_list_of_names_are_not_joined() -> None:
    names = "Minister of Trade – Ana Cruz\nMinister of Energy – Luis Reyes\nCabinet Secretary – Jo Tan\n"
    assert not hard_wrapped(names)
    doc = build_document(parse_markdown("---\ntitle: New Cabinet\n---\n" + names, "f.md"))
    assert doc.text == (
        "New Cabinet\n\nMinister of Trade – Ana Cruz\n\nMinister of Energy – Luis Reyes\n\n"
        "Cabinet Secretary – Jo Tan"
    )


def test_read_markdown(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text(ARCHIVED, encoding="utf-8")
    assert read_markdown(path).title is not None
    empty = tmp_path / "empty.md"
    empty.write_text("---\ntitle: Nothing\n---\n<!-- x -->\n", encoding="utf-8")
    assert read_markdown(empty).text == "Nothing"
    blank = tmp_path / "blank.md"
    blank.write_text("---\ndate: 2020-01-01\n---\n![](x.png)\n", encoding="utf-8")
    with pytest.raises(IngestError, match="no text in the Markdown file"):
        read_markdown(blank)


def test_relative_dates_resolve_against_the_front_matter_date() -> None:
    from bilateral.extract.dates.stage import find_times

    doc = build_document(parse_markdown(ARCHIVED, "a.md"))
    found = {(t.text, t.value) for t in find_times(doc.text, doc.published)}
    assert found == {("today", "2023-05-04"), ("next month", "2023-06")}


def test_tables_dashes_stray_marks_and_careless_targets() -> None:
    md = (
        "| Officer | Post |\n|---------|------|\n| Ana Cruz | Consul |\n\n"
        "A gift --- an early one. **Read more here.\n\n"
        "See [the pilot](https://x.gov/a.html#:~:text=The%20Right%20(RTC,evi) today, [plans\n"
        "](https://x.gov/p)to invest.\n"
        "Write to <press@x.gov> or watch on [video]({{ page.sources[0].link }}).\n"
    )
    assert to_text(md) == (
        "Officer | Post\n\nAna Cruz | Consul\n\n"
        "A gift — an early one. Read more here.\n\n"
        "See the pilot today, plans to invest.\nWrite to press@x.gov or watch on video.\n"
    )


@pytest.mark.corpus
def test_a_white_house_file_of_the_corpus_is_stored_with_its_front_matter_title_and_date(
    tmp_path: Path,
) -> None:
    """A real archive file: front matter read, never text; the title opens the clean text."""
    from bilateral.ingest import build_document, read_paths

    corpus = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "whitehouse"
    files = sorted(corpus.glob("statements-releases/2023-07/2023-07-18-readout-*herzog*.md"))
    if not files:
        pytest.skip("../shared/corpus/whitehouse is not here")
    raw = next(r for r in read_paths([str(files[0])]) if not isinstance(r, Exception))
    doc = build_document(raw)
    assert doc.title is not None and doc.title.startswith("Readout of President Joe Biden")
    assert doc.published == "2023-07-18"
    assert doc.text.startswith(doc.title)
    for residue in ("source_url", "published_time", "modified_time", "tags:", "---", "](http"):
        assert residue not in doc.text
