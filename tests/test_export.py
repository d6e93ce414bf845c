"""The export contract (docs/export.md): kinds and keys, quotes equal to the text, checked."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from bilateral.export import (
    ExportError,
    export_csv,
    export_graphml,
    export_jsonl,
)
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
    Sentence,
    TimeExpr,
)
from bilateral.plover import PLOVER_FIELDS, export_plover
from bilateral.store import Store

ACTION_KEYS = {
    *"kind id type date date_precision status location modality participants plover cameo".split(),
    *"evidence mode context actors recipients actor_text recipient_text trigger".split(),
}
KEYS = {
    "document": {
        "kind",
        "id",
        "source",
        "title",
        "published",
        "doc_type",
        "publisher",
        "language",
        "original_language",
        "speakers",
        "url",
        "n_chars",
    },
    "entity": {"kind", "id", "type", "name", "aliases", "wikidata"},
    "mention": {"kind", "doc", "entity", "start", "end", "text"},
    "time": {"kind", "doc", "start", "end", "text", "value", "precision", "relative"},
    "role": {"kind", "person", "title", "of", "as_of", "evidence", "start", "end", "status"},
    "event": {
        "kind",
        "id",
        "type",
        "date",
        "date_precision",
        "status",
        "location",
        "modality",
        "participants",
        "plover",
        "cameo",
        "evidence",
    },
    "agreement": {"kind", "id", "name", "type", "signed", "parties", "evidence", "name_original"},
    "claim": {
        "kind",
        "id",
        "indicator",
        "value",
        "unit",
        "qualifier",
        "period",
        "subject",
        "speaker",
        "evidence",
    },
    "position": {"kind", "id", "holder", "stance", "target", "topic", "evidence"},
    "plan": {"kind", "id", "holders", "action", "due", "status", "evidence"},
    "merged_event": {
        "kind",
        "id",
        "type",
        "date",
        "date_precision",
        "status",
        "location",
        "modality",
        "participants",
        "plover",
        "cameo",
        "reports",
        "documents",
        "events",
        "evidence",
    },
    "link": {
        "kind",
        "id",
        "relation",
        "from",
        "to",
        "from_kind",
        "from_item",
        "to_kind",
        "to_item",
        "score",
        "terms",
    },
}
TEXT = (
    "Foreign Minister Sergey Lavrov met Mukhtar Tleuberdi in Moscow on June 9, 2020. "
    "Trade between Russia and Kazakhstan reached $20 billion in 2019. "
    "They discussed the Treaty on Good-Neighbourliness."
)


SENTENCES = [(0, 80), (80, 144), (145, len(TEXT))]


def at(phrase: str) -> tuple[int, int]:
    start = TEXT.index(phrase)
    return start, start + len(phrase)


def build(db: Path) -> Store:
    store = Store(db)
    doc = Document(
        id="d" * 16,
        source="/corpus/talks.txt",
        text=TEXT,
        title="Talks",
        published="2020-06-09",
        doc_type="press_release",
        speakers=("Sergey Lavrov",),
        sentences=tuple(Sentence(a, b, 0) for a, b in SENTENCES),
    )
    first = Evidence.of(doc, 0, TEXT.index(". ") + 1)
    second = Evidence.of(
        doc, *at("Trade between Russia and Kazakhstan reached $20 billion in 2019.")
    )
    ids = {
        "Sergey Lavrov": ("person:lavrov", "person"),
        "Mukhtar Tleuberdi": ("person:tleuberdi", "person"),
        "Moscow": ("place:moscow", "place"),
        "Russia": ("country:RUS", "country"),
        "Kazakhstan": ("country:KAZ", "country"),
    }
    entities = tuple(
        Entity(i, t, n, (), "Q1" if t == "country" else None, True) for n, (i, t) in ids.items()
    )
    mentions = tuple(Mention(doc.id, *at(n), n, i, t) for n, (i, t) in ids.items())
    ex = Extraction(
        doc.id,
        entities,
        mentions,
        (TimeExpr(*at("2019"), "2019", "2019", "year", False),),
        (
            Role(
                "person:lavrov",
                "Foreign Minister",
                "country:RUS",
                "2020-06-09",
                (first,),
                start="2004-03",
            ),
        ),
        (
            Event(
                "event:1",
                "meeting",
                "2020-06-09",
                "day",
                "occurred",
                "place:moscow",
                "in_person",
                ("person:lavrov", "person:tleuberdi", "country:RUS", "country:KAZ"),
                "CONSULT",
                "040",
                (first,),
            ),
        ),
        (
            Agreement(
                "agreement:1",
                "Treaty on Good-Neighbourliness",
                "treaty",
                None,
                ("country:RUS", "country:KAZ"),
                (Evidence.of(doc, *at("They discussed the Treaty on Good-Neighbourliness.")),),
            ),
        ),
        (
            Claim(
                "claim:1",
                "bilateral trade",
                2e10,
                "USD",
                None,
                "2019",
                ("country:RUS", "country:KAZ"),
                "Sergey Lavrov",
                (second,),
            ),
        ),
    )
    store.add_document(doc, 0, ex)
    return store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return build(tmp_path / "r.db")


def test_every_line_has_its_kind_and_keys_and_true_quotes(store: Store) -> None:
    out = io.StringIO()
    n = export_jsonl(store, out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(lines) == 1 + 5 + 5 + 1 + 1 + 1 + 1 + 1 + 1
    (time,) = [line for line in lines if line["kind"] == "time"]
    assert time == {
        "kind": "time", "doc": "d" * 16, "start": TEXT.index("2019"), "end": TEXT.index("2019") + 4,
        "text": "2019", "value": "2019", "precision": "year", "relative": False,
    }  # fmt: skip
    kinds = [line["kind"] for line in lines]
    assert kinds == sorted(kinds, key=list(KEYS).index)  # documents first, merged events last
    for line in lines:
        keys = ACTION_KEYS if line.get("type") == "action" else KEYS[line["kind"]]
        assert set(line) == keys, line["kind"]
        for ev in line.get("evidence", []):
            assert set(ev) == {"doc", "start", "end", "quote"}
            assert TEXT[ev["start"] : ev["end"]] == ev["quote"]
        if line["kind"] == "mention":
            assert TEXT[line["start"] : line["end"]] == line["text"]
    doc = lines[0]
    assert doc["id"] == "d" * 16 and doc["speakers"] == ["Sergey Lavrov"]
    assert doc["n_chars"] == len(TEXT)
    role = next(line for line in lines if line["kind"] == "role")
    assert (role["start"], role["end"], role["status"]) == ("2004-03", None, "held")
    event = next(line for line in lines if line["kind"] == "event")
    assert event["participants"][0] == "person:lavrov" and event["location"] == "place:moscow"
    merged = lines[-1]
    assert merged["kind"] == "merged_event" and merged["events"] == [event["id"]]
    assert merged["reports"] == 1 and merged["documents"] == [doc["id"]]
    assert merged["evidence"] == event["evidence"] and merged["status"] == event["status"]


def test_export_to_a_path_writes_the_same_lines(store: Store, tmp_path: Path) -> None:
    buf = io.StringIO()
    export_jsonl(store, buf)
    path = tmp_path / "export.jsonl"
    assert export_jsonl(store, path) == len(buf.getvalue().splitlines())
    assert path.read_text(encoding="utf-8") == buf.getvalue()


def test_a_tampered_quote_stops_the_export_and_names_the_item(store: Store, tmp_path: Path) -> None:
    bad = [{"doc": "d" * 16, "start": 0, "end": 7, "quote": "Defence"}]
    store.db.execute("UPDATE claims SET evidence = ?", (json.dumps(bad),))
    with pytest.raises(ExportError, match=r"claim claim:1: evidence 0 quote 'Defence'"):
        export_jsonl(store, io.StringIO())
    path = tmp_path / "partial.jsonl"
    with pytest.raises(ExportError):
        export_jsonl(store, path)
    assert not path.exists()  # no half-written export left behind


def test_a_tampered_mention_stops_the_export(store: Store) -> None:
    store.db.execute("UPDATE mentions SET text = 'Moskva' WHERE entity = 'place:moscow'")
    with pytest.raises(ExportError, match="mention 'Moskva' of place:moscow"):
        export_jsonl(store, io.StringIO())


def test_csv_tables(store: Store, tmp_path: Path) -> None:
    counts = export_csv(store, tmp_path / "csv")
    assert counts == {
        "events.csv": 1,
        "merged_events.csv": 1,
        "claims.csv": 1,
        "agreements.csv": 1,
        "roles.csv": 1,
        "entities.csv": 5,
    }
    with (tmp_path / "csv" / "events.csv").open(encoding="utf-8", newline="") as f:
        (row,) = list(csv.DictReader(f))
    assert row["participants"] == "Sergey Lavrov; Mukhtar Tleuberdi; Russia; Kazakhstan"
    assert row["location"] == "Moscow"
    assert row["quote"] == TEXT[int(row["start"]) : int(row["end"])]
    # Codes are quoted text, numbers bare: a reader that honours quotes keeps "040" a string.
    raw = (tmp_path / "csv" / "events.csv").read_text(encoding="utf-8")
    assert '"CONSULT","040",' in raw
    with (tmp_path / "csv" / "events.csv").open(encoding="utf-8", newline="") as f:
        (typed,) = list(csv.DictReader(f, quoting=csv.QUOTE_NONNUMERIC))
    assert (typed["cameo"], typed["start"]) == ("040", 0.0)
    with (tmp_path / "csv" / "claims.csv").open(encoding="utf-8", newline="") as f:
        (claim,) = list(csv.DictReader(f))
    assert (claim["indicator"], float(claim["value"]), claim["subject"]) == (
        "bilateral trade",
        2e10,
        "Russia; Kazakhstan",
    )


MANUAL = Path("/work/shared/lexicons/plover/PLOVER_MANUAL.tex")
PLOVER_CATEGORIES = {
    *"AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN".split(),
    *"PROTEST SANCTION MOBILIZE COERCE ASSAULT".split(),
}
# Fields beyond the manual's table, which it allows ("Providers should feel free to include named
# fields beyond those provided here").
PLOVER_EXTRA = {"cameo", "type", "status", "reports", "documents", "evidence"}


def manual_fields() -> dict[str, bool]:
    """The manual's "PLOVER JSON" table: field name -> required, read from the manual itself when
    it is at hand, else the copy the export keeps."""
    if not MANUAL.is_file():
        return PLOVER_FIELDS
    tex = MANUAL.read_text(encoding="utf-8")
    table = tex[tex.index("caption{PLOVER JSON") :]
    table = table[: table.index("end{tabular}")]
    rows = re.findall(r"^([a-z\\_]+) & .*& ([YN])\s*\\\\", table, re.M)
    return {name.replace("\\_", "_"): flag == "Y" for name, flag in rows}


def check_plover_line(line: dict[str, Any], texts: dict[str, str]) -> None:
    """One line against the manual's table: names, required fields and the types it gives."""
    fields = manual_fields()
    assert set(line) <= set(fields) | PLOVER_EXTRA, set(line) - set(fields) - PLOVER_EXTRA
    assert all(line.get(name) for name, required in fields.items() if required)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", line["date"])
    for key in ("actor", "recipient"):
        for ent in line.get(key, []):
            assert {"entity_name", "wikidata_id", "code"} <= set(ent)
            assert ent["code"] is None or re.fullmatch(r"[A-Z]{3}", ent["code"])
    assert line["actor"] and all(isinstance(e, dict) for e in line["actor"])
    assert isinstance(line["event"], list) and set(line["event"]) <= PLOVER_CATEGORIES
    for key in ("mode", "context", "event_text"):
        assert key not in line or (
            isinstance(line[key], list) and all(isinstance(v, str) for v in line[key])
        )
    cite = line["cite_info"]
    assert texts[cite["doc"]][cite["start"] : cite["end"]] == cite["quote"] == line["text"]
    assert line["text_info"] == {"start": cite["start"], "end": cite["end"]}


