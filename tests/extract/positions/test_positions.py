"""The positions stage on small sentences written for the test, with mentions, roles and times
built by hand: holders from the parse, stance groups, courtesy, plans with due dates and status."""

from __future__ import annotations

from dataclasses import replace

from bilateral.extract.positions.cues import courtesy_spans, plan_cues, stance_cues
from bilateral.extract.positions.learned import OFF
from bilateral.extract.positions.stage import find_positions
from bilateral.model import Document, Evidence, Mention, Role, Sentence, TimeExpr


def _doc(
    text: str, published: str | None = "2024-03-01", doc_type: str = "press_release"
) -> Document:
    spans, start = [], 0
    for part in text.split("  "):
        spans.append(Sentence(start, start + len(part), 0))
        start += len(part) + 2
    return Document(
        id="d",
        source="test",
        text=text,
        published=published,
        doc_type=doc_type,
        sentences=tuple(spans),
    )


def _m(text: str, surface: str, entity: str, kind: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Mention("d", start, start + len(surface), surface, entity, kind)


def test_cues_longest_wins_and_courtesy() -> None:
    said = stance_cues("The minister stressed the need for calm and supports the talks.")
    assert [(c.label, c.start) for c in said] == [("call", 13), ("support", 44)]
    assert courtesy_spans("He thanked the hosts for the warm hospitality.") == [(3, 45)]
    assert [c.label for c in plan_cues("They stand ready to help and continue to work.")] == [
        "planned",
        "under_way",
    ]


def test_holders_targets_and_groups() -> None:
    text = (
        "Norway strongly condemns the attack on Chile.  "
        "The President welcomed the agreement and called on Peru to sign it.  "
        "Sweden does not support the plan of Chile.  "
        "The minister thanked Peru for the warm hospitality."
    )
    doc = _doc(text)
    mentions = [
        _m(text, "Norway", "country:NOR", "country"),
        _m(text, "Chile", "country:CHL", "country"),
        _m(text, "Peru", "country:PER", "country"),
        _m(text, "Sweden", "country:SWE", "country"),
        _m(text, "Chile", "country:CHL", "country", 1),
        _m(text, "Peru", "country:PER", "country", 1),
    ]
    ev = (Evidence.of(doc, 0, 6),)
    roles = [Role("person:ana", "President", "country:NOR", None, ev)]
    positions, _ = find_positions(doc, mentions, (), roles)
    got = [(p.holder, p.stance, p.target) for p in positions]
    assert got == [
        ("country:NOR", "condemn", "country:CHL"),
        ("person:ana", "welcome", "country:PER"),
        ("person:ana", "call", "country:PER"),
        ("country:SWE", "oppose", "country:CHL"),
    ]
    assert positions[0].evidence[0].quote == "Norway strongly condemns the attack on Chile."


def test_we_is_the_speaker_and_plans_have_due_and_status() -> None:
    text = (
        "We stand ready to open a consulate in Lima next year.  "
        "Canada is building a new port in Peru.  "
        "The building will be large and bright."
    )
    doc = _doc(text, doc_type="statement")
    mentions = [
        _m(text, "Lima", "place:lima", "place"),
        _m(text, "Canada", "country:CAN", "country"),
        _m(text, "Peru", "country:PER", "country"),
    ]
    times = [
        TimeExpr(
            text.index("next year"), text.index("next year") + 9, "next year", "2025", "year", True
        )
    ]
    _, plans = find_positions(doc, mentions, times, ())
    got = [(p.holders, p.due, p.status) for p in plans]
    assert got == [
        (("country:CAN", "country:PER"), "2025", "planned"),
        (("country:CAN",), None, "under_way"),
    ]


def test_frames_infinitives_courtesy_and_discourse() -> None:
    text = (
        "We believe it is essential to resume the talks.  "
        "The minister stressed the need to act quickly to prevent a famine and to support the farmers.  "
        "Thank you very much, Mr. Chairman.  "
        "The Chancellor welcomed President Rossi of Italy to the Chancellery.  "
        "I should like to say a few words about the budget.  "
        "The Fund will provide $5 million to support the clinics."
    )
    doc = _doc(text, doc_type="speech")
    mentions = [
        _m(text, "Rossi", "person:rossi", "person"),
        _m(text, "Italy", "country:ITA", "country"),
    ]
    positions, plans = find_positions(doc, mentions, ())
    assert [
        (text[p.evidence[0].start : p.evidence[0].start + 12], p.stance) for p in positions
    ] == [
        ("We believe i", "call"),
        ("The minister", "call"),
    ]
    assert [p.action for p in plans] == []


def test_said_of_is_the_speakers_and_readout_we_is_the_publishers_state() -> None:
    text = (
        "Canada is a trusted partner of ours.  "
        "The Secretary noted that we will continue to train Canadian nurses in 2025."
    )
    doc = replace(_doc(text), publisher="White House")
    mentions = [_m(text, "Canada", "country:CAN", "country")]
    positions, plans = find_positions(doc, mentions, ())
    assert [(p.holder, p.stance, p.target) for p in positions] == [
        ("country:USA", "praise", "country:CAN")
    ]
    assert [p.holders for p in plans] == [("country:USA", "country:CAN")]


def test_plans_negated_discourse_and_nominal() -> None:
    text = (
        "Our delegation had not intended to speak today.  "
        "I will always remember your kindness.  "
        "The ministers also discussed the upcoming summit of Chile and Peru.  "
        "The forum of Chile and Peru, scheduled for this autumn, will gather mayors."
    )
    doc = _doc(text)
    mentions = [
        _m(text, "Chile", "country:CHL", "country"),
        _m(text, "Peru", "country:PER", "country"),
        _m(text, "Chile", "country:CHL", "country", 1),
        _m(text, "Peru", "country:PER", "country", 1),
    ]
    start = text.index("this autumn")
    times = [TimeExpr(start, start + 11, "this autumn", "2024-09/2024-11", "season", True)]
    _, plans = find_positions(doc, mentions, times)
    assert [(text[p.evidence[0].start : p.evidence[0].start + 16], p.due) for p in plans] == [
        ("The ministers al", None),
        ("The forum of Chi", "2024"),
    ]


def test_one_item_per_cue_and_per_clause() -> None:
    text = (
        "Norway welcomed the truce and praised the mediators of Chile.  "
        "Norway will open a school in Chile, and the ministry of Peru will train its teachers."
    )
    doc = _doc(text)
    mentions = [
        _m(text, "Norway", "country:NOR", "country"),
        _m(text, "Chile", "country:CHL", "country"),
        _m(text, "Norway", "country:NOR", "country", 1),
        _m(text, "Chile", "country:CHL", "country", 1),
        _m(text, "Peru", "country:PER", "country"),
    ]
    positions, plans = find_positions(doc, mentions, ())
    assert [(p.holder, p.stance, p.topic) for p in positions] == [
        ("country:NOR", "welcome", "the truce and praised the mediators of Chile"),
        ("country:NOR", "praise", "the mediators of Chile"),
    ]
    assert [(p.holders[0], p.action) for p in plans] == [
        ("country:NOR", "open a school in Chile"),
        ("country:PER", "train its teachers"),
    ]


def test_personnel_intent_and_toast_are_no_stance() -> None:
    assert stance_cues("The President announced his intent to nominate a judge.") == []
    assert courtesy_spans("Let me propose a toast to our friendship.") == [(7, 22)]


def test_support_with_an_amount_is_aid() -> None:
    text = (
        "Each year the Union supports schools in the province to the tune of EUR 4 million.  "
        "Norway supported the clinic with $2.5 million in grants.  "
        "Norway supports the talks with conviction."
    )
    m = [
        _m(text, "Union", "eu", "organization"),
        *(_m(text, "Norway", "no", "country", n) for n in (0, 1)),
    ]
    positions, _ = find_positions(_doc(text), m, ())
    assert [(p.holder, p.stance, p.evidence[0].quote[:6]) for p in positions] == [
        ("no", "support", "Norway")
    ]
    assert positions[0].evidence[0].start == text.index("Norway supports")


def test_wordpieces_follow_the_bert_rules() -> None:
    from bilateral.extract.positions.encoder import _vocab, wordpieces

    vocab = {i: w for w, i in _vocab().items()}
    assert [vocab[i] for i in wordpieces("Café talks, unbreakable!")] == [
        "[CLS]",
        "cafe",
        "talks",
        ",",
        "un",
        "##break",
        "##able",
        "!",
        "[SEP]",
    ]


def test_modal_subject_is_the_target_and_coordinated_posts_hold_a_plan() -> None:
    text = (
        "The Assembly must act on the drought without delay.  "
        "The President and Prime Minister pledged to expand trade between their countries.  "
        "The next round of talks is expected to address fishing rights."
    )
    doc = replace(_doc(text), publisher="White House")
    mentions = [_m(text, "Assembly", "org:assembly", "organization")]
    ev = (Evidence.of(doc, 0, 6),)
    roles = [
        Role("person:eve", "President", "country:USA", None, ev),
        Role("person:sam", "Prime Minister", "country:NZL", None, ev),
    ]
    positions, plans = find_positions(doc, mentions, (), roles)
    assert [(p.holder, p.stance, p.target) for p in positions] == [
        ("country:USA", "call", "org:assembly")
    ]
    assert [(p.holders[:2], p.status) for p in plans] == [
        (("person:eve", "country:USA"), "planned"),
        (("country:USA",), "planned"),
    ]


def test_learned_sentences_take_their_holder_from_the_parse(monkeypatch: object) -> None:
    """Sentences no cue fires on: the classifier's stance group or plan, the main verb as the
    cue, the holder from its subject; "X is ..." is said of X by the speaker."""
    import pytest

    from bilateral.extract.positions import stage as positions_stage

    class Stub:
        def scores(self, sentences: list[str]) -> list[dict[str, float]]:
            out = []
            for s in sentences:
                linchpin = "linchpin" in s
                out.append(
                    {"A": 0.9 if linchpin else 0.1, "B": 0.0, "C": 0.0, "D": 0.0,
                     "PLAN": 0.1 if linchpin else 0.9}
                )  # fmt: skip
            return out

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(
        positions_stage, "classifier", lambda: (Stub(), OFF | {"stance": 0.8, "plan": 0.8})
    )
    text = (
        "Chile is the linchpin of stability in the region.  "
        "Peru confirmed preparations for a summit with Chile in May."
    )
    doc = replace(_doc(text), publisher="White House")
    mentions = [
        _m(text, "Chile", "country:CHL", "country"),
        _m(text, "Peru", "country:PER", "country"),
        _m(text, "Chile", "country:CHL", "country", 1),
    ]
    times = [TimeExpr(text.index("May"), text.index("May") + 3, "May", "2024-05", "month")]
    positions, plans = find_positions(doc, mentions, times)
    assert [(p.holder, p.stance, p.target) for p in positions] == [
        ("country:USA", "support", "country:CHL")
    ]
    assert [(p.holders, p.due, p.status) for p in plans] == [
        (("country:PER",), "2024-05", "planned")
    ]


def test_learned_filter_drops_cues_the_classifier_rejects(monkeypatch: object) -> None:
    """A stance cue whose sentence the classifier finds very unlikely to state that group goes,
    and so does a plan cue; the cues it finds likely stay."""
    import pytest

    from bilateral.extract.positions import stage as positions_stage

    class Stub:
        def scores(self, sentences: list[str]) -> list[dict[str, float]]:
            out = []
            for s in sentences:
                tour = "tour" in s
                out.append(
                    {"A": 0.02 if tour else 0.9, "B": 0.0, "C": 0.0, "D": 0.0,
                     "PLAN": 0.02 if tour else 0.9}
                )  # fmt: skip
            return out

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(
        positions_stage,
        "classifier",
        lambda: (Stub(), OFF | {"keep_stance": 0.1, "keep_plan": 0.1}),
    )
    text = (
        "Peru supports the tour of the museum and will visit it again.  "
        "Peru supports the peace talks and will host them in May."
    )
    doc = _doc(text)
    mentions = [
        _m(text, "Peru", "country:PER", "country"),
        _m(text, "Peru", "country:PER", "country", 1),
    ]
    positions, plans = find_positions(doc, mentions, [])
    assert [(p.holder, p.stance, p.evidence[0].start) for p in positions] == [
        ("country:PER", "support", text.index("Peru supports the peace"))
    ]
    assert [(p.holders, p.evidence[0].start) for p in plans] == [
        (("country:PER",), text.index("Peru supports the peace"))
    ]


def _t(text: str, surface: str, value: str, precision: str) -> TimeExpr:
    at = text.index(surface)
    return TimeExpr(at, at + len(surface), surface, value, precision)


def test_plans_of_readiness_intention_deadlines_and_dates_ahead() -> None:
    text = (
        "Peru is willing to keep expanding its trade with Chile.  "
        "The ministers confirmed Peru and Chile's interest in holding a third round of talks.  "
        "We will not tolerate such pressure on our partners.  "
        "We expect that soon two more clinics will open in the north.  "
        "The main goal of the programme is to train a thousand nurses until 2030.  "
        "These days, Lima is hosting a large trade fair of the region.  "
        "The earliest one is the minister's attendance of the parade in Lima on May 20."
    )
    doc = _doc(text, published="2024-05-02")
    mentions = [
        _m(text, "Peru", "country:PER", "country"),
        _m(text, "Chile", "country:CHL", "country"),
        _m(text, "Peru", "country:PER", "country", 1),
        _m(text, "Chile", "country:CHL", "country", 1),
        _m(text, "Lima", "place:lima", "place"),
        _m(text, "Lima", "place:lima", "place", 1),
    ]
    times = [_t(text, "2030", "2030", "year"), _t(text, "May 20", "2024-05-20", "day")]
    _, plans = find_positions(doc, mentions, times, ())
    got = [(text[p.evidence[0].start :][:14], p.holders[0], p.due, p.status) for p in plans]
    assert got == [
        ("Peru is willin", "country:PER", None, "planned"),
        ("The ministers ", "country:PER", None, "planned"),
        ("We expect that", "country:PER", None, "planned"),
        ("The main goal ", "country:PER", "2030", "planned"),
        ("These days, Li", "country:PER", "2024-05", "under_way"),
        ("The earliest o", "country:PER", "2024-05-20", "planned"),
    ]


def test_plan_holders_they_of_a_dependent_clause_and_a_definite_body() -> None:
    text = (
        "In May the OPEC ministers met in Lima, where they agreed to cut the output.  "
        "Rosneft signed a deal in Peru.  "
        "The state company, which has long experience, is ready for new projects in Peru."
    )
    doc = _doc(text)
    mentions = [
        _m(text, "OPEC", "org:opec", "organization"),
        _m(text, "Lima", "place:lima", "place"),
        _m(text, "Rosneft", "org:rosneft", "organization"),
        _m(text, "Peru", "country:PER", "country"),
        _m(text, "Peru", "country:PER", "country", 1),
    ]
    _, plans = find_positions(doc, mentions, (), ())
    assert [p.holders[0] for p in plans] == ["org:opec", "org:rosneft"]


def test_a_proposal_is_its_authors() -> None:
    text = (
        "Norway welcomed the initiatives of Chile on fishing.  "
        "There are many good projects and initiatives in the region.  "
        "The new fund was proposed by Peru in the spring."
    )
    doc = _doc(text)
    mentions = [
        _m(text, "Norway", "country:NOR", "country"),
        _m(text, "Chile", "country:CHL", "country"),
        _m(text, "Peru", "country:PER", "country"),
    ]
    positions, _ = find_positions(doc, mentions, (), ())
    assert [(p.holder, p.stance) for p in positions] == [
        ("country:NOR", "welcome"),
        ("country:CHL", "propose"),
        ("country:PER", "propose"),
    ]


def test_readout_passives_necessity_litotes_and_no_fight() -> None:
    text = (
        "The close ties between the two navies were stressed.  "
        "Particular emphasis was placed on trade in grain.  "
        "Keeping the archives open to scholars is critical.  "
        "We regard a quick census of the herds as a key task this year.  "
        "If the club obeys the law, we do not see it as a problem.  "
        "As for whether we are worried about the fair, we have no misgivings at all.  "
        "If they resort to pressure, we will not hide our attitude towards such moves.  "
        "Their grandfathers fought side by side against the invaders."
    )
    doc = replace(_doc(text), publisher="White House")
    positions, plans = find_positions(doc, [], ())
    got = [(p.holder, p.stance, p.evidence[0].quote[:12]) for p in positions]
    assert got == [
        ("country:USA", "support", "The close ti"),
        ("country:USA", "support", "Particular e"),
        ("country:USA", "call", "Keeping the "),
        ("country:USA", "call", "We regard a "),
        ("country:USA", "deny", "If the club "),
        ("country:USA", "deny", "As for wheth"),
        ("country:USA", "oppose", "If they reso"),
    ]
    assert plans == ()


def test_invitation_passive_similar_positions_and_architects() -> None:
    text = (
        "Peru was invited to join the Andean Pact as an observer.  "
        "Chile and Peru take similar positions on the role of the courts.  "
        "Mr Ortiz is one of the architects of the customs union."
    )
    doc = replace(_doc(text), publisher="White House")
    mentions = [
        _m(text, "Peru", "country:PER", "country"),
        _m(text, "Andean Pact", "organization:andean", "organization"),
        _m(text, "Chile", "country:CHL", "country"),
        _m(text, "Peru", "country:PER", "country", 1),
        _m(text, "Mr Ortiz", "person:ortiz", "person"),
    ]
    positions, _ = find_positions(doc, mentions, ())
    got = [(p.holder, p.stance, p.target) for p in positions]
    assert got == [
        ("organization:andean", "propose", "country:PER"),
        ("country:CHL", "support", None),
        ("country:USA", "praise", "person:ortiz"),
    ]


def test_convinced_is_a_support_frame() -> None:
    text = (
        "We are firmly convinced that open ports will help both economies.  "
        "We are convinced that it is important to reform the tariffs."
    )
    doc = replace(_doc(text), publisher="White House")
    positions, _ = find_positions(doc, [], ())
    assert [(p.holder, p.stance) for p in positions] == [
        ("country:USA", "support"),
        ("country:USA", "call"),
    ]


def test_shipped_classifier_tells_a_stance_from_a_fact() -> None:
    """The shipped model, asked directly (English and Russian in one space): a sentence of
    approval scores high on A, a bare fact low on every stance group."""
    from bilateral.extract.positions.learned import MODELS, _shipped

    model, thresholds = _shipped(str(MODELS))
    assert 0.0 < thresholds["keep_stance"] < 0.5 < thresholds["stance"] <= 1.0
    liked, fact, liked_ru = model.scores(
        [
            "We strongly support the efforts of our partners to settle the dispute peacefully.",
            "The building on the main square has four floors and a red roof.",
            "Мы решительно поддерживаем усилия партнёров по мирному урегулированию спора.",
        ]
    )
    assert liked["A"] > 0.5 and liked_ru["A"] > 0.5
    assert max(fact[g] for g in "ABCD") < thresholds["keep_stance"] * 2


def test_classifier_setting_filter_keeps_the_filter_and_drops_the_additions(
    monkeypatch: object,
) -> None:
    """``positions_classifier=filter``: the shipped filter thresholds, no additions, and only the
    cues' sentences are put to the classifier; ``off`` and ``on`` keep their meaning."""
    import pytest

    from bilateral.extract.positions import learned
    from bilateral.extract.positions import stage as positions_stage

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("BILATERAL_POSITIONS_CLASSIFIER", "on")
    _, on = learned.classifier()
    monkeypatch.setenv("BILATERAL_POSITIONS_CLASSIFIER", "filter")
    _, only = learned.classifier()
    assert only == on | {"stance": OFF["stance"], "plan": OFF["plan"]}
    assert not learned.adds(only)
    monkeypatch.setenv("BILATERAL_POSITIONS_CLASSIFIER", "off")
    assert learned.classifier()[1] == OFF

    asked: list[str] = []

    class Stub:
        def scores(self, sentences: list[str]) -> list[dict[str, float]]:
            asked.extend(sentences)
            return [dict.fromkeys(("A", "B", "C", "D", "PLAN"), 0.9) for _ in sentences]

    monkeypatch.setattr(
        positions_stage,
        "classifier",
        lambda: (Stub(), OFF | {"keep_stance": 0.1, "keep_plan": 0.1}),
    )
    text = "Peru supports the peace talks.  Chile is the linchpin of stability in the region."
    positions, _ = find_positions(_doc(text), [_m(text, "Peru", "country:PER", "country")], [])
    assert asked == ["Peru supports the peace talks."]
    assert [(p.holder, p.stance) for p in positions] == [("country:PER", "support")]
