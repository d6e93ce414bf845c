from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import pytest

from bilateral.context import Context
from bilateral.extract.claims.stage import find_claims, sentence_spans, stage, vocabulary
from bilateral.kb import load_kb
from bilateral.model import Claim, Document, Mention, TimeExpr, Turn, content_id

SHARED = Path(__file__).resolve().parents[3].parent / "shared"

Row = tuple[float, str, str | None, str | None, str]


def doc_of(text: str, published: str | None = None, **kw: Any) -> Document:
    return Document("t", "test", text, published=published, **kw)


def at(text: str, phrase: str, value: str, precision: str, relative: bool = False) -> TimeExpr:
    """A time expression over ``phrase``, as the dates stage would give it."""
    start = text.index(phrase)
    return TimeExpr(start, start + len(phrase), phrase, value, precision, relative)


def rows(
    text: str,
    times: Sequence[tuple[str, str, str]] = (),
    published: str | None = None,
    mentions: Sequence[Mention] = (),
) -> list[Row]:
    exprs = [
        at(text, p, v, prec, relative=p[0].islower() or p.startswith("Last"))
        for p, v, prec in times
    ]
    claims = find_claims(doc_of(text, published), exprs, mentions)
    return [(c.value, c.unit, c.qualifier, c.period, c.indicator) for c in claims]


# -- what the claims are ----------------------------------------------------------------------


def test_meetings_and_calls_in_one_year() -> None:
    text = "In 2022, our presidents met at least 10 times and had 20 telephone conversations."
    assert rows(text, [("2022", "2022", "year")]) == [
        (10.0, "count", "at least", "2022", "meetings"),
        (20.0, "count", None, "2022", "telephone conversations"),
    ]


def test_record_trade_reaches_back_for_its_cue() -> None:
    text = (
        "Despite the illegal restrictions of the collective West, our trade is growing. "
        "In 2022, it reached a record total of over $28 billion."
    )
    assert rows(text, [("2022", "2022", "year")]) == [
        (28e9, "USD", "record, over", "2022", "bilateral trade")
    ]


def test_two_times_bind_to_their_own_clauses() -> None:
    text = (
        "The impressive volume of our bilateral trade speaks for itself. Last year it reached a "
        "new peak hitting the USD 28 billion mark, and already exceeded USD 20 billion between "
        "January and September 2024."
    )
    times = [
        ("Last year", "2023", "year"),
        ("between January and September 2024", "2024-01/2024-09", "range"),
    ]
    assert rows(text, times, published="2024-11-27") == [
        (28e9, "USD", None, "2023", "bilateral trade"),
        (20e9, "USD", "over", "2024-01/2024-09", "bilateral trade"),
    ]


def test_today_is_the_document_year() -> None:
    text = (
        "Russian investments in Kazakhstan's economy have also been growing annually; today "
        "they amount to about USD 13 billion."
    )
    expected = [(13e9, "USD", "about", "2024", "investment")]
    assert rows(text, [("today", "2024-11-27", "day")], published="2024-11-27") == expected
    # Without a time expression for "today" the document date still dates it ...
    assert rows(text, published="2024-11-27") == expected
    # ... and without a document date nothing does.
    assert rows(text) == [(13e9, "USD", "about", None, "investment")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "More than 23,000 enterprises with Russian capital operate in the Republic.",
            (23000.0, "count", "over", None, "enterprises"),
        ),
        (
            "Due to the activities of the Caspian Pipeline Consortium, over 80 percent of "
            "Kazakhstan's oil is exported to foreign markets via Russian territory.",
            (80.0, "percent", "over", None, "share of Kazakhstan's oil"),
        ),
        (
            "It comprises some 150 joint activities and projects aimed at creating favourable "
            "conditions for further progressive socio-economic growth of the regions.",
            (150.0, "count", "about", None, "projects"),
        ),
        (
            "Around 60,000 Kazakhstani students attend Russian higher education institutions.",
            (60000.0, "persons", "about", None, "students"),
        ),
        (
            "We expect that soon three more such schools will open in the cities of Kyzylorda, "
            "Taraz and Turkistan.",
            (3.0, "count", None, None, "schools"),
        ),
        (
            "However, there are currently only two flights per week operating between our two "
            "countries.",
            (2.0, "count", None, None, "flights"),
        ),
        (
            "At the same time, over 9,000 school graduates from Kazakhstan successfully fill "
            "state-financed openings at Russian universities every year.",
            (9000.0, "persons", "over", None, "students"),
        ),
        (
            "Since the beginning of the conflict, more than 10,000 refugees have sought asylum.",
            (10000.0, "persons", "over", None, "refugees"),
        ),
        (
            "The country received about 1.5 million tourists, up to 114 tourists a day at the "
            "resort.",
            (1.5e6, "persons", "about", None, "tourists"),
        ),
        (
            "The Government has allocated 100 billion tenge for the programme.",
            (100e9, "KZT", None, None, "budget"),
        ),
        (
            "The country holds 30 billion barrels of proven oil reserves.",
            (30e9, "count", None, None, "proven oil (barrels)"),
        ),
        (
            "The fund lent a total of 1.6 billion Tanzanian shillings to 284 youth groups.",
            (1.6e9, "TZS", None, None, "debt and loans"),
        ),
        (
            "Egypt has offered a contribution of nearly 3,500 troops to the mission.",
            (3500.0, "persons", "almost", None, "troops"),
        ),
        (
            "Army doctors there examined more than 500 Iraqis.",
            (500.0, "persons", "over", None, "Iraqis"),
        ),
    ],
)
def test_one_claim(text: str, expected: Row) -> None:
    assert rows(text)[0] == expected


