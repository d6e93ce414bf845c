"""Grow the knowledge base's officials from public sources: ``python -m bilateral.kb.build``.

    python -m bilateral.kb.build [--shared ../shared] [--out src/bilateral/kb/data]

Reads, in place, the UN General Debate titles of ``corpus/diplomatic-11k.jsonl.gz`` and the
Phoenix actor dictionaries of ``lexicons/petrarch2/`` (kb/sources.py), and writes
``people.generated.json`` and ``organizations.generated.json``, which `load_kb` reads under the
hand-written files. Nothing of the sources is copied: only names, posts, states and dates.
Russian names (kb/build_russian.py) come from CLDR for states (``countries.generated.json``) and
from the titles of ``corpus/kremlin-ru-2025.jsonl.gz`` for persons. The titles of
``corpus/whitehouse/`` give the United States' officials they name (kb/build_whitehouse.py).
Instruments' full names and defined short forms come from the texts of the same corpora
(kb/build_agreements.py, ``agreements.generated.json``).
Provinces, regions and states of every state come from ISO 3166-2 through pycountry, guarded by
how the corpus writes their words (kb/build_places.py); military and police ranks from the
Phoenix agents dictionary and the corpus (kb/build_ranks.py, ``ranks.generated.json`` under the
hand-written ``ranks.yaml``).

1. Read every source into `Holder` records (a name, its spellings, posts with their dates).
2. One person per state and name key: the first and last word of the name folded for
   transliteration ("Tokayev"/"Tokaev", "Sergey"/"Sergei", "Kassym-Jomart"/"Kasymzhomart"),
   kept apart where middle initials differ (George H. W. Bush is not George W. Bush).
3. A person the hand-written files already hold keeps its id, so the loader merges the two.
4. Names must be full names (two words or more, no title word); a form two persons share, or
   one that already names another entity, is dropped: a common name does not pick one holder.
"""

from __future__ import annotations

import difflib
import gzip
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from bilateral.kb import GENERATED_FILES, RUSSIAN_KEYS, KnowledgeBase
from bilateral.kb.build_agreements import build as build_agreements
from bilateral.kb.build_places import SOURCE as ISO_SOURCE
from bilateral.kb.build_places import case_counts, subdivision_records
from bilateral.kb.build_ranks import SOURCE as RANK_SOURCE
from bilateral.kb.build_ranks import agent_candidates, rank_records
from bilateral.kb.build_russian import country_names, encounters, name_keys, person_names
from bilateral.kb.build_whitehouse import foreign_words, whitehouse_holders
from bilateral.kb.held_out import build_arguments, held_out_ids
from bilateral.kb.normalize import fold_word, normalize_name
from bilateral.kb.sources import (
    Holder,
    Post,
    is_full_name,
    phoenix_orgs,
    phoenix_persons,
    phoenix_places,
    un_speaker,
)
from bilateral.kb.vocabulary import RANKS, posts
from bilateral.lang.ru import RussianLayer

HAND_FILES = ("countries.yaml", "organizations.yaml", "places.yaml", "people.yaml")
# Codes of the sources that are not the knowledge base's state ids.
_STATE_CODES = {"USR": "SUN", "KSV": "XKX", "TMP": "TLS", "FRY": "YUG"}

# --- name keys --------------------------------------------------------------------------------------


def name_key(name: str) -> tuple[str, str, str] | None:
    """(first word, last word, middle initials), folded; the parts of a hyphenated first name
    join ("Kassym-Jomart" = "Kasymzhomart")."""
    first, *rest = name.split(maxsplit=1) or [""]
    words = normalize_name(rest[0]).split() if rest else []
    words = [w for w in words if w not in ("jr", "sr", "ii", "iii")]
    if not words:
        return None
    middle = "".join(w[0] for w in words[:-1])
    return fold_word(first), fold_word(words[-1]), middle


def _slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


# --- 1. sources -------------------------------------------------------------------------------------


def un_holders(corpus: Path, skip: frozenset[str] = frozenset()) -> Iterator[Holder]:
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if doc.get("id", "").startswith("ungdc:") and doc["id"] not in skip:
                holder = un_speaker(doc["id"], doc.get("title", ""))
                if holder is not None:
                    yield holder


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8", errors="replace") as fh:
        yield from fh


# --- 2. one person per state and name key -----------------------------------------------------------


