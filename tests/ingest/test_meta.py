from __future__ import annotations

import re
from pathlib import Path

import pytest

from bilateral.ingest import build_document
from bilateral.ingest.meta import (
    _DATE,
    find_language,
    find_original_language,
    parse_date,
    parse_iso,
    title_speakers,
)
from bilateral.ingest.text import RawDocument

SEEDS = {
    # name: (published, precision, doc_type, publisher, speakers)
    "000": ("2024-04-30", "day", "statement", "OSCE", ("Alexander Lukashevich",)),
    "001": ("2023-04-11", "day", "transcript", "Russian MFA", ("Sergey Lavrov",)),
    "002": (None, None, "interview", "Russian MFA", ("Sergey Lavrov",)),
    "003": ("2024-11-27", "day", "article", "Kremlin", ("Vladimir Putin",)),
    "004": ("2020-06-09", "day", "press_release", "Russian MFA", ()),
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_metadata(seeds_dir: Path, name: str) -> None:
    path = next(seeds_dir.glob(f"{name}_*.txt"))
    doc = build_document(RawDocument(str(path), path.read_text(encoding="utf-8"), "txt"))
    got = (doc.published, doc.published_precision, doc.doc_type, doc.publisher, doc.speakers)
    assert got == SEEDS[name]
    assert doc.language == "en"


def test_seed_titles_and_original_language(seeds_dir: Path) -> None:
    docs = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        doc = build_document(RawDocument(str(path), path.read_text(encoding="utf-8"), "txt"))
        docs[path.name[:3]] = doc
    assert docs["000"].title is not None and docs["000"].title.startswith(
        "STATEMENT BY MR. ALEXANDER"
    )
    assert docs["000"].original_language == "ru"
    assert docs["003"].title == (
        "Article by Vladimir Putin in the Kazakhstanskaya Pravda newspaper, Russia – Kazakhstan: "
        "a Forward-Looking Alliance Demanded by Life"
    )
    assert docs["004"].title == (
        "Press release on Foreign Minister Sergey Lavrov’s talks with Minister of Foreign Affairs "
        "of the Republic of Kazakhstan Mukhtar Tleuberdi"
    )
    assert docs["002"].title is None  # its first line is a teaser cut from the body
    assert docs["001"].original_language is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9 June 2020", ("2020-06-09", "day")),
        ("June 9, 2020", ("2020-06-09", "day")),
        ("November 27th, 2024", ("2024-11-27", "day")),
        ("2020-06-09", ("2020-06-09", "day")),
        ("09.06.2020", ("2020-06-09", "day")),
        ("04/30/2024", ("2024-04-30", "day")),
        ("9 июня 2020 года", ("2020-06-09", "day")),
        ("«27» сентября 2019 года", ("2019-09-27", "day")),
        ("2019 жылғы 9 маусымда", ("2019-06-09", "day")),
        ("June 2020", ("2020-06", "month")),
        ("31 June 2020", None),
    ],
)
def test_parse_date(text: str, expected: tuple[str, str] | None) -> None:
    m = re.fullmatch(_DATE, text)
    assert m is not None
    assert parse_date(m) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2001", ("2001", "year")),
        ("2019-01", ("2019-01", "month")),
        ("2019-01-09", ("2019-01-09", "day")),
        ("2020-06-09T17:46:00+03:00", ("2020-06-09", "day")),
        ("9 June 2020", ("2020-06-09", "day")),
        ("someday", None),
    ],
)
def test_parse_iso(value: str, expected: tuple[str, str] | None) -> None:
    assert parse_iso(value) == expected


def _doc(text: str, **kw: str) -> tuple[str | None, str | None, str]:
    doc = build_document(RawDocument("x.txt", text, "txt", **kw))
    return doc.published, doc.published_precision, doc.doc_type