def test_an_editors_bracketed_words_are_read_as_said() -> None:
    text = (
        "Back then the police found eleven [meth labs] in the province. Fixing it would take "
        "some three trillion [Mexican pesos]; the count was 5,000[50,000] at most."
    )
    assert rows(text) == [
        (11.0, "count", None, None, "meth labs"),
        (3e12, "MXN", "about", None, "amount"),
    ]
    # The evidence quotes the text as written, brackets and all.
    claims = find_claims(doc_of(text), [], [])
    assert claims[0].evidence[0].quote.startswith("Back then the police found eleven [meth labs]")


def test_a_change_takes_only_its_own_first_figures_noun() -> None:
    text = (
        "The mayor hired 40 nurses. The bill extends the leave from 60 days to 120 days, and "
        "staff rose from 300 clerks to 450."
    )
    assert [(v, u, i) for v, u, _, _, i in rows(text)] == [
        (40.0, "persons", "specialists"),
        (300.0, "count", "clerks"),
        (450.0, "count", "clerks"),
    ]


def test_a_figure_said_twice_is_one_claim() -> None:
    text = "We have seven million addicts. Seven million addicts in our towns, I tell you."
    claims = find_claims(doc_of(text), [], [])
    assert [(c.value, c.indicator, len(c.evidence)) for c in claims] == [(7e6, "addicts", 2)]


def test_nouns_of_people_outside_the_vocabulary_count_persons() -> None:
    assert rows("Officers detained 45 suspects and 2,000 rebels laid down arms.") == [
        (45.0, "persons", None, None, "suspects"),
        (2000.0, "persons", None, None, "rebels"),
    ]


def test_all_before_a_small_number_names_the_set() -> None:
    assert rows("Inspectors from all four countries will visit six new plants.") == [
        (6.0, "count", None, None, "enterprises"),
    ]


def test_families_are_counted_as_groups() -> None:
    assert rows("The programme reached 2.5 million poor families and 40,000 households.") == [
        (2.5e6, "count", None, None, "households"),
        (40000.0, "count", None, None, "households"),
    ]


def test_of_them_takes_the_noun_before() -> None:
    text = (
        "Last academic year, almost 74,000 citizens of your country studied at Russian "
        "universities, and over 30,000 of them received a Russian state scholarship."
    )
    # No document date: "Last academic year" has nothing to resolve against.
    assert rows(text) == [
        (74000.0, "persons", "almost", None, "citizens"),
        (30000.0, "persons", "over", None, "citizens"),
    ]


def test_a_large_spelled_number_counts_any_noun() -> None:
    text = (
        "Thirty-two breweries work in Georgia, only five of which are large enough to count as "
        "exporters. Georgian Airways plans five new routes, guided by two priorities."
    )
    assert rows(text) == [
        (32.0, "count", None, None, "breweries"),
        (5.0, "count", None, None, "breweries"),
        (5.0, "count", None, None, "routes"),
    ]


def test_a_large_number_of_cases_is_counted() -> None:
    text = (
        "To date, more than 44,000 cases of the disease have been reported in Kyrgyzstan and, "
        "unfortunately, we lost 1,063 citizens. In two cases the rules were broken."
    )
    assert rows(text) == [
        (44000.0, "count", "over", None, "cases"),
        (1063.0, "persons", None, None, "citizens"),
    ]


