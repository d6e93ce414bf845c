"""The knowledge base: states, organisations, places and officials, as data files plus this loader.

The data live in ``kb/data/{countries,organizations,places,people}.yaml``; each file holds an
``entities:`` list and an optional ``ambiguous:`` allow-list of normalised names that several
entities of that file may share (e.g. "congo"). Intergovernmental organisations list their
``members``: state ids, each with the period of its membership where that matters (see
``_membership``). Everything is validated once at load time and frozen, so the rest of the
pipeline can trust ids and references without checking them again.

Officials grown from public sources (``python -m bilateral.kb.build``) live in
``*.generated.json`` beside them and are read under the hand-written files, which win (see
kb/overlay.py). A term is a period (`start`, optional `end`) or, where a source only shows the
post held on some dates, those dates (`attested`): a UN General Debate speaker held his post in
the year he spoke, and nothing is claimed for the years between.
"""

from __future__ import annotations

import datetime as _dt
import functools
import importlib.resources
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from bilateral.kb.normalize import normalize_name
from bilateral.kb.overlay import overlay

__all__ = [
    "KBEntity",
    "KBError",
    "KnowledgeBase",
    "Membership",
    "Term",
    "load_kb",
    "load_kb_from",
    "normalize_name",
    "russian_name_keys",
]

DATA_FILES = ("countries.yaml", "organizations.yaml", "places.yaml", "people.yaml")
GENERATED_FILES = (
    "countries.generated.json",
    "organizations.generated.json",
    "people.generated.json",
    "places.generated.json",
)
# The matching keys of the Russian names, computed by the build (kb/build_russian.py).
RUSSIAN_KEYS = "russian_keys.generated.json"
_TYPES = {"country": "country", "org": "organization", "place": "place", "person": "person"}
_FIELDS = frozenset(
    "id name official aliases russian wikidata iso2 iso3 adjectives capital country parent kind"
    " terms members".split()
)
# Fields that only one type of entity may carry.
_ONLY = {
    "official": "country",
    "iso2": "country",
    "iso3": "country",
    "adjectives": "country",
    "capital": "country",
    "parent": "organization",
    "members": "organization",
    "terms": "person",
}
_TERM_FIELDS = frozenset(("title", "of", "start", "end", "attested"))
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_QID = re.compile(r"^Q[1-9]\d*$")


class KBError(Exception):
    """The data files are inconsistent; the message names the file and the id at fault."""


def _parses(text: str) -> bool:
    """Whether `text` is a real date at year, month or day precision ("2020-02-30" is not)."""
    if not _DATE.match(text):
        return False
    try:
        _dt.date.fromisoformat(_low(text))
    except ValueError:
        return False
    return True


def _low(date: str) -> str:
    """First day of a period given at any precision: "2020" -> "2020-01-01"."""
    return date + "-01-01"[len(date) - 4 :]


def _high(date: str) -> str:
    """Last day (or later, which compares the same) of a period: "2020-06" -> "2020-06-31"."""
    return date + "-12-31"[len(date) - 4 :]


def _overlaps(start: str | None, end: str | None, date: str) -> bool:
    """Whether [start, end] (None: open) overlaps the period `date` names (YYYY[-MM[-DD]])."""
    if start is not None and _low(start) > _high(date):
        return False
    return end is None or _high(end) >= _low(date)


@dataclass(frozen=True, slots=True)
class Term:
    person: str
    title: str
    of: str
    start: str | None  # None only for a term known by its attested dates alone
    end: str | None  # None: still in office (unless `attested` says until when it is known)
    attested: tuple[str, ...] = ()  # dates a source shows the post held on, in order

    def covers(self, date: str) -> bool:
        """Whether the term overlaps the period `date` names (YYYY, YYYY-MM or YYYY-MM-DD):
        within [start, end]; with attested dates and no start, on one of them; with a start and
        attested dates but no end, from the start to the last date known."""
        if not self.attested or self.end is not None:
            return _overlaps(self.start, self.end, date)
        if self.start is None:
            return any(_overlaps(a, a, date) for a in self.attested)
        return _overlaps(self.start, self.attested[-1], date)


