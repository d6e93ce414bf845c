from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.ingest.clean import clean, normalise_line

RESIDUE = (
    "View settings",
    "Font size",
    "Site colours",
    "Advanced settings",
    "en-GB1",
    "Official website",
)


def test_kremlin_page_furniture_goes_and_content_stays() -> None:
    raw = (
        "View settings\n\nFont size:\nSite colours:\nImages\n\nSettings\n\n"
        "Official website of the President of Russia\n\nTranscripts   /\n\n"
        "Article by\u00a0Vladimir Putin in\u00a0the Kazakhstanskaya Pravda newspaper\n\n"
        "November 27, 2024\n\n"
        "On\u00a0the eve of\u00a0my state visit, I\u00a0would like to\u00a0share my vision.\n"
    )
    assert clean(raw) == (
        "Article by Vladimir Putin in the Kazakhstanskaya Pravda newspaper\n\n"
        "November 27, 2024\n\n"
        "On the eve of my state visit, I would like to share my vision."
    )


def test_mfa_switcher_glued_stamp_and_footer() -> None:
    raw = (
        "9 June 202017:46\n\nPress release on talks\n\n\n  \u2022 en-GB1 ru-RU1\n\n"
        "On June 9, the ministers held talks.\u00a0 \u00a0 \n\nAdvanced settings"
    )
    assert clean(raw) == (
        "9 June 2020 17:46\n\nPress release on talks\n\nOn June 9, the ministers held talks."
    )


def test_menu_words_are_dropped_only_as_whole_lines() -> None:
    raw = "Share\n\nPrint\n\nEN RU KZ\n\nHome / News / Statements\n\nWe share the view.\n\nPrint media matter."
    assert clean(raw) == "We share the view.\n\nPrint media matter."


def test_source_line_is_kept() -> None:
    raw = (
        "The talks were held.\n\nSource: The Ministry of Foreign Affairs of the Russian Federation"
    )
    assert clean(raw) == raw


def test_markdown_bold_heading_over_lines_is_one_paragraph() -> None:
    raw = (
        "**STATEMENT BY\nMR. ALEXANDER LUKASHEVICH, PERMANENT REPRESENTATIVE OF THE\n"
        "RUSSIAN FEDERATION**\n\n14 March 2024\n\n**In response to the address by the Minister of\n"
        "Foreign Affairs**\n\nEsteemed Murat Abugaliuly,"
    )
    assert clean(raw) == (
        "STATEMENT BY MR. ALEXANDER LUKASHEVICH, PERMANENT REPRESENTATIVE OF THE RUSSIAN "
        "FEDERATION\n\n14 March 2024\n\nIn response to the address by the Minister of Foreign "
        "Affairs\n\nEsteemed Murat Abugaliuly,"
    )


def test_cut_off_lines_are_not_joined_in_unwrapped_text() -> None:
    long = "We had detailed, extensive and practical talks. " * 4
    raw = f"I would like to congratulate my colleague, Murat Nurtleu, from\nWe are pleased to note that his visit was to\n{long}"
    assert clean(raw).split("\n\n")[:2] == [
        "I would like to congratulate my colleague, Murat Nurtleu, from",
        "We are pleased to note that his visit was to",
    ]


def test_hard_wrapped_un_record_is_unwrapped_and_page_furniture_dropped() -> None:
    raw = (
        "I wish to express the\npleasure of the Commonwealth of the Bahamas at having\n"
        "Mr. Opertti preside over the deliberations of this fifty-\nthird session of the "
        "General Assembly and to convey to\nhim our warmest congratulations on his election. He "
        "may\ncount on the full support of the Bahamas delegation to\nensure the success of this "
        "session.\nThe Bahamas also wishes to express its appreciation\nto Mr. Hennadiy Udovenko of "
        "Ukraine, whose competent\nleadership brought the deliberations of the fifty-second\n"
        "session to a successful conclusion. Terrorism sees in the\n  \n \n06-52879 2 \n \n"
        "Afghan people its ultimate defeat. That is why our\nschools and clinics get burned down.\n"
        "A/60/PV.5\n4\n"
    )
    assert clean(raw) == (
        "I wish to express the pleasure of the Commonwealth of the Bahamas at having Mr. Opertti "
        "preside over the deliberations of this fifty-third session of the General Assembly and "
        "to convey to him our warmest congratulations on his election. He may count on the full "
        "support of the Bahamas delegation to ensure the success of this session.\n\n"
        "The Bahamas also wishes to express its appreciation to Mr. Hennadiy Udovenko of Ukraine, "
        "whose competent leadership brought the deliberations of the fifty-second session to a "
        "successful conclusion. Terrorism sees in the Afghan people its ultimate defeat. That is "
        "why our schools and clinics get burned down."
    )


def test_lower_case_continuation_joins_across_a_blank_line() -> None:
    assert clean("It is high time to demonstrate that\n\nmultilateralism works.") == (
        "It is high time to demonstrate that multilateralism works."
    )