def test_academic_year_dates_the_whole_sentence() -> None:
    text = (
        "In the 2019/2020 academic year, almost 74,000 Kazakhstani students studied in the "
        "Russian Federation with 30,000 of them receiving grants from the Russian budget."
    )
    times = [("2019/2020 academic year", "2019-09/2020-06", "range")]
    assert rows(text, times) == [
        (74000.0, "persons", "almost", "2019-09/2020-06", "students"),
        (30000.0, "persons", None, "2019-09/2020-06", "students"),
    ]


def test_a_date_that_dates_a_document_is_no_period() -> None:
    text = (
        "Elaborating on the provisions of the Declaration, signed on December 6, 2018, the "
        "Strategy stipulates over 300 events in the fields of customs interaction."
    )
    assert rows(text, [("December 6, 2018", "2018-12-06", "day")]) == [
        (300.0, "count", "over", None, "events")
    ]


def test_baseline_year_is_no_period() -> None:
    text = "Investment totalled $3.46 billion, up 21.3 percent compared to 2016."
    assert rows(text, [("2016", "2016", "year")]) == [
        (3.46e9, "USD", None, None, "investment"),
        (21.3, "percent", None, None, "investment"),
    ]


def test_a_change_of_tense_ends_the_period() -> None:
    text = "In 2019 transit revenue exceeded $1.2 billion and is expected to climb to $4 billion."
    assert rows(text, [("2019", "2019", "year")]) == [
        (1.2e9, "USD", "over", "2019", "revenue"),
        (4e9, "USD", None, None, "revenue"),
    ]


def test_shared_percent() -> None:
    # "between A and B" is a range, one figure (its lower bound), as "an estimated 40 to 45 bcm"
    # is in the gold; it takes the second number's unit.
    text = "Prices rose by between 9 and 15 per cent."
    assert [r[:3] for r in rows(text)] == [(9.0, "percent", "range to 15 per cent")]
    text = "Prices rose by 9 and 15 per cent in the two regions."
    assert [r[:2] for r in rows(text)] == [(9.0, "percent"), (15.0, "percent")]


# -- what is not a claim ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The parties see the 17th Russia-Kazakhstan Interregional Cooperation Forum as the most "
        "significant event.",
        "We discussed preparations for the 29th forum of inter-regional cooperation.",
        "STATEMENT AT THE 1465th MEETING OF THE OSCE PERMANENT COUNCIL",
        "The ceremonies marking the 75th anniversary of Victory and the 80th anniversary.",
        "PC.DEL/272/24/Rev.1",
        "Security Council Resolution 2231 remains the basis, see document No. 5 and A/75/PV.5.",
        "9 June 202017:46",
        "The Baiterek complex uses the Russian Soyuz-5 rocket carrier.",
        "The G20, the 5+1 format, the C5+1 and the COVID-19 pandemic.",
        "We are committed to the 2030 Agenda and to Agenda 2030.",
        "One of the important decisions was taken at the first SCO Heads of Regions Forum.",
        "The peoples of the two countries are bound by friendship, as are both countries.",
        "This is proof of the level of our two States' ties.",
        "The main goal of the EAEU is ensuring the four freedoms: the free movement of goods.",
        "He was aged 45 when he became a 45-year-old minister, 45 years old.",
        "Thirty one years have gone by since that day.",
        "Shipping by rail is three times faster than by sea.",
        "We regard the implementation of the five-party agreements as a key task.",
        "Turkmenistan is among the world's top 10 gas exporters.",
        "I would like to highlight three priorities and two questions.",
        "In 1994, he delivered a lecture at Moscow State University.",
        "Paragraph 12 of the report; Article 51 of the Charter; the Group of 77.",
        "Russia and Kazakhstan's interest in holding a third meeting of the 5+1 (five Central "
        "Asian states plus Russia) format was confirmed.",
        "One in every 20 industrial jobs depends on exports.",
    ],
)
def test_no_claim(text: str) -> None:
    assert rows(text) == []


def test_numbers_inside_time_expressions_are_not_claims() -> None:
    text = "On 24 June 2020 the ceremony took place."
    assert rows(text, [("24 June 2020", "2020-06-24", "day")]) == []


def test_list_markers_are_not_claims() -> None:
    text = "Our proposals are these:\n1. States must cooperate.\n2) Countries must act."
    assert rows(text) == []


# -- who says it, about whom, and the evidence --------------------------------------------------


