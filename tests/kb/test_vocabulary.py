"""The controlled vocabularies of kb/data, as loaded, and how the stages match their words."""

from __future__ import annotations

import dataclasses
import re

import pytest

from bilateral.extract.roles.posts import title_patterns, word_pattern
from bilateral.kb.vocabulary import agreement_types, event_types, posts


def test_event_types_in_the_files_order_with_their_groups() -> None:
    et = event_types()
    assert et.ids == (
        "meeting",
        "talks",
        "visit",
        "phone_call",
        "summit",
        "forum",
        "conference",
        "session",
        "signing",
        "ceremony",
        "election",
        "statement",
        "other",
    )
    assert et.in_group("consult") == frozenset(
        {"meeting", "talks", "visit", "summit", "forum", "conference", "session"}
    )
    assert et.in_group("no such group") == frozenset()
    assert set(et.ids) - et.on_timeline == {"election", "statement", "other"}
    assert et.types["visit"].host_cameo == "043"
    assert et.types["meeting"].host_cameo == "040"  # the occurred code when none is given


def test_vocabularies_are_loaded_once_and_frozen() -> None:
    assert event_types() is event_types()
    assert posts() is posts()
    with pytest.raises(dataclasses.FrozenInstanceError):
        event_types().ids = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        agreement_types().head_type["deal"] = "agreement"  # type: ignore[index]


def test_agreement_heads_name_one_type_each() -> None:
    at = agreement_types()
    assert at.ids[:3] == ("treaty", "agreement", "convention")
    assert at.head_type["memoranda"] == "memorandum"
    assert at.head_type["road-map"] == "plan"
    assert at.head_type["communiqué"] == "declaration"
    assert sum(len(t.heads) for t in at.types.values()) == len(at.head_type)


def test_titles_keep_their_order_and_the_of_they_need() -> None:
    names = [t.name for t in posts().titles]
    assert names.index("Secretary-General") < names.index("Secretary")
    assert names.index("Ambassador-at-Large") < names.index("Ambassador")
    assert names.index("Co-Chairman") < names.index("Co-Chair") < names.index("Chair")
    assert [t.name for t in posts().titles if t.needs_of] == ["Chief", "Head", "Leader", "Member"]


def test_a_title_matches_with_a_space_or_hyphen_a_curly_apostrophe_and_no_accent() -> None:
    pattern = re.compile(word_pattern("Chargé d'Affaires"), re.IGNORECASE)
    for written in ("Chargé d'Affaires", "Charge d’Affaires", "charge-d'affaires"):
        assert pattern.fullmatch(written), written
    assert not pattern.fullmatch("Chargé  d'Affaires")


def test_the_title_unit_reads_modifiers_and_needs_of_after_head() -> None:
    unit = title_patterns().unit
    m = unit.match("First Deputy Prime Minister Ivanov")
    assert m is not None and m.group(0) == "First Deputy Prime Minister"
    m = unit.match("Secretary General of the OSCE")
    assert m is not None and m.group(0) == "Secretary General"
    assert unit.match("Head of the Department") is not None
    assert unit.match("Head coach") is None