def _state(code: str, states: set[str]) -> str | None:
    code = _STATE_CODES.get(code, code)
    if code == "EU":
        return "org:eu"
    return f"country:{code}" if f"country:{code}" in states else None


def group_holders(holders: Iterable[Holder], states: set[str]) -> list[list[Holder]]:
    """Holders that are one person: same state, same folded first and last word, and middle
    initials that agree (a holder without any joins only a key with one middle-initials form)."""
    by_key: defaultdict[tuple[str, str, str], list[tuple[str, Holder]]] = defaultdict(list)
    for h in holders:
        key = name_key(h.name)
        if key is None or not is_full_name(h.name):
            continue
        for code in sorted(h.states):
            state = _state(code, states)
            if state is not None:
                by_key[(state, key[0], key[1])].append((key[2], h))
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index = {id(h): h for members in by_key.values() for _, h in members}
    for members in by_key.values():
        middles = {m for m, _ in members if m}
        anchors: dict[str, Holder] = {}
        for m, h in members:
            anchor = anchors.setdefault(m if len(middles) > 1 else "", h)
            parent[find(id(h))] = find(id(anchor))
    groups: defaultdict[int, list[Holder]] = defaultdict(list)
    for i, h in index.items():
        groups[find(i)].append(h)
    return list(groups.values())


def _terms(posts: Iterable[Post], states: set[str]) -> list[dict[str, Any]]:
    attested: defaultdict[tuple[str, str], set[str]] = defaultdict(set)
    periods: list[dict[str, Any]] = []
    for p in posts:
        of = _state(p.state, states)
        if of is None:
            continue
        if p.start is None and p.end is None:
            attested[(p.title, of)].update(p.attested)
            continue
        term: dict[str, Any] = {"title": p.title, "of": of, "start": p.start}
        if p.end is not None:
            term["end"] = p.end
        if p.attested:
            term["attested"] = list(p.attested)
        if term not in periods:
            periods.append(term)
    out = [
        {"title": title, "of": of, "attested": sorted(dates)}
        for (title, of), dates in attested.items()
    ]
    return sorted(out + periods, key=lambda t: (t.get("start") or t["attested"][0], t["title"]))


def person_record(group: list[Holder], states: set[str]) -> dict[str, Any]:
    """One person's record: the UN titles' most frequent spelling as the name (they keep the
    name's own capitals), every other full-name spelling that shares its first or last word."""
    spoken = Counter(h.name for h in group if h.source == "ungdc")
    name = spoken.most_common(1)[0][0] if spoken else group[0].name
    key = name_key(name)
    forms: list[str] = []
    for h in group:
        for form in (h.name, *h.aliases):
            fk = name_key(form)
            if (
                fk is not None
                and key is not None
                and (fk[0] == key[0] or fk[1] == key[1])
                and is_full_name(form)
                and form not in forms
                and form != name
            ):
                forms.append(form)
    terms = _terms((p for h in group for p in h.posts), states)
    held = Counter(t["of"] for t in terms if t["of"].startswith("country:"))
    codes = {_state(c, states) for h in group for c in h.states} - {None}
    country = held.most_common(1)[0][0] if held else (codes.pop() if len(codes) == 1 else None)
    record: dict[str, Any] = {"id": "", "name": name}
    if forms:
        record["aliases"] = forms
    if country is not None and country.startswith("country:"):
        record["country"] = country
    if terms:
        record["terms"] = terms
    return record


# --- 3. and 4. against the hand-written files ---------------------------------------------------------


def _hand(data: Path) -> dict[str, Any]:
    return {n: yaml.safe_load((data / n).read_text(encoding="utf-8")) for n in HAND_FILES}