def test_word_broken_at_a_hyphen_then_spaced_is_joined() -> None:
    raw = (
        "We welcome the appointment of a Regional Coordinator for the UN Office of Counter- "
        "Terrorism in Bishkek. We need pre- and post-conflict aid."
    )
    assert clean(raw) == (
        "We welcome the appointment of a Regional Coordinator for the UN Office of "
        "Counter-Terrorism in Bishkek. We need pre- and post-conflict aid."
    )


def test_unicode_is_normalised_and_typography_kept() -> None:
    raw = "\ufeffThe \u201cNew Kazakhstan\u201d \u2013 a\u200b reform\u00ad agenda.\r\nCafe\u0301 talks\t\there."
    assert (
        clean(raw)
        == "The \u201cNew Kazakhstan\u201d \u2013 a reform agenda.\n\nCaf\u00e9 talks here."
    )


def test_mixed_special_characters_each_replaced() -> None:
    # Found in one pass, each replaced on its own: a carriage return with its line feed, a form
    # feed, tabs, an em space, a byte-order mark and a soft hyphen.
    raw = "\ufeffTalks\tin\u2003Astana.\r\nThey\x0cEnded\r\rAgreed\u00ad.\tDone."
    assert clean(raw) == "Talks in Astana.\n\nThey\n\nEnded\n\nAgreed. Done."


def test_duplicate_name_card_is_printed_once() -> None:
    assert clean("It grew.\n\nSergey Lavrov\nSergey Lavrov\nForeign Minister of Russia") == (
        "It grew.\n\nSergey Lavrov\n\nForeign Minister of Russia"
    )


def test_normalise_line() -> None:
    assert normalise_line("\u200b Congratulations\u00a0of the  Minister\n") == (
        "Congratulations of the Minister"
    )


def test_empty_and_residue_only_text_clean_to_nothing() -> None:
    assert clean("") == ""
    assert clean("View settings\n\nShare\n\n---\n\n12\n") == ""


def test_seeds_lose_their_residue(seeds_dir: Path) -> None:
    for path in sorted(seeds_dir.glob("*.txt")):
        text = clean(path.read_text(encoding="utf-8"))
        for residue in RESIDUE:
            assert residue not in text, (path.name, residue)
        assert "**" not in text and "\u00a0" not in text
        assert "\n\n\n" not in text and "\n" not in text.replace("\n\n", "")


def test_seed_content_survives(seeds_dir: Path) -> None:
    text = clean((seeds_dir / "001_f5163b51cb7a6d71.txt").read_text(encoding="utf-8"))
    assert "In 2022, it reached a record total of over $28 billion." in text
    assert "Days of\n\nWe discussed topical international issues" in text


_LINES = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "Share",
                "View settings",
                "12",
                "05-51226 5",
                "**Bold start",
                "end bold**",
                "the United Nations and",
                "Mr.",
                "fifty-",
                "third session.",
                "STATEMENT BY",
                "MR. LAVROV",
                "Question: Why?",
                "",
                "  ",
                "Sergey Lavrov",
                "\u2022 en-GB1 ru-RU1",
                "9 June 202017:46",
                "Transcripts /",
                "Home / News / Item",
                "Russia / Kazakhstan",
                "(spoke in French)",
            ]
        ),
        st.text(alphabet="abcAB .,:-*\u00a0\u200b\t", max_size=30),
    ),
    max_size=25,
)


@settings(max_examples=400, deadline=None)
@given(_LINES)
def test_clean_is_idempotent(lines: list[str]) -> None:
    once = clean("\n".join(lines))
    assert clean(once) == once


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_clean_is_idempotent_on_any_text(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    assert once == once.strip()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Moscow, 9 June 202017:46", "Moscow, 9 June 2020 17:46"),
        ("June 9, 202009:05", "June 9, 2020 09:05"),
        ("09.06.202017:46", "09.06.2020 17:46"),
        ("Reference 202017:46", "Reference 202017:46"),
    ],
)
def test_glued_stamps(raw: str, expected: str) -> None:
    assert clean(raw) == expected


def test_document_symbol_heads_the_document_and_running_heads_go() -> None:
    body = [f"Point {n}: the delegation supports the draft resolution on water." for n in range(6)]
    raw = (
        "Statement on water\n\nXY.DEL/45/21\n\n" + "\n\n".join(body) + "\n\n"
        "XY.DEL/45/21\n\n3\n\nWe thank the Chair.\n\nB/70/PV.12 11/10/2021\n\n12 21-04567\n\n"
        "The report is in document C/2020/17.\n\nScores\n\n25 30"
    )
    assert clean(raw).split("\n\n") == [
        "Statement on water",
        "XY.DEL/45/21",  # its own reference, under its heading: kept
        *body,
        "We thank the Chair.",
        "The report is in document C/2020/17.",
        "Scores",
        "25 30",  # numbers in a row are not a page number
    ]


def test_language_switcher_of_native_names_goes() -> None:
    raw = "Русский | English | Қазақша\n\nThe embassy opened a new consular office."
    assert clean(raw) == "The embassy opened a new consular office."