@dataclass(frozen=True, slots=True)
class Membership:
    org: str
    state: str
    start: str | None  # None: a founding member, or the date is not in the data
    end: str | None  # None: still a member

    def covers(self, date: str | None) -> bool:
        """A member at some time in `date`'s period; with None, a member today."""
        return self.end is None if date is None else _overlaps(self.start, self.end, date)


@dataclass(frozen=True, slots=True)
class KBEntity:
    id: str
    type: str  # "country" | "organization" | "place" | "person"
    name: str
    aliases: tuple[str, ...]  # official names, other English forms and Russian forms
    wikidata: str | None
    iso2: str | None = None
    iso3: str | None = None
    adjectives: tuple[str, ...] = ()  # countries: demonym adjectives that denote the state
    capital: str | None = None  # countries: place id
    country: str | None = None  # places, organisations: country id
    parent: str | None = None  # organisations: parent organisation id
    kind: str | None = None  # places: city/region/sea...; organisations: international/...
    terms: tuple[Term, ...] = ()  # persons
    members: tuple[Membership, ...] = ()  # intergovernmental organisations
    generated: bool = False  # grown from sources by kb/build.py, not typed by hand


class KnowledgeBase:
    """Immutable, validated entities with name, adjective and term indexes."""

    def __init__(self, entities: Iterable[KBEntity]) -> None:
        table = {e.id: e for e in entities}
        self.entities: Mapping[str, KBEntity] = MappingProxyType(table)
        by_name: defaultdict[str, list[str]] = defaultdict(list)
        by_surname: defaultdict[str, list[str]] = defaultdict(list)
        adjectives: dict[str, KBEntity] = {}
        terms: list[Term] = []
        memberships: defaultdict[str, list[Membership]] = defaultdict(list)
        for e in table.values():
            for m in e.members:
                memberships[m.state].append(m)
            for form in (e.name, *e.aliases):
                key = normalize_name(form)
                if key and e.id not in by_name[key]:
                    by_name[key].append(e.id)
            # A surname alone points only at officials typed by hand: among thousands of
            # generated ones, "President Lee" would pick a namesake.
            for last in _surnames(e) if e.type == "person" and not e.generated else ():
                if e.id not in by_surname[last]:
                    by_surname[last].append(e.id)
            for adj in e.adjectives:
                adjectives[adj] = e
            terms.extend(e.terms)
        self._by_name = {k: tuple(table[i] for i in v) for k, v in by_name.items()}
        self._by_surname = {k: tuple(table[i] for i in v) for k, v in by_surname.items()}
        self._adjectives = adjectives
        self._terms = tuple(
            sorted(terms, key=lambda t: (t.start or (t.attested or ("",))[0], t.person))
        )
        self._memberships = {k: tuple(v) for k, v in memberships.items()}

    @classmethod
    def from_records(
        cls, files: Mapping[str, Any], generated: Mapping[str, Any] | None = None
    ) -> KnowledgeBase:
        """Build and validate from parsed YAML documents keyed by file name (for tests and
        tools), with generated documents read under them (kb/overlay.py)."""
        return cls(_validate(overlay(files, generated or {})))

    def get(self, id: str) -> KBEntity | None:
        return self.entities.get(id)

    def lookup(self, name: str) -> tuple[KBEntity, ...]:
        """Entities whose name or alias equals `name` after `normalize_name`."""
        return self._by_name.get(normalize_name(name), ())

    def lookup_surname(self, surname: str) -> tuple[KBEntity, ...]:
        """Persons whose Latin-script name ends with `surname` ("Lavrov"); may be several."""
        return self._by_surname.get(normalize_name(surname), ())

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """(form exactly as written in the data, entity id) for every name and alias."""
        for e in self.entities.values():
            yield e.name, e.id
            for alias in e.aliases:
                yield alias, e.id

    def country_by_adjective(self, word: str) -> KBEntity | None:
        """The state a capitalised demonym adjective denotes ("Kazakhstani" -> Kazakhstan)."""
        return self._adjectives.get(word)

    def terms_on(
        self, date: str, title: str | None = None, of: str | None = None
    ) -> tuple[Term, ...]:
        """Terms in force at any time in `date`'s period, optionally of one title and one body.

        `title` matches a term's title or its head ("Permanent Representative" finds
        "Permanent Representative to the OSCE"), compared after `normalize_name`.
        """
        wanted = normalize_name(title) if title is not None else None
        return tuple(
            t
            for t in self._terms
            if (wanted is None or _title_matches(t.title, wanted))
            and (of is None or t.of == of)
            and t.covers(date)
        )

    def terms_of(self, person_id: str) -> tuple[Term, ...]:
        entity = self.entities.get(person_id)
        return entity.terms if entity is not None else ()

    def memberships(self, state_id: str, date: str | None = None) -> tuple[Membership, ...]:
        """The organisations `state_id` belonged to at some time in `date`'s period (None:
        today), by the organisations' `members` lists."""
        return tuple(m for m in self._memberships.get(state_id, ()) if m.covers(date))


