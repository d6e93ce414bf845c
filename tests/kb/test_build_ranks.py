"""kb/build_ranks.py: ranks from dictionary lines and corpus counts written here."""

from __future__ import annotations

from bilateral.kb.build_ranks import abbreviation_of, agent_candidates, rank_records

LINES = [
    "COLONEL [~MIL]",
    "BRIGADIER_GENERAL [~MIL]",
    "ARMY {} [~MIL]",
    "BRIG._GEN. [~MIL]",
    "SHERIFF [~COP]",
    "# CORPORAL [~MIL]",
    "F-16 [~MIL]",
    "SENATOR [~GOV]",
]


def test_candidates_are_military_and_police_words_as_written() -> None:
    assert agent_candidates(LINES) == (
        ["Colonel", "Brigadier General", "Army", "Sheriff"],
        ["Brig. Gen."],
    )


def test_an_abbreviation_names_one_rank() -> None:
    ranks = ["Brigadier General", "Colonel", "Commander", "Commodore"]
    assert abbreviation_of("Brig. Gen.", ranks) == "Brigadier General"
    assert abbreviation_of("Col.", ranks) == "Colonel"
    assert abbreviation_of("Cmdr.", ranks) is None  # Commander or Commodore


def test_a_rank_is_written_before_names() -> None:
    counts = {
        "<Colonel": 40, "Colonel": 60, "<Brigadier General": 5, "Brigadier": 10, "General": 900,
        "<Army": 30, "Army": 900, "<Sheriff": 2, "Sheriff": 3,
    }  # fmt: skip
    full, short = agent_candidates(LINES)
    hand = {"ranks": ["General"], "forces": ["Army"]}
    assert rank_records(full, short, counts, hand, ["Senator"]) == {
        "ranks": ["Brigadier General", "Colonel"],
        "abbreviations": {"Brig. Gen.": "Brigadier General"},
    }


def test_the_vocabulary_reads_the_grown_ranks_under_the_hand_ones() -> None:
    from bilateral.kb.vocabulary import posts

    ranks = posts().ranks
    assert "Generalissimo" in ranks and "Sergeant" in ranks
    assert ranks.index("Brigadier General") < ranks.index("General")
    assert ranks.index("Lieutenant Junior Grade") < ranks.index("Lieutenant")
