"""Provinces, regions and states of every state from ISO 3166-2 (through pycountry), for kb/build.py.

Each subdivision becomes a place (kind ``region``) of its state, under three guards read from the
data rather than typed by hand:

1. a form the knowledge base already holds (a state, an organisation, a person, another place) or
   one that two subdivisions of different states share ("Central", "Punjab") is dropped: a
   shared name does not pick one place;
2. a one-word name that is a person's first name or surname ("Victoria") is dropped, as the
   Phoenix places are (kb/build.py), and one that is a word of a state's or an organisation's
   name ("Leste" of "Timor-Leste", "Gulf" of "Gulf Cooperation Council");
3. a name made only of ordinary English words and of words that recur in the subdivision names
   of three states or more ("Centre", "Western Area", "Northern Region") is dropped: a word is
   ordinary when the corpus writes it in lower case more often than capitalised (capitals at
   sentence starts count as capitalised, which favours keeping);
4. a one-word name the corpus writes inside longer names more often than alone ("South" of
   "South Africa", "Leste", "Nevis") is dropped.

A bracket's content is dropped ("Ilocos (Region I)" is "Ilocos"), an inverted type word too
("Adygeya, Respublika" is "Adygeya"); transliterations with soft signs ("Amurskaya oblast'") are
not English forms and are skipped. Russian
names of Russia's subdivisions come from the iso-codes translations pycountry ships, where
they give one.
"""

from __future__ import annotations

import gettext
import gzip
import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pycountry

from bilateral.kb.normalize import fold_word, normalize_name

__all__ = ["SOURCE", "case_counts", "subdivision_records"]