def test_speaker_and_turn_role() -> None:
    q = "Question: How many flights are there?"
    a = "Sergey Lavrov: There are only two flights per week."
    text = f"{q}\n{a}"
    turns = (
        Turn(0, len(q), "Journalist", "question"),
        Turn(len(q) + 1, len(text), "Sergey Lavrov", "answer"),
    )
    (claim,) = find_claims(doc_of(text, turns=turns), (), ())
    assert (claim.speaker, claim.said_in) == ("Sergey Lavrov", "answer")


def test_speaker_without_turns_is_the_documents_first() -> None:
    text = "Around 60,000 Kazakhstani students attend Russian universities."
    (claim,) = find_claims(doc_of(text, speakers=("Vladimir Putin",)), (), ())
    assert (claim.speaker, claim.said_in) == ("Vladimir Putin", None)


def _mention(text: str, word: str, entity: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Mention("t", start, start + len(word), word, entity, "country")


def test_subject_resolves_our_to_the_two_main_countries() -> None:
    text = (
        "Russia and Kazakhstan met. Russia welcomed Kazakhstan. Our trade is growing. "
        "In 2022, it reached over $28 billion. Kazakhstan exports 80% of its oil via Russia."
    )
    mentions = [
        _mention(text, "Russia", "Q159", 0),
        _mention(text, "Kazakhstan", "Q232", 0),
        _mention(text, "Russia", "Q159", 1),
        _mention(text, "Kazakhstan", "Q232", 1),
        _mention(text, "Kazakhstan", "Q232", 2),
        _mention(text, "Russia", "Q159", 2),
    ]
    trade, oil = find_claims(doc_of(text), [at(text, "2022", "2022", "year")], mentions)
    assert trade.subject == ("Q159", "Q232")
    assert oil.subject == ("Q232", "Q159")


def test_evidence_is_the_exact_sentence_and_ids_are_stable() -> None:
    text = "Our ties are old. More than 23,000 enterprises with Russian capital operate here. End."
    doc = doc_of(text)
    (claim,) = find_claims(doc, (), ())
    (ev,) = claim.evidence
    assert ev.quote == "More than 23,000 enterprises with Russian capital operate here."
    assert ev.check(text)
    start = text.index("23,000")
    assert claim.id == content_id("claim", "t", start, start + 6, 23000.0, "count")
    assert find_claims(doc, (), ()) == (claim,)


def test_stage_reads_times_and_mentions() -> None:
    text = "In 2022, our presidents met at least 10 times."
    got = {"times": (at(text, "2022", "2022", "year"),), "mentions": ()}
    (claim,) = stage(doc_of(text), cast(Any, None), got)["claims"]
    assert (claim.value, claim.period) == (10.0, "2022")


def test_sentence_spans_fallback() -> None:
    text = "Hello Mr. Smith. It is 5.5 now.\nA cut line\nWe go on."
    spans = [text[a:b] for a, b in sentence_spans(doc_of(text))]
    assert spans == ["Hello Mr. Smith.", "It is 5.5 now.", "A cut line", "We go on."]


def test_vocabulary_loads_once() -> None:
    voc = vocabulary()
    assert voc is vocabulary()
    assert voc.nouns[("telephone", "conversations")].label == "telephone conversations"
    assert voc.cues[("turnover",)].label == "bilateral trade"
    assert len({i.id for i in voc.indicators}) == len(voc.indicators)


# -- the seeds, scored by the gold rules --------------------------------------------------------


def _matches(claim: Claim, gold: dict[str, Any]) -> bool:
    if claim.unit != gold["unit"] or abs(claim.value - gold["value"]) > 0.01 * abs(gold["value"]):
        return False
    period = gold["period"]
    if period is None:
        return True
    return claim.period in (period if isinstance(period, list) else [period])


@pytest.mark.corpus
def test_seed_claims_f1() -> None:
    seeds, gold_file = SHARED / "corpus" / "seeds", SHARED / "gold" / "seeds.jsonl"
    if not gold_file.is_file():
        pytest.skip("../shared/gold is not here")
    dates = pytest.importorskip("bilateral.extract.dates.stage")
    tp = fp = fn = 0
    report = []
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        published = gold["published"][0] if gold["published"] else None
        text = (seeds / f"{gold['doc']}.txt").read_text(encoding="utf-8")
        doc = Document(gold["doc"], "seed", text, published=published)
        claims = find_claims(doc, dates.find_times(text, published), ())
        left = list(gold["claims"])
        hits = 0
        for claim in claims:
            match = next((g for g in left if _matches(claim, g)), None)
            if match is not None:
                left.remove(match)
                hits += 1
        tp, fp, fn = tp + hits, fp + len(claims) - hits, fn + len(left)
        report.append(
            f"{gold['doc']}: {hits}/{len(claims)} system, {hits}/{len(gold['claims'])} gold"
        )
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.9, "\n".join(report)


# -- units of measure, currencies, ranges and durations ----------------------------------------


def test_units_of_measure_are_counts_named_in_the_indicator_and_currencies_kept() -> None:
    text = "The new railway will run 1,250 miles and cost 9 billion Afghanis, they said."
    assert rows(text) == [
        (1250.0, "count", None, None, "distance (mi)"),
        (9e9, "AFN", None, None, "budget"),
    ]


def test_dotted_dollar_word_is_a_currency() -> None:
    text = "So far we gave relief supplies worth 40 million U.S dollars to the region."
    assert [r[:2] for r in rows(text)] == [(40e6, "USD")]


def test_a_range_is_one_claim_and_a_change_is_two() -> None:
    text = "Pipeline deliveries went from 60 bcm to about 30 bcm, and may reach 10 to 12 bcm."
    assert rows(text) == [
        (60e9, "count", None, None, "volume (m3)"),
        (30e9, "count", "about", None, "volume (m3)"),
        (10e9, "count", "range to 12", None, "volume (m3)"),
    ]


def test_durations_are_not_claims_at_any_size() -> None:
    text = "Our peoples have lived side by side for 300 years and 1,200 soldiers serve there."
    assert rows(text) == [(1200.0, "persons", None, None, "troops")]


def test_months_of_a_year_give_a_range_that_holds_for_the_paragraph() -> None:
    text = (
        "In the first 8 months of 2019, two-way trade reached $2.5 billion. Imports from the "
        "partner, mostly grain and machinery, were $900 million.\nExports grew to $4 billion."
    )
    assert rows(text, [("2019", "2019", "year")]) == [
        (2.5e9, "USD", None, "2019-01/2019-08", "bilateral trade"),
        (9e8, "USD", None, "2019-01/2019-08", "imports"),
        (4e9, "USD", None, None, "exports"),
    ]


def test_an_abbreviation_or_hyphen_does_not_end_the_counted_phrase() -> None:
    text = "The envoy came with 12 major U.S. firms and 2 million EU-funded test kits."
    assert rows(text) == [
        (12.0, "count", None, None, "enterprises"),
        (2e6, "count", None, None, "vaccine doses"),
    ]


def test_a_transcripts_correction_stands_for_the_number() -> None:
    text = "You let a number of refugees come in, about 6,000[60,000], I am told."
    assert [r[:2] for r in rows(text)] == [(60000.0, "persons")]


def test_a_figure_said_twice_is_one_claim_with_two_quotes() -> None:
    text = "We pledged $40 million in aid. The new $40 million in aid will buy medicine."
    claims = find_claims(doc_of(text), (), ())
    assert [(c.value, c.unit, [e.quote for e in c.evidence]) for c in claims] == [
        (
            40e6,
            "USD",
            ["We pledged $40 million in aid.", "The new $40 million in aid will buy medicine."],
        )
    ]


# -- what a figure is about, from the parse; whose it is -----------------------------------------


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        (
            "Last spring we raised our share of protected forests to 40 per cent.",
            "share of protected forests",
        ),
        ("The ministry signed 12 contracts worth $3 billion.", "value of contracts"),
        ("Freight rates went up by 15% in one month.", "freight rates"),
        ("The new $2 million in emergency relief will buy tents.", "emergency relief"),
        ("They backed a 25 percent quota for young candidates.", "quota"),
        ("The government will provide $9 million next week.", "amount"),
    ],
)
def test_what_a_sum_or_percentage_measures_comes_from_the_parse(text: str, indicator: str) -> None:
    assert [r[4] for r in rows(text)][-1] == indicator


