"""kb/build.py and kb/sources.py: officials read from source lines written here, merged into one
person per name, and read by the loader under hand-written records (kb/overlay.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bilateral.kb import KnowledgeBase, Term, _entity, load_kb
from bilateral.kb.build import group_holders, link_and_prune, person_record
from bilateral.kb.normalize import fold_word
from bilateral.kb.sources import (
    Post,
    canonical_posts,
    clean_name,
    is_full_name,
    phoenix_persons,
    un_speaker,
)

KAZ = {"id": "country:KAZ", "name": "Kazakhstan", "iso3": "KAZ"}
UZB = {"id": "country:UZB", "name": "Uzbekistan", "iso3": "UZB"}
STATES = {"country:KAZ", "country:UZB"}


# --- sources -----------------------------------------------------------------------------------------
def test_a_un_title_gives_the_speaker_his_posts_and_the_year() -> None:
    h = un_speaker(
        "ungdc:KAZ_80_2025",
        "UN General Debate, session 80 (2025): Kazakhstan — Mr. ARMAN Q. ZHUMABEKOV, "
        "Deputy Prime Minister and Minister for Foreign Affairs and Trade",
    )
    assert h is not None
    assert (h.name, h.states) == ("Arman Q. Zhumabekov", {"KAZ"})
    assert h.posts == [
        Post("Deputy Prime Minister", "KAZ", attested=("2025",)),
        Post("Minister of Foreign Affairs", "KAZ", attested=("2025",)),
    ]


@pytest.mark.parametrize(
    "speaker",
    ["Mr. ZHUMABEKOV", "Arman Zhumabekov", "Arman Zhumabekov, Chair of the Delegation"],
)
def test_a_un_title_without_a_full_name_or_a_post_gives_nobody(speaker: str) -> None:
    title = f"UN General Debate, session 80 (2025): Kazakhstan — {speaker}"
    assert un_speaker("ungdc:KAZ_80_2025", title) is None


def test_posts_are_read_in_the_knowledge_base_s_standard_titles() -> None:
    assert canonical_posts("Minister for Foregn Affairs") == ["Minister of Foreign Affairs"]
    assert canonical_posts("UN Representative") == [
        "Permanent Representative to the United Nations"
    ]
    assert canonical_posts("President and Head of Government") == [
        "President",
        "Head of Government",
    ]
    # A deputy minister, a second minister or a minister of another portfolio holds no
    # standard post.
    assert canonical_posts("Deputy Minister for Foreign Affairs") == []
    assert canonical_posts("Minister for Development Cooperation") == []


def test_names_are_cleaned_and_single_words_are_no_names() -> None:
    assert clean_name("H.E. Mr. JUAN DE LA CRUZ, MP") == "Juan de la Cruz"
    assert clean_name("DARA O'NEILL") == "Dara O'Neill"
    assert is_full_name("Juan de la Cruz")
    assert not is_full_name("Zhumabekov")
    assert not is_full_name("Foreign Minister Zhumabekov")
    assert not is_full_name("Archbishop Markos")


PHOENIX = """\
UZBEKISTAN_  [UZB]
+TASHKENT_
DILNOZA_RUSTAMOVNA_KARIMBEKOVA_  # CountryInfo.txt
+DILNOZA_KARIMBEKOVA_
+KARIMBEKOVA
+FOREIGN_MINISTER_KARIMBEKOVA
\t[UZBELI 800101-990301]
\t[UZBGOV 19990301-20020115] # Foreign Minister
\t[UZBGOV >20120401]
\t[UZBGOVBUS 020116-050101]
"""


def test_a_phoenix_entry_gives_names_states_and_the_posts_its_comments_name() -> None:
    (h,) = phoenix_persons(PHOENIX.splitlines(keepends=True))
    assert h.name == "Dilnoza Rustamovna Karimbekova"
    assert h.aliases == ["Dilnoza Karimbekova", "Karimbekova", "Foreign Minister Karimbekova"]
    assert h.states == {"UZB"}
    # The second government term names no post, the elite and sector codes none at all.
    assert h.posts == [Post("Minister of Foreign Affairs", "UZB", "1999-03-01", "2002-01-15")]


# --- one person per name ---------------------------------------------------------------------------
def test_transliterations_fold_alike() -> None:
    assert fold_word("Tokayev") == fold_word("Tokaev")
    assert fold_word("Sergey") == fold_word("Sergei")
    assert fold_word("Kassym-Jomart") == fold_word("Kasymzhomart")


def _holders() -> list[Any]:
    title = "UN General Debate, session {} ({}): Uzbekistan — Dilnoza Karimbekova, {}"
    speeches = [
        un_speaker("ungdc:UZB_55_2000", title.format(55, 2000, "Minister for Foreign Affairs")),
        un_speaker("ungdc:UZB_67_2012", title.format(67, 2012, "Prime Minister")),
        un_speaker("ungdc:UZB_69_2014", title.format(69, 2014, "Prime Minister")),
    ]
    return [*speeches, *phoenix_persons(PHOENIX.splitlines(keepends=True))]


def test_sources_merge_into_one_person_with_full_name_aliases_only() -> None:
    (group,) = group_holders(_holders(), STATES)
    record = person_record(group, STATES)
    assert record == {
        "id": "",
        "name": "Dilnoza Karimbekova",
        "aliases": ["Dilnoza Rustamovna Karimbekova"],
        "country": "country:UZB",
        "terms": [
            {"title": "Minister of Foreign Affairs", "of": "country:UZB", "start": "1999-03-01", "end": "2002-01-15"},
            {"title": "Minister of Foreign Affairs", "of": "country:UZB", "attested": ["2000"]},
            {"title": "Prime Minister", "of": "country:UZB", "attested": ["2012", "2014"]},
        ],
    }  # fmt: skip


def test_different_middle_initials_are_different_persons() -> None:
    title = "UN General Debate, session {} ({}): Uzbekistan — {}, President"
    father = un_speaker("ungdc:UZB_50_1995", title.format(50, 1995, "Timur B. Aliyev"))
    son = un_speaker("ungdc:UZB_70_2015", title.format(70, 2015, "Timur K. Aliyev"))
    assert len(group_holders([father, son], STATES)) == 2


def test_a_hand_person_keeps_his_id_and_shared_or_taken_names_are_dropped() -> None:
    hand = {
        "countries.yaml": {"entities": [KAZ, UZB]},
        "places.yaml": {"entities": [{"id": "place:amir-temur-square", "name": "Amir Temur"}]},
        "people.yaml": {
            "entities": [
                {
                    "id": "person:dilnoza-karimbekova",
                    "name": "Dilnoza Karimbekova",
                    "terms": [{"title": "Prime Minister", "of": "country:UZB", "start": "2012"}],
                }
            ]
        },
    }
    records = [
        {"id": "", "name": "Dilnoza Karimbekova", "terms": [{"of": "country:UZB"}]},
        {"id": "", "name": "Amir Temur"},  # a hand place bears the name
        {
            "id": "",
            "name": "Aziz Rakhimov",
            "aliases": ["A. B. Rakhimov"],
            "country": "country:UZB",
        },
        {"id": "", "name": "Bakhtiyor Rakhimov", "aliases": ["A. B. Rakhimov"]},
        {"id": "", "name": "Olim Yusupov", "country": "country:UZB"},
        {"id": "", "name": "Olim Yusupov", "country": "country:KAZ"},  # two namesakes
    ]
    out = link_and_prune(records, hand)
    assert [(r["id"], r["name"], r.get("aliases")) for r in out] == [
        ("person:aziz-rakhimov", "Aziz Rakhimov", None),
        ("person:bakhtiyor-rakhimov", "Bakhtiyor Rakhimov", None),
        ("person:dilnoza-karimbekova", "Dilnoza Karimbekova", None),
    ]


# --- the loader: generated records under the hand-written ones ------------------------------------------
HAND_PERSON = {
    "id": "person:dilnoza-karimbekova",
    "name": "Dilnoza Karimbekova",
    "terms": [{"title": "Prime Minister", "of": "country:UZB", "start": "2012-01"}],
}
OTHER_HAND_PERSON = {"id": "person:dilnoza-k", "name": "Dilnoza K.", "aliases": ["D. Karimbekova"]}


def generated(*records: dict[str, Any]) -> dict[str, Any]:
    return {"people.generated.json": {"entities": list(records)}}


def test_a_generated_record_of_a_hand_person_adds_names_and_posts_the_hand_lacks() -> None:
    kb = KnowledgeBase.from_records(
        {"c.yaml": {"entities": [UZB]}, "people.yaml": {"entities": [HAND_PERSON, OTHER_HAND_PERSON]}},
        generated(
            {
                "id": "person:dilnoza-karimbekova",
                "name": "Dilnoza Karimbekova",
                "aliases": ["Dilnoza Rustamovna Karimbekova", "D. Karimbekova"],
                "terms": [
                    {"title": "Prime Minister", "of": "country:UZB", "attested": ["2014"]},
                    {"title": "Minister of Foreign Affairs", "of": "country:UZB", "attested": ["2000"]},
                ],
            }
        ),
    )  # fmt: skip
    e = kb.get("person:dilnoza-karimbekova")
    assert e is not None and not e.generated
    # "D. Karimbekova" is another hand person's name: the hand wins.
    assert e.aliases == ("Dilnoza Rustamovna Karimbekova",)
    # The hand's open Prime Minister term already covers 2014; the 2000 post is new.
    assert [(t.title, t.start, t.attested) for t in e.terms] == [
        ("Prime Minister", "2012-01", ()),
        ("Minister of Foreign Affairs", None, ("2000",)),
    ]


def test_a_generated_record_named_like_a_hand_entity_is_dropped() -> None:
    kb = KnowledgeBase.from_records(
        {"c.yaml": {"entities": [UZB]}, "people.yaml": {"entities": [OTHER_HAND_PERSON]}},
        generated({"id": "person:d-karimbekova", "name": "D. Karimbekova"}),
    )
    assert kb.get("person:d-karimbekova") is None
    assert [e.id for e in kb.lookup("D. Karimbekova")] == ["person:dilnoza-k"]


def test_a_generated_official_resolves_with_his_post_on_the_dates_attested_only() -> None:
    kb = KnowledgeBase.from_records(
        {"c.yaml": {"entities": [UZB]}},
        generated(
            {
                "id": "person:aziz-rakhimov",
                "name": "Aziz Rakhimov",
                "aliases": ["Aziz Rahimov"],
                "country": "country:UZB",
                "terms": [
                    {"title": "Minister of Foreign Affairs", "of": "country:UZB", "attested": ["2010", "2013"]}
                ],
            }
        ),
    )  # fmt: skip
    (e,) = kb.lookup("Aziz Rahimov")
    assert (e.id, e.generated) == ("person:aziz-rakhimov", True)
    fm = "Minister of Foreign Affairs"
    assert [t.person for t in kb.terms_on("2013-09", title=fm, of="country:UZB")] == [e.id]
    # Spoke as foreign minister in 2010 and 2013: nothing is claimed for the years between.
    assert kb.terms_on("2011", title=fm, of="country:UZB") == ()
    # A surname alone never picks a generated official.
    assert kb.lookup_surname("Rakhimov") == ()


def test_a_term_with_a_start_and_attested_dates_holds_until_the_last_date_known() -> None:
    t = Term("person:x", "President", "country:UZB", "2004-03-09", None, ("2014-01-30",))
    assert t.covers("2004-03") and t.covers("2014") and not t.covers("2015")
    assert not t.covers("2003")


# --- the packaged files ----------------------------------------------------------------------------
def test_every_generated_record_passes_the_hand_files_validation() -> None:
    from importlib.resources import files

    data = files("bilateral.kb") / "data"
    for name in ("people.generated.json", "organizations.generated.json"):
        for rec in json.loads((data / name).read_text(encoding="utf-8"))["entities"]:
            _entity(rec, name)


def test_the_packaged_knowledge_base_holds_generated_officials() -> None:
    kb = load_kb()
    officials = [e for e in kb.entities.values() if e.generated and e.terms]
    assert len(officials) > 1000
    people = [e for e in kb.entities.values() if e.generated and e.type == "person"]
    assert all(len(e.name.split()) >= 2 for e in people)
    places = [e for e in kb.entities.values() if e.generated and e.type == "place"]
    assert len(places) > 1000 and all(e.country for e in places)


def test_phoenix_places_are_the_states_own_forms_after_its_spellings() -> None:
    from bilateral.kb.sources import phoenix_places

    lines = [
        "NORWAY_  [NOR]\n",
        "+NORWEGIAN_ \n",
        "+NORWEGIANS_ \n",
        "+NOREG_ \n",
        "+BERGEN_ \n",
        "+LOFOTEN_ISLANDS_ \n",
        "HARALD_V_  # CountryInfo.txt\n",
        "+KING_HARALD_ \n",
    ]
    assert [(p.name, p.state) for p in phoenix_places(lines)] == [
        ("Noreg", "NOR"),
        ("Bergen", "NOR"),
        ("Lofoten Islands", "NOR"),
    ]
