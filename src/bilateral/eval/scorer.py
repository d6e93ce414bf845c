"""Reading the gold file and the stored record side by side, and scoring one document."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bilateral.eval.reading import GoldNames, Names
from bilateral.eval.report import Error, Score
from bilateral.eval.rules import (
    ACCURACY,
    ENTITY_TYPES,
    METRIC,
    PRF,
    QUOTE_CHARS,
    agreement_fits,
    date_matches,
    due_matches,
    max_matching,
    period_matches,
    spans_overlap,
    stance_group,
    title_matches,
    type_group,
    value_matches,
)
from bilateral.model import Document
from bilateral.store import Store


# -- one document ---------------------------------------------------------------------------------
def _quote(evidence: str) -> str:
    items = json.loads(evidence)
    return str(items[0]["quote"])[:QUOTE_CHARS] if items else ""


class Scorer:
    def __init__(self, store: Store, stem: str, doc_id: str | None, line: Mapping[str, Any]):
        self.store = store
        self.stem = stem
        self.doc_id = doc_id
        self.line = line
        self.gold = GoldNames(line)
        self.names = Names(store, doc_id) if doc_id else None
        self.errors: list[Error] = []

    def rows(self, sql: str) -> list[Any]:
        return self.store.query(sql, (self.doc_id,)) if self.doc_id else []

    def pair(
        self,
        kind: str,
        system: Sequence[Any],
        gold: Sequence[Mapping[str, Any]],
        fits: Callable[[Any, Mapping[str, Any]], bool],
        describe: Callable[[Any], dict[str, Any]],
    ) -> Score:
        matched = max_matching(len(system), len(gold), lambda s, g: fits(system[s], gold[g]))
        hit = set(matched.values())
        self.errors += [
            Error(self.stem, kind, "miss", {**g, "near": self.locate(g)})
            for i, g in enumerate(gold)
            if i not in hit
        ]
        # Recall-only kinds score no precision, but their unmatched items are still worth reading.
        unmatched = "false_positive" if METRIC[kind] == PRF else "extra"
        self.errors += [
            Error(self.stem, kind, unmatched, describe(s))
            for i, s in enumerate(system)
            if i not in matched
        ]
        return Score(kind, METRIC[kind], len(matched), len(system), len(gold))

    def document(self) -> dict[str, Score]:
        scores: dict[str, Score] = {}
        doc = self.rows("SELECT published, doc_type FROM documents WHERE id=?")
        for kind in ("published", "doc_type"):
            if kind not in self.line:
                continue
            accepted = self.line[kind] or []
            if isinstance(accepted, str):
                accepted = [accepted]
            value = doc[0][kind] if doc else None
            right = bool(doc) and (value in accepted or (value is None and not accepted))
            if not right:
                self.errors.append(
                    Error(self.stem, kind, "wrong", {"gold": accepted, "system": value})
                )
            scores[kind] = Score(kind, ACCURACY, int(right), int(bool(doc)), 1)
        rules = {
            "entities": self.entities,
            "roles": self.roles,
            "events": self.events,
            "agreements": self.agreements,
            "claims": self.claims,
        }
        for kind, rule in rules.items():
            if kind in self.line:
                gold = [g for g in self.line[kind] or [] if isinstance(g, dict)]
                scores[kind] = rule(gold)
        if "positions" in self.line:
            gold = [g for g in self.line["positions"] or [] if isinstance(g, dict)]
            scores["positions"], scores["position_targets"] = self.positions(gold)
        if "plans" in self.line:
            gold = [g for g in self.line["plans"] or [] if isinstance(g, dict)]
            scores["plans"], scores["plan_status"] = self.plans(gold)
        return scores

    def pair_once(
        self,
        kind: str,
        system: Sequence[Any],
        gold: Sequence[Mapping[str, Any]],
        fits: Callable[[Any, Mapping[str, Any]], bool],
        describe: Callable[[Any], dict[str, Any]],
    ) -> tuple[Score, dict[int, int]]:
        """Like ``pair``, but a system item that fits a gold item already matched is a duplicate
        (a joint stance given once per co-holder): neither a hit nor a false positive."""
        matched = max_matching(len(system), len(gold), lambda s, g: fits(system[s], gold[g]))
        hit = set(matched.values())
        duplicates = {
            i
            for i, s in enumerate(system)
            if i not in matched and any(fits(s, gold[g]) for g in hit)
        }
        self.errors += [
            Error(self.stem, kind, "miss", {**g, "near": self.locate(g)})
            for i, g in enumerate(gold)
            if i not in hit
        ]
        self.errors += [
            Error(self.stem, kind, "false_positive", describe(s))
            for i, s in enumerate(system)
            if i not in matched and i not in duplicates
        ]
        n_system = len(system) - len(duplicates)
        return Score(kind, METRIC[kind], len(matched), n_system, len(gold)), matched

    def gold_quotes(self, g: Mapping[str, Any]) -> list[str]:
        quotes = [g.get("quote"), *(g.get("alt_quotes") or [])]
        return [q for q in quotes if isinstance(q, str) and q.strip()]

    def positions(self, gold: list[dict[str, Any]]) -> tuple[Score, Score]:
        names = self.names
        system = self.rows(
            "SELECT id, holder, stance, target, topic, evidence FROM positions WHERE doc=? "
            "ORDER BY rowid"
        )
        if names is not None:
            names.load([r["holder"] for r in system] + [r["target"] for r in system if r["target"]])
        quotes = {r["id"]: [e["quote"] for e in json.loads(r["evidence"])] for r in system}

        def fits(s: Any, g: Mapping[str, Any]) -> bool:
            assert names is not None
            if stance_group(s["stance"]) != stance_group(str(g.get("stance"))):
                return False
            holders = [g.get("holder"), *(g.get("holder_alt") or [])]
            wanted: set[str] = set()
            for h in holders:
                if isinstance(h, str):
                    wanted |= self.gold.keys(h)
            if not names.keys(s["holder"]) & wanted:
                return False
            return any(spans_overlap(q, gq) for q in quotes[s["id"]] for gq in self.gold_quotes(g))

        def describe(s: Any) -> dict[str, Any]:
            assert names is not None
            return {
                "holder": names.name(s["holder"]),
                "stance": s["stance"],
                "target": names.name(s["target"]),
                "topic": s["topic"],
                "quote": _quote(s["evidence"]),
            }

        score, matched = self.pair_once("positions", system, gold, fits, describe)
        right = 0
        for si, gi in matched.items():
            target = gold[gi].get("target")
            if not isinstance(target, str) or (
                names is not None and names.keys(system[si]["target"]) & self.gold.keys(target)
            ):
                right += 1
            else:
                self.errors.append(
                    Error(
                        self.stem,
                        "position_targets",
                        "wrong",
                        {"gold": target, "system": describe(system[si])["target"]},
                    )
                )
        return score, Score(
            "position_targets", METRIC["position_targets"], right, len(matched), len(matched)
        )

    def plans(self, gold: list[dict[str, Any]]) -> tuple[Score, Score]:
        names = self.names
        system = self.rows(
            "SELECT id, holders, action, due, status, evidence FROM plans WHERE doc=? "
            "ORDER BY rowid"
        )
        holders = {r["id"]: json.loads(r["holders"]) for r in system}
        if names is not None:
            names.load(h for hs in holders.values() for h in hs)
        quotes = {r["id"]: [e["quote"] for e in json.loads(r["evidence"])] for r in system}

        def gold_holders(g: Mapping[str, Any]) -> list[str]:
            # The README names the key `holders`; the published files write `holder`.
            raw = g.get("holders", g.get("holder")) or []
            return [h for h in ([raw] if isinstance(raw, str) else raw) if isinstance(h, str)]

        def fits(s: Any, g: Mapping[str, Any]) -> bool:
            assert names is not None
            if not due_matches(g.get("due"), s["due"]):
                return False
            wanted = gold_holders(g)
            if wanted:
                keys: set[str] = set()
                for h in wanted:
                    keys |= self.gold.keys(h)
                if not any(names.keys(h) & keys for h in holders[s["id"]]):
                    return False
            return any(spans_overlap(q, gq) for q in quotes[s["id"]] for gq in self.gold_quotes(g))

        def describe(s: Any) -> dict[str, Any]:
            assert names is not None
            return {
                "holders": [names.name(h) for h in holders[s["id"]]],
                "action": s["action"],
                "due": s["due"],
                "status": s["status"],
                "quote": _quote(s["evidence"]),
            }

        score, matched = self.pair_once("plans", system, gold, fits, describe)
        right = 0
        for si, gi in matched.items():
            if system[si]["status"] == gold[gi].get("status"):
                right += 1
            else:
                self.errors.append(
                    Error(
                        self.stem,
                        "plan_status",
                        "wrong",
                        {"gold": gold[gi].get("status"), "system": system[si]["status"]},
                    )
                )
        return score, Score("plan_status", METRIC["plan_status"], right, len(matched), len(matched))

    def entities(self, gold: list[dict[str, Any]]) -> Score:
        system = []
        if self.names is not None:
            for eid in sorted(self.names.mention_texts):
                ent = self.names.entity(eid)
                if ent.type in ENTITY_TYPES:
                    system.append(ent)
        gold_keys = [self.gold.entity_keys(g) for g in gold]
        index = {id(g): k for g, k in zip(gold, gold_keys, strict=True)}
        return self.pair(
            "entities",
            system,
            gold,
            lambda s, g: s.type == g.get("type") and bool(s.keys & index[id(g)]),
            lambda s: {
                "id": s.id,
                "type": s.type,
                "name": s.name,
                "quote": self.mention_quote(s.id),
            },
        )

    def mention_quote(self, entity_id: str) -> str:
        """The sentence of the entity's first mention in the document, for reading an error."""
        rows = self.store.query(
            "SELECT start FROM mentions WHERE doc=? AND entity=? ORDER BY start LIMIT 1",
            (self.doc_id, entity_id),
        )
        return self.sentence_of(int(rows[0]["start"])) if rows else ""

    def sentence_of(self, offset: int) -> str:
        doc = self.document_text
        if doc is None:
            return ""
        sent = doc.sentence_at(offset)
        if sent is None:
            return doc.text[max(0, offset - 60) : offset + 120]
        return doc.text[sent.start : sent.end][:QUOTE_CHARS]

    def locate(self, item: Mapping[str, Any]) -> str:
        """A sentence where a missed gold item is likely stated: the first that names it."""
        doc = self.document_text
        if doc is None:
            return ""
        keys: list[str] = []
        for field in ("name", "person", "location"):
            if isinstance(item.get(field), str):
                keys.append(item[field])
        keys += [p for p in item.get("participants") or [] if isinstance(p, str)]
        keys += [a for a in item.get("aliases") or [] if isinstance(a, str)]
        for k in keys:
            for alias in [k, *sorted(self.gold.aliases(k), key=len, reverse=True)]:
                if len(alias) < 2:
                    continue
                at = doc.text.find(alias)
                if at >= 0:
                    return self.sentence_of(at)
        return ""

    @functools.cached_property
    def document_text(self) -> Document | None:
        return self.store.get_document(self.doc_id) if self.doc_id else None

    def roles(self, gold: list[dict[str, Any]]) -> Score:
        names = self.names
        system = self.rows("SELECT person, title, of, as_of, evidence FROM roles WHERE doc=?")
        if names is not None:
            names.load([r["person"] for r in system] + [r["of"] for r in system if r["of"]])

        def fits(s: Any, g: Mapping[str, Any]) -> bool:
            assert names is not None
            if not names.keys(s["person"]) & self.gold.keys(g.get("person")):
                return False
            of = self.gold.keys_any(g.get("of"))
            if of is not None and not names.keys(s["of"]) & of:
                return False
            return any(
                title_matches(str(g.get(key) or ""), s["title"]) for key in ("title", "title_ru")
            )

        def describe(s: Any) -> dict[str, Any]:
            assert names is not None
            return {
                "person": names.name(s["person"]),
                "title": s["title"],
                "of": names.name(s["of"]),
                "quote": _quote(s["evidence"]),
            }

        return self.pair("roles", system, gold, fits, describe)

    def events(self, gold: list[dict[str, Any]]) -> Score:
        names = self.names
        system = self.rows("SELECT id, type, date, participants, evidence FROM events WHERE doc=?")
        parts = {r["id"]: json.loads(r["participants"]) for r in system}
        if names is not None:
            names.load(p for ps in parts.values() for p in ps)
        keys = {
            eid: [names.keys(p) if names else frozenset() for p in ps] for eid, ps in parts.items()
        }

        def fits(s: Any, g: Mapping[str, Any]) -> bool:
            if type_group(s["type"]) != type_group(str(g.get("type"))):
                return False
            if not date_matches(g.get("date"), s["date"]):
                return False
            wanted = [self.gold.keys(p) for p in g.get("participants") or [] if isinstance(p, str)]
            if not wanted:
                return True
            return any(k & w for k in keys[s["id"]] for w in wanted)

        def describe(s: Any) -> dict[str, Any]:
            assert names is not None
            return {
                "id": s["id"],
                "type": s["type"],
                "date": s["date"],
                "participants": [names.name(p) for p in parts[s["id"]]],
                "quote": _quote(s["evidence"]),
            }

        return self.pair("events", system, gold, fits, describe)

    def agreements(self, gold: list[dict[str, Any]]) -> Score:
        system = self.rows(
            "SELECT id, name, name_original, type, signed, evidence FROM agreements WHERE doc=?"
        )
        return self.pair(
            "agreements",
            system,
            gold,
            # A Russian document's agreement: its English name or the name as the text words it.
            lambda s, g: agreement_fits(g, s["name"], s["name_original"]),
            lambda s: {
                "id": s["id"],
                "name": s["name"],
                **({"name_original": s["name_original"]} if s["name_original"] else {}),
                "type": s["type"],
                "quote": _quote(s["evidence"]),
            },
        )

    def claims(self, gold: list[dict[str, Any]]) -> Score:
        system = self.rows(
            "SELECT id, indicator, value, unit, period, evidence FROM claims WHERE doc=?"
        )

        def fits(s: Any, g: Mapping[str, Any]) -> bool:
            return (
                value_matches(g.get("value"), float(s["value"]))
                and str(s["unit"]).strip().lower() == str(g.get("unit")).strip().lower()
                and period_matches(g.get("period"), s["period"])
            )

        return self.pair(
            "claims",
            system,
            gold,
            fits,
            lambda s: {
                "id": s["id"],
                "indicator": s["indicator"],
                "value": s["value"],
                "unit": s["unit"],
                "period": s["period"],
                "quote": _quote(s["evidence"]),
            },
        )