def _title_matches(title: str, wanted: str) -> bool:
    held = normalize_name(title)
    return held == wanted or held.startswith(wanted + " ")


_NOT_SURNAMES = frozenset("ii iii iv jr sr".split())


def _surnames(e: KBEntity) -> set[str]:
    """Last words of the forms that spell the full name: the name itself, its transliterations
    (same first word: "Kassym-Jomart Tokaev") and two-word Cyrillic forms ("Сергей Лавров");
    not titles or descriptions ("First President of Kazakhstan")."""
    first = normalize_name(e.name).split()[0]
    out = set()
    for form in (e.name, *e.aliases):
        words = normalize_name(form).split()
        cyrillic = len(words) == 2 and not form.isascii()
        if len(words) > 1 and (form == e.name or words[0] == first or cyrillic):
            out.add(words[-1])
    return out - _NOT_SURNAMES


# --- loading and validation -------------------------------------------------------------------


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise KBError(f"{where}: `{key}` must be a list of non-empty strings")
    return tuple(value)


def _date(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value)
    if not _parses(text):
        raise KBError(f"{where}: date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return text


def _optional(rec: Mapping[str, Any], key: str, where: str) -> str | None:
    value = rec.get(key)
    if value is not None and not isinstance(value, str):
        # YAML 1.1 reads Norway's `NO` as false: such codes must be quoted.
        raise KBError(f"{where}: `{key}` must be a string (quote it), not {value!r}")
    return value


_MEMBER_FORMS = "`STATE`, `STATE FROM`, `STATE FROM/TO` or `STATE ../TO` (dates YYYY[-MM[-DD]])"


def _membership(raw: Any, org: str, where: str) -> Membership:
    """One entry of an organisation's `members`: a state id alone (a member throughout, or the
    dates are not in the data), or followed by its period in the interval notation the record
    uses for dates: "country:KAZ 1992-03-02" (joined), "country:GEO 1993-12/2009-08-18" (joined
    and left), "country:UKR ../2018-05" (left; when it joined is not given)."""
    state, _, period = (raw if isinstance(raw, str) else "").strip().partition(" ")
    start, slash, end = period.partition("/")
    if slash:
        valid = (start == ".." or _parses(start)) and _parses(end)
    else:
        valid = not start or _parses(start)
    if not state or not valid:
        raise KBError(f"{where}: member {raw!r} is not {_MEMBER_FORMS}")
    first = start if start not in ("", "..") else None
    last = end or None
    if first is not None and last is not None and _low(first) > _high(last):
        raise KBError(f"{where}: member {state} leaves ({last}) before it joins ({first})")
    return Membership(org, state, first, last)


def _members(raw: Any, org: str, where: str) -> tuple[Membership, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise KBError(f"{where}: `members` must be a list of {_MEMBER_FORMS}")
    members = tuple(_membership(m, org, where) for m in raw)
    # A state that left and joined again is listed once per period; the periods must not meet.
    last: dict[str, Membership] = {}
    for m in sorted(members, key=lambda m: (m.state, m.start or "")):
        before = last.get(m.state)
        if before is not None and (
            before.end is None or m.start is None or _high(before.end) >= _low(m.start)
        ):
            raise KBError(
                f"{where}: member {m.state} is listed twice with periods that overlap or lack dates"
            )
        last[m.state] = m
    return members


def _entity(rec: Any, where: str) -> KBEntity:
    if not isinstance(rec, dict) or not isinstance(rec.get("id"), str):
        raise KBError(f"{where}: every entity needs a string `id`")
    eid: str = rec["id"]
    where = f"{where} {eid}"
    prefix, _, slug = eid.partition(":")
    if prefix not in _TYPES or not slug:
        raise KBError(f"{where}: id must start with one of {', '.join(p + ':' for p in _TYPES)}")
    unknown = set(rec) - _FIELDS
    misplaced = {k for k in set(rec) & _ONLY.keys() if _ONLY[k] != _TYPES[prefix]}
    if misplaced:
        raise KBError(f"{where}: field(s) {', '.join(sorted(misplaced))} do not apply here")
    if unknown:
        raise KBError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    name = _optional(rec, "name", where)
    if not name:
        raise KBError(f"{where}: `name` is missing")
    forms = (
        *_strings(rec.get("official"), where, "official"),
        *_strings(rec.get("aliases"), where, "aliases"),
        *_strings(rec.get("russian"), where, "russian"),
    )
    aliases = tuple(dict.fromkeys(f for f in forms if f != name))
    wikidata = _optional(rec, "wikidata", where)
    if wikidata is not None and not _QID.match(wikidata):
        raise KBError(f"{where}: wikidata {wikidata!r} is not a Q-id")
    terms = []
    for raw in rec.get("terms") or ():
        if not isinstance(raw, dict) or set(raw) - _TERM_FIELDS:
            raise KBError(f"{where}: a term must be a mapping of {', '.join(sorted(_TERM_FIELDS))}")
        title, of = _optional(raw, "title", where), _optional(raw, "of", where)
        start = _date(raw.get("start"), where)
        seen = sorted(d for d in (_date(a, where) for a in raw.get("attested") or ()) if d)
        if not title or not of or (start is None and not seen):
            raise KBError(f"{where}: every term needs `title`, `of` and `start` or `attested`")
        end = _date(raw.get("end"), where)
        if start is not None and end is not None and _low(start) > _high(end):
            raise KBError(f"{where}: term {title!r} ends ({end}) before it starts ({start})")
        terms.append(Term(eid, title, of, start, end, tuple(seen)))
    return KBEntity(
        id=eid,
        type=_TYPES[prefix],
        name=name,
        aliases=aliases,
        wikidata=wikidata,
        iso2=_optional(rec, "iso2", where),
        iso3=_optional(rec, "iso3", where),
        adjectives=_strings(rec.get("adjectives"), where, "adjectives"),
        capital=_optional(rec, "capital", where),
        country=_optional(rec, "country", where),
        parent=_optional(rec, "parent", where),
        kind=_optional(rec, "kind", where),
        terms=tuple(terms),
        members=_members(rec.get("members"), eid, where),
    )


def _generated(rec: Any, where: str) -> KBEntity:
    """A record of a generated file: kb/build.py writes only ids, names, aliases, `country`,
    `kind` and terms, and tests check every record with `_entity`; loading them field by field
    through it would triple the knowledge base's load time."""
    try:
        eid, name = rec["id"], rec["name"]
        terms = tuple(
            Term(
                eid,
                t["title"],
                t["of"],
                t.get("start"),
                t.get("end"),
                tuple(t.get("attested") or ()),
            )
            for t in rec.get("terms") or ()
        )
        return KBEntity(
            id=eid,
            type=_TYPES[eid.partition(":")[0]],
            name=name,
            aliases=tuple(rec.get("aliases") or ()),
            wikidata=None,
            country=rec.get("country"),
            kind=rec.get("kind"),
            terms=terms,
            generated=True,
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise KBError(f"{where}: malformed generated record {rec!r:.80}; run kb/build.py") from exc


def _validate(files: Mapping[str, Any]) -> list[KBEntity]:
    entities: dict[str, KBEntity] = {}
    source: dict[str, str] = {}
    codes: dict[str, str] = {}
    adjectives: dict[str, str] = {}
    seen: dict[tuple[str, str], str] = {}  # (type, normalised name) -> first entity
    for fname, doc in files.items():
        if not isinstance(doc, dict) or not isinstance(doc.get("entities"), list):
            raise KBError(f"{fname}: expected a mapping with an `entities:` list")
        allowed = {normalize_name(a) for a in _strings(doc.get("ambiguous"), fname, "ambiguous")}
        for rec in doc["entities"]:
            e = _generated(rec, fname) if fname.endswith(".generated.json") else _entity(rec, fname)
            if e.id in entities:
                raise KBError(f"{fname} {e.id}: duplicate id (also in {source[e.id]})")
            entities[e.id], source[e.id] = e, fname
            for code in (e.iso2, e.iso3):
                if code is not None and codes.setdefault(code, e.id) != e.id:
                    raise KBError(f"{fname} {e.id}: ISO code {code} also used by {codes[code]}")
            for adj in e.adjectives:
                if adjectives.setdefault(adj, e.id) != e.id:
                    raise KBError(
                        f"{fname} {e.id}: adjective {adj!r} also denotes {adjectives[adj]}"
                    )
            for form in dict.fromkeys(normalize_name(f) for f in (e.name, *e.aliases)):
                other = seen.setdefault((e.type, form), e.id)
                if other != e.id and form not in allowed:
                    raise KBError(
                        f"{fname} {e.id}: name {form!r} also belongs to {other};"
                        " remove it or list it under `ambiguous:`"
                    )
    for e in entities.values():
        refs: list[tuple[str, str | None, tuple[str, ...]]] = [
            ("capital", e.capital, ("place",)),
            ("country", e.country, ("country",)),
            ("parent", e.parent, ("organization",)),
        ]
        refs.extend(("term of", t.of, ("country", "organization")) for t in e.terms)
        refs.extend(("member", m.state, ("country",)) for m in e.members)
        for label, ref, kinds in refs:
            target = entities.get(ref) if ref is not None else None
            if ref is not None and (target is None or target.type not in kinds):
                raise KBError(
                    f"{source[e.id]} {e.id}: {label} {ref!r} is not a known {' or '.join(kinds)}"
                )
    return list(entities.values())


def _parse(text: str, name: str) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise KBError(f"{name}: not valid YAML{where}: {getattr(exc, 'problem', exc)}") from exc


def load_kb_from(paths: Iterable[str | Path]) -> KnowledgeBase:
    """Load and validate a knowledge base from explicit YAML files (tests, alternative data)."""
    files = {}
    for p in map(Path, paths):
        files[p.name] = _parse(p.read_text(encoding="utf-8"), p.name)
    return KnowledgeBase.from_records(files)


@functools.lru_cache(maxsize=1)
def russian_name_keys() -> tuple[str, dict[str, list[str]]]:
    """(analyser version, Russian name -> its matching keys) as the build stored them; an empty
    table where the file is absent."""
    path = importlib.resources.files("bilateral.kb") / "data" / RUSSIAN_KEYS
    if not path.is_file():
        return "", {}
    got = json.loads(path.read_text(encoding="utf-8"))
    return str(got.get("version", "")), dict(got.get("keys") or {})


@functools.lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The packaged knowledge base, loaded and validated once per process."""
    data = importlib.resources.files("bilateral.kb") / "data"
    files = {name: _parse((data / name).read_text(encoding="utf-8"), name) for name in DATA_FILES}
    generated = {
        name: json.loads((data / name).read_text(encoding="utf-8"))
        for name in GENERATED_FILES
        if (data / name).is_file()
    }
    return KnowledgeBase.from_records(files, generated)
