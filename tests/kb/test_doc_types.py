from __future__ import annotations

import pytest

from bilateral.kb.doc_types import load_doc_types, parse_doc_types

TYPES = (
    "statement",
    "press_release",
    "transcript",
    "interview",
    "article",
    "speech",
    "joint_statement",
    "news",
    "biography",
    "other",
)


def test_the_list_is_the_gold_readme_list() -> None:
    types = load_doc_types()
    assert types.names == TYPES
    assert all(types.help[name] for name in types.names)


def test_every_rule_gives_a_listed_type_and_the_last_one_always_holds() -> None:
    rules = load_doc_types().rules
    assert all(r.type in TYPES for r in rules if r.type is not None)
    assert rules[-1].type == "other"
    assert load_doc_types().rule("salutation").text_start is not None


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ("[{type: memo, title: x}, {type: other}]", "type 'memo' is not in types"),
        ("[{type: news, structure: shape}, {type: other}]", "unknown structure 'shape'"),
        ("[{type: news, titel: x}, {type: other}]", "unknown fields ['titel']"),
        ("[{type: news, title: '('}, {type: other}]", "bad pattern"),
        ("[{type: news, title: x}]", "the last rule must give a type unconditionally"),
    ],
)
def test_bad_data_is_refused_with_the_reason(rules: str, message: str) -> None:
    text = (
        "types: {news: a report, other: the rest}\nkind_words: [statement]\n"
        f"rules: {rules}\nvoice: {{quoted: x}}\n"
    )
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("(", r"\(")):
        parse_doc_types(text)
