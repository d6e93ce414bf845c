"""The scorer against a hand-made record and gold file: every rule of the gold README, exact counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilateral.eval import (
    EvalError,
    Score,
    agreement_fits,
    date_matches,
    evaluate,
    head_noun,
    max_matching,
    normalize,
    period_matches,
    title_matches,
)
from bilateral.model import (
    Agreement,
    Claim,
    Document,
    Entity,
    Event,
    Evidence,
    Extraction,
    Mention,
    Role,
)
from bilateral.store import Store

TEXT = (
    "Moscow, June 9, 2020. Foreign Minister Sergey Lavrov held talks with Mr. Tleuberdi, "
    "Minister of Foreign Affairs of Kazakhstan, and visited the United Nations office (UN). "
    "Russia-Kazakhstan trade reached $28 billion in 2019/2020. "
    "They recalled the Treaty on Good-Neighbourliness and Alliance."
)


def at(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def build(db: Path) -> Store:
    store = Store(db)
    doc = Document(
        id="a" * 16,
        source="/corpus/000_alpha.txt",
        text=TEXT,
        published="2020-06-09",
        doc_type="press_release",
    )
    ev = (Evidence.of(doc, *at(TEXT, "Moscow, June 9, 2020.")),)

    def mention(phrase: str, entity: str, kind: str) -> Mention:
        return Mention(doc.id, *at(TEXT, phrase), phrase, entity, kind)

    entities = (
        Entity("place:moscow", "place", "Moscow", (), None, True),
        Entity("person:lavrov", "person", "Sergey Lavrov", ("Lavrov",), None, True),
        # Only the mention's text ("Mr. Tleuberdi") is in the gold: mention-text matching.
        Entity("person:tleuberdi", "person", "M. Tleuberdi", (), None, False),
        Entity("country:KAZ", "country", "Kazakhstan", ("Republic of Kazakhstan",), None, True),
        Entity("org:un", "organization", "United Nations", (), None, True),
        # A duplicate of the UN: both match the one gold UN, only one may count.
        Entity("org:un-ner", "organization", "UN", (), None, False),
        Entity("country:RUS", "country", "Russian Federation", (), None, True),
    )
    mentions = (
        mention("Moscow", "place:moscow", "place"),
        mention("Sergey Lavrov", "person:lavrov", "person"),
        mention("Mr. Tleuberdi", "person:tleuberdi", "person"),
        mention("Kazakhstan", "country:KAZ", "country"),
        mention("United Nations", "org:un", "organization"),
        mention("UN", "org:un-ner", "organization"),
        mention("Russia", "country:RUS", "country"),
    )
    roles = (
        Role("person:lavrov", "Minister of Foreign Affairs", "country:RUS", None, ev),
        Role("person:tleuberdi", "Foreign Minister", "country:KAZ", None, ev),
        Role("person:tleuberdi", "Deputy Chairman", "country:KAZ", None, ev),
        Role("person:tleuberdi", "Minister", "country:KAZ", None, ev),
        Role("person:lavrov", "Ambassador Extraordinary", "country:KAZ", None, ev),
    )

    def event(eid: str, kind: str, date: str | None, *who: str) -> Event:
        return Event(eid, kind, date, None, "occurred", None, None, who, "", "", ev)

    events = (
        event("e1", "meeting", "2020-06-09", "person:lavrov", "person:tleuberdi"),
        event("e2", "visit", "2020-06-10", "country:RUS"),
        event("e3", "phone_call", "2020-06-01/2020-06-05"),
        event("e4", "signing", "2020-06", "country:KAZ"),
        event("e5", "forum", "2021", "org:un-ner"),
        event("e6", "conference", "2020-06-09", "place:moscow"),
    )
    agreements = (
        Agreement("a1", "Treaty on Good-Neighbourliness and Alliance", "treaty", None, (), ev),
        Agreement("a2", "Cooperation Programme", "programme", None, (), ev),
        Agreement("a3", "Roadmap", "plan", None, (), ev),
    )

    def claim(cid: str, value: float, unit: str, period: str | None) -> Claim:
        return Claim(cid, "x", value, unit, None, period, (), None, ev)

    claims = (
        claim("c1", 28.2e9, "USD", "2019/2020"),
        claim("c2", 74000, "persons", "2020-01/2020-12"),
        claim("c3", 10.2, "count", "2022"),
        claim("c4", 80, "count", "2024"),
    )
    store.add_document(
        doc,
        0,
        Extraction(doc.id, entities, mentions, (), roles, events, agreements, claims),
    )
    # A page fetched from the web: its gold name is the URL's file stem.
    store.add_document(
        Document(
            id="c" * 16,
            source="https://example.org/news/002_gamma.html",
            text="No date here.",
            doc_type="news",
        ),
        0,
    )
    return store


GOLD = [
    {
        "doc": "000_alpha",
        "published": ["2020-06-09"],
        "doc_type": ["statement"],
        "entities": [
            {"type": "place", "name": "Moscow", "aliases": []},
            {"type": "person", "name": "Sergei Lavrov", "aliases": ["Sergey Lavrov"]},
            {"type": "person", "name": "Mukhtar Tleuberdi", "aliases": ["Mr. Tleuberdi"]},
            {"type": "country", "name": "Kazakhstan", "aliases": ["Republic of Kazakhstan"]},
            {"type": "organization", "name": "United Nations", "aliases": ["UN"]},
            {"type": "country", "name": "Russia", "aliases": ["Russian Federation"]},
            {"type": "organization", "name": "Ministry of Foreign Affairs", "aliases": []},
        ],
        "roles": [
            {"person": "Sergei Lavrov", "title": "Foreign Minister", "of": "Russia"},
            {
                "person": "Mukhtar Tleuberdi",
                "title": "Minister of Foreign Affairs",
                "of": ["Ministry of Foreign Affairs", "Kazakhstan"],
            },
            {"person": "Mukhtar Tleuberdi", "title": "Deputy Prime Minister", "of": None},
            {
                "person": "Sergei Lavrov",
                "title": "Ambassador Extraordinary and Plenipotentiary",
                "of": None,
            },
        ],
        "events": [
            {
                "type": "talks",
                "date": "2020-06-09",
                "participants": ["Sergei Lavrov", "Mukhtar Tleuberdi"],
            },
            {"type": "visit", "date": "2020", "participants": ["Russia"]},
            {"type": "phone_call", "date": "2020-06", "participants": []},
            {"type": "signing", "date": "2020-06-09", "participants": ["Kazakhstan"]},
            {"type": "summit", "date": None, "participants": ["United Nations"]},
        ],
        "agreements": [
            {"name": "Treaty on Good-Neighbourliness and Alliance in the 21st Century"},
            {"name": "Programme for Interregional and Cross-Border Cooperation"},
            {"name": "The Roadmap"},
        ],
        "claims": [
            {"value": 28000000000, "unit": "USD", "period": ["2019-09/2020-06", "2019/2020"]},
            {"value": 74000, "unit": "persons", "period": "2020"},
            {"value": 10, "unit": "count", "period": None},
            {"value": 80, "unit": "percent", "period": "2024"},
        ],
    },
    {
        "doc": "001_missing",
        "published": ["2021"],
        "doc_type": ["news"],
        "entities": [
            {"type": "country", "name": "Russia", "aliases": []},
            {"type": "country", "name": "Kazakhstan", "aliases": []},
        ],
        "roles": [{"person": "Vladimir Putin", "title": "President", "of": "Russia"}],
        "events": [{"type": "visit", "date": "2021", "participants": []}],
        "agreements": [{"name": "Roadmap"}],
        "claims": [{"value": 1, "unit": "count", "period": None}],
    },
    {
        "doc": "002_gamma",
        "published": [],
        "doc_type": ["news", "article"],
        "entities": [],
        "roles": [],
        "events": [],
        "agreements": [],
        "claims": [],
    },
]


@pytest.fixture
def report_of(tmp_path: Path) -> dict[str, Score]:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n", encoding="utf-8")
    return dict(evaluate(build(tmp_path / "r.db"), gold).scores)


def counts(score: Score) -> tuple[int, int, int]:
    return score.tp, score.n_system, score.n_gold


def test_published_and_doc_type_are_accuracies_over_gold_documents(
    report_of: dict[str, Score],
) -> None:
    # 000 right; 001 missing from the database; 002 null against an empty list is right.
    assert counts(report_of["published"]) == (2, 2, 3)
    assert report_of["published"].recall == pytest.approx(2 / 3)
    assert report_of["published"].precision == report_of["published"].recall
    # 000 is a press release against "statement"; 002 "news" is one of the accepted types.
    assert counts(report_of["doc_type"]) == (1, 2, 3)


def test_entities_match_by_alias_mention_text_and_one_to_one(report_of: dict[str, Score]) -> None:
    # Matched: Moscow, Lavrov (gold alias), Tleuberdi (mention text), Kazakhstan, one of the two
    # UNs, Russia (system name is a gold alias). Missed: the ministry and 001's two states.
    entities = report_of["entities"]
    assert counts(entities) == (6, 7, 9)
    assert entities.precision == pytest.approx(6 / 7)
    assert entities.recall == pytest.approx(6 / 9)
    assert entities.f1 == pytest.approx(0.75)


def test_roles_need_the_head_noun_and_half_the_gold_words(report_of: dict[str, Score]) -> None:
    # Foreign Minister ~ Minister of Foreign Affairs (both ways, `of` from a list);
    # Ambassador Extraordinary ~ Ambassador Extraordinary and Plenipotentiary (gold `of` null);
    # Deputy Prime Minister: "Deputy Chairman" has another head, "Minister" too few words.
    roles = report_of["roles"]
    assert counts(roles) == (3, 5, 5)
    assert roles.recall == pytest.approx(0.6)
    assert roles.precision is None and roles.f1 is None


def test_events_by_type_group_date_precision_and_participants(
    report_of: dict[str, Score],
) -> None:
    # talks~meeting; visit 2020 ~ 2020-06-10; phone call 2020-06 ~ interval starting 2020-06-01;
    # summit (null date) ~ forum with the UN by its alias. Not: a signing known only to the
    # month against a gold day, a conference whose only participant is not the gold's.
    events = report_of["events"]
    assert counts(events) == (4, 6, 6)
    assert events.precision == pytest.approx(4 / 6)
    assert events.f1 == pytest.approx(4 / 6)


def test_agreements_by_equal_names_or_sixty_percent_of_gold_words(
    report_of: dict[str, Score],
) -> None:
    # 3 of 5 gold content words is 60%: a match; 2 of 4 is not; "The Roadmap" equals "Roadmap".
    assert counts(report_of["agreements"]) == (2, 3, 4)
    assert report_of["agreements"].recall == 0.5


def test_a_russian_agreement_matches_by_its_english_or_its_original_name() -> None:
    gold = {"name": "Treaty on Friendship and Cooperation", "name_ru": "Договор о дружбе"}
    # The English name against the gold's English name, 60% of its content words.
    assert agreement_fits(gold, "Treaty on Friendship between Laos and Russia", "Договор X")
    # The name as the text words it against the gold's Russian name.
    assert agreement_fits(gold, "Treaty of Druzhba", "Договор о дружбе")
    assert not agreement_fits(gold, "Treaty of Druzhba", "Договор о торговле")
    # Neither name against the other language's.
    assert not agreement_fits({"name": "Treaty on Friendship"}, "Treaty X", "Treaty on Friendship")
    # An English gold agreement, without a Russian name: the English rule alone.
    assert agreement_fits({"name": "The Roadmap"}, "Roadmap", None)
    assert not agreement_fits({"name": "Trade Roadmap", "name_ru": None}, "Plan", None)


def test_eval_scores_a_russian_document_s_agreements_by_either_name(tmp_path: Path) -> None:
    text = "Министры обсудили договор о дружбе. Подписан меморандум о туризме."
    doc = Document("r" * 16, "/x/001_ru.txt", text, language="ru")
    ev = (Evidence.of(doc, 0, len(text)),)
    store = Store(tmp_path / "ru.db")
    agreements = (
        Agreement("a1", "Treaty on Friendship", "treaty", None, (), ev, "договор о дружбе"),
        Agreement(
            "a2", "Memorandum on Tuorizm", "memorandum", None, (), ev, "меморандум о туризме"
        ),
    )
    store.add_document(doc, 0, Extraction(doc.id, agreements=agreements))
    gold = tmp_path / "ru.jsonl"
    line = {
        "doc": "001_ru",
        "agreements": [
            {"name": "Treaty on Friendship and Cooperation", "name_ru": "Договор о дружбе",
             "type": "treaty", "signed": None},
            {"name": "Memorandum of Understanding on Tourism", "name_ru": "меморандум о туризме",
             "type": "memorandum", "signed": None},
            {"name": "Action Plan", "name_ru": "план действий", "type": "plan", "signed": None},
        ],
    }  # fmt: skip
    gold.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    score = dict(evaluate(store, gold).scores)["agreements"]
    assert counts(score) == (2, 2, 3)


def test_claims_by_value_unit_and_period(report_of: dict[str, Score]) -> None:
    # 28.2e9 is within 1% of 28e9 with a listed spelling; "2020-01/2020-12" is the ISO interval
    # of "2020". 10.2 is 2% off; 80 count is not 80 percent.
    claims = report_of["claims"]
    assert counts(claims) == (2, 4, 5)
    assert claims.precision == 0.5
    assert claims.recall == pytest.approx(0.4)
    assert claims.f1 == pytest.approx(4 / 9)


def test_report_names_missing_documents_and_lists_misses(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(g) for g in GOLD), encoding="utf-8")
    report = evaluate(build(tmp_path / "r.db"), gold)
    assert report.missing == ("001_missing",)
    lines = report.lines()
    assert lines[0].split() == ["kind", "metric", "P", "R", "F1", "tp", "system", "gold"]
    assert lines[1].split() == ["published", "accuracy", "0.667", "0.667", "0.667", "2", "2", "3"]
    assert lines[4].split() == ["roles", "recall", "—", "0.600", "—", "3", "5", "5"]
    assert any(line.startswith("warning:") and "001_missing" in line for line in lines)
    data = report.as_dict()
    assert json.loads(json.dumps(data)) == data
    assert [d["id"] for d in data["documents"]] == ["a" * 16, None, "c" * 16]
    misses = {(e.doc, e.kind, e.what) for e in report.errors}
    assert ("000_alpha", "entities", "false_positive") in misses
    assert ("000_alpha", "doc_type", "wrong") in misses
    assert ("001_missing", "claims", "miss") in misses
    fp = [e.item for e in report.errors if e.kind == "events" and e.what == "false_positive"]
    assert sorted(i["id"] for i in fp) == ["e4", "e6"]


def test_misses_listing_quotes_each_item_and_groups_by_publisher(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(g) for g in GOLD), encoding="utf-8")
    report = evaluate(build(tmp_path / "r.db"), [gold, gold])
    lines = report.lines(misses=True, by_publisher=True)
    # The first table counts every gold line of both files.
    assert lines[1].split()[-1] == "6"
    assert any(line.startswith("publisher: ") for line in lines)
    assert "== 000_alpha" in lines
    # A system event matching nothing is shown with the sentence that states it.
    at = next(i for i, line in enumerate(lines) if line.startswith("+ events") and "e4" not in line)
    assert lines[at + 1].strip().startswith("«") and lines[at + 1].strip().endswith("»")
    # A missed gold item comes with the first passage that names it, where the text does:
    # the Deputy Prime Minister role names Tleuberdi; the ministry is named nowhere.
    near = {
        (e.kind, str(e.item.get("name") or e.item.get("title"))): e.item["near"]
        for e in report.errors
        if e.doc == "000_alpha" and e.what == "miss"
    }
    assert "Mr. Tleuberdi" in near["roles", "Deputy Prime Minister"]
    assert near["entities", "Ministry of Foreign Affairs"] == ""
    # Extras of recall-only kinds are listed but are not counted as errors.
    assert len(report.faults) < len(report.errors) or not any(
        e.what == "extra" for e in report.errors
    )


def test_a_malformed_gold_line_is_named(tmp_path: Path) -> None:
    gold = tmp_path / "bad.jsonl"
    gold.write_text('{"doc": "x"}\n{not json\n', encoding="utf-8")
    with pytest.raises(EvalError, match=r"bad.jsonl:2: not JSON"):
        evaluate(Store(tmp_path / "r.db"), gold)


# -- the rules one by one -------------------------------------------------------------------------
def test_normalize_follows_the_readme() -> None:
    assert normalize("The  Côte d’Ivoire") == "cote divoire"
    assert normalize("U.S.") == normalize("US") == "us"
    assert normalize("Co-operation") == "cooperation"
    assert normalize("Theodore") == "theodore"


@pytest.mark.parametrize(
    ("title", "head"),
    [
        ("Deputy Prime Minister", "minister"),
        ("Minister of Foreign Affairs", "minister"),
        ("Permanent Representative of Russia to the OSCE", "representative"),
        ("Ambassador Extraordinary and Plenipotentiary", "ambassador"),
        ("Honorary Chairman", "chairman"),
        ("Secretary General", "secretary"),
        ("", None),
    ],
)
def test_head_noun(title: str, head: str | None) -> None:
    assert head_noun(title) == head


def test_title_rule() -> None:
    assert title_matches("Foreign Minister", "Minister of Foreign Affairs")
    assert title_matches("Minister of Foreign Affairs", "Foreign Minister")
    assert not title_matches("Deputy Prime Minister", "Minister")
    assert not title_matches("President", "Chairman of the Board")
    # The rule is generous by design: a vice president shares "president" and all gold words.
    assert title_matches("President", "Vice President")
    assert title_matches("President", "First President")


def test_matching_is_maximum_not_greedy() -> None:
    # Greedy pairs system 0 with gold 0 and leaves system 1 without a partner.
    fits = {(0, 0), (0, 1), (1, 0)}
    assert max_matching(2, 2, lambda s, g: (s, g) in fits) == {0: 1, 1: 0}
    chain = {(s, g) for s in range(50) for g in range(50) if g in (s, s + 1)}
    assert len(max_matching(50, 50, lambda s, g: (s, g) in chain)) == 50


def _largest(n_system: int, n_gold: int, fits: set[tuple[int, int]]) -> int:
    """The size of a maximum matching by trying every choice (small inputs only)."""

    def best(s: int, used: frozenset[int]) -> int:
        if s == n_system:
            return 0
        options = [best(s + 1, used)]
        options += [
            1 + best(s + 1, used | {g}) for g in range(n_gold) if (s, g) in fits and g not in used
        ]
        return max(options)

    return best(0, frozenset())


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, 6),
    st.integers(0, 6),
    st.sets(st.tuples(st.integers(0, 5), st.integers(0, 5))),
)
def test_matching_is_as_large_as_any_pairing(
    n_system: int, n_gold: int, pairs: set[tuple[int, int]]
) -> None:
    fits = {(s, g) for s, g in pairs if s < n_system and g < n_gold}
    matched = max_matching(n_system, n_gold, lambda s, g: (s, g) in fits)
    assert all((s, g) in fits for s, g in matched.items())
    assert len(set(matched.values())) == len(matched)  # one-to-one
    assert len(matched) == _largest(n_system, n_gold, fits)


def test_date_and_period_rules() -> None:
    assert date_matches("2022", "2022-05-01")
    assert date_matches("2023-09", "2023-09/2023-11")
    assert not date_matches("2022-05-01", "2022-05")
    assert not date_matches("2022", None)
    assert date_matches(None, None)
    assert period_matches(["2019-09/2020-06", "2019/2020"], "2019/2020")
    assert period_matches("2024", "2024-01/2024-12")
    assert not period_matches("2024", "2024-01/2024-09")
    assert not period_matches(["2019/2020"], "2019-2020")
    assert period_matches(None, "2024")
    assert not period_matches("2024", None)


def test_quotes_of_restricted_sources_round_trip_through_offsets() -> None:
    from bilateral.eval.corpus import copy_restricted, fill_quotes, strip_quotes

    text = "Title\n\nThe two sides agreed to open a consulate. They welcomed the visit."
    line = {
        "doc": "x",
        "positions": [
            {"holder": "A", "quote": "They welcomed the visit.", "alt_quotes": ["welcomed"]}
        ],
        "plans": [{"holders": ["A"], "quote": "agreed to open a consulate"}],
    }
    stripped = strip_quotes(json.loads(json.dumps(line)), text)
    assert '"quote"' not in json.dumps(stripped) and '"alt_quotes"' not in json.dumps(stripped)
    assert stripped["plans"][0]["quote_span"] == [21, 47]
    assert fill_quotes(stripped, text) == {
        "doc": "x",
        "positions": [
            {"holder": "A", "alt_quotes": ["welcomed"], "quote": "They welcomed the visit."}
        ],
        "plans": [{"holders": ["A"], "quote": "agreed to open a consulate"}],
    }
    assert copy_restricted({"corpus": "diplomatic-11k.jsonl.gz", "id": "kzemb:posts:x"})
    assert copy_restricted({"corpus": "philippines/news/x.md"})
    assert not copy_restricted({"corpus": "whitehouse/x.md"})
    assert not copy_restricted({"corpus": "diplomatic-11k.jsonl.gz", "id": "ungdc:KAZ_76_2021"})
