from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from bilateral.kb import (
    KBEntity,
    KBError,
    KnowledgeBase,
    Term,
    load_kb,
    load_kb_from,
    normalize_name,
)

# ISO 3166-1 alpha-3 codes of the 193 member states of the United Nations.
UN_MEMBERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE PRK DNK
DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
ZWE
""".split()


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def ids(entities: tuple[KBEntity, ...]) -> list[str]:
    return [e.id for e in entities]


def holders(kb: KnowledgeBase, date: str, title: str, of: str) -> list[str]:
    return [t.person for t in kb.terms_on(date, title=title, of=of)]


# --- loading -------------------------------------------------------------------------------------
def test_load_is_cached() -> None:
    assert load_kb() is load_kb()


def test_counts(kb: KnowledgeBase) -> None:
    by_type: dict[str, int] = {}
    for e in kb.entities.values():
        by_type[e.type] = by_type.get(e.type, 0) + 1
    assert by_type["country"] >= 195
    assert by_type["organization"] >= 150
    assert by_type["person"] >= 300
    assert len(UN_MEMBERS) == len(set(UN_MEMBERS)) == 193


def test_every_un_member_and_observer_is_present(kb: KnowledgeBase) -> None:
    missing = [code for code in [*UN_MEMBERS, "VAT", "PSE"] if f"country:{code}" not in kb.entities]
    assert missing == []
    assert kb.entities["country:KAZ"].name == "Kazakhstan"
    assert kb.entities["country:TUV"].name == "Tuvalu"
    assert kb.entities["country:SSD"].name == "South Sudan"
    assert kb.entities["country:VAT"].name == "Holy See"


def test_historical_states_are_separate_entities(kb: KnowledgeBase) -> None:
    for code, name in [
        ("SUN", "Soviet Union"),
        ("YUG", "Yugoslavia"),
        ("CSK", "Czechoslovakia"),
        ("DDR", "East Germany"),
        ("BRD", "West Germany"),
        ("ZAR", "Zaire"),
    ]:
        assert kb.entities[f"country:{code}"].name == name
    assert ids(kb.lookup("USSR")) == ["country:SUN"]
    assert ids(kb.lookup("German Democratic Republic")) == ["country:DDR"]


def test_capitals_lie_in_their_states(kb: KnowledgeBase) -> None:
    for code in UN_MEMBERS:
        country = kb.entities[f"country:{code}"]
        assert country.capital is not None, code
        capital = kb.entities[country.capital]
        assert capital.type == "place"
        if capital.country is not None:
            assert capital.country == country.id, code
    assert kb.entities["country:KAZ"].capital == "place:astana"


# --- names ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Russian Federation", "country:RUS"),
        ("the Russian Federation", "country:RUS"),
        ("Republic of Kazakhstan", "country:KAZ"),
        ("U.S.", "country:USA"),
        ("United States of America", "country:USA"),
        ("Côte d’Ivoire", "country:CIV"),
        ("Nur-Sultan", "place:astana"),
        ("Nur Sultan", "place:astana"),
        ("Akmola", "place:astana"),
        ("Tselinograd", "place:astana"),
        ("Alma-Ata", "place:almaty"),
        ("Frunze", "place:bishkek"),
        ("Kiev", "place:kyiv"),
        ("Washington, D.C.", "place:washington"),
        ("Caspian", "place:caspian-sea"),
        ("INSTC", "place:north-south-corridor"),
        ("OSCE", "org:osce"),
        ("Organization for Security and Cooperation in Europe", "org:osce"),
        ("Shanghai Cooperation Organization", "org:sco"),
        ("EEU", "org:eaeu"),
        ("OPEC Plus", "org:opec-plus"),
        ("OPEC+", "org:opec-plus"),
        ("Central Asia + Russia", "org:central-asia-russia"),
        ("Russian MFA", "org:mfa-russia"),
        ("ОДКБ", "org:csto"),
        ("МИД России", "org:mfa-russia"),
        ("Murat Abugaliuly", "person:murat-nurtleu"),
        ("Kassym-Jomart Kemelevich Tokayev", "person:kassym-jomart-tokayev"),
        ("Sergei Lavrov", "person:sergey-lavrov"),
        ("Касым-Жомарт Токаев", "person:kassym-jomart-tokayev"),
    ],
)
def test_lookup(kb: KnowledgeBase, name: str, expected: str) -> None:
    assert ids(kb.lookup(name)) == [expected]


def test_lookup_of_an_unknown_name_is_empty(kb: KnowledgeBase) -> None:
    assert kb.lookup("Atlantis") == ()


def test_declared_ambiguity_returns_every_candidate(kb: KnowledgeBase) -> None:
    assert set(ids(kb.lookup("EEC"))) == {"org:eec", "org:eec-europe"}
    assert set(ids(kb.lookup("Congo"))) == {"country:COG", "country:COD"}


def test_country_by_adjective(kb: KnowledgeBase) -> None:
    found = kb.country_by_adjective("Kazakhstani")
    assert found is not None and found.id == "country:KAZ"
    assert [
        (e.id if e else None)
        for e in map(kb.country_by_adjective, ["Kazakh", "Russian", "Soviet", "Kyrgyz", "American"])
    ] == ["country:KAZ", "country:RUS", "country:SUN", "country:KGZ", "country:USA"]
    assert kb.country_by_adjective("kazakh") is None  # capitalised adjectives only


def test_lookup_surname(kb: KnowledgeBase) -> None:
    assert ids(kb.lookup_surname("Lavrov")) == ["person:sergey-lavrov"]
    assert set(ids(kb.lookup_surname("Aliyev"))) == {"person:heydar-aliyev", "person:ilham-aliyev"}


def test_surface_forms_keep_the_written_form(kb: KnowledgeBase) -> None:
    forms = set(kb.surface_forms())
    assert ("Nur-Sultan", "place:astana") in forms
    assert ("Российская Федерация", "country:RUS") in forms
    assert ("Republic of Kazakhstan", "country:KAZ") in forms
    assert all(form.strip() == form and form for form, _ in forms)


# --- terms ---------------------------------------------------------------------------------------
def test_foreign_ministers_of_kazakhstan(kb: KnowledgeBase) -> None:
    fm, kaz = "Minister of Foreign Affairs", "country:KAZ"
    assert holders(kb, "2020-06-09", fm, kaz) == ["person:mukhtar-tleuberdi"]
    assert holders(kb, "2024-03-14", fm, kaz) == ["person:murat-nurtleu"]
    assert holders(kb, "2017-05", fm, kaz) == ["person:kairat-abdrakhmanov"]
    assert holders(kb, "2005", fm, kaz) == ["person:kassym-jomart-tokayev"]


def test_heads_of_state_and_envoys(kb: KnowledgeBase) -> None:
    assert holders(kb, "2024-11-27", "President", "country:RUS") == ["person:vladimir-putin"]
    assert holders(kb, "2010-01-01", "President", "country:RUS") == ["person:dmitry-medvedev"]
    assert holders(kb, "2024-03-14", "President", "country:KAZ") == ["person:kassym-jomart-tokayev"]
    assert holders(kb, "2024-03-14", "Deputy Prime Minister", "country:KAZ") == [
        "person:murat-nurtleu"
    ]
    # A title matches the longer titles it heads.
    assert holders(kb, "2024-03-14", "Permanent Representative to the OSCE", "country:RUS") == [
        "person:alexander-lukashevich"
    ]
    assert "person:alexander-lukashevich" in holders(
        kb, "2024-03-14", "Permanent Representative", "country:RUS"
    )
    assert holders(kb, "2024-03-14", "secretary general", "org:un") == ["person:antonio-guterres"]


def test_terms_of(kb: KnowledgeBase) -> None:
    titles = [(t.title, t.start) for t in kb.terms_of("person:sergey-lavrov")]
    assert ("Minister of Foreign Affairs", "2004-03-09") in titles
    assert kb.terms_of("person:nobody") == ()


@pytest.mark.parametrize(
    ("start", "end", "date", "expected"),
    [
        ("2019-09-18", "2023-04-01", "2020", True),
        ("2019-09-18", "2023-04-01", "2019-09", True),
        ("2019-09-18", "2023-04-01", "2019-08", False),
        ("2019-09-18", "2023-04-01", "2023-04-01", True),
        ("2019-09-18", "2023-04-01", "2023-04-02", False),
        ("2025-02", None, "2026-11-01", True),
        ("2015-01", "2025", "2025-12-31", True),
        ("2015-01", "2025", "2014-12-31", False),
    ],
)
def test_term_covers(start: str, end: str | None, date: str, expected: bool) -> None:
    assert Term("person:x", "President", "country:X", start, end).covers(date) is expected


# --- normalisation -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("The Russian Federation", "russian federation"),
        ("Nur-Sultan", "nur sultan"),
        ("U.S.", "us"),
        ("Côte d’Ivoire", "cote divoire"),
        ("OPEC+", "opec plus"),
        ("Bosnia & Herzegovina", "bosnia and herzegovina"),
        ("  Kyzyl–Orda ", "kyzyl orda"),
        ("Кишинёв", "кишинев"),
    ],
)
def test_normalize_name(raw: str, folded: str) -> None:
    assert normalize_name(raw) == folded


@given(st.text())
def test_normalize_name_is_idempotent(s: str) -> None:
    once = normalize_name(s)
    assert normalize_name(once) == once or once.startswith("the ")
    assert once == once.strip() and "  " not in once


# --- validation ----------------------------------------------------------------------------------
def write(tmp_path: Path, name: str, doc: object) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


COUNTRY = {"id": "country:KAZ", "name": "Kazakhstan", "iso3": "KAZ", "capital": "place:astana"}
PLACE = {"id": "place:astana", "name": "Astana", "aliases": ["Nur-Sultan"], "kind": "capital"}


def test_a_tiny_knowledge_base_loads(tmp_path: Path) -> None:
    kb = load_kb_from(
        [
            write(tmp_path, "c.yaml", {"entities": [COUNTRY]}),
            write(tmp_path, "p.yaml", {"entities": [PLACE]}),
        ]
    )
    assert ids(kb.lookup("Nur Sultan")) == ["place:astana"]


def test_validation_rejects_a_duplicate_id(tmp_path: Path) -> None:
    files = [
        write(tmp_path, "c.yaml", {"entities": [COUNTRY]}),
        write(tmp_path, "p.yaml", {"entities": [PLACE, {**PLACE, "aliases": []}]}),
    ]
    with pytest.raises(KBError, match=r"p\.yaml place:astana: duplicate id"):
        load_kb_from(files)


def test_validation_rejects_a_dangling_reference(tmp_path: Path) -> None:
    files = [write(tmp_path, "c.yaml", {"entities": [COUNTRY]})]
    with pytest.raises(
        KBError, match=r"c\.yaml country:KAZ: capital 'place:astana' is not a known place"
    ):
        load_kb_from(files)


def test_validation_rejects_a_shared_name_unless_declared() -> None:
    other = {"id": "place:akmola", "name": "Akmola", "aliases": ["Nur Sultan"]}
    with pytest.raises(KBError, match="also belongs to place:astana"):
        KnowledgeBase.from_records({"p.yaml": {"entities": [PLACE, other]}})
    kb = KnowledgeBase.from_records(
        {"p.yaml": {"ambiguous": ["Nur-Sultan"], "entities": [PLACE, other]}}
    )
    assert len(kb.lookup("Nur-Sultan")) == 2


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"id": "country:NOR", "name": "Norway", "iso2": False}, "must be a string"),
        ({"id": "state:NOR", "name": "Norway"}, "id must start with"),
        ({"id": "country:NOR", "name": "Norway", "capitol": "x"}, "unknown field"),
        ({"id": "place:oslo", "name": "Oslo", "iso3": "OSL"}, "do not apply"),
        (
            {"id": "person:x", "name": "X", "terms": [{"title": "President", "of": "person:x"}]},
            "needs",
        ),
        (
            {
                "id": "person:x",
                "name": "X",
                "terms": [{"title": "P", "of": "person:x", "start": "2020"}],
            },
            "not a known country or organization",
        ),
        (
            {
                "id": "person:x",
                "name": "X",
                "terms": [{"title": "P", "of": "person:x", "start": "May 2020"}],
            },
            "is not YYYY",
        ),
    ],
)
def test_validation_reasons(record: dict[str, object], reason: str) -> None:
    with pytest.raises(KBError, match=reason):
        KnowledgeBase.from_records({"x.yaml": {"entities": [record]}})


def test_invalid_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("entities:\n- {id: place:x, name: [unclosed\n", encoding="utf-8")
    with pytest.raises(KBError, match=r"bad\.yaml: not valid YAML at line"):
        load_kb_from([path])


# --- memberships ---------------------------------------------------------------------------------
def shared(kb: KnowledgeBase, a: str, b: str, date: str | None) -> set[str]:
    return {m.org for m in kb.memberships(a, date)} & {m.org for m in kb.memberships(b, date)}


def member_of(kb: KnowledgeBase, state: str, date: str | None) -> set[str]:
    return {m.org for m in kb.memberships(state, date)}


def test_russia_and_kazakhstan_belong_to(kb: KnowledgeBase) -> None:
    expected = {
        "org:un",
        "org:cis",
        "org:eaeu",
        "org:csto",
        "org:sco",
        "org:osce",
        "org:cica",
        "org:caspian-five",
        "org:opec-plus",
        "org:wto",
    }
    assert shared(kb, "country:RUS", "country:KAZ", "2024-11-27") == expected
    assert shared(kb, "country:RUS", "country:KAZ", None) == expected
    # Kazakhstan joined the WTO in November 2015; the trilateral customs union gave way to the
    # EAEU's on 1 January 2015.
    assert shared(kb, "country:RUS", "country:KAZ", "2014-06") == (
        expected - {"org:eaeu", "org:opec-plus", "org:wto"} | {"org:customs-union", "org:eurasec"}
    )


def test_kazakhstan_is_not_in_nato_and_the_united_states_not_in_the_cis(kb: KnowledgeBase) -> None:
    assert "org:nato" not in member_of(kb, "country:KAZ", None)
    assert "org:cis" not in member_of(kb, "country:USA", None)
    assert shared(kb, "country:KAZ", "country:USA", "2024") == {"org:un", "org:osce", "org:wto"}


@pytest.mark.parametrize(
    ("state", "org", "before", "after"),
    [
        ("country:GEO", "org:cis", "2008-12", "2009-09"),  # left on 18 August 2009
        ("country:UKR", "org:cis", "2017", "2019"),
        ("country:GBR", "org:eu", "2020-01-31", "2020-02-01"),
        ("country:RUS", "org:council-of-europe", "2022-03-16", "2022-03-17"),
        ("country:RUS", "org:g8", "2013", "2015"),
        ("country:UZB", "org:csto", "2010", "2013"),
        ("country:QAT", "org:opec", "2018-12", "2019-01"),
        ("country:TWN", "org:un", "1971-10-25", "1971-10-26"),
        ("country:SUN", "org:un", "1991", "1992"),
    ],
)
def test_a_state_that_left_is_not_a_member_after(
    kb: KnowledgeBase, state: str, org: str, before: str, after: str
) -> None:
    assert org in member_of(kb, state, before)
    assert org not in member_of(kb, state, after)
    assert org not in member_of(kb, state, None)


def test_a_state_that_came_back_is_a_member_in_each_period(kb: KnowledgeBase) -> None:
    years = ("1980", "2000", "2010", "2021")  # Ecuador left OPEC in 1992 and in 2020
    assert [y for y in years if "org:opec" in member_of(kb, "country:ECU", y)] == ["1980", "2010"]
    assert "org:council-of-europe" not in member_of(kb, "country:GRC", "1972")
    assert "org:council-of-europe" in member_of(kb, "country:GRC", None)


def test_joining_dates(kb: KnowledgeBase) -> None:
    assert "org:nato" not in member_of(kb, "country:SWE", "2024-03-06")
    assert "org:nato" in member_of(kb, "country:SWE", "2024-03-07")
    assert "org:sco" not in member_of(kb, "country:IND", "2016")
    assert "org:un" not in member_of(kb, "country:KAZ", "1991")
    assert "org:un" in member_of(kb, "country:CHN", "1971-10-25")
    assert "org:un" not in member_of(kb, "country:CHN", "1970")


def test_the_un_members_today_are_the_193(kb: KnowledgeBase) -> None:
    members = {
        s.removeprefix("country:")
        for s in (e.id for e in kb.entities.values() if e.type == "country")
        if "org:un" in member_of(kb, s, None)
    }
    assert members == set(UN_MEMBERS)


def test_every_organisation_with_members_lists_states(kb: KnowledgeBase) -> None:
    listing = [e for e in kb.entities.values() if e.members]
    assert len(listing) >= 30
    assert all(e.type == "organization" for e in listing)
    assert all(kb.entities[m.state].type == "country" for e in listing for m in e.members)


def with_members(*members: object) -> dict[str, object]:
    countries = [COUNTRY, {"id": "country:RUS", "name": "Russia"}]
    org = {"id": "org:x", "name": "X", "kind": "international", "members": list(members)}
    return {
        "c.yaml": {"entities": countries},
        "p.yaml": {"entities": [PLACE]},
        "o.yaml": {"entities": [org]},
    }


def test_membership_periods() -> None:
    kb = KnowledgeBase.from_records(
        with_members("country:KAZ 1992-03-02", "country:RUS ../2014-03", "country:RUS 2020")
    )
    assert [(m.state, m.start, m.end) for m in kb.memberships("country:RUS", "2010")] == [
        ("country:RUS", None, "2014-03")
    ]
    assert kb.memberships("country:RUS", "2016") == ()
    assert kb.memberships("country:KAZ", "1991") == ()
    assert [m.org for m in kb.memberships("country:KAZ")] == ["org:x"]


@pytest.mark.parametrize(
    ("member", "reason"),
    [
        ("country:XXX", r"o\.yaml org:x: member 'country:XXX' is not a known country"),
        ("org:x", r"o\.yaml org:x: member 'org:x' is not a known country"),
        ("country:KAZ 2020-13", "member 'country:KAZ 2020-13' is not `STATE`, `STATE FROM`"),
        ("country:KAZ 2021-02-30", "member 'country:KAZ 2021-02-30' is not"),
        ("country:KAZ June 1992", "is not `STATE`"),
        ("country:KAZ ..", "is not `STATE`"),
        ({"state": "country:KAZ", "from": 1992}, "member {'state'"),
        (
            "country:KAZ 2000/1992",
            "member country:KAZ leaves [(]1992[)] before it joins [(]2000[)]",
        ),
    ],
)
def test_membership_validation(member: object, reason: str) -> None:
    with pytest.raises(KBError, match=reason):
        KnowledgeBase.from_records(with_members(member))


def test_membership_validation_of_the_list() -> None:
    with pytest.raises(KBError, match="member country:KAZ is listed twice with periods that"):
        KnowledgeBase.from_records(with_members("country:KAZ 1992", "country:KAZ 2000/2010"))
    with pytest.raises(KBError, match="member country:KAZ is listed twice"):
        KnowledgeBase.from_records(with_members("country:KAZ", "country:KAZ 2000"))
    org = {"id": "org:x", "name": "X", "members": "country:KAZ"}
    with pytest.raises(KBError, match=r"o\.yaml org:x: `members` must be a list of `STATE`"):
        KnowledgeBase.from_records({"o.yaml": {"entities": [org]}})
    state = {"id": "country:RUS", "name": "Russia", "members": ["country:RUS"]}
    with pytest.raises(KBError, match=r"c\.yaml country:RUS: field\(s\) members do not apply"):
        KnowledgeBase.from_records({"c.yaml": {"entities": [state]}})