SOURCE = "ISO 3166-2 subdivision names and their Russian translations (iso-codes via pycountry; LGPL-2.1)"
_WORD = re.compile(r"[^\W\d_]+")
_BRACKET = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_CAP = r"[A-Z][^\W\d_]*"
_RUN = re.compile(
    rf"(?<![^\W\d_])(?<![-'’]){_CAP}"
    rf"(?:(?: (?:de|del|da|do|la|las|los|of|and|y|el))? {_CAP}|-{_CAP})*"
)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _texts(corpus: Path, skip: frozenset[str]) -> Iterator[str]:
    """The English texts of the corpus: the UN and embassy documents of the JSON lines file and
    the White House and Philippine archives' Markdown files (held-out items left out)."""
    with gzip.open(corpus / "diplomatic-11k.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if doc.get("id") not in skip:
                yield doc.get("text") or ""
    for folder in ("whitehouse", "philippines"):
        for path in sorted((corpus / folder).rglob("*.md")):
            if path.relative_to(corpus).as_posix() not in skip:
                yield path.read_text(encoding="utf-8", errors="replace")


def case_counts(
    corpus: Path,
    skip: frozenset[str] = frozenset(),
    titles: frozenset[str] = frozenset(),
    first_names: frozenset[str] = frozenset(),
) -> Counter[str]:
    """How often each word is written in the corpus's texts, as written (case kept); under
    ``"=" + word`` how often a capitalised word stands alone, with no capitalised word beside it
    nor joined to one by a particle ("Sulu said", not "Sulu Sea", "South Africa" or "Cagayan de
    Oro"); under ``"<" + title`` how often one of `titles` is written right before one of
    `first_names` ("Colonel John Smith"), for kb/build_ranks.py."""
    counts: Counter[str] = Counter()
    for text in _texts(corpus, skip):
        counts.update(_WORD.findall(text))
        for run in _RUN.findall(text):
            if " " not in run:
                counts["=" + run] += 1
            elif titles:
                words = run.split(" ")
                for i in range(1, len(words)):
                    if words[i] in first_names:
                        for k in (1, 2, 3):
                            head = " ".join(words[max(0, i - k) : i])
                            if head in titles:
                                counts["<" + head] += 1
    return counts


def _ordinary(word: str, counts: Mapping[str, int]) -> bool:
    """A word the corpus writes in lower case more often than capitalised ("centre", "western")."""
    low = word.lower()
    return counts.get(low, 0) > counts.get(low.capitalize(), 0) + counts.get(low.upper(), 0)


def _alone(word: str, counts: Mapping[str, int]) -> bool:
    """A capitalised word the corpus writes alone at least half the times it writes it: not a
    word that mostly begins or ends longer names ("South", "Gulf", "Leste", "Nevis")."""
    return 2 * counts.get("=" + word, 0) >= counts.get(word, 0)


def _generic(names: Iterable[tuple[str, str]]) -> set[str]:
    """Words that recur in the subdivision names of several states: compass and type words
    ("North", "Central", "Province", "River"), no place's own name."""
    states: defaultdict[str, set[str]] = defaultdict(set)
    for key, state in names:
        for w in key.split():
            states[w].add(state)
    return {w for w, where in states.items() if len(where) >= 3}


def _english_forms(name: str) -> list[str]:
    """The usable English forms of an ISO name: bracketed notes dropped, bilingual names ("A / B")
    split, an inverted form's type word dropped ("Adygeya, Respublika" is "Adygeya"), forms with
    an apostrophe (transliterated soft signs: "Amurskaya oblast'") skipped."""
    out = []
    for part in name.split(" / "):
        part = _BRACKET.sub("", part).strip()
        head, comma, tail = part.partition(",")
        if comma and " " not in tail.strip():
            part = head.strip()
        if part and "," not in part and "'" not in part:
            out.append(part)
    return out


def _russian(name: str, ru: gettext.NullTranslations) -> str | None:
    form = ru.gettext(name)
    return form if form != name and _CYRILLIC.search(form) else None


def subdivision_records(
    states: Iterable[str],
    taken: set[str],
    ids: set[str],
    person_words: set[str],
    counts: Mapping[str, int],
    body_words: frozenset[str] | set[str] = frozenset(),
) -> list[dict[str, Any]]:
    """Places for the subdivisions of the knowledge base's `states` (ids ``country:ISO3``) whose
    names pass the guards above; `taken` holds the normalised forms the knowledge base already has, `ids` its ids (both grow)."""
    states = set(states)
    try:
        ru: gettext.NullTranslations = gettext.translation(
            "iso3166-2", pycountry.LOCALES_DIR, languages=["ru"]
        )
    except OSError:
        ru = gettext.NullTranslations()
    found: defaultdict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    russian: defaultdict[str, set[str]] = defaultdict(set)
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        country = pycountry.countries.get(alpha_2=sub.country_code)
        state = f"country:{country.alpha_3}" if country is not None else ""
        if state not in states:
            continue
        # Russian names only for Russia's own subdivisions: the Russian matcher reads names by
        # their stems, and a foreign department's short name ("Алье") is a name particle's stem.
        ru_name = _russian(sub.name, ru) if state == "country:RUS" else None
        for form in _english_forms(sub.name):
            key = normalize_name(form)
            if len(key) < 4 or not key.replace(" ", "").isalpha():
                continue
            found[key].add(state)
            names.setdefault(key, form)
            if ru_name is not None:
                russian[key].add(ru_name)
    out, ru_seen = [], Counter(f for forms in russian.values() for f in forms)
    generic = _generic((k, s) for k, where in found.items() for s in where)
    for key, where in sorted(found.items()):
        words = key.split()
        if len(where) != 1 or key in taken:
            continue
        if len(words) == 1 and (
            fold_word(key) in person_words or key in body_words or not _alone(names[key], counts)
        ):
            continue
        if all(w in generic or _ordinary(w, counts) for w in words):
            continue
        rec: dict[str, Any] = {"id": "place:" + _slug(names[key]), "name": names[key]}
        if rec["id"] in ids:
            continue
        ids.add(rec["id"])
        # A Russian name two subdivisions share, or one the knowledge base has, is left out.
        aliases = sorted(
            f for f in russian[key] if ru_seen[f] == 1 and normalize_name(f) not in taken
        )
        if aliases:
            rec["aliases"] = aliases
        taken.update([key, *(normalize_name(f) for f in aliases)])
        rec.update(kind="region", country=where.pop())
        out.append(rec)
    return out


def _slug(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