def test_dates_in_the_body_are_not_the_documents_date() -> None:
    text = (
        "Question: Mr Lavrov, on December 1 we celebrate the Day of the First President. Why?\n\n"
        "Sergey Lavrov: The Union was established on January 1, 2015, proposed back in 1994.\n\n"
        "Question: And next?\n\nSergey Lavrov: We will see."
    )
    assert _doc(text) == (None, None, "interview")


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("PC.DEL/272/24\n\n30 April 2024\n\nSTATEMENT BY MR. X\n\nWe thank you.", "2024-04-30"),
        ("Remarks, Moscow, April 11, 2023\n\nLadies and gentlemen, we met.", "2023-04-11"),
        ("Monday, 9 June 2020, 17:46\n\nThe ministers met.", "2020-06-09"),
        ("Publication date: 14 March 2024\n\nThe ministers met.", "2020-06-09"),
        ("TASHKENT, 12 May 2018 – A regional investment forum opened.", "2018-05-12"),
        ("The ministers met and agreed.\n\nDone at Astana, 15 September 2019", "2019-09-15"),
        ("The ministers met and agreed.\n\n9 июня 2020 года", "2020-06-09"),
        (
            "Address by Mr. Sooronbai Zheenbekov, President of the Kyrgyz Republic\n\n"
            "Delivered on Wednesday, 23 September 2020, at the 6th meeting of the General "
            "Assembly\n\n[Original: Russian]\n\nSecretary-General, Ladies and gentlemen,",
            "2020-09-23",
        ),
    ],
)
def test_header_and_footer_dates(text: str, published: str) -> None:
    if text.startswith("Publication date"):
        published = "2024-03-14"
    assert _doc(text)[0] == published


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # A page flattened to one paragraph: the label stands mid-paragraph at the end.
        (
            "Беседа с гостем\n\nРазговор прошёл в дружеской обстановке. Дата публикации: "
            "2 апреля 2024 года, 11:05 Ссылка на материал",
            "2024-04-02",
        ),
        # A stamp with its clock time at the head; the body's dates carry none.
        (
            "Беседа с гостем\n\nВ Кремле прошла беседа. 2 апреля 2024 года 11:05 Москва. "
            "Договор подписан 5 мая 2001 года.",
            "2024-04-02",
        ),
    ],
)
def test_labelled_and_stamped_dates(text: str, published: str) -> None:
    assert _doc(text)[0] == published


def test_metadata_date_wins() -> None:
    assert _doc("Statement.\n\n30 April 2024\n\nText.", date="2001")[:2] == ("2001", "year")


@pytest.mark.parametrize(
    ("title", "first", "doc_type"),
    [
        (
            "UN General Debate, session 56 (2001): Zimbabwe — Stanislaus Mudenge, Minister",
            "Mr. President, I congratulate you.",
            "speech",
        ),
        (
            "Joint Statement following the C5+1 foreign ministers' meeting",
            "The ministers met.",
            "joint_statement",
        ),
        ("Press release on the Foreign Minister’s talks", "The ministers met.", "press_release"),
        (
            "Interview of the Foreign Minister to the Kazinform agency",
            "Question: Why?",
            "interview",
        ),
        ("President Tokayev's op-ed: a new chapter for Central Asia", "I am proud.", "article"),
        ("Foreign Minister’s remarks at a news conference", "We met.", "transcript"),
        (
            "Statement by President Tokayev at the UN Security Council debate",
            "Thank you.",
            "statement",
        ),
        ("Address of the President of Uzbekistan to Parliament", "Dear compatriots!", "speech"),
        (
            "Roman Sklyar appointed Deputy Prime Minister",
            "Roman Sklyar was appointed the Deputy Prime Minister. He was born on 8 June 1971.",
            "biography",
        ),
        ("Foreign Policy", "Mongolia’s foreign policy rests on balance.", "other"),
    ],
)
def test_doc_types(title: str, first: str, doc_type: str) -> None:
    assert _doc(first, title=title)[2] == doc_type


