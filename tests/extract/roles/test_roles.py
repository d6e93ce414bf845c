"""The roles stage on small real sentences (entities from the entities stage, against a small KB
built here), then the five seeds against the packaged KB, scored as the gold README scores them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bilateral.context import Context
from bilateral.extract.entities.stage import extract_entities
from bilateral.extract.roles.stage import extract_roles, title_key
from bilateral.kb import KnowledgeBase, load_kb, normalize_name
from bilateral.model import Document, Entity, Mention, Role, TimeExpr, content_id


def _term(title: str, of: str, start: str, end: str | None = None) -> dict[str, str | None]:
    return {"title": title, "of": of, "start": start, "end": end}


RECORDS: dict[str, Any] = {
    "countries.yaml": {
        "entities": [
            {"id": "country:RUS", "name": "Russia", "official": ["Russian Federation"]},
            {
                "id": "country:KAZ",
                "name": "Kazakhstan",
                "official": ["Republic of Kazakhstan"],
                "adjectives": ["Kazakh", "Kazakhstani"],
            },
            {"id": "country:AZE", "name": "Azerbaijan"},
        ]
    },
    "organizations.yaml": {
        "entities": [
            {"id": "org:osce", "name": "OSCE"},
            {"id": "org:seec", "name": "Supreme Eurasian Economic Council", "aliases": ["SEEC"]},
        ]
    },
    "places.yaml": {"entities": []},
    "people.yaml": {
        "entities": [
            {
                "id": "person:sergey-lavrov",
                "name": "Sergey Lavrov",
                "terms": [_term("Minister of Foreign Affairs", "country:RUS", "2004-03-09")],
            },
            {
                "id": "person:murat-nurtleu",
                "name": "Murat Nurtleu",
                "terms": [
                    _term("Deputy Prime Minister", "country:KAZ", "2023-01-04"),
                    _term("Minister of Foreign Affairs", "country:KAZ", "2023-01-04", "2024-03-29"),
                ],
            },
            {
                "id": "person:mukhtar-tleuberdi",
                "name": "Mukhtar Tleuberdi",
                "terms": [
                    _term("Minister of Foreign Affairs", "country:KAZ", "2019-09-18", "2022-01-11")
                ],
            },
            {
                "id": "person:kassym-jomart-tokayev",
                "name": "Kassym-Jomart Tokayev",
                "terms": [_term("President", "country:KAZ", "2019-03-20")],
            },
            {
                "id": "person:nursultan-nazarbayev",
                "name": "Nursultan Nazarbayev",
                "terms": [_term("President", "country:KAZ", "1990-04-24", "2019-03-20")],
            },
            {
                "id": "person:vladimir-putin",
                "name": "Vladimir Putin",
                "terms": [_term("President", "country:RUS", "2012-05-07")],
            },
            {"id": "person:ilham-aliyev", "name": "Ilham Aliyev"},
        ]
    },
}

Row = tuple[str, str, str | None, str | None, str, str]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.from_records(RECORDS)


@pytest.fixture(scope="module")
def ctx(kb: KnowledgeBase) -> Context:
    return Context(kb=kb)


def _roles(
    ctx: Context, text: str, published: str | None = None, times: tuple[TimeExpr, ...] = ()
) -> list[Row]:
    doc = Document(id="d", source="test", text=text, published=published)
    entities, mentions = extract_entities(doc, ctx)
    roles = extract_roles(doc, ctx.kb, entities, mentions, times)
    for r in roles:
        assert all(e.check(text) for e in r.evidence)
    return [(r.person, r.title, r.of, r.as_of, r.source, r.evidence[0].quote) for r in roles]


def test_two_titles_share_their_state(ctx: Context) -> None:
    text = (
        "In response to the address by the Deputy Prime Minister and Minister of\n"
        "Foreign Affairs of the Republic of Kazakhstan, H.E. Mr. Murat Nurtleu"
    )
    quote = text[text.index("Deputy") :]
    assert _roles(ctx, text, "2024-03-14") == [
        (
            "person:murat-nurtleu",
            "Deputy Prime Minister",
            "country:KAZ",
            "2024-03-14",
            "text",
            quote,
        ),
        (
            "person:murat-nurtleu",
            "Minister of Foreign Affairs",
            "country:KAZ",
            "2024-03-14",
            "text",
            quote,
        ),
    ]


def test_state_from_the_kb_term_when_the_text_gives_none(ctx: Context) -> None:
    text = "On June 9, Foreign Minister Sergey Lavrov had talks."
    assert _roles(ctx, text, "2020-06-09") == [
        (
            "person:sergey-lavrov",
            "Foreign Minister",
            "country:RUS",
            "2020-06-09",
            "text",
            "Foreign Minister Sergey Lavrov",
        )
    ]


def test_title_of_state_then_name(ctx: Context) -> None:
    text = (
        "Foreign Minister Sergey Lavrov had talks with Minister of Foreign Affairs of the "
        "Republic of Kazakhstan Mukhtar Tleuberdi. President of Azerbaijan Ilham Aliyev "
        "recently visited Kazakhstan."
    )
    rows = _roles(ctx, text, "2020-06-09")
    assert rows[1:] == [
        (
            "person:mukhtar-tleuberdi",
            "Minister of Foreign Affairs",
            "country:KAZ",
            "2020-06-09",
            "text",
            "Minister of Foreign Affairs of the Republic of Kazakhstan Mukhtar Tleuberdi",
        ),
        (
            "person:ilham-aliyev",
            "President",
            "country:AZE",
            "2020-06-09",
            "text",
            "President of Azerbaijan Ilham Aliyev",
        ),
    ]


def test_name_then_title(ctx: Context) -> None:
    text = (
        "The strong good personal relationship that Kassym-Jomart Tokayev, President of the "
        "Republic of Kazakhstan and I have developed"
    )
    assert _roles(ctx, text, "2024-11-27") == [
        (
            "person:kassym-jomart-tokayev",
            "President",
            "country:KAZ",
            "2024-11-27",
            "text",
            "Kassym-Jomart Tokayev, President of the Republic of Kazakhstan",
        )
    ]


def test_heading_in_capitals_and_person_outside_kb(ctx: Context) -> None:
    text = (
        "STATEMENT BY\nMR. ALEXANDER LUKASHEVICH, PERMANENT REPRESENTATIVE OF THE\n"
        "RUSSIAN FEDERATION, AT THE 1465th MEETING OF THE\nOSCE PERMANENT COUNCIL"
    )
    assert _roles(ctx, text) == [
        (
            content_id("person", "alexander lukashevich"),
            "Permanent Representative",
            "country:RUS",
            None,
            "text",
            "ALEXANDER LUKASHEVICH, PERMANENT REPRESENTATIVE OF THE\nRUSSIAN FEDERATION",
        )
    ]


def test_first_president_and_a_pronoun_holder(ctx: Context) -> None:
    text = (
        "The idea was proposed by First President of the Republic of Kazakhstan Nursultan "
        "Nazarbayev.\n\nMr Nazarbayev never stopped in his endeavours. As the Honorary Chairman "
        "of the Supreme Eurasian Economic Council (SEEC), he continues working."
    )
    assert _roles(ctx, text) == [
        (
            "person:nursultan-nazarbayev",
            "First President",
            "country:KAZ",
            None,
            "text",
            "First President of the Republic of Kazakhstan Nursultan Nazarbayev",
        ),
        (
            "person:nursultan-nazarbayev",
            "Honorary Chairman of the Supreme Eurasian Economic Council",
            "org:seec",
            None,
            "text",
            "Honorary Chairman of the Supreme Eurasian Economic Council (SEEC), he",
        ),
    ]


def test_demonym_and_possessive_posts_resolve_through_kb_terms(ctx: Context) -> None:
    text = (
        "President Kassym-Jomart Tokayev spoke. We have taken note of the Kazakh President’s "
        "idea. Mukhtar Tleuberdi was there. Kazakhstan's Foreign Minister agreed."
    )
    rows = _roles(ctx, text, "2020-11-20")
    assert ("person:kassym-jomart-tokayev", "President", "country:KAZ") in [r[:3] for r in rows]
    assert (
        "person:mukhtar-tleuberdi",
        "Foreign Minister",
        "country:KAZ",
        "2020-11-20",
        "text",
        "Kazakhstan's Foreign Minister",
    ) in rows


def test_signature(ctx: Context) -> None:
    text = "Source: The Ministry of Foreign Affairs\n\nSergey Lavrov\nForeign Minister of Russia"
    assert _roles(ctx, text) == [
        (
            "person:sergey-lavrov",
            "Foreign Minister",
            "country:RUS",
            None,
            "text",
            "Sergey Lavrov\nForeign Minister of Russia",
        )
    ]


def test_un_speaker_line_without_state(ctx: Context) -> None:
    text = "Address by the head of delegation — Stanislaus Mudenge, Minister for Foreign Affairs"
    assert _roles(ctx, text, "1995") == [
        (
            content_id("person", "stanislaus mudenge"),
            "Minister for Foreign Affairs",
            None,
            "1995",
            "text",
            "Stanislaus Mudenge, Minister for Foreign Affairs",
        )
    ]


def test_kb_terms_of_every_person_mentioned(ctx: Context) -> None:
    text = "Vladimir Putin will attend the ceremony."
    assert _roles(ctx, text, "2024-11-27") == [
        ("person:vladimir-putin", "President", "country:RUS", "2024-11-27", "kb", "Vladimir Putin")
    ]


def test_as_of_is_the_date_the_sentence_gives(ctx: Context) -> None:
    text = "In 2018, Foreign Minister Sergey Lavrov visited Astana."
    times = (TimeExpr(3, 7, "2018", "2018", "year"),)
    doc_sentences = _roles(ctx, text, "2020-06-09", times)
    # No sentences in a bare Document: the document's date is used.
    assert doc_sentences[0][3] == "2020-06-09"


def test_title_keys() -> None:
    assert title_key("Foreign Minister") == title_key("Minister of Foreign Affairs")
    assert title_key("Minister for Foreign Affairs") == "minister of foreign affairs"
    assert title_key("Permanent Representative to the United Nations") == "permanent representative"
    assert title_key("Vice-President") != title_key("President")


# --- the seeds, scored as the gold README scores them -----------------------------------------------

_STOP = frozenset("of for and the to in on at a an".split())
_HEADS = frozenset(
    "minister president ambassador representative chairman chair secretary envoy consul speaker"
    " director head governor mayor chancellor premier king".split()
)


def _matches(gold: dict[str, Any], r: Role, names: dict[str, set[str]]) -> bool:
    if normalize_name(gold["person"]) not in names.get(r.person, set()):
        return False
    wanted = gold["of"] if isinstance(gold["of"], list) else [gold["of"]]
    if gold["of"] is not None and not any(
        normalize_name(o) in names.get(r.of or "", set()) for o in wanted
    ):
        return False
    gw = {w for w in normalize_name(gold["title"]).split() if w not in _STOP}
    sw = {w for w in normalize_name(r.title).split() if w not in _STOP}
    return bool(gw & sw & _HEADS) and len(gw & sw) >= len(gw) / 2


def _names(
    kb: KnowledgeBase, entities: tuple[Entity, ...], mentions: tuple[Mention, ...]
) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in [*entities, *kb.entities.values()]:
        out.setdefault(e.id, set()).update(normalize_name(n) for n in (e.name, *e.aliases))
    for m in mentions:
        out[m.entity].add(normalize_name(m.text))
    return out


@pytest.mark.corpus
def test_seeds_role_recall(seeds_dir: Path, gold_path: Path) -> None:
    from bilateral.ingest import build_document, read_paths

    lines = gold_path.read_text(encoding="utf-8").splitlines()
    gold = {json.loads(line)["doc"]: json.loads(line) for line in lines}
    kb = load_kb()
    ctx = Context(kb=kb)
    found = total = 0
    for raw in read_paths([seeds_dir]):
        assert not isinstance(raw, Exception)
        doc = build_document(raw)
        entities, mentions = extract_entities(doc, ctx)
        roles = list(extract_roles(doc, kb, entities, mentions, ()))
        names = _names(kb, entities, mentions)
        for g in gold[Path(raw.source).stem]["roles"]:
            total += 1
            hit = next((r for r in roles if _matches(g, r, names)), None)
            if hit is not None:
                roles.remove(hit)
                found += 1
    assert found / total >= 0.85, (found, total)


# --- held-out shapes, as in Kazakhstan embassy releases -------------------------------------------

HELD_OUT_RECORDS: dict[str, Any] = {
    "countries.yaml": {
        "entities": [
            {"id": "country:KAZ", "name": "Kazakhstan", "adjectives": ["Kazakh"]},
            {"id": "country:USA", "name": "United States", "aliases": ["US", "U.S."]},
        ]
    },
    "organizations.yaml": {
        "entities": [
            {"id": "org:helsinki", "name": "Helsinki Commission"},
            {"id": "org:chevron", "name": "Chevron"},
        ]
    },
    "places.yaml": {"entities": []},
    "people.yaml": {
        "entities": [
            {"id": "person:mike-pompeo", "name": "Mike Pompeo", "aliases": ["Michael Pompeo"]}
        ]
    },
}


@pytest.fixture(scope="module")
def held_out_ctx() -> Context:
    return Context(kb=KnowledgeBase.from_records(HELD_OUT_RECORDS))


def _posts(ctx: Context, text: str) -> list[tuple[str, str, str | None, str]]:
    return [(p, t, of, q) for p, t, of, _, _, q in _roles(ctx, text)]


def test_a_portfolio_right_before_a_full_name(held_out_ctx: Context) -> None:
    text = "Secretary of State Michael Pompeo thanked Kazakhstan for its support at the talks."
    assert _posts(held_out_ctx, text) == [
        ("person:mike-pompeo", "Secretary of State", None, "Secretary of State Michael Pompeo")
    ]


def test_sworn_in_as_a_post_after_a_dotted_state(held_out_ctx: Context) -> None:
    text = "Thomas J. Harlan was sworn in as the new U.S. Ambassador to Kazakhstan last week."
    assert _posts(held_out_ctx, text) == [
        (
            content_id("person", normalize_name("Thomas J. Harlan")),
            "Ambassador to Kazakhstan",
            "country:USA",
            "Thomas J. Harlan was sworn in as the new U.S. Ambassador to Kazakhstan",
        )
    ]


def test_a_bare_title_between_a_post_and_its_holder(held_out_ctx: Context) -> None:
    text = (
        "At a meeting with Chairman of the Helsinki Commission Senator Roger F. Wicker, both "
        "sides reviewed the agenda."
    )
    pid = content_id("person", normalize_name("Roger F. Wicker"))
    assert _posts(held_out_ctx, text) == [
        (
            pid,
            "Chairman of the Helsinki Commission",
            "org:helsinki",
            "Chairman of the Helsinki Commission Senator Roger F. Wicker",
        ),
        (pid, "Senator", None, "Senator Roger F. Wicker"),
    ]


def test_chief_of_a_body_and_a_principal_deputy(held_out_ctx: Context) -> None:
    text = (
        "Chief of the Presidential Administration Nurlan Bekov presented the new Minister to "
        "staff. Karen M. Doyle, U.S. Principal Deputy Assistant Secretary for Central Asia, noted "
        "this."
    )
    assert _posts(held_out_ctx, text) == [
        (
            content_id("person", "nurlan bekov"),
            "Chief of the Presidential Administration",
            None,
            "Chief of the Presidential Administration Nurlan Bekov",
        ),
        (
            content_id("person", normalize_name("Karen M. Doyle")),
            "Principal Deputy Assistant Secretary for Central Asia",
            "country:USA",
            "Karen M. Doyle, U.S. Principal Deputy Assistant Secretary for Central Asia",
        ),
    ]


def test_a_plural_title_gives_each_name_after_it_the_post(held_out_ctx: Context) -> None:
    text = "At a lunch with Senators Jeanne Shaheen and Steve Daines, the guests covered trade."
    assert [(p, t, of) for p, t, of, _ in _posts(held_out_ctx, text)] == [
        (content_id("person", normalize_name("Jeanne Shaheen")), "Senator", None),
        (content_id("person", normalize_name("Steve Daines")), "Senator", None),
    ]


def test_a_series_portfolio_and_a_company_unit(held_out_ctx: Context) -> None:
    text = (
        "The delegation also saw Acting US Assistant Secretary of State for Democracy, Human "
        "Rights, and Labor Karen Whitfield. Minister Roman Sklyar held talks with new Managing "
        "Director of Chevron's Caspian Unit Derek Magness in Astana."
    )
    rows = [(p, t, of) for p, t, of, _ in _posts(held_out_ctx, text)]
    assert (
        content_id("person", normalize_name("Karen Whitfield")),
        "Assistant Secretary of State for Democracy, Human Rights, and Labor",
        "country:USA",
    ) in rows
    assert (
        content_id("person", normalize_name("Derek Magness")),
        "Managing Director of Chevron's Caspian Unit",
        "org:chevron",
    ) in rows


def test_a_post_without_its_body_adds_nothing_to_the_same_post_with_one(
    held_out_ctx: Context,
) -> None:
    text = (
        "Minister of Energy Aidar Serikov visit to Ottawa.\n\nOn May 7, Minister of "
        "Energy of Kazakhstan Aidar Serikov paid a working visit to Ottawa."
    )
    assert [(t, of) for _, t, of, _ in _posts(held_out_ctx, text)] == [
        ("Minister of Energy", "country:KAZ")
    ]


@pytest.fixture(scope="module")
def packaged_ctx() -> Context:
    return Context(kb=load_kb())


def test_a_bracketed_acronym_between_the_body_and_the_holder(packaged_ctx: Context) -> None:
    text = (
        "In a meeting between Mr. Serikov and the President of the European Bank for "
        "Reconstruction and Development (EBRD) Thomas Mirow, both sides reviewed projects."
    )
    assert [(t, of) for _, t, of, _ in _posts(packaged_ctx, text)] == [
        ("President of the European Bank for Reconstruction and Development", "org:ebrd")
    ]


def test_an_epithet_after_a_dash_between_the_post_and_the_holder(packaged_ctx: Context) -> None:
    text = (
        "This course continues the line of First President of the Republic of Kazakhstan – "
        "Elbasy Nursultan Nazarbayev."
    )
    assert [(p, t, of) for p, t, of, _ in _posts(packaged_ctx, text)] == [
        ("person:nursultan-nazarbayev", "First President", "country:KAZ")
    ]


def test_a_word_of_praise_before_the_state(packaged_ctx: Context) -> None:
    text = "They mourned the passing of the first President of the independent Uzbekistan, Islam Karimov."
    assert [(p, t, of) for p, t, of, _ in _posts(packaged_ctx, text)] == [
        ("person:islam-karimov", "First President", "country:UZB")
    ]


def test_and_after_a_post_of_a_state_starts_another_holder(packaged_ctx: Context) -> None:
    text = "The talks stressed ties linking the First President of Kazakhstan and King Abdullah II."
    rows = [(t, of) for _, t, of, _ in _posts(packaged_ctx, text)]
    assert ("King", "country:KAZ") not in rows


def _segmented(
    ctx: Context, text: str, doc_type: str | None = None
) -> list[tuple[str, str, str | None]]:
    """Roles on a segmented document (sentences set), holders by name."""
    from dataclasses import replace

    from bilateral.ingest import build_document
    from bilateral.ingest.text import RawDocument

    doc = build_document(RawDocument(source="x.txt", text=text, format="txt"))
    if doc_type is not None:
        doc = replace(doc, doc_type=doc_type)
    entities, mentions = extract_entities(doc, ctx)
    names = {e.id: e.name for e in entities}
    roles = extract_roles(doc, ctx.kb, entities, mentions, ())
    return [(names[r.person], r.title, r.of) for r in roles if r.source == "text"]


def test_a_post_in_apposition_after_founder_and(packaged_ctx: Context) -> None:
    text = "The agenda was reviewed with Klaus Schwab, Founder and Executive Chairman of the WEF."
    assert _segmented(packaged_ctx, text) == [
        ("Klaus Schwab", "Founder", "org:wef"),
        ("Klaus Schwab", "Executive Chairman of the WEF", "org:wef"),
    ]


def test_a_monarch_with_his_state_after_the_name(packaged_ctx: Context) -> None:
    text = "The summit took place under the patronage of King Abdullah II of Jordan."
    assert _segmented(packaged_ctx, text) == [("Abdullah II", "King", "country:JOR")]


def test_a_name_with_a_bracketed_state_before_the_post(packaged_ctx: Context) -> None:
    text = "Mr. Sow (Guinea), Vice-President, presided over the afternoon meeting."
    assert _segmented(packaged_ctx, text) == [("Sow", "Vice-President", None)]


def test_an_epithet_post_after_a_dash(packaged_ctx: Context) -> None:
    text = "They praised First President of Kazakhstan -Leader of the Nation Nursultan Nazarbayev."
    assert _segmented(packaged_ctx, text) == [
        ("Nursultan Nazarbayev", "First President", "country:KAZ"),
        ("Nursultan Nazarbayev", "Leader of the Nation", "country:KAZ"),
    ]


def test_a_pronoun_holds_an_earlier_post_of_the_same_state(packaged_ctx: Context) -> None:
    text = (
        "Marat Sadykov was named Minister of Trade of Kazakhstan. Before that, he served as "
        "the Minister of Energy and Mining Industry."
    )
    assert _segmented(packaged_ctx, text) == [
        ("Marat Sadykov", "Minister of Trade", "country:KAZ"),
        ("Marat Sadykov", "Minister of Energy and Mining Industry", "country:KAZ"),
    ]


def test_senators_take_the_state_of_the_body_just_named(packaged_ctx: Context) -> None:
    text = (
        "The delegation saw members of US Congress. In talks with Senators Ann Doyle and "
        "Peter Marsh, both sides discussed trade."
    )
    assert _segmented(packaged_ctx, text) == [
        ("Ann Doyle", "Senator", "country:USA"),
        ("Peter Marsh", "Senator", "country:USA"),
    ]


def test_an_envoy_does_not_take_the_state_of_the_receiving_body(packaged_ctx: Context) -> None:
    text = "The US Department of State received Ambassador Peter Marsh on Monday."
    assert _segmented(packaged_ctx, text) == [("Peter Marsh", "Ambassador", None)]


def test_a_mission_after_ambassador_at_large_before_the_name(packaged_ctx: Context) -> None:
    text = (
        "At the US Department of State, they met Ambassador-at-Large to Monitor and Combat "
        "Trafficking in Persons Peter Marsh."
    )
    assert _segmented(packaged_ctx, text) == [
        (
            "Peter Marsh",
            "Ambassador-at-Large to Monitor and Combat Trafficking in Persons",
            "country:USA",
        )
    ]


def test_subjectless_posts_in_a_biography_are_its_subject(packaged_ctx: Context) -> None:
    text = (
        "Marat Sadykov was named Minister of Trade of Kazakhstan.\n\n"
        "Worked as an assistant to the Secretary of State. In 2001 was appointed Vice-Minister "
        "of Trade. In 2004 was appointed Ambassador Extraordinary and Plenipotentiary of "
        "Kazakhstan to Malaysia. In 2009 was transferred to the post of Ambassador Extraordinary "
        "and Plenipotentiary of Kazakhstan to Japan."
    )
    assert _segmented(packaged_ctx, text, "biography") == [
        ("Marat Sadykov", "Minister of Trade", "country:KAZ"),
        ("Marat Sadykov", "Vice-Minister of Trade", "country:KAZ"),
        (
            "Marat Sadykov",
            "Ambassador Extraordinary and Plenipotentiary to Malaysia",
            "country:KAZ",
        ),
        ("Marat Sadykov", "Ambassador Extraordinary and Plenipotentiary to Japan", "country:KAZ"),
    ]


def test_congratulated_on_appointment_as_a_post(packaged_ctx: Context) -> None:
    text = "Mike Pompeo congratulated Nurlan Ermekbayev on appointment as Foreign Minister."
    assert _segmented(packaged_ctx, text) == [
        ("Nurlan Yermekbayev", "Foreign Minister", "country:KAZ")
    ]


def test_places_after_for_are_the_area_of_a_post(packaged_ctx: Context) -> None:
    text = "Jane R. Holm, U.S. Deputy Assistant Secretary for South and Central Asia, spoke."
    assert _segmented(packaged_ctx, text) == [
        (
            "Jane R. Holm",
            "Deputy Assistant Secretary for South and Central Asia",
            "country:USA",
        )
    ]