def test_a_bracketed_figure_belongs_to_the_name_before_it() -> None:
    text = "The parliament has two chambers, the Upper House (50 seats) and the Lower House (98 seats)."
    upper, lower = text.index("Upper House"), text.index("Lower House")
    mentions = [
        Mention("t", upper, upper + 11, "Upper House", "upper", "organization"),
        Mention("t", lower, lower + 11, "Lower House", "lower", "organization"),
    ]
    claims = find_claims(doc_of(text), (), mentions)
    assert [(c.value, c.subject) for c in claims] == [(50.0, ("upper",)), (98.0, ("lower",))]


def test_a_bracketed_abbreviation_does_not_cut_the_period_off() -> None:
    text = "Imports fell to 90 billion cubic metres (bcm) in 2020, the lowest level."
    assert rows(text, [("2020", "2020", "year")]) == [(90e9, "count", None, "2020", "volume (m3)")]


def test_a_habitual_sentence_keeps_no_carried_period() -> None:
    text = (
        "In the 2021/2022 academic year, 5,000 students came. On average, over 800 trainees "
        "arrive every year."
    )
    assert [
        r[3] for r in rows(text, [("2021/2022 academic year", "2021-09/2022-06", "range")])
    ] == [
        "2021-09/2022-06",
        None,
    ]


