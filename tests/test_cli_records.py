"""The record commands as a user meets them: entities, entity, timeline, claims, events,
agreements, export and eval, on a small hand-made database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilateral.cli import main
from bilateral.model import (
    Agreement,
    Claim,
    Document,
    Entity,
    Event,
    Evidence,
    Extraction,
    Mention,
    Role,
)
from bilateral.store import Store

TEXT = (
    "President Kassym-Jomart Tokayev met Vladimir Putin in Moscow on May 9, 2021. "
    "Trade between Kazakhstan and Russia reached $26 billion in 2021. "
    "They signed the Programme of Cooperation."
)


def at(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "r.db"
    doc = Document(
        id="f" * 16,
        source="/corpus/001_one.txt",
        text=TEXT,
        published="2021-05-09",
        doc_type="news",
    )
    s1 = (Evidence.of(doc, *at(TEXT.split(". ")[0] + ".")),)
    s2 = (
        Evidence.of(doc, *at("Trade between Kazakhstan and Russia reached $26 billion in 2021.")),
    )
    s3 = (Evidence.of(doc, *at("They signed the Programme of Cooperation.")),)
    names = {
        "Kassym-Jomart Tokayev": Entity(
            "person:tokayev", "person", "Kassym-Jomart Tokayev", ("Tokayev",), None, True
        ),
        "Vladimir Putin": Entity(
            "person:putin", "person", "Vladimir Putin", ("Putin",), None, True
        ),
        "Moscow": Entity("place:moscow", "place", "Moscow", (), "Q649", True),
        "Kazakhstan": Entity("country:KAZ", "country", "Kazakhstan", (), "Q232", True),
        "Russia": Entity("country:RUS", "country", "Russia", ("Russian Federation",), "Q159", True),
    }
    ex = Extraction(
        doc.id,
        entities=tuple(names.values()),
        mentions=tuple(Mention(doc.id, *at(n), n, e.id, e.type) for n, e in names.items()),
        roles=(Role("person:tokayev", "President", "country:KAZ", "2021-05-09", s1),),
        events=(
            Event(
                "event:visit",
                "visit",
                "2021-05-09",
                "day",
                "occurred",
                "place:moscow",
                "in_person",
                ("person:tokayev", "person:putin", "country:KAZ", "country:RUS"),
                "CONSULT",
                "042",
                s1,
            ),
        ),
        agreements=(
            Agreement(
                "agreement:prog",
                "Programme of Cooperation",
                "programme",
                "2021-05-09",
                ("country:KAZ", "country:RUS"),
                s3,
            ),
        ),
        claims=(
            Claim(
                "claim:trade",
                "bilateral trade",
                26e9,
                "USD",
                None,
                "2021",
                ("country:KAZ", "country:RUS"),
                None,
                s2,
            ),
        ),
    )
    with Store(path) as store:
        store.add_document(doc, 0, ex)
    return path


def run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr


def test_entities(db: Path) -> None:
    code, out, _ = run(db, "entities", "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 5 and set(rows[0]) >= {
        "id",
        "type",
        "name",
        "aliases",
        "wikidata",
        "n_mentions",
        "n_docs",
    }
    code, out, _ = run(db, "entities", "--type", "country")
    assert code == 0
    assert [line.split() for line in out.splitlines()] == [
        ["mentions", "docs", "type", "id", "name"],
        ["1", "1", "country", "country:KAZ", "Kazakhstan"],
        ["1", "1", "country", "country:RUS", "Russia"],
    ]
    assert len(run(db, "entities", "--limit", "2")[1].splitlines()) == 3  # with the header
    code, _, err = run(db, "entities", "--type", "planet")
    assert code == 2 and "planet" in err


def test_entity_by_name_alias_or_id(db: Path) -> None:
    code, out, _ = run(db, "entity", "russian federation", "--json")
    assert code == 0
    profile = json.loads(out)
    assert profile["id"] == "country:RUS" and profile["events"][0]["id"] == "event:visit"
    code, out, _ = run(db, "entity", "Tokayev")
    assert code == 0
    assert out.splitlines()[0] == "Kassym-Jomart Tokayev  (person, person:tokayev)"
    assert "2021-05-09  President  Kazakhstan" in out


def test_unknown_entity_is_one_line_and_exit_1(db: Path) -> None:
    code, out, err = run(db, "entity", "Atlantis")
    assert code == 1 and out == ""
    assert (
        err
        == "bilateral: error: no entity 'Atlantis': see `bilateral entities` for names and ids\n"
    )
    code, _, err = run(db, "timeline", "--entity", "Atlantis")
    assert code == 1 and "Atlantis" in err and "Traceback" not in err


def test_timeline(db: Path) -> None:
    code, out, _ = run(db, "timeline", "--entity", "Putin", "--from", "2021-05")
    assert code == 0
    header, event, quote = out.splitlines()
    assert header.split() == "date type status place reported participants".split()
    assert (
        event.split()
        == "2021-05-09 visit occurred Moscow 1 doc Kassym-Jomart Tokayev, Vladimir Putin, Kazakhstan, Russia".split()
    )
    assert quote.startswith("    “") and quote.endswith(")")
    code, out, _ = run(db, "timeline", "--to", "2020", "--json")
    assert code == 1 and json.loads(out) == []  # nothing found
    code, _, err = run(db, "timeline", "--from", "May 2021")
    assert code == 2 and "--from 'May 2021' is not a date" in err


def test_claims_events_agreements(db: Path) -> None:
    code, out, _ = run(db, "claims", "--indicator", "trade")
    assert code == 0 and out.split()[5:] == [
        "bilateral",
        "trade",
        "26,000,000,000",
        "USD",
        "2021",
        "Kazakhstan,",
        "Russia",
    ]
    assert run(db, "claims", "--indicator", "tourists", "--json")[:2] == (1, "[]\n")
    code, out, _ = run(db, "events", "--type", "visit", "--json")
    assert code == 0 and [e["id"] for e in json.loads(out)] == ["event:visit"]
    assert run(db, "events", "--type", "meeting")[:2] == (1, "")
    code, _, err = run(db, "events", "--type", "party")
    assert code == 2 and "not an event type" in err
    code, out, _ = run(db, "agreements")
    assert (
        code == 0
        and out.split()[4:]
        == "2021-05-09 programme Programme of Cooperation Kazakhstan, Russia".split()
    )
    (item,) = json.loads(run(db, "agreements", "--json")[1])
    assert item["evidence"][0]["quote"] == "They signed the Programme of Cooperation."


def test_export_formats(db: Path, tmp_path: Path) -> None:
    code, out, _ = run(db, "export", "--format", "jsonl")
    assert code == 0
    kinds = [json.loads(line)["kind"] for line in out.splitlines()]
    assert (
        kinds.count("document") == 1 and kinds.count("mention") == 5 and kinds[-1] == "merged_event"
    )
    target = tmp_path / "out.jsonl"
    code, out, err = run(db, "export", "--out", str(target))
    assert code == 0 and out == "" and f"wrote {len(kinds)} lines to {target}" in err
    code, _, err = run(db, "export", "--format", "csv")
    assert code == 2 and "--out FOLDER" in err
    code, _, _ = run(db, "export", "--format", "csv", "--out", str(tmp_path / "csv"))
    assert code == 0 and (tmp_path / "csv" / "events.csv").is_file()
    code, out, _ = run(db, "export", "--format", "plover")
    assert code == 0 and json.loads(out)["event"] == ["CONSULT"]
    code, out, _ = run(db, "export", "--format", "graphml")
    assert code == 0 and out.startswith("<?xml") and "<edge " in out
    code, _, err = run(db, "export", "--format", "xml")
    assert code == 2


def test_export_refuses_a_quote_that_is_not_the_text(db: Path) -> None:
    with Store(db) as store:
        store.db.execute(
            "UPDATE events SET evidence = ?",
            (json.dumps([{"doc": "f" * 16, "start": 0, "end": 5, "quote": "Queen"}]),),
        )
    code, _, err = run(db, "export", "--format", "plover")
    assert code == 1 and "event event:visit: evidence 0 quote 'Queen'" in err
    assert len(err.strip().splitlines()) == 1


def test_eval_prints_the_table(db: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    line = {
        "doc": "001_one",
        "published": ["2021-05-09"],
        "doc_type": ["news"],
        "entities": [{"type": "person", "name": "Putin", "aliases": []}],
        "roles": [{"person": "Tokayev", "title": "President", "of": "Kazakhstan"}],
        "events": [{"type": "meeting", "date": "2021", "participants": ["Russia"]}],
        "agreements": [{"name": "Programme of Cooperation"}],
        "claims": [{"value": 26000000000, "unit": "USD", "period": "2021"}],
    }
    gold.write_text(
        json.dumps(line) + "\n" + json.dumps({"doc": "002_absent", "published": ["2020"]}) + "\n"
    )
    code, out, _ = run(db, "eval", str(gold))
    assert code == 0
    rows = {r.split()[0]: r.split() for r in out.splitlines()}
    assert rows["entities"][2:] == ["0.200", "1.000", "0.333", "1", "5", "1"]
    assert rows["events"][2:] == ["1.000", "1.000", "1.000", "1", "1", "1"]
    assert rows["published"][2:5] == ["0.500"] * 3  # the absent document counts as wrong
    assert rows["doc_type"][5:] == ["1", "1", "1"]  # a kind a gold line leaves out is not scored
    assert "002_absent" in out and out.splitlines()[-1].startswith("warning:")
    code, out, _ = run(db, "eval", str(gold), "--json")
    assert code == 0 and json.loads(out)["scores"]["claims"]["f1"] == 1.0
    gold.write_text("not json\n")
    code, _, err = run(db, "eval", str(gold))
    assert code == 2 and "gold.jsonl:1: not JSON" in err
    code, _, err = run(db, "eval", str(tmp_path / "nope.jsonl"))
    assert code == 2
