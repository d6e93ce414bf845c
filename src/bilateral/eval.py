"""Score the record against hand-made gold answers, by the rules of the gold README.

One gold line per document, named by its file stem. For every kind of item the scorer finds the
largest one-to-one pairing of system and gold items that the kind's rule allows (maximum bipartite
matching, so an early greedy pair never steals a later one's only partner), then sums the counts
over documents (micro). Names compare after `normalize` (lower-case, no diacritics, no punctuation,
no leading "the", single spaces); a system entity answers to its name, its aliases and the texts of
its mentions in the document. A gold participant, role holder or role body answers to the gold
name and to the aliases of the gold entity of that name in the same document.

Deliberately separate from ``bilateral.kb.normalize_name``: the README deletes punctuation (a
hyphen joins, "Kassym-Jomart" -> "kassymjomart"), the matcher treats dashes as spaces. The scorer
must follow the README even when the matcher changes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from bilateral.store import Store

KINDS = ("published", "doc_type", "entities", "roles", "events", "agreements", "claims")
ACCURACY, RECALL, PRF = "accuracy", "recall", "prf"
METRIC = {
    "published": ACCURACY,
    "doc_type": ACCURACY,
    "entities": PRF,
    "roles": RECALL,
    "events": PRF,
    "agreements": RECALL,
    "claims": PRF,
}
ENTITY_TYPES = frozenset(("person", "country", "organization", "place"))
# Event types that score as one: the README's "meeting group".
MEETING_GROUP = frozenset(("meeting", "talks", "visit", "summit", "forum", "conference", "session"))
STOPWORDS = frozenset("a an and as at by for from in into of on the to with".split())
# Words that follow the head noun of a title ("Ambassador Extraordinary and Plenipotentiary",
# "Secretary General"): the head is the word before them.
_POSTPOSITIVE = frozenset("extraordinary plenipotentiary general designate elect emeritus".split())
# A title's head noun is the last content word before its first preposition ("Minister of
# Foreign Affairs" -> minister, "Permanent Representative ... to the OSCE" -> representative).
_PREPOSITIONS = frozenset("of for to at in on with".split())
AGREEMENT_SHARE = 0.6
CLAIM_TOLERANCE = 0.01
_SPACES = re.compile(r"\s+")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_QUOTE_CHARS = 160


class EvalError(ValueError):
    """The gold file cannot be read; the message names the line and what is wrong."""


# -- names ----------------------------------------------------------------------------------------
def normalize(text: str) -> str:
    """The README's name key: lower-case, no diacritics or punctuation, no leading "the".

    >>> normalize("The  Co-operation of Côte d’Ivoire, U.S.")
    'cooperation of cote divoire us'
    """
    out = []
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch) or unicodedata.category(ch).startswith("P"):
            continue
        out.append(ch.lower())
    folded = _SPACES.sub(" ", "".join(out)).strip()
    if folded.startswith("the "):
        folded = folded[4:]
    return folded


def content_words(text: str) -> list[str]:
    return [w for w in normalize(text).split() if w not in STOPWORDS]


def head_noun(title: str) -> str | None:
    """The title's head: "Deputy Prime Minister" -> minister, "Minister of Foreign Affairs" ->
    minister, "Ambassador Extraordinary and Plenipotentiary" -> ambassador."""
    words: list[str] = []
    for w in normalize(title).split():
        if w in _PREPOSITIONS and words:
            break
        if w not in STOPWORDS:
            words.append(w)
    while len(words) > 1 and words[-1] in _POSTPOSITIVE:
        words.pop()
    return words[-1] if words else None


def _keys(names: Iterable[object]) -> frozenset[str]:
    return frozenset(k for k in (normalize(n) for n in names if isinstance(n, str)) if k)


# -- matching -------------------------------------------------------------------------------------
def max_matching(n_system: int, n_gold: int, fits: Callable[[int, int], bool]) -> dict[int, int]:
    """The largest one-to-one pairing system -> gold among the pairs that ``fits`` allows
    (augmenting paths, Kuhn's algorithm; iterative so long documents cannot hit the recursion
    limit). Ties go to the earlier items, so the result is deterministic."""
    edges = [[g for g in range(n_gold) if fits(s, g)] for s in range(n_system)]
    gold_of: dict[int, int] = {}  # system -> gold
    system_of: dict[int, int] = {}  # gold -> system
    for root in range(n_system):
        if not edges[root]:
            continue
        seen: set[int] = set()
        reached_from: dict[int, int] = {}  # gold -> the system item that reached it
        stack = [(root, iter(edges[root]))]
        free = -1
        while stack and free < 0:
            s, options = stack[-1]
            for g in options:
                if g in seen:
                    continue
                seen.add(g)
                reached_from[g] = s
                if g not in system_of:
                    free = g
                else:
                    nxt = system_of[g]
                    stack.append((nxt, iter(edges[nxt])))
                break
            else:
                stack.pop()
        g = free
        while g >= 0:
            s = reached_from[g]
            previous = gold_of.get(s, -1)
            gold_of[s] = g
            system_of[g] = s
            g = previous if s != root else -1
    return gold_of


# -- the report -----------------------------------------------------------------------------------
def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


@dataclass(frozen=True, slots=True)
class Score:
    """Counts for one kind. ``accuracy`` kinds count documents (n_system: documents with a stored
    answer); ``recall`` kinds report no precision, as the README scores them by recall alone."""

    kind: str
    metric: str
    tp: int = 0
    n_system: int = 0
    n_gold: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.kind,
            self.metric,
            self.tp + other.tp,
            self.n_system + other.n_system,
            self.n_gold + other.n_gold,
        )

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.n_gold)

    @property
    def precision(self) -> float | None:
        if self.metric == RECALL:
            return None
        if self.metric == ACCURACY:
            return self.recall
        return _ratio(self.tp, self.n_system)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "tp": self.tp,
            "n_system": self.n_system,
            "n_gold": self.n_gold,
        }


@dataclass(frozen=True, slots=True)
class Error:
    """One debugging line: a gold item missed, a system item matching none, or a wrong value."""

    doc: str
    kind: str
    what: str  # miss, false_positive or wrong
    item: Mapping[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "kind": self.kind, "what": self.what, "item": dict(self.item)}


@dataclass(frozen=True, slots=True)
class DocumentReport:
    doc: str  # the gold name (file stem)
    id: str | None  # the stored document, None when it is not in the database
    scores: Mapping[str, Score]

    def as_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "id": self.id,
            "scores": {k: s.as_dict() for k, s in self.scores.items()},
        }


@dataclass(frozen=True)
class EvalReport:
    gold: str
    scores: Mapping[str, Score]
    documents: tuple[DocumentReport, ...]
    errors: tuple[Error, ...]
    missing: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def precision(self) -> dict[str, float | None]:
        return {k: s.precision for k, s in self.scores.items()}

    @property
    def recall(self) -> dict[str, float | None]:
        return {k: s.recall for k, s in self.scores.items()}

    @property
    def f1(self) -> dict[str, float | None]:
        return {k: s.f1 for k, s in self.scores.items()}

    def as_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "n_documents": len(self.documents),
            "missing": list(self.missing),
            "warnings": list(self.warnings),
            "scores": {k: s.as_dict() for k, s in self.scores.items()},
            "documents": [d.as_dict() for d in self.documents],
            "errors": [e.as_dict() for e in self.errors],
        }

    def lines(self) -> list[str]:
        def num(x: float | None) -> str:
            return "—" if x is None else f"{x:.3f}"

        rows = [("kind", "metric", "P", "R", "F1", "tp", "system", "gold")]
        for s in self.scores.values():
            rows.append(
                (
                    s.kind,
                    s.metric,
                    num(s.precision),
                    num(s.recall),
                    num(s.f1),
                    str(s.tp),
                    str(s.n_system),
                    str(s.n_gold),
                )
            )
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
        out = [
            "  ".join(
                c.ljust(w) if i < 2 else c.rjust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            )
            for r in rows
        ]
        out.append(f"{len(self.documents)} gold documents, {len(self.errors)} misses and errors")
        out += [f"warning: {w}" for w in self.warnings]
        return out


# -- reading both sides ---------------------------------------------------------------------------
def read_gold(path: str | Path) -> list[dict[str, Any]]:
    lines = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(f"{path}:{n}: not JSON ({exc.msg})") from None
            if not isinstance(item, dict) or not isinstance(item.get("doc"), str):
                raise EvalError(f'{path}:{n}: a gold line is an object with a "doc" file stem')
            lines.append(item)
    return lines


def _stems(source: str) -> set[str]:
    """File stems a source answers to: "/x/000_ab.txt" -> 000_ab; "a.txt.gz" -> a.txt, a."""
    name = PurePosixPath(source.split("?", 1)[0].split("#", 1)[0].rstrip("/")).name
    out = {name}
    while "." in name.strip("."):
        name = name.rsplit(".", 1)[0]
        out.add(name)
    return out


def _locate(store: Store, stems: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    wanted = set(stems)
    found: dict[str, list[str]] = defaultdict(list)
    for row in store.query("SELECT id, source FROM documents ORDER BY rowid"):
        for stem in _stems(row["source"]) & wanted:
            found[stem].append(row["id"])
    ids: dict[str, str] = {}
    warnings = []
    for stem in stems:
        if found.get(stem):
            ids[stem] = found[stem][0]
            if len(set(found[stem])) > 1:
                warnings.append(f"{stem} names {len(found[stem])} documents; scored {ids[stem]}")
            continue
        other = store.resolve_doc_id(stem)
        if other is not None:
            ids[stem] = other
    return ids, warnings


@dataclass(frozen=True, slots=True)
class _SystemEntity:
    id: str
    type: str
    name: str
    keys: frozenset[str]


class _Names:
    """Entity ids of one document -> their name keys (name, aliases, mention texts there)."""

    def __init__(self, store: Store, doc_id: str) -> None:
        self.mention_texts: dict[str, set[str]] = defaultdict(set)
        self.mention_types: dict[str, str] = {}
        for r in store.query("SELECT entity, text, type FROM mentions WHERE doc=?", (doc_id,)):
            self.mention_texts[r["entity"]].add(r["text"])
            self.mention_types.setdefault(r["entity"], r["type"])
        self._rows: dict[str, tuple[str, str, list[str]]] = {}
        self._store = store
        self.load(self.mention_texts)

    def load(self, ids: Iterable[str]) -> None:
        wanted = sorted(set(ids) - set(self._rows))
        if not wanted:
            return
        rows = self._store.query(
            "SELECT id, type, name, aliases FROM entities "
            "WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(wanted),),
        )
        for r in rows:
            self._rows[r["id"]] = (r["type"], r["name"], json.loads(r["aliases"]))

    def entity(self, entity_id: str) -> _SystemEntity:
        kind, name, aliases = self._rows.get(
            entity_id, (self.mention_types.get(entity_id, ""), entity_id, [])
        )
        texts = self.mention_texts.get(entity_id, set())
        return _SystemEntity(entity_id, kind, name, _keys([name, *aliases, *texts]))

    def keys(self, ref: str | None) -> frozenset[str]:
        """A reference's keys: the entity's when it is an id, else the string itself."""
        if ref is None:
            return frozenset()
        if ref in self._rows or ref in self.mention_texts:
            return self.entity(ref).keys
        return _keys([ref])

    def name(self, ref: str | None) -> str | None:
        if ref is None:
            return None
        row = self._rows.get(ref)
        return row[1] if row else ref


class _Gold:
    """A gold line's names: each gold name widened to its gold entity's aliases."""

    def __init__(self, line: Mapping[str, Any]) -> None:
        self.entities = [e for e in line.get("entities") or [] if isinstance(e, dict)]
        self.by_key: dict[str, set[str]] = defaultdict(set)
        for e in self.entities:
            keys = self.entity_keys(e)
            for k in keys:
                self.by_key[k] |= keys

    @staticmethod
    def entity_keys(e: Mapping[str, Any]) -> frozenset[str]:
        return _keys([e.get("name"), *(e.get("aliases") or [])])

    def keys(self, name: str | None) -> frozenset[str]:
        out: set[str] = set()
        for k in _keys([name]):
            out.add(k)
            out |= self.by_key.get(k, set())
        return frozenset(out)

    def keys_any(self, names: object) -> frozenset[str] | None:
        """For a gold `of`: None accepts anything; a string or a list, any one of them."""
        if names is None:
            return None
        items = names if isinstance(names, list) else [names]
        out: set[str] = set()
        for n in items:
            if isinstance(n, str):
                out |= self.keys(n)
        return frozenset(out)


# -- the rules ------------------------------------------------------------------------------------
def type_group(event_type: str) -> str:
    return "meeting" if event_type in MEETING_GROUP else event_type


def date_matches(gold: str | None, system: str | None) -> bool:
    """Same date at the gold's precision; an interval compares by its start."""
    if gold is None:
        return True
    if not system:
        return False
    g = gold.split("/", 1)[0].strip()
    s = system.split("/", 1)[0].strip()
    return len(s) >= len(g) and s[: len(g)] == g


