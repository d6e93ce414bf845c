"""Events per development set and per publisher, precision and recall apart, and what fails.

    python train/events/misses.py --db DB SET... [--show SET ...]

SET is a development set (``seeds``, ``corpus13``, or a ``tests/eval/dev/SET.gold.jsonl``). The
events are matched as ``bilateral eval`` matches them (type group, date at the gold precision, a
common participant; one to one). Each gold event left unmatched is put in one class:

- ``type``, ``date``, ``participants``: an unmatched system event of the document meets the
  other two conditions (a near miss: that one is wrong);
- ``taken``: the system has an event of its type group with a common participant, but it is
  matched to another gold event (the system tells fewer occasions of that kind than the gold);
- ``group``: the system has events of the type group, none with a common participant;
- ``missed``: the system has no event of the type group in the document.

An unmatched system event is ``fp:near`` when it is one of the near misses above, else
``fp:spurious``. On matched pairs, ``status`` counts a status other than the gold's. ``--show``
prints the sets' failures (a set whose misses must not be read, such as a held-out one, is
only counted).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from bilateral.eval.corpus import corpus_group, read_manifest
from bilateral.eval.reading import locate_documents, read_gold
from bilateral.eval.rules import date_matches, max_matching, type_group
from bilateral.eval.scorer import Scorer
from bilateral.store import Store

REPO = Path(__file__).resolve().parent.parent.parent
SHARED = REPO.parent / "shared/gold"


def gold_file(name: str) -> Path:
    if name in ("seeds", "corpus13"):
        return SHARED / f"{name}.jsonl"
    return REPO / f"tests/eval/dev/{name}.gold.jsonl"


def prf(c: Counter[str]) -> str:
    p = c["tp"] / c["sys"] if c["sys"] else 0.0
    r = c["tp"] / c["gold"] if c["gold"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {f:.3f}  (tp {c['tp']}, system {c['sys']}, gold {c['gold']})"


def document(sc: Scorer, gold: list[dict[str, Any]]) -> tuple[Counter[str], list[str]]:
    """The counts and the printed failures of one document."""
    names = sc.names
    system = sc.rows(
        "SELECT id, type, date, participants, status, evidence FROM events WHERE doc=?"
    )
    parts = {r["id"]: json.loads(r["participants"]) for r in system}
    if names is not None:
        names.load(p for ps in parts.values() for p in ps)
    keys = {e: [names.keys(p) if names else frozenset() for p in ps] for e, ps in parts.items()}

    def meets(si: int, g: dict[str, Any]) -> tuple[bool, bool, bool]:
        s = system[si]
        wanted = [sc.gold.keys(p) for p in g.get("participants") or [] if isinstance(p, str)]
        return (
            type_group(s["type"]) == type_group(str(g.get("type"))),
            date_matches(g.get("date"), s["date"]),
            not wanted or any(k & w for k in keys[s["id"]] for w in wanted),
        )

    matched = max_matching(len(system), len(gold), lambda a, b: all(meets(a, gold[b])))
    hit = set(matched.values())
    c: Counter[str] = Counter(tp=len(matched), sys=len(system), gold=len(gold))
    shown: list[str] = []
    c["status"] = sum(system[si]["status"] != gold[gi].get("status") for si, gi in matched.items())
    loose = [i for i in range(len(system)) if i not in matched]
    near: set[int] = set()
    for gi, g in enumerate(gold):
        if gi in hit:
            continue
        why, by = "missed", None
        for si in loose:
            ok = meets(si, g)
            if sum(ok) == 2:
                why, by = ("type", "date", "participants")[ok.index(False)], si
                near.add(si)
                break
        if by is None:
            kin = [si for si in range(len(system)) if meets(si, g)[0]]
            if any(si in matched and meets(si, g)[2] for si in kin):
                why = "taken"
            elif kin:
                why = "group"
        c[why] += 1
        shown.append(
            f"  MISS {why}: {g.get('type')} {g.get('date')} {g.get('status')} "
            f"{g.get('participants')}\n      near: {(sc.locate(g) or '')[:200]}"
        )
        if by is not None:
            shown.append("      system: " + _said(system[by], parts))
    for si in loose:
        c["fp:near" if si in near else "fp:spurious"] += 1
        if si not in near:
            shown.append("  FALSE " + _said(system[si], parts))
    return c, shown


def _said(s: Any, parts: dict[str, list[str]]) -> str:
    quote = json.loads(s["evidence"])[0]["quote"][:200]
    return f"{s['type']} {s['date']} {s['status']} {parts[s['id']]} | {quote}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--show", nargs="*", default=[], help="sets whose failures to print")
    ap.add_argument("sets", nargs="+")
    args = ap.parse_args()
    store = Store(args.db)
    group = {
        e["doc"]: corpus_group(e) for e in read_manifest(REPO / "tests/eval/dev/manifest.jsonl")
    }
    total: Counter[str] = Counter()
    by_publisher: dict[str, Counter[str]] = defaultdict(Counter)
    shown: list[str] = []
    for name in args.sets:
        lines = [x for x in read_gold(gold_file(name)) if "doc" in x]
        ids, _ = locate_documents(store, [x["doc"] for x in lines])
        per_set: Counter[str] = Counter()
        for line in lines:
            if line["doc"] not in ids:
                continue  # not in this record: scored where it is
            c, said = document(
                Scorer(store, line["doc"], ids[line["doc"]], line), line.get("events") or []
            )
            per_set += c
            by_publisher[group.get(line["doc"], "un" if name == "corpus13" else "?")] += c
            if name in args.show and said:
                shown += [f"[{name}] {line['doc'][:70]}", *said]
        total += per_set
        classes = " ".join(
            f"{k}={v}" for k, v in sorted(per_set.items()) if k not in ("tp", "sys", "gold")
        )
        print(f"{name:9s} {prf(per_set)}  {classes}")
    print("-- by publisher")
    for pub, c in sorted(by_publisher.items()):
        print(f"{pub:12s} {prf(c)}")
    print(f"{'all':12s} {prf(total)}")
    print("\n".join(shown))


if __name__ == "__main__":
    main()
