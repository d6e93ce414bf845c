"""The United States' officials read from White House titles (kb/build_whitehouse.py), on titles
written here in the archive's style."""

from __future__ import annotations

from pathlib import Path

from bilateral.kb.build_whitehouse import officials, whitehouse_holders

FOREIGN = frozenset({"korea", "nato", "japanese"})


def test_the_speaker_and_the_actor_of_a_title_are_officials() -> None:
    title = (
        "Statement by NSC Spokesperson Ann Fields on Deputy National Security Advisor Bo Reyes’s "
        "Call with National Security Advisor Kim Dae-ho of Korea"
    )
    assert list(officials(title, FOREIGN)) == [
        ("NSC Spokesperson", "Ann Fields"),
        ("Deputy National Security Advisor", "Bo Reyes"),
    ]


def test_leaders_foreign_posts_and_named_states_are_left_out() -> None:
    for title in (
        "Readout of President Lee’s Meeting with Prime Minister Taro Sato",
        "Readout of the Call with Korea National Security Advisor Park Min-su",
        "Statement by Press Secretary on NATO Secretary General Lars Berg’s Visit",
        "Statement on the Passing of Senator Tom Ward",
        "Readout of Chief Medical Advisor Meeting",
    ):
        assert list(officials(title, FOREIGN)) == [], title


def test_held_out_items_are_skipped(tmp_path: Path) -> None:
    root = tmp_path / "whitehouse"
    for name in ("a", "b"):
        (root / "x").mkdir(parents=True, exist_ok=True)
        (root / "x" / f"{name}.md").write_text(
            "---\ndate: '2022-03-01'\ntitle: Press Briefing by Press Secretary Rosa Lind\n---\n\nText.\n",
            encoding="utf-8",
        )
    held = list(whitehouse_holders(root, FOREIGN, frozenset({"whitehouse/x/b.md"})))
    assert [(h.name, h.posts[0].title, h.posts[0].attested) for h in held] == [
        ("Rosa Lind", "Press Secretary", ("2022",))
    ]