def _iso_span(value: str) -> tuple[str, str] | None:
    """An ISO date or interval as (first day, last day) at day precision, else None."""
    parts = value.split("/")
    if len(parts) > 2:
        return None
    bounds = []
    for i, part in enumerate(parts):
        m = _ISO.match(part.strip())
        if m is None:
            return None
        y, mo, d = m.groups()
        if mo is None:
            bounds.append((f"{y}-01-01", f"{y}-12-31"))
        elif d is None:
            bounds.append((f"{y}-{mo}-01", f"{y}-{mo}-31"))
        else:
            bounds.append((f"{y}-{mo}-{d}",) * 2)
        if i == 0 and len(parts) == 1:
            bounds.append(bounds[0])
    return bounds[0][0], bounds[1][1]


def period_matches(gold: object, system: str | None) -> bool:
    """No gold period accepts any; else the system's must equal one spelling, or the same ISO
    interval ("2024" and "2024-01/2024-12")."""
    if gold is None or gold == []:
        return True
    if not system:
        return False
    spellings = [g for g in (gold if isinstance(gold, list) else [gold]) if isinstance(g, str)]
    s = system.strip()
    if any(s == g.strip() for g in spellings):
        return True
    span = _iso_span(s)
    return span is not None and any(_iso_span(g) == span for g in spellings)


