"""Coded actions: exact categories, codes and arguments on small sentences written for these tests."""

from __future__ import annotations

import pytest

from bilateral.context import parse_sentence
from bilateral.extract.actions.coder import code_sentence
from bilateral.extract.actions.lexicon import lexicon
from bilateral.extract.actions.stage import _candidates, find_actions
from bilateral.model import Document, Mention, Sentence


def coded(sentence: str) -> list[tuple[str, str, str]]:
    """(verb, PLOVER category, CAMEO code) of each coded clause."""
    return [
        (sentence[c.verb_start : c.verb_end], c.code.plover, c.code.cameo)
        for c in code_sentence(parse_sentence(sentence), lexicon())
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ministry accused the neighbouring state of shelling border villages.", "ACCUSE"),
        ("The council threatened to cut diplomatic relations with the republic.", "THREATEN"),
        ("The opposition demanded that the cabinet resign at once.", "REQUEST"),
        ("The government flatly rejected the proposal of the mediators.", "REJECT"),
        ("The defence minister resigned on Friday.", "RETREAT"),
        ("The parliament agreed to share data on missing persons.", "AGREE"),
        ("Police arrested twelve protesters near the embassy.", "COERCE"),
        ("The union said it would boycott the talks.", "THREATEN"),
        ("The premier said the rebels must release the hostages.", "REQUEST"),
    ],
)
def test_category_of_a_clause(sentence: str, expected: str) -> None:
    assert expected in {cat for _, cat, _ in coded(sentence)}


def test_a_governing_verb_codes_the_pair() -> None:
    # "promised to continue military aid": an intention to give aid, CAMEO 03x, not AID itself.
    assert [
        c[1] for c in coded("The minister promised to continue military aid to the region.")
    ] == ["AGREE"]


def test_a_future_cooperative_act_is_an_intention() -> None:
    assert coded("The province will release the detained journalists.")[0][1] == "AGREE"


def test_a_refused_cooperative_act_is_a_rejection() -> None:
    assert {c[1] for c in coded("The ministry said it will not accept more refugees.")} == {
        "REJECT"
    }


def test_a_conditional_clause_is_no_act_of_its_own() -> None:
    cats = [
        c[1] for c in coded("The party said it will boycott the vote unless the chief resigns.")
    ]
    assert cats == ["THREATEN"]


def test_the_stage_names_actor_and_recipient() -> None:
    text = "Ruritania accused Freedonia of violating the truce."
    doc = Document(
        "d1", "t.txt", text, published="2021-03-04", sentences=(Sentence(0, len(text), 0),)
    )
    mentions = (
        Mention("d1", 0, 9, "Ruritania", "country:RUR", "country"),
        Mention("d1", 18, 27, "Freedonia", "country:FRE", "country"),
    )
    (action,) = find_actions(doc, mentions)
    assert (action.plover, action.cameo[:2]) == ("ACCUSE", "11")
    assert (action.actors, action.recipients) == (("country:RUR",), ("country:FRE",))
    assert action.trigger.quote == "accused" and action.date == "2021-03-04"
    assert action.evidence[0].quote == text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A participle hung on a coded act comments on it: one act, the main verb's.
        (
            "Students staged protests against the mayor, saying he must step down.",
            [("staged", "PROTEST", "141")],
        ),
        # A contact verb whose purpose is a coded act: the purpose is the act.
        (
            "The ministry summoned the envoy to complain about the raids.",
            [("complain", "ACCUSE", "110")],
        ),
        # Verbs coordinated under a governing verb are its content, not acts of their own.
        (
            "The council accused the company of polluting the river and ignoring the court.",
            [("accused", "ACCUSE", "112")],
        ),
        # A pledge of a hostile act is a threat.
        (
            "The militia has sworn to fight until the valley is theirs.",
            [("sworn", "THREATEN", "138")],
        ),
        # The refusal verbs reject where no pattern says more.
        ("The cabinet rejected the ultimatum on Monday.", [("rejected", "REJECT", "120")]),
        # The manual over its table: sanctions are SANCTION, a lifted curfew a concession.
        ("The republic imposed sanctions on the junta.", [("imposed", "SANCTION", "163")]),
        ("The governor lifted the curfew in the capital.", [("lifted", "CONCEDE", "0813")]),
    ],
)
def test_one_act_per_clause(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert coded(sentence) == expected


def test_we_is_the_speaker() -> None:
    text = "We firmly reject the ultimatum of Freedonia."
    doc = Document(
        "d2", "t.txt", text, published="2022-05-06", sentences=(Sentence(0, len(text), 0),)
    )
    (action,) = find_actions(doc, (), (), lambda at: ("person:speaker", "country:RUR"))
    assert (action.plover, action.cameo, action.actor_text) == ("REJECT", "120", "We")
    assert action.actors == ("person:speaker", "country:RUR")


def _doc(text: str) -> Document:
    return Document("d3", "t.txt", text, sentences=(Sentence(0, len(text), 0),))


@pytest.mark.parametrize(
    ("text", "mentions", "parsed"),
    [
        # Two actors: a mention and a name the record does not know.
        ("Ruritania accused Freedonian rebels of a raid.", [(0, 9, "country")], True),
        # One actor: nobody to act on, so no parse.
        ("Ruritania accused the rebels of a raid.", [(0, 9, "country")], False),
        # "We" and a name.
        ("We condemn the raid on Freedonia.", [], True),
        ("We condemn the raid.", [], False),
        # A coding form inside a name is no verb ("United" in "United Nations").
        (
            "The United Nations and Ruritania.",
            [(4, 18, "organization"), (23, 32, "country")],
            False,
        ),
        ("The United nations and Ruritania.", [(23, 32, "country")], True),
        # A multi-word form codes only with the words it needs after it.
        ("Ruritania is determined to help Freedonia.", [(0, 9, "country")], True),
        ("Ruritania is large and Freedonia is small.", [(0, 9, "country")], False),
    ],
)
def test_only_sentences_with_a_coding_form_and_two_actors_are_parsed(
    text: str, mentions: list[tuple[int, int, str]], parsed: bool
) -> None:
    ms = tuple(Mention("d3", a, b, text[a:b], f"{t}:{text[a:b]}", t) for a, b, t in mentions)
    assert bool(_candidates(_doc(text), ms, lexicon(), we=True)) is parsed
