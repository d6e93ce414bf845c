"""The controlled vocabularies, as data: event types (``kb/data/event_types.yaml``), agreement types
(``agreement_types.yaml``) and the titles of posts (``posts.yaml``), each loaded once, on first
use, into frozen objects. Everything that names an event type, an agreement type or a title reads
it from here, so that a new one is one edit of a data file.

Only the words live here; how a stage matches them (regular expressions, word indexes) is the
stage's business.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.resources
import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import yaml


class VocabularyError(ValueError):
    """A vocabulary file is malformed; the message names the file and the entry."""


@functools.lru_cache(maxsize=32)
def read_data(name: str) -> dict[str, Any]:
    """A YAML file of ``kb/data``, parsed once per process for every module that reads it (the
    result is shared: read it, do not change it)."""
    ref = importlib.resources.files("bilateral.kb") / "data" / name
    data = yaml.load(ref.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    if not isinstance(data, dict):
        raise VocabularyError(f"{name}: expected a mapping at the top level")
    return data


def _words(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise VocabularyError(f"{where}: expected a list of strings")
    return tuple(value)


# -- event types ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventType:
    id: str
    group: str  # scoring group: the consult types score as one
    plover: str
    mode: str
    cameo: str
    host_cameo: str
    planned_plover: str
    planned_cameo: str
    nouns: frozenset[str]  # lower case
    verbs: frozenset[str]
    past: frozenset[str]
    patterns: tuple[str, ...]  # regular expressions, for what a word list cannot say
    timeline: bool  # whether a relationship's timeline shows it


@dataclass(frozen=True)
class EventTypes:
    types: Mapping[str, EventType]  # in the file's order
    ids: tuple[str, ...]
    groups: Mapping[str, frozenset[str]]  # group -> its type ids
    on_timeline: frozenset[str]
    counterparts: tuple[str, ...] = ()  # plural posts and groups: one counterpart in each state

    def in_group(self, group: str) -> frozenset[str]:
        return self.groups.get(group, frozenset())


@functools.lru_cache(maxsize=1)
def event_types() -> EventTypes:
    """The event types of ``kb/data/event_types.yaml``, loaded once."""
    data = read_data("event_types.yaml")
    default = data["planned_default"]
    types: dict[str, EventType] = {}
    for tid, e in data["types"].items():
        where = f"event_types.yaml: {tid}"
        planned = e.get("planned") or default
        types[tid] = EventType(
            id=tid,
            group=str(e["group"]),
            plover=str(e["plover"]),
            mode=str(e.get("mode") or ""),
            cameo=str(e["cameo"]),
            host_cameo=str(e.get("host_cameo") or e["cameo"]),
            planned_plover=str(planned["plover"]),
            planned_cameo=str(planned["cameo"]),
            nouns=frozenset(str(n).lower() for n in e.get("nouns") or ()),
            verbs=frozenset(str(v).lower() for v in e.get("verbs") or ()),
            past=frozenset(str(v).lower() for v in e.get("past") or ()),
            patterns=_words(e.get("patterns"), where),
            timeline=bool(e.get("timeline", True)),
        )
    groups: dict[str, set[str]] = {}
    for t in types.values():
        groups.setdefault(t.group, set()).add(t.id)
    return EventTypes(
        types=MappingProxyType(types),
        ids=tuple(types),
        groups=MappingProxyType({g: frozenset(ids) for g, ids in groups.items()}),
        on_timeline=frozenset(t.id for t in types.values() if t.timeline),
        counterparts=_words(data.get("counterparts"), "event_types.yaml: counterparts"),
    )


# -- agreement types ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgreementType:
    id: str
    heads: tuple[str, ...]  # the head nouns that name one, lower case, every form listed
    named: tuple[str, ...]  # heads that name one only within a proper name ("Final Act")
    titled: tuple[str, ...]  # heads that name one only with a quoted title or as a title


@dataclass(frozen=True)
class AgreementTypes:
    types: Mapping[str, AgreementType]  # in the file's order
    head_type: Mapping[str, str]  # head noun -> type id
    named_type: Mapping[str, str]  # head noun named only within a proper name -> type id
    titled_type: Mapping[str, str]  # head noun named only with a title -> type id
    body_words: frozenset[str]  # after a head, a body's name: "Treaty Organization"
    gatherings: frozenset[str]  # heads that, lower case after a name, name a gathering
    own_titles: tuple[str, ...]  # regular expressions: a document that is an instrument itself
    # (regular expression of the kind, type, its spelling where abbreviated): "E.O. 13219"
    numbered: tuple[tuple[str, str, str | None], ...] = ()
    # words that end a name's complement as read from the parse: "for the first time"
    complement_stops: frozenset[str] = frozenset()
    # gatherings whose capitalised "Statement of the ..." is their collective text
    meetings: frozenset[str] = frozenset()
    # heads that with a lower-case "of" name an act: "the resolution of the crisis"
    act_of: frozenset[str] = frozenset()
    # acronym as written -> (full name, type): "UNCLOS" is the Convention on the Law of the Sea
    acronyms: Mapping[str, tuple[str, str]] = dataclasses.field(
        default_factory=lambda: MappingProxyType({})
    )

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.types)


@functools.lru_cache(maxsize=1)
def agreement_types() -> AgreementTypes:
    """The agreement types of ``kb/data/agreement_types.yaml``, loaded once."""
    data = read_data("agreement_types.yaml")
    types: dict[str, AgreementType] = {}
    tables: dict[str, dict[str, str]] = {"heads": {}, "named": {}, "titled": {}}
    for tid, e in data["types"].items():
        lists = {
            field: tuple(h.lower() for h in _words(e.get(field), f"agreement_types.yaml: {tid}"))
            for field in tables
        }
        types[tid] = AgreementType(id=tid, **lists)
        for field, table in tables.items():
            for head in lists[field]:
                if any(head in t for t in tables.values()):
                    raise VocabularyError(f"agreement_types.yaml: {head!r} heads two types")
                table[head] = tid
    return AgreementTypes(
        types=MappingProxyType(types),
        head_type=MappingProxyType(tables["heads"]),
        named_type=MappingProxyType(tables["named"]),
        titled_type=MappingProxyType(tables["titled"]),
        body_words=frozenset(w.lower() for w in _words(data.get("body_words"), "body_words")),
        gatherings=frozenset(w.lower() for w in _words(data.get("gatherings"), "gatherings")),
        meetings=frozenset(w.lower() for w in _words(data.get("meetings"), "meetings")),
        act_of=frozenset(w.lower() for w in _words(data.get("act_of"), "act_of")),
        complement_stops=frozenset(
            w.lower() for w in _words(data.get("complement_stops"), "complement_stops")
        ),
        own_titles=_words(data.get("own_titles"), "agreement_types.yaml: own_titles"),
        numbered=tuple(
            (str(e["name"]), str(e["type"]), e.get("spelled")) for e in data.get("numbered") or ()
        ),
        acronyms=MappingProxyType(
            {
                str(e["acronym"]): (str(e["name"]), str(e["type"]))
                for e in data.get("acronyms") or ()
            }
        ),
    )


# -- titles of posts ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Title:
    name: str  # as written, in title case: "Secretary-General", "Chargé d'Affaires"
    needs_of: bool  # a title only before "of": "Head of ...", not "head" alone
    needs_name: bool = False  # a title only before its holder's name: a rank ("General X")


@dataclass(frozen=True)
class Posts:
    titles: tuple[Title, ...]  # in the file's order: a longer title before its prefix
    modifiers: tuple[str, ...]  # words before a title that belong to it: "Deputy", "Foreign"
    conferred_by_state: tuple[str, ...]  # words of a title that a state confers
    envoys: tuple[str, ...]  # words of a title whose holder one state sends to another
    not_envoys: tuple[str, ...]  # longer titles that start with an envoy's word but are none
    not_conferred: tuple[str, ...] = ()  # titles of a body that hold a conferred word
    heads_of_state: tuple[str, ...] = ()  # titles of the head of a state or government
    # "Sen.", "Usec.", "Lt.": abbreviated titles and modifiers, each with its full form.
    abbreviations: tuple[tuple[str, str], ...] = ()
    not_in_titles: tuple[str, ...] = ()  # capitalised words that never begin a post's name
    ranks: tuple[str, ...] = ()  # military and police ranks (ranks.yaml), also among ``titles``
    forces: tuple[str, ...] = ()  # words of an armed or police force's name: "Army", "Police"
    police_ranks: tuple[str, ...] = ()  # ranks only a police force confers


@functools.lru_cache(maxsize=1)
def posts() -> Posts:
    """The titles of ``kb/data/posts.yaml``, loaded once."""
    data = read_data("posts.yaml")
    titles = []
    for i, e in enumerate(data["titles"]):
        if isinstance(e, str):
            e = {"name": e}
        if not isinstance(e, dict) or not isinstance(e.get("name"), str):
            raise VocabularyError(f"posts.yaml: titles[{i}] needs a name")
        titles.append(
            Title(
                name=e["name"],
                needs_of=bool(e.get("needs_of", False)),
                needs_name=bool(e.get("needs_name", False)),
            )
        )
    # Ranks are titles only before a name; their modifiers and abbreviations join the posts'.
    # The hand file's come first, then those kb/build.py grew from data (a longer rank before
    # the rank it starts with: "Brigadier General" before "Brigadier").
    ranks = read_data("ranks.yaml")
    grown = _grown_ranks()
    rank_names = _words(ranks.get("ranks"), "ranks.yaml: ranks")
    rank_names += tuple(r for r in _words(grown.get("ranks"), RANKS) if r not in rank_names)
    rank_names = tuple(sorted(rank_names, key=lambda r: -len(r.split())))
    titles += [Title(name=r, needs_of=False, needs_name=True) for r in rank_names]
    return Posts(
        titles=tuple(titles),
        modifiers=_words(data.get("modifiers"), "posts.yaml: modifiers")
        + _words(ranks.get("modifiers"), "ranks.yaml: modifiers"),
        conferred_by_state=_words(data.get("conferred_by_state"), "posts.yaml: conferred_by_state"),
        envoys=_words(data.get("envoys"), "posts.yaml: envoys"),
        not_envoys=_words(data.get("not_envoys"), "posts.yaml: not_envoys"),
        not_conferred=_words(data.get("not_conferred"), "posts.yaml: not_conferred"),
        heads_of_state=_words(data.get("heads_of_state"), "posts.yaml: heads_of_state"),
        abbreviations=_pairs(data.get("abbreviations"), "posts.yaml: abbreviations")
        + _pairs(ranks.get("abbreviations"), "ranks.yaml: abbreviations")
        + _pairs(grown.get("abbreviations"), RANKS),
        not_in_titles=_words(data.get("not_in_titles"), "posts.yaml: not_in_titles"),
        ranks=rank_names,
        forces=_words(ranks.get("forces"), "ranks.yaml: forces"),
        police_ranks=_words(ranks.get("police"), "ranks.yaml: police"),
    )


RANKS = "ranks.generated.json"


def _grown_ranks() -> dict[str, Any]:
    ref = importlib.resources.files("bilateral.kb") / "data" / RANKS
    if not ref.is_file():
        return {}
    data = json.loads(ref.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def _pairs(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise VocabularyError(f"{where}: expected a mapping of strings to strings")
    return tuple(value.items())


# -- stances and plan statuses --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stance:
    id: str
    group: str  # scoring group: A support, B opposition, C concern, D call
    plover: str
    cues: tuple[str, ...]  # regular expressions
    # Cues whose grammatical subject is what the stance is about, not who holds it ("India is a
    # vital partner"): the holder is the speaker or the author.
    said_of: tuple[str, ...] = ()


@dataclass(frozen=True)
class RussianStances:
    """The Russian cues: phrases of lemmas (see the ``russian`` section of stances.yaml)."""

    stances: Mapping[str, tuple[str, ...]]  # stance id -> cue phrases
    plans: Mapping[str, tuple[str, ...]]  # plan status -> cue phrases
    negations: tuple[str, ...]
    courtesy: tuple[str, ...]
    idle: tuple[str, ...] = ()  # phrases inside which a cue's word is no cue
    # Verbs whose future tense undertakes nothing ("сможем", "будет способствовать"): lemmas.
    idle_futures: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stances:
    stances: Mapping[str, Stance]  # in the file's order
    negations: tuple[str, ...]
    courtesy: tuple[str, ...]  # regular expressions of courtesy formulas
    plans: Mapping[str, tuple[str, ...]]  # plan status -> cue expressions
    # Spans inside which no stance is taken and nothing undertaken ("I should like to", "I shall
    # confine myself to", "$10 million to support").
    discourse: tuple[str, ...] = ()
    # Stance cues that only introduce another one said after them ("we believe it is important
    # to"): the later cue says the stance.
    frames: tuple[str, ...] = ()
    aid: tuple[str, ...] = ()  # support given as money or goods: no stance
    russian: RussianStances | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.stances)

    @property
    def statuses(self) -> tuple[str, ...]:
        return tuple(self.plans)

    def group(self, stance: str) -> str:
        found = self.stances.get(stance)
        return found.group if found else stance


@functools.lru_cache(maxsize=1)
def stances() -> Stances:
    """The stances and plan statuses of ``kb/data/stances.yaml``, loaded once."""
    data = read_data("stances.yaml")
    out: dict[str, Stance] = {}
    for sid, e in data["stances"].items():
        where = f"stances.yaml: {sid}"
        if not isinstance(e, dict) or not isinstance(e.get("group"), str):
            raise VocabularyError(f"{where}: expected a mapping with a group")
        out[sid] = Stance(
            sid,
            e["group"],
            str(e.get("plover") or ""),
            _words(e.get("cues"), where),
            _words(e.get("said_of"), f"{where}: said_of"),
        )
    plans = data.get("plans") or {}
    if not isinstance(plans, dict):
        raise VocabularyError("stances.yaml: plans: expected a mapping of status -> cues")
    return Stances(
        stances=MappingProxyType(out),
        negations=_words(data.get("negations"), "stances.yaml: negations"),
        courtesy=_words(data.get("courtesy"), "stances.yaml: courtesy"),
        discourse=_words(data.get("discourse"), "stances.yaml: discourse"),
        frames=_words(data.get("frames"), "stances.yaml: frames"),
        aid=_words(data.get("aid"), "stances.yaml: aid"),
        russian=_russian_stances(data.get("russian") or {}, out),
        plans=MappingProxyType(
            {
                status: _words(cues, f"stances.yaml: plans: {status}")
                for status, cues in plans.items()
            }
        ),
    )


def _russian_stances(data: Any, known: Mapping[str, Stance]) -> RussianStances:
    where = "stances.yaml: russian"
    if not isinstance(data, dict):
        raise VocabularyError(f"{where}: expected a mapping")
    cues = data.get("stances") or {}
    plans = data.get("plans") or {}
    if not isinstance(cues, dict) or not isinstance(plans, dict):
        raise VocabularyError(f"{where}: stances and plans: expected mappings")
    unknown = set(cues) - set(known)
    if unknown:
        raise VocabularyError(f"{where}: stances: unknown stance {sorted(unknown)[0]}")
    return RussianStances(
        stances=MappingProxyType(
            {sid: _words(v, f"{where}: stances: {sid}") for sid, v in cues.items()}
        ),
        plans=MappingProxyType(
            {status: _words(v, f"{where}: plans: {status}") for status, v in plans.items()}
        ),
        negations=_words(data.get("negations"), f"{where}: negations"),
        courtesy=_words(data.get("courtesy"), f"{where}: courtesy"),
        idle=_words(data.get("idle"), f"{where}: idle"),
        idle_futures=_words(data.get("idle_futures"), f"{where}: idle_futures"),
    )


# -- links across documents -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LinkWords:
    stopwords: frozenset[str]
    generic: frozenset[str]
    back: frozenset[str]
    fulfilled: tuple[str, ...]  # regular expressions
    postponed: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def link_words() -> LinkWords:
    """The words of ``kb/data/links.yaml`` that link a plan to what later documents say of it."""
    data = read_data("links.yaml")

    def words(key: str) -> frozenset[str]:
        value = data.get(key)
        if not isinstance(value, str):
            raise VocabularyError(f"links.yaml: {key}: expected words separated by spaces")
        return frozenset(value.lower().split())

    return LinkWords(
        stopwords=words("stopwords"),
        generic=words("generic"),
        back=words("back"),
        fulfilled=_words(data.get("fulfilled"), "links.yaml: fulfilled"),
        postponed=_words(data.get("postponed"), "links.yaml: postponed"),
    )