# -- round 2: small written-out counts, fractions, periods, local currencies ----------------------


def test_a_small_written_number_counts_a_described_set() -> None:
    text = (
        "The island is ringed by two wide seas. A panel of three states which will mediate was "
        "named, and the four standing members of the council agreed. Our state is one of the "
        "six nations in Europe to ban the trade. The eleven landlocked countries met."
    )
    assert rows(text) == [
        (2.0, "count", None, None, "wide seas"),
        (3.0, "count", None, None, "states"),
        (4.0, "count", None, None, "standing members"),
        (6.0, "count", None, None, "nations"),
        (11.0, "count", None, None, "landlocked countries"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The two presidents spoke, and our three nations agreed; the three countries signed.",
        "A meeting of the four Nordic states and the five Ministry envoys took place.",
        "The rivalry between two worlds, one of which seeks peace, is the lesser of the two evils.",
        "How will the drought affect the first three Global Goals?",
    ],
)
def test_a_small_written_number_naming_a_known_set_is_no_claim(text: str) -> None:
    assert rows(text) == []


def test_a_number_before_a_capitalised_name_counts_it() -> None:
    text = "The plan serves the Charter and its 12 Regional Cooperation Goals, which we share."
    assert rows(text) == [(12.0, "count", None, None, "regional cooperation goals")]


def test_fractions_are_percent_shares() -> None:
    text = (
        "Nearly three quarters of the harvest is exported, a third of it by sea. A third party "
        "came. In the first two quarters of 2019 and a quarter of a century later, nothing."
    )
    assert rows(text) == [
        (75.0, "percent", "almost", None, "share of harvest"),
        (33.33, "percent", None, None, "exports"),
    ]


def test_each_figure_of_a_change_keeps_its_own_year() -> None:
    text = "Exports rose from $4 billion in 2018 to $6.5 billion in 2020, and 3.5% in 2021."
    times = [("2018", "2018", "year"), ("2020", "2020", "year"), ("2021", "2021", "year")]
    assert [(r[0], r[3]) for r in rows(text, times)] == [
        (4e9, "2018"),
        (6.5e9, "2020"),
        (3.5, "2021"),
    ]


def test_a_change_over_the_past_year_dates_its_ends() -> None:
    text = "Over the past year, the outbreak grew from 3 million to 9 million recorded infections."
    assert [(r[0], r[3]) for r in rows(text, published="2022-05-02")] == [
        (3e6, "2021"),
        (9e6, "2022"),
    ]


def test_since_reaches_to_the_documents_date() -> None:
    text = (
        "Since 2018, the ministry has opened 40 new clinics. The 20-plus raids that the gangs "
        "have staged since early October alarm us."
    )
    assert rows(text, [("2018", "2018", "year")], published="2021-02-10") == [
        (40.0, "count", None, "2018/2021", "hospitals"),
        (20.0, "count", "over", "2020-10/2021-02", "raids"),
    ]


def test_as_of_today_is_the_documents_day() -> None:
    text = "The agency has tested about 2 million people, as of today."
    assert rows(text, [("today", "2022-03-04", "day")], published="2022-03-04") == [
        (2e6, "persons", "about", "2022-03-04", "people")
    ]


def test_a_baseline_runs_to_the_horizon_of_the_plans_name() -> None:
    text = (
        "We adopted a 2040 clean energy strategy to cut coal use by 40 per cent from 2010 levels."
    )
    times = [("2040", "2040", "year"), ("2010", "2010", "year")]
    assert [(r[0], r[3]) for r in rows(text, times)] == [(40.0, "2010/2040")]


def test_a_fronted_adverbial_dates_the_main_clause() -> None:
    text = "During the regional vote in April 2019, the mayor won 58% of the ballots cast abroad."
    assert [(r[0], r[3]) for r in rows(text, [("April 2019", "2019-04", "month")])] == [
        (58.0, "2019-04")
    ]