def test_plover_fields_are_the_manuals() -> None:
    assert manual_fields() == PLOVER_FIELDS


def test_plover_lines(store: Store) -> None:
    out = io.StringIO()
    assert export_plover(store, out) == 1
    (line,) = [json.loads(x) for x in out.getvalue().splitlines()]
    check_plover_line(line, {"d" * 16: TEXT})
    assert line["event"] == ["CONSULT"] and line["cameo"] == "040"
    assert line["date"] == "2020-06-09"
    # Held in Moscow: Russia hosts, the others are the actor (the visitor).
    assert [r["identifier_id"] for r in line["recipient"]] == ["country:RUS"]
    assert [a["identifier_id"] for a in line["actor"]] == [
        "person:lavrov",
        "person:tleuberdi",
        "country:KAZ",
    ]
    assert line["actor"][0]["code"] == "RUS"  # Lavrov's post is Russia's
    assert line["cite_info"]["citation"] == "d" * 16


@pytest.mark.parametrize("merged", [False, True], ids=["per-report", "per-event"])
def test_every_seed_plover_line_follows_the_manual(seeds_db: Path, merged: bool) -> None:
    out = io.StringIO()
    with Store(seeds_db) as store:
        n = export_plover(store, out, merged=merged)
        texts = {d: store.get_document(d) for d in store.document_ids()}
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert n == len(lines) > 0
    plain = {k: v.text for k, v in texts.items() if v is not None}
    for line in lines:
        check_plover_line(line, plain)
        if merged and "reports" in line:
            assert line["reports"] == len(line["documents"]) >= 1
            for ev in line["evidence"]:
                assert plain[ev["doc"]][ev["start"] : ev["end"]] == ev["quote"]
    assert {t for line in lines for t in line["event"]} > {"CONSULT", "SUPPORT"}
    assert len({line["id"] for line in lines}) == len(lines)


