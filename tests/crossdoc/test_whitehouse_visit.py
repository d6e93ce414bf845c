"""The issue's check: the White House documents on one leader's visit (the announcement days
before, the joint statement, the remarks before the meeting) give one meeting on the day, whose
evidence cites them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilateral.query.records import timeline
from bilateral.store import Store
from bilateral.workflow import ingest

WHITEHOUSE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "whitehouse"
VISIT = (  # a prime minister's visit to the White House: announced on the 12th, held on the 27th
    "statements-releases/2023-07/2023-07-12-statement-from-white-house-press-secretary-karine-"
    "jean-pierre-on-the-visit-of-prime-minister-giorgia-meloni-of-italy.md",
    "statements-releases/2023-07/2023-07-27-joint-statement-from-president-biden-and-prime-"
    "minister-meloni.md",
    "speeches-remarks/2023-07/2023-07-27-remarks-by-president-biden-and-prime-minister-meloni-"
    "of-the-italian-republic-before-bilateral-meeting.md",
)


@pytest.mark.corpus
def test_the_reports_of_one_visit_give_one_meeting_on_the_day(tmp_path: Path) -> None:
    paths = [WHITEHOUSE / p for p in VISIT]
    if not all(p.is_file() for p in paths):
        pytest.skip("../shared/corpus/whitehouse is not here")
    with Store(tmp_path / "wh.db") as store:
        summary = ingest(store, [str(p) for p in paths], workers=1)
        assert summary.errors == [] and summary.added == 3
        docs = {d["source"]: d["id"] for d in store.document_rows()}
        events = timeline(store, entity="country:ITA", date_from="2023-07-27", date_to="2023-07-27")
    consults = [e for e in events if e["type"] in {"meeting", "talks", "visit"}]
    assert len(consults) == 1
    [meeting] = consults
    assert meeting["date"] == "2023-07-27"
    assert meeting["status"] == "occurred"
    assert {"person:joe-biden", "person:giorgia-meloni"} <= {
        p["id"] for p in meeting["participants"]
    }
    cited = {ev["doc"] for ev in meeting["evidence"]}
    assert len(cited) >= 2
    assert cited <= {docs[str(p)] for p in paths}
    assert meeting["reports"] == len(meeting["documents"]) == len(cited)