def test_pesos_are_the_currency_of_the_documents_state() -> None:
    text = "The province received P12.5 million in grants and 3 billion pesos for bridges."
    mentions = [Mention("t", 0, 0, "Philippines", "country:PHL", "country")] * 3
    claims = find_claims(doc_of(text), (), mentions)
    assert [(c.value, c.unit) for c in claims] == [(12.5e6, "PHP"), (3e9, "PHP")]
    # Where nothing says whose pesos, the sums are no claims and "P12.5" no number.
    assert find_claims(doc_of(text), (), ()) == ()


def test_a_publishers_name_gives_the_documents_state() -> None:
    text = "The agency released P7 billion and 250 million pesos to the farmers."
    ctx = Context(load_kb())
    claims = stage(doc_of(text, publisher="Philippine News Office"), ctx, {"mentions": ()})
    assert [(c.value, c.unit) for c in claims["claims"]] == [(7e9, "PHP"), (250e6, "PHP")]


def test_a_membership_counts_members() -> None:
    text = "The board was set up when its membership was about forty, and it has grown since."
    assert rows(text) == [(40.0, "count", "about", None, "members")]


# -- round 3: sums that name no currency, model codes, people nouns, dotted thousands -----------


def test_a_sum_without_its_currency_is_in_the_documents_own() -> None:
    text = (
        "A meal at the canteen costs about 150, or some 4,500 a month. The new port "
        "earns the province about 9 billion; the old one earns 12 visitors a day."
    )
    mentions = [Mention("t", 0, 0, "Philippines", "country:PHL", "country")] * 3
    claims = find_claims(doc_of(text), (), mentions)
    assert [(c.value, c.unit) for c in claims] == [
        (150.0, "PHP"),
        (4500.0, "PHP"),
        (9e9, "PHP"),
        (12.0, "persons"),
    ]
    # Without a state whose currency the speaker leaves out, the sums are no claims.
    assert [(c.value, c.unit) for c in find_claims(doc_of(text), (), ())] == [(12.0, "persons")]


def test_a_model_code_stands_between_a_number_and_its_noun() -> None:
    text = "The navy received 120 K22 patrol boats and 16 radar sets."
    assert [(r[0], r[1], r[4]) for r in rows(text)] == [
        (120.0, "count", "patrol boats"),
        (16.0, "count", "radar sets"),
    ]


def test_nouns_that_name_people_count_persons() -> None:
    text = "Some 800 fishermen and 35 scholarship holders joined, with 40 checklists."
    assert [(r[0], r[1]) for r in rows(text)] == [
        (800.0, "persons"),
        (35.0, "persons"),
        (40.0, "count"),
    ]


def test_a_full_stop_groups_thousands_before_three_zeros() -> None:
    text = "Its income per head is 41.000 EUR, and growth was 1.5 percent."
    assert [(r[0], r[1]) for r in rows(text)] == [(41000.0, "EUR"), (1.5, "percent")]


def test_a_change_gives_each_figure_its_year_and_noun() -> None:
    text = "The island's population will grow from 40 million people in 2010 to 52 million in 2040."
    times = [("2010", "2010", "year"), ("2040", "2040", "year")]
    assert rows(text, times) == [
        (40000000.0, "persons", None, "2010", "people"),
        (52000000.0, "persons", None, "2040", "people"),
    ]


def test_a_fraction_without_its_zero() -> None:
    assert rows("Prices rose by .6% a month.") == [(0.6, "percent", None, None, "prices")]


def test_a_plural_noun_modifier_leaves_the_count_to_its_head() -> None:
    text = "The exchange freed 14 other press freedom campaigners."
    assert [(r[0], r[1]) for r in rows(text)] == [(14.0, "persons")]


def test_a_small_number_before_a_participle_counts() -> None:
    text = "The deal freed three Canadians wrongly held in Iran. The two leaders discussed trade."
    assert [(r[0], r[1], r[4]) for r in rows(text)] == [(3.0, "persons", "Canadians")]


# -- periods from the parse and the paragraph; lists; ranks (session 5) --------------------------


def test_a_deadline_in_the_clause_dates_figures_across_brackets() -> None:
    text = (
        "We plan to immunise about 70 per cent (9 million people) of the adult population "
        "(of some 13 million) by no later than June of this year."
    )
    assert rows(text, [("June of this year", "2030-06", "month")], "2030-03-01") == [
        (70.0, "percent", "about", "2030-06", "population"),
        (9000000.0, "persons", None, "2030-06", "people"),
        (13000000.0, "persons", "about", "2030-06", "population"),
    ]