def test_graphml_nodes_and_weighted_edges(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    # Edges: the four participants of the meeting pairwise (6), and Moscow with the two
    # ministers named in its sentence (2 more); Moscow and the states share no sentence.
    assert export_graphml(store, path) == (5, 8)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(path).getroot()
    assert len(root.findall(".//g:node", ns)) == 5
    edges = {
        frozenset((e.get("source"), e.get("target"))): {
            d.get("key"): d.text for d in e.findall("g:data", ns)
        }
        for e in root.findall(".//g:edge", ns)
    }
    assert edges[frozenset(("country:KAZ", "country:RUS"))] == {
        "weight": "2.0",
        "events": "1",
        "docs": "1",
        "sentences": "1",
    }
    assert edges[frozenset(("person:lavrov", "place:moscow"))]["events"] == "0"
    assert frozenset(("country:RUS", "place:moscow")) not in edges


def test_the_seeds_export_keeps_its_contract(seeds_db: Path) -> None:
    out = io.StringIO()
    with Store(seeds_db) as store:
        export_jsonl(store, out)
        texts = {d: store.get_document(d) for d in store.document_ids()}
    seen = set()
    for raw in out.getvalue().splitlines():
        line = json.loads(raw)
        keys = ACTION_KEYS if line.get("type") == "action" else KEYS[line["kind"]]
        assert set(line) == keys
        seen.add(line["kind"])
        ends = [line["from"], line["to"]] if line["kind"] == "link" else []
        for ev in line.get("evidence", []) + ends:
            doc = texts[ev["doc"]]
            assert doc is not None and doc.text[ev["start"] : ev["end"]] == ev["quote"]
    assert seen == set(KEYS)
