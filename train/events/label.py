"""Draft the sentence labels of the event recogniser from the gold events, for review by hand.

    python train/events/label.py --db DB GOLD... [--out train/events/sentences.jsonl]

The gold events carry no quote, so each is located in its document as follows (DB holds the
documents ingested and extracted as `bilateral ingest` does):

1. An event the system found and the scorer matched to a gold event: the sentences of its
   evidence, labelled with the gold event's type (``how: "matched"``).
2. A gold event the system missed: the sentence that best names it, scored by the words of its
   type (``event_types.yaml``), its participants (names and gold aliases) and its year; kept
   only when the type's words and a participant or the year are there (``how: "located"``).
3. An event the system found that matched no gold event, in a document where a gold event of
   its type group was missed: most often that event with a wrong date or participant, so its
   sentences keep the type (``how: "near"``); other unmatched events' sentences are negatives.
4. ``hand.tsv``: the sentences of missed gold events that step 2 could not find, located by
   hand (``how: "hand"``); they replace the drafted label of that sentence.
5. Every other sentence of the document is a negative (no label): the annotators listed every
   interaction the text reports.

A line is ``{"doc", "start", "end", "labels", "how"}``, offsets into the clean text; no text is
copied (the Kazakh-embassy and Philippine items come with no licence to copy). Lines whose
``how`` is ``"hand"`` come from ``hand.tsv``.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from bilateral.eval.reading import read_gold
from bilateral.eval.rules import type_group
from bilateral.kb.vocabulary import event_types

HERE = Path(__file__).resolve().parent

# Words that report a type the vocabulary has few verbs for.
EXTRA_CUES = {
    "statement": (
        "said",
        "says",
        "stated",
        "declared",
        "announced",
        "told",
        "noted",
        "corrected",
        "statement",
        "remarks",
        "address",
        "speech",
        "report",
    ),
    "other": (
        "delivered",
        "filed",
        "deployed",
        "established",
        "adopted",
        "launched",
        "provided",
        "ruling",
        "award",
        "donated",
        "handed",
        "received",
        "hosted",
        "arrived",
    ),
    "signing": ("signed", "signing", "signature", "renewal", "concluded", "adopted"),
    "election": ("elected", "election", "vote"),
    "visit": ("arrived", "trip", "travel", "visit", "visited", "visiting"),
}


def cues(etype: str) -> list[str]:
    t = event_types().types.get(etype)
    words = list(t.nouns) + list(t.verbs) if t else []
    return [w.lower() for w in words] + list(EXTRA_CUES.get(etype, ()))


def _has(text: str, phrase: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text, re.IGNORECASE) is not None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", default=str(HERE / "sentences.jsonl"))
    ap.add_argument("gold", nargs="+")
    args = ap.parse_args()
    report = json.loads(
        subprocess.run(
            [sys.executable, "-m", "bilateral", "--db", args.db, "eval", *args.gold, "--json"],
            check=False,
            capture_output=True,
            text=True,
        ).stdout
    )
    false_ids = {
        e["item"]["id"] for e in report["errors"] if e["kind"] == "events" and e["what"] != "miss"
    }
    missed = defaultdict(list)
    for e in report["errors"]:
        if e["kind"] == "events" and e["what"] == "miss":
            missed[e["doc"]].append(e["item"])
    hand: dict[tuple[str, int], list[str]] = {}
    for line in (HERE / "hand.tsv").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            doc, start, types = line.split("\t")
            hand[(doc, int(start))] = types.split()
    out_path = Path(args.out)
    con = sqlite3.connect(args.db)
    con.row_factory = sqlite3.Row
    docs = {
        Path(r["source"]).stem: r
        for r in con.execute("SELECT id, source, text, segments FROM documents")
    }
    lines = []
    for gold_file in args.gold:
        for g in read_gold(gold_file):
            row = docs.get(g["doc"])
            if row is None or "events" not in g:
                continue
            aliases = {}
            for ent in g.get("entities", []):
                aliases[ent["name"]] = [ent["name"], *ent.get("aliases", [])]
            text = row["text"]
            sents = [tuple(x) for x in json.loads(row["segments"])["sentences"]]
            labels: dict[tuple[int, int], set[str]] = defaultdict(set)
            how: dict[tuple[int, int], str] = {}
            # 1. matched
            missed_groups = {type_group(m["type"]) for m in missed.get(g["doc"], [])}
            for r in con.execute("SELECT id, type, evidence FROM events WHERE doc=?", (row["id"],)):
                near = r["id"] in false_ids
                if near and type_group(r["type"]) not in missed_groups:
                    continue
                for ev in json.loads(r["evidence"]):
                    for s in sents:
                        if s[0] <= ev["start"] < s[1]:
                            labels[s].add(r["type"])
                            how[s] = "near" if near and how.get(s) != "matched" else "matched"
            # 2. located
            for item in missed.get(g["doc"], []):
                best, best_score = None, 0
                year = (item.get("date") or "")[:4]
                for s in sents:
                    st = text[s[0] : s[1]]
                    type_hit = any(_has(st, c) for c in cues(item["type"]))
                    names = sum(
                        any(_has(st, a) for a in aliases.get(p, [p])) for p in item["participants"]
                    )
                    score = 2 * type_hit + min(names, 3) + (bool(year) and year in st)
                    if type_hit and score >= 3 and score > best_score:
                        best, best_score = s, score
                if best is not None:
                    labels[best].add(item["type"])
                    how.setdefault(best, "located")
            for s in sents:
                key = (g["doc"], s[0])
                if key in hand:
                    labels[s], how[s] = set(hand.pop(key)), "hand"
                lines.append(
                    {
                        "doc": g["doc"],
                        "start": s[0],
                        "end": s[1],
                        "labels": sorted(labels.get(s, ())),
                        "how": how.get(s, "negative"),
                    }
                )
    if hand:
        raise SystemExit(f"hand.tsv: no sentence starts at {sorted(hand)[:3]}")
    out_path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    n_pos = sum(bool(x["labels"]) for x in lines)
    print(f"{len(lines)} sentences, {n_pos} with an event -> {out_path}")


if __name__ == "__main__":
    main()
