"""What the dashboard page shows of a large relationship, and what it points to instead."""

from __future__ import annotations

from bilateral.web.pages import SHOWN, summary


def _board(n: int) -> dict:  # type: ignore[type-arg]
    return {
        "timeline": [{"id": i, "date": f"{1950 + i}"} for i in range(n)]
        + [{"id": "undated", "date": None}],
        "indicators": [
            {
                "indicator": f"i{k}",
                "charted": True,
                "values": [{"v": j, "when": str(j)} for j in range(k + 1)],
            }
            for k in range(20)
        ]
        + [{"indicator": "percentage", "charted": False, "values": [{"v": j} for j in range(30)]}],
        "agreements": [
            {"name": f"a{i}", "signed": None if i % 2 else f"{1990 + i}"} for i in range(n)
        ],
        "documents": [{"id": f"d{i}"} for i in range(n)],
        "people": [{"id": f"p{i}"} for i in range(n)],
    }


def test_a_large_relationship_is_summarised_with_its_totals() -> None:
    shown = summary(_board(100))
    assert [e["id"] for e in shown["timeline"]] == list(range(40, 100))  # the latest 60 dated
    assert [s["indicator"] for s in shown["indicators"]][:2] == ["i19", "i18"]  # most reported
    assert len(shown["indicators"]) == SHOWN["indicators"] and len(shown["more_indicators"]) == 8
    # A series of one figure is no line over time: a row of the single figures' table.
    assert [(f["indicator"], f["value"]["v"]) for f in shown["figures"]] == [("i0", 0)]
    # A series that is no one quantity (no subject, or no named measure) is listed, not charted.
    assert shown["more_indicators"][-1]["indicator"] == "percentage"
    assert len(shown["indicators"][0]["table"]) == SHOWN["values"]
    assert all(a["signed"] for a in shown["agreements"])  # signed first
    assert shown["documents"][0]["id"] == "d99"  # latest first
    assert shown["totals"] == {"timeline": 101, "agreements": 100, "documents": 100, "people": 100}


def test_a_small_relationship_is_shown_whole() -> None:
    shown = summary(_board(5))
    assert [e["id"] for e in shown["timeline"]] == [0, 1, 2, 3, 4, "undated"]
    assert len(shown["agreements"]) == 5 and len(shown["documents"]) == 5