def test_a_year_in_another_clause_of_the_parse_does_not_date_the_figure() -> None:
    text = "The company, founded in 1998, now employs 4,000 workers."
    assert rows(text, [("1998", "1998", "year")]) == [(4000.0, "persons", None, None, "workers")]


def test_out_of_counts_the_ranked_noun_and_the_paragraph_year_dates_the_next_sentence() -> None:
    text = (
        "According to the ministry, Chile ranked as Norway's 12th trading partner (out of 190) "
        "in 2019. Total trade reached US$80.5 million."
    )
    assert rows(text, [("2019", "2019", "year")], "2020-02-01") == [
        (190.0, "count", None, "2019", "trading partners"),
        (80500000.0, "USD", None, "2019", "bilateral trade"),
    ]


def test_a_year_to_come_in_the_paragraph_dates_no_figure_beside_it() -> None:
    text = "The government will hold elections in 2031. Donors have given $4 million in election support."
    assert rows(text, [("2031", "2031", "year")], "2030-05-01") == [
        (4000000.0, "USD", None, None, "election support")
    ]


def test_over_the_past_year_is_the_documents_year() -> None:
    text = "Over the past year alone, our trade with the region has grown by 35 per cent."
    assert rows(text, [], "2019") == [(35.0, "percent", None, "2019", "bilateral trade")]


def test_a_small_abstract_noun_counts_when_its_items_are_listed() -> None:
    assert rows(
        "The minister said the government has four priorities in mind: roads, ports, schools "
        "and clinics."
    ) == [(4.0, "count", None, None, "priorities")]
    assert rows("NATO's three pillars: defence, crisis management and cooperative security.") == [
        (3.0, "count", None, None, "pillars")
    ]
    assert rows("There are only two options: we talk or we fight.") == []
    assert rows("We defend the four freedoms: goods, services, capital and labour.") == []


def test_pc_is_percent_and_a_list_of_numbers_shares_its_noun() -> None:
    assert rows("By the early 1980s the family trust owned roughly 25pc of the market.") == [
        (25.0, "percent", "about", None, "share of market")
    ]
    assert rows("They mourn the death of about 500, 600, 700.") == [
        (500.0, "persons", "about", None, "deaths"),
        (600.0, "persons", None, None, "deaths"),
        (700.0, "persons", None, None, "deaths"),
    ]


# -- signs, ranges and people (issue 8, session 5) ----------------------------------------------


def test_prefixed_dollar_signs_and_an_amount_in_two_currencies() -> None:
    text = "Ottawa pledged C$ 20 million (US$ 14.6 million) to the flood fund."
    assert [r[:2] for r in rows(text)] == [(20000000.0, "CAD"), (14600000.0, "USD")]
    text = "Wellington gave NZ$3 million and Canberra A$ 5 million for the clinics."
    assert [r[:2] for r in rows(text)] == [(3000000.0, "NZD"), (5000000.0, "AUD")]


def test_a_dashed_range_is_its_lower_bound_in_the_upper_bounds_scale() -> None:
    text = "The new fund should hold 4-6 billion dollars by the end of the decade."
    assert [r[:2] for r in rows(text)] == [(4000000000.0, "USD")]
    text = "Inflation is expected at 3–4% in the coming year."
    assert [r[:2] for r in rows(text)] == [(3.0, "percent")]


def test_a_dashed_pair_without_scale_or_unit_is_no_range() -> None:
    assert rows("The plan for 2024-2028 was discussed on 11-12 March.") == []


def test_officials_and_overseas_workers_are_persons() -> None:
    text = "The envoy met 14 ministers, and about 2 million OFWs voted abroad."
    assert [r[:2] for r in rows(text)] == [(14.0, "persons"), (2000000.0, "persons")]


def test_hyphenated_scale_with_worth_or_a_currency_word() -> None:
    text = "They signed $4.2 billion-worth of contracts for the new port."
    assert [r[:2] for r in rows(text)] == [(4200000000.0, "USD")]
    text = "Seoul finances a 6.5-million-dollar clinic in the province."
    assert [r[:2] for r in rows(text)] == [(6500000.0, "USD")]
    assert rows("He showed a ten-dollar bill.") == []


def test_filipinos_abroad_and_business_delegates_are_persons() -> None:
    text = "Nearly 9 million overseas Filipinos and 80 businesspeople joined the forum."
    assert [r[:2] for r in rows(text)] == [(9000000.0, "persons"), (80.0, "persons")]