def value_matches(gold: object, system: float) -> bool:
    if not isinstance(gold, int | float) or isinstance(gold, bool):
        return False
    return abs(system - gold) <= CLAIM_TOLERANCE * abs(gold)


def title_matches(gold: str, system: str) -> bool:
    head = head_noun(gold)
    if head is None or head != head_noun(system):
        return False
    gold_words = content_words(gold)
    have = set(content_words(system))
    return 2 * sum(w in have for w in gold_words) >= len(gold_words)


def agreement_matches(gold: str, system: str) -> bool:
    g, s = normalize(gold), normalize(system)
    if g and g == s:
        return True
    words = content_words(gold)
    if not words:
        return False
    have = set(content_words(system))
    return sum(w in have for w in words) >= AGREEMENT_SHARE * len(words)


# -- one document ---------------------------------------------------------------------------------
def _quote(evidence: str) -> str:
    items = json.loads(evidence)
    return str(items[0]["quote"])[:_QUOTE_CHARS] if items else ""


class _Scorer:
    def __init__(self, store: Store, stem: str, doc_id: str | None, line: Mapping[str, Any]):
        self.store = store
        self.stem = stem
        self.doc_id = doc_id
        self.line = line
        self.gold = _Gold(line)
        self.names = _Names(store, doc_id) if doc_id else None
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
            Error(self.stem, kind, "miss", dict(g)) for i, g in enumerate(gold) if i not in hit
        ]
        if METRIC[kind] == PRF:
            self.errors += [
                Error(self.stem, kind, "false_positive", describe(s))
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
        return scores

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
            lambda s: {"id": s.id, "type": s.type, "name": s.name},
        )

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
            return title_matches(str(g.get("title") or ""), s["title"])

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
        system = self.rows("SELECT id, name, type, signed, evidence FROM agreements WHERE doc=?")
        return self.pair(
            "agreements",
            system,
            gold,
            lambda s, g: agreement_matches(str(g.get("name") or ""), s["name"]),
            lambda s: {"id": s["id"], "name": s["name"], "type": s["type"]},
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


# -- the whole gold file --------------------------------------------------------------------------
def evaluate(store: Store, gold_path: str | Path) -> EvalReport:
    """Score the stored record against a gold file (see /work/shared/gold/README.md)."""
    gold = read_gold(gold_path)
    stems = [g["doc"] for g in gold]
    ids, warnings = _locate(store, stems)
    totals = {k: Score(k, METRIC[k]) for k in KINDS}
    documents = []
    errors: list[Error] = []
    for line in gold:
        stem = line["doc"]
        scorer = _Scorer(store, stem, ids.get(stem), line)
        scores = scorer.document()
        for kind, score in scores.items():
            totals[kind] = totals[kind] + score
        documents.append(DocumentReport(stem, ids.get(stem), scores))
        errors += scorer.errors
    missing = tuple(s for s in stems if s not in ids)
    if missing:
        shown = ", ".join(missing[:10]) + (
            f" and {len(missing) - 10} more" if len(missing) > 10 else ""
        )
        warnings.append(
            f"{len(missing)} gold documents are not in the database (scored as all misses): {shown}"
        )
    return EvalReport(
        gold=str(gold_path),
        scores=totals,
        documents=tuple(documents),
        errors=tuple(errors),
        missing=missing,
        warnings=tuple(warnings),
    )