def test_embassy_post_is_news_and_byline_is_article() -> None:
    raw = RawDocument(
        "Kazakhstan embassy (USA) site export#posts[3]", "The Consul General attended.", "jsonl"
    )
    doc = build_document(raw)
    assert (doc.doc_type, doc.publisher) == ("news", "Embassy of Kazakhstan in the USA")
    doc = build_document(
        RawDocument("x.txt", "By Ambassador Aibek Nurlanov\n\nA decade ago, it all started.", "txt")
    )
    assert (doc.doc_type, doc.speakers) == ("article", ("Aibek Nurlanov",))


@pytest.mark.parametrize(
    ("title", "speakers"),
    [
        (
            "UN General Debate, session 56 (2001): Zimbabwe — Stanislaus Mudenge, Minister for Foreign Affairs",
            ["Stanislaus Mudenge"],
        ),
        ("UN General Debate, session 48 (1993): Comoros — Mr. BEN MOUSSA", ["Ben Moussa"]),
        ("UN General Debate, session 47 (1992): Barbados — Mr King", ["King"]),
        (
            "STATEMENT BY MR. ALEXANDER LUKASHEVICH, PERMANENT REPRESENTATIVE OF THE RUSSIAN FEDERATION",
            ["Alexander Lukashevich"],
        ),
        ("Article by Vladimir Putin in the Kazakhstanskaya Pravda newspaper", ["Vladimir Putin"]),
        (
            "Foreign Minister Sergey Lavrov’s remarks and answers to media questions",
            ["Sergey Lavrov"],
        ),
        (
            "Address of the President of Uzbekistan Shavkat Mirziyoyev to the Oliy Majlis",
            ["Shavkat Mirziyoyev"],
        ),
        (
            "Remarks by the CTBTO Executive Secretary Dr Robert Floyd, Vienna symposium",
            ["Robert Floyd"],
        ),
        (
            "Remarks by President Biden and President Kassym-Jomart Tokayev of Kazakhstan before their bilateral meeting",
            ["Biden", "Kassym-Jomart Tokayev"],
        ),
        ("Statement by the defence ministers of the member states of the SCO", []),
        ("Press release on Foreign Minister Sergey Lavrov’s talks with Mukhtar Tleuberdi", []),
    ],
)
def test_title_speakers(title: str, speakers: list[str]) -> None:
    assert title_speakers(title, "") == speakers


def test_language() -> None:
    assert find_language("The Ministry of Foreign Affairs of the Republic of Kazakhstan") == "en"
    assert find_language("Министерство иностранных дел Российской Федерации сообщает") == "ru"
    assert find_language("Қазақстан Республикасының Сыртқы істер министрлігі хабарлайды") == "kk"
    assert (
        find_language("Le ministre des affaires étrangères et la délégation sont dans la salle")
        == "fr"
    )


def test_original_language() -> None:
    assert find_original_language("ENGLISH\n\nOriginal: RUSSIAN\n\nText.") == "ru"
    assert find_original_language("(spoke in French)\n\nMr. President, ...") == "fr"
    assert find_original_language("Unofficial translation from Kazakh") == "kk"
    assert find_original_language("No such line here.") is None


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        (
            "Serik Zhumangarin was appointed as Minister of Trade and Integration of Kazakhstan"
            "\n\nSerik Zhumangarin was appointed as the Minister of Trade and Integration of "
            "Kazakhstan.",
            "news",
        ),
        (
            "Energy Minister Aidar Serikov visit to New York, N.Y.\n\n"
            "On May 7-9, 2018, Minister of Energy of the Republic of Kazakhstan Aidar "
            "Serikov paid a working visit to New York, NY.",
            "news",
        ),
        (
            "Secretary of State Antony Blinken greets Kazakhstan on its Independence Day"
            "\n\nOn behalf of the United States, I send warm wishes to the people of Kazakhstan.",
            "statement",
        ),
        (
            "Sir, I have the honor to congratulate you on behalf of the Finnish Government on your "
            "important election to the presidency. We greet you as an eminent statesman.",
            "speech",
        ),
        (
            "Reflections: Peace. The next hundred years\n\nBy Kazakhstan President Kassym-Jomart "
            "Tokayev\n\nMany expected the new millennium to bring lasting peace.",
            "article",
        ),
        (
            "Peacekeeping Operations\n\nKazakhstan has taken on a growing role in UN missions.",
            "other",
        ),
        (
            "First fuel delivery reaches the IAEA LEU Bank in Kazakhstan\n\n"
            "Construction of the IAEA LEU Bank in Kazakhstan was fully completed on schedule, at "
            "the initiative of the First President.",
            "news",
        ),
        (
            "Building Bridges Across the Caspian\n\n"
            "For a quarter century Kazakhstan has kept a steady and useful partnership with the "
            "United States. Our two countries pursue shared goals and tackle common problems "
            "together." + "\n\nThis matters for the whole region." * 60,
            "article",
        ),
    ],
)
def test_doc_type_from_the_voice_of_plain_text(text: str, doc_type: str) -> None:
    assert _doc(text)[2] == doc_type