def link_and_prune(records: list[dict[str, Any]], hand: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Give a person the hand files hold its hand id; drop forms that two generated persons
    share or that another entity already bears, and persons left without a name."""
    taken: dict[str, str] = {}  # normalised form -> hand entity id
    hand_people: defaultdict[tuple[str, str], list[tuple[str, set[str]]]] = defaultdict(list)
    for doc in hand.values():
        for e in doc["entities"]:
            forms = [e["name"], *(e.get("aliases") or ()), *(e.get("official") or ())]
            for f in forms:
                taken.setdefault(normalize_name(f), e["id"])
            if e["id"].startswith("person:"):
                held = {t["of"] for t in e.get("terms") or ()}
                for f in forms:
                    k = name_key(f)
                    if k is not None:
                        hand_people[(k[0], k[1])].append((e["id"], held))
    for r in records:
        k = name_key(r["name"])
        held = {t["of"] for t in r.get("terms", ())} | {r.get("country")} - {None}
        match = {
            pid
            for pid, theirs in hand_people.get((k[0], k[1]) if k else ("", ""), ())
            if not theirs or not held or theirs & held
        }
        if len(match) == 1:
            r["id"] = match.pop()
    uses: Counter[str] = Counter()
    for r in records:
        for f in {normalize_name(f) for f in (r["name"], *r.get("aliases", ()))}:
            uses[f] += 1

    def free(form: str, rid: str) -> bool:
        f = normalize_name(form)
        return uses[f] == 1 and taken.get(f, rid) == rid

    out: list[dict[str, Any]] = []
    ids = {e["id"] for doc in hand.values() for e in doc["entities"]}
    for r in records:
        if not free(r["name"], r["id"]):
            continue
        aliases = [a for a in r.get("aliases", ()) if free(a, r["id"])]
        if aliases:
            r["aliases"] = aliases
        else:
            r.pop("aliases", None)
        if not r["id"]:
            base = "person:" + _slug(r["name"])
            suffix = "-" + r.get("country", "country:x")[8:].lower()
            rid, n = base, 1
            while rid in ids:
                n += 1
                rid = base + suffix if n == 2 else f"{base}{suffix}-{n}"
            r["id"] = rid
        ids.add(r["id"])
        out.append(r)
    return sorted(out, key=lambda r: r["id"])


def org_records(path: Path, hand: Mapping[str, Any]) -> list[dict[str, Any]]:
    taken = {
        normalize_name(f)
        for doc in hand.values()
        for e in doc["entities"]
        for f in (e["name"], *(e.get("aliases") or ()), *(e.get("official") or ()))
    }
    ids = {e["id"] for doc in hand.values() for e in doc["entities"]}
    out = []
    for org in phoenix_orgs(_lines(path)):
        forms = [org.name, *org.acronyms]
        if any(normalize_name(f) in taken for f in forms):
            continue  # the hand files know it (under this name or acronym): they win
        rid = "org:" + _slug(org.acronyms[0] if org.acronyms else org.name)
        if rid in ids:
            continue
        ids.add(rid)
        taken.update(normalize_name(f) for f in forms)
        record: dict[str, Any] = {"id": rid, "name": org.name, "kind": "international"}
        if org.acronyms:
            record["aliases"] = list(org.acronyms)
        out.append(record)
    return out


def _squash(form: str) -> str:
    return normalize_name(form).replace(" ", "")


def place_records(
    path: Path, hand: Mapping[str, Any], people: Iterable[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Cities, provinces and regions from the Phoenix state entries (kb/sources.py), each tied
    to its state. Dropped: a form the hand files know (under any type); a spelling, foreign
    name or adjective of the state itself (close to one of its forms); an abbreviation; a
    single word that is a person's first name or surname ("Vladimir", "Lawrence"), which the
    KB's first step would otherwise take for a place; a form two states share."""
    taken = {
        normalize_name(f)
        for doc in hand.values()
        for e in doc["entities"]
        for f in (
            e["name"],
            *(e.get("aliases") or ()),
            *(e.get("official") or ()),
            *(e.get("adjectives") or ()),
        )
    }
    own: defaultdict[str, list[str]] = defaultdict(list)
    own_names: defaultdict[str, list[str]] = defaultdict(list)
    for e in hand["countries.yaml"]["entities"]:
        forms = [e["name"], *(e.get("aliases") or ()), *(e.get("official") or ())]
        own_names[e["id"]] += [*forms, *(e.get("adjectives") or ())]
        own[e["id"]] += [_squash(f) for f in own_names[e["id"]]]
    person_words = {
        fold_word(w)
        for p in people
        for form in (p["name"], *p.get("aliases", ()))
        for w in normalize_name(form).split()[:: max(1, len(normalize_name(form).split()) - 1)]
    }
    states = set(own)
    by_state: defaultdict[str, list[str]] = defaultdict(list)
    for place in phoenix_places(_lines(path)):
        state = _state(place.state, states)
        if state is not None:
            by_state[state].append(place.name)
    found: defaultdict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for state, forms in by_state.items():
        # The entry spells the state first (variants, foreign names, nicknames), then its
        # places: only forms after the last spelling of the state are read.
        own_forms = {normalize_name(f) for f in own_names[state]}
        last = max(
            (
                i
                for i, form in enumerate(forms)
                if normalize_name(form) in own_forms
                or any(
                    difflib.SequenceMatcher(None, _squash(form), f).ratio() >= 0.75
                    for f in own[state]
                    if len(f) > 3
                )
            ),
            default=-1,
        )
        for form in forms[last + 1 :]:
            key = normalize_name(form)
            if key in taken or len(key) < 4 or "." in form or not key.replace(" ", "").isalpha():
                continue
            if " " not in key and fold_word(key) in person_words:
                continue
            found[key].add(state)
            names.setdefault(key, form)
    out, ids = [], {e["id"] for doc in hand.values() for e in doc["entities"]}
    for key, where in sorted(found.items()):
        rid = "place:" + _slug(names[key])
        if len(where) != 1 or rid in ids:
            continue
        ids.add(rid)
        out.append({"id": rid, "name": names[key], "country": where.pop()})
    return out


# --- output -------------------------------------------------------------------------------------------

SOURCES = [
    "UN General Debate Corpus titles (Jankin, Baturo & Dasandi; doi:10.7910/DVN/0TJX8Y; CC0)",
    "PETRARCH-2 Phoenix actor dictionaries (Open Event Data Alliance, openeventdata/petrarch2; MIT)",
    "Unicode CLDR territory names in Russian (through babel; Unicode License)",
    "kremlin.ru titles of 2025 (names, posts, dates only; CC BY 4.0)",
    ISO_SOURCE,
]


def write(path: Path, entities: list[dict[str, Any]]) -> None:
    """One entity per line, so that a rebuild's diff reads entity by entity."""
    head = {
        "generated": "by python -m bilateral.kb.build; edit the hand-written YAML files instead",
        "sources": SOURCES,
    }
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "entities": [']
    lines += [json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "," for e in entities]
    if entities:
        lines[-1] = lines[-1][:-1]
    lines.append("]}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


Records = list[dict[str, Any]]


# The team's held-out evaluation documents: nothing is learned from them, names included.
def build(
    shared: Path, data: Path, skip: frozenset[str] = frozenset()
) -> tuple[Records, Records, Records, Records, dict[str, Any]]:
    hand = _hand(data)
    states = {e["id"] for e in hand["countries.yaml"]["entities"]}
    lex = shared / "lexicons" / "petrarch2"
    holders = [
        *un_holders(shared / "corpus" / "diplomatic-11k.jsonl.gz", skip),
        *phoenix_persons(_lines(lex / "Phoenix.Countries.actors.txt")),
        # The United States' officials the White House archive's titles name (build_whitehouse).
        *whitehouse_holders(shared / "corpus" / "whitehouse", foreign_words(hand), skip),
    ]
    records = [person_record(g, states) for g in group_holders(holders, states)]
    people = link_and_prune(records, hand)
    orgs = org_records(lex / "Phoenix.International.actors.txt", hand)
    places = place_records(lex / "Phoenix.Countries.actors.txt", hand, people)
    # 4. One read of the corpus's English texts for the guards of the subdivisions and the ranks.
    full, short = agent_candidates(_lines(lex / "Phoenix.agents.txt"))
    first = frozenset(
        n.split()[0] for p in people for n in [p["name"]] if len(n.split()) > 1 and n.isascii()
    )
    counts = case_counts(shared / "corpus", skip, frozenset(full), first)
    places += subdivisions(hand, people, orgs, places, counts)
    vocab = posts()
    not_ranks = [t.name for t in vocab.titles if not t.needs_name] + list(vocab.modifiers)
    # The hand files' abbreviations, not the installed generated file's: a build reads no output.
    known = list(_yaml(data / "posts.yaml").get("abbreviations") or {})
    ranks = rank_records(full, short, counts, _yaml(data / "ranks.yaml"), not_ranks, known)
    # 5. Russian names: states from CLDR, persons from Kremlin titles (kb/build_russian.py).
    countries = country_names(hand)
    kremlin = shared / "corpus" / "kremlin-ru-2025.jsonl.gz"
    if kremlin.is_file():
        people = add_russian_names(people, hand, countries, orgs, places, kremlin, skip)
    return people, orgs, places, countries, ranks


def _yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    return data if isinstance(data, dict) else {}


def subdivisions(
    hand: Mapping[str, Any],
    people: Records,
    orgs: Records,
    places: Records,
    counts: Mapping[str, int],
) -> Records:
    """Provinces, regions and states of ISO 3166-2 (kb/build_places.py), guarded by every form
    the knowledge base holds so far and by how the corpus writes their words."""
    generated = [*people, *orgs, *places]
    every = [e for doc in hand.values() for e in doc["entities"]] + generated
    taken = {
        normalize_name(f)
        for e in every
        for key in ("name", "aliases", "official", "adjectives", "russian")
        for f in ([e[key]] if isinstance(e.get(key), str) else e.get(key) or ())
    }
    person_words = {
        fold_word(w)
        for p in people
        for form in (p["name"], *p.get("aliases", ()))
        for w in normalize_name(form).split()[:: max(1, len(normalize_name(form).split()) - 1)]
    }
    body_words = {
        w
        for e in every
        if e["id"].startswith(("country:", "org:"))
        for key in ("name", "aliases", "official")
        for f in ([e[key]] if isinstance(e.get(key), str) else e.get(key) or ())
        for w in normalize_name(f).split()
    }
    states = {e["id"] for e in hand["countries.yaml"]["entities"]}
    ids = {e["id"] for e in every}
    return subdivision_records(states, taken, ids, person_words, counts, body_words)


def add_russian_names(
    people: Records,
    hand: Mapping[str, Any],
    countries: Records,
    orgs: Records,
    places: Records,
    kremlin: Path,
    skip: frozenset[str] = frozenset(),
) -> Records:
    """The people records with the Russian names Kremlin titles give them: a generated
    person's record takes them as aliases; a hand-written person gets a record of its id
    (the overlay joins it to the hand's)."""
    generated = {
        "countries.generated.json": {"entities": countries},
        "people.generated.json": {"entities": people},
        "organizations.generated.json": {"entities": orgs},
        "places.generated.json": {"entities": places},
    }
    kb = KnowledgeBase.from_records(hand, generated)
    names = person_names(kb, encounters(kremlin, skip), RussianLayer())
    out = []
    for rec in people:
        extra = [n for n in names.pop(rec["id"], []) if n not in (rec.get("aliases") or ())]
        out.append({**rec, "aliases": [*(rec.get("aliases") or ()), *extra]} if extra else rec)
    for pid, forms in sorted(names.items()):
        e = kb.get(pid)
        if e is not None:
            out.append({"id": pid, "name": e.name, "aliases": forms})
    return out


def write_ranks(path: Path, ranks: Mapping[str, Any]) -> None:
    head = {
        "generated": "by python -m bilateral.kb.build; edit ranks.yaml (the hand overlay) instead",
        "sources": [RANK_SOURCE, "UN General Debate, White House and Philippine texts (counts)"],
    }
    path.write_text(json.dumps(head | dict(ranks), ensure_ascii=False, indent=1) + "\n", "utf-8")


def write_name_keys(data: Path) -> None:
    """``russian_keys.generated.json``: the keys of the Russian names of the knowledge base in
    `data` (hand-written and generated files), for the Russian matcher to read at load."""
    generated = {
        n: json.loads((data / n).read_text(encoding="utf-8"))
        for n in GENERATED_FILES
        if (data / n).is_file()
    }
    kb = KnowledgeBase.from_records(_hand(data), generated)
    keys = name_keys(kb, RussianLayer())
    lines = [f'{{"version": {json.dumps(keys["version"])}, "keys": {{']
    lines += [
        f"{json.dumps(form, ensure_ascii=False)}: {json.dumps(k, ensure_ascii=False)},"
        for form, k in keys["keys"].items()
    ]
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}}")
    (data / RUSSIAN_KEYS).write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = build_arguments(__doc__.splitlines()[0], argv)
    if args is None:
        return 2
    people, orgs, places, countries, ranks = build(
        args.shared, args.out, held_out_ids(args.hold_out)
    )
    write_ranks(args.out / RANKS, ranks)
    write(args.out / "countries.generated.json", countries)
    write(args.out / "people.generated.json", people)
    write(args.out / "organizations.generated.json", orgs)
    write(args.out / "places.generated.json", places)
    write_name_keys(args.out)
    # Instruments' full names and short forms (kb/build_agreements.py).
    build_agreements(args.shared, args.out, held_out_ids(args.hold_out))
    with_terms = sum(1 for p in people if p.get("terms"))
    print(
        f"{len(people)} persons ({with_terms} with posts), {len(orgs)} organisations,"
        f" {len(places)} places, {len(ranks['ranks'])} ranks and"
        f" {len(ranks['abbreviations'])} abbreviations beyond ranks.yaml"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