def test_a_quoted_sentence_in_the_body_is_not_the_title() -> None:
    text = (
        "Tokayev, Macron deepen cooperation at Paris talks\n\n"
        "PARIS – Kazakh President Kassym-Jomart Tokayev met Nov. 29 with President Macron.\n\n"
        "At the press event, Macron called Tokayev “a trusted partner.”"
    )
    doc = build_document(RawDocument("x.txt", text, "txt"))
    assert (doc.title, doc.doc_type) == (
        "Tokayev, Macron deepen cooperation at Paris talks",
        "news",
    )


def test_bilingual_page_is_in_the_language_it_opens_with() -> None:
    english = "A joint working group on transport links met for the third time on Oct 18. "
    russian = "Рабочая группа по транспортному сообщению провела третье заседание в Астане. "
    assert find_language(english * 4 + "\n\n" + russian * 20) == "en"
    assert find_language(russian * 20 + "\n\n" + english * 4) == "ru"


@pytest.mark.parametrize(
    ("text", "doc_type"),
    [
        # A short headline over a dated third-person lead: a news report.
        (
            "Harbour Festival 2018\n\nThe Mayor opened the harbour festival in Portville on "
            "3 May 2018 together with the trade minister.",
            "news",
        ),
        # A lead in the present tense of a photo caption is a report too.
        (
            "Minister Meets Fishing Cooperatives in the North\n\nMinister Ana Ruiz meets the "
            "leaders of four fishing cooperatives at the town hall of Norden.",
            "news",
        ),
        # A report that carries the speech it reports under the speech's own heading.
        (
            "Opening of the New Bridge\n\nThe Governor led the opening of the bridge on "
            "2 June 2017.\n\nSPEECH OF GOVERNOR JOHN DOE DURING THE OPENING OF THE BRIDGE\n\n"
            "River Road, Eastville\n\nThank you. Please sit down. I am glad to be here.",
            "speech",
        ),
        (
            "Transcript of Speech Before the Coast Guard Cadets\n\n"
            "Thank you all for coming. I want to speak to you about the sea.",
            "speech",
        ),
        # A letter printed in full: a statement of its writer.
        (
            "Letter of the Rector on the University Budget\n\nThe rector wrote to the minister.\n\n"
            "Dear Minister Smith:\n\nI write on behalf of the staff of the university.",
            "statement",
        ),
        (
            "Spokesperson Presscon in the Capital\n\nThe spokesperson met the press on Monday.",
            "transcript",
        ),
        # A topic page ("what X is") under a topic's name is not news, past tenses or not.
        (
            "Water Commission\n\nSince 2004, the country has had a Water Commission, created by "
            "a decree adopted by the parliament.",
            "other",
        ),
    ],
)
def test_doc_type_of_reports_speeches_and_letters(text: str, doc_type: str) -> None:
    assert _doc(text)[2] == doc_type
