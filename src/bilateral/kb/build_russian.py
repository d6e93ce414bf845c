"""Russian names for the knowledge base's records, grown from data by ``kb/build.py``.

1. States: the Russian names of territories in CLDR (babel's ``ru`` locale), by ISO code
   ("KZ" -> "Казахстан", "AE" -> "ОАЭ"; "Мьянма (Бирма)" gives both names), then the Russian
   translations of ISO 3166's short, official and common names (pycountry): the official
   forms a state's own texts use ("Султанат Оман", "Республика Конго") and the short names
   where CLDR adds a capital to tell two states apart ("Конго - Браззавиль" is "Конго").
2. Persons: Kremlin titles of talks, meetings and calls ("Телефонный разговор с Президентом
   Казахстана Касым-Жомартом Токаевым") give a state and a Russian name on a date. The name,
   put in the nominative, becomes an alias of the KB person who held a post of that state on
   that date (else at any date) and whose name it transliterates: a Russian name is never
   linked on the post alone.

Only names go into the generated files, never text. The hand-written ``russian`` forms stay the
overlay for what the data cannot give.
"""

from __future__ import annotations

import difflib
import gzip
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from bilateral.kb import KnowledgeBase
from bilateral.kb.normalize import fold_word
from bilateral.lang.ru import RussianLayer
from bilateral.lang.translit import latin

# A title of one encounter with one foreign official: "<kind> с <post> <state> <name>".
_ENCOUNTER = re.compile(
    r"^(?:Телефонный разговор|Рабочая встреча|Встреча|Беседа|Переговоры)\s+со?\s+(?P<rest>.+)$"
)
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
# A transliteration must be this close to the KB's English name (`_similarity`).
_SIMILAR = 0.6


def country_names(hand: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One record per hand-written state that CLDR or ISO 3166 names in Russian: id, name,
    aliases (CLDR's first)."""
    from babel import Locale

    territories = Locale("ru").territories
    iso = _iso_names()
    out = []
    for rec in hand["countries.yaml"]["entities"]:
        code = rec.get("iso2")
        if not code:
            continue
        name = territories.get(code) or ""
        forms = [f.strip() for f in re.split(r"[()]", name) if f.strip()]
        forms += [f for f in iso.get(code, ()) if f not in forms]
        if forms:
            out.append({"id": rec["id"], "name": rec["name"], "aliases": forms})
    return out


def _iso_names() -> dict[str, list[str]]:
    """ISO 3166 code -> the Russian translations of its short, official and common names, as
    pycountry ships them (one gettext catalogue); names it leaves untranslated are left out."""
    import gettext

    import pycountry

    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    out: dict[str, list[str]] = {}
    for c in pycountry.countries:
        forms: list[str] = []
        for attr in ("name", "official_name", "common_name"):
            english = getattr(c, attr, None)
            # Stress marks ("Респу́блика") are no part of the spelling texts use.
            form = ru.gettext(english).replace("\u0301", "").strip() if english else ""
            if form and form != english and _CYRILLIC.search(form) and form not in forms:
                forms.append(form)
        if forms:
            out[c.alpha_2] = forms
    return out


def name_keys(kb: KnowledgeBase, ru: RussianLayer) -> dict[str, Any]:
    """The matching keys of every Cyrillic name in the knowledge base (lang/ru.py `keys`), under
    the analyser's version: what the Russian entity matcher would otherwise compute in every
    process before its first document."""
    forms = sorted({f for f, _ in kb.surface_forms() if any("а" <= c.lower() <= "я" for c in f)})
    return {"version": ru.version(), "keys": {f: list(ru.keys(f)) for f in forms}}


def encounters(corpus: Path, skip: frozenset[str] = frozenset()) -> Iterator[tuple[str, str]]:
    """(date, the rest of the title after "с") of every Kremlin title of an encounter, except
    the documents whose ids are in ``skip`` (held-out evaluation documents)."""
    with gzip.open(corpus, "rt", encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if doc.get("id") in skip:
                continue
            m = _ENCOUNTER.match(doc.get("title") or "")
            if m and doc.get("date"):
                yield doc["date"], m.group("rest")


def _state_forms(kb: KnowledgeBase, ru: RussianLayer) -> dict[tuple[str, ...], str]:
    """The keys of every Russian name of a state -> its id."""
    out: dict[tuple[str, ...], str] = {}
    for e in kb.entities.values():
        if e.type == "country":
            for form in e.aliases:
                if any("а" <= c.lower() <= "я" for c in form):
                    out.setdefault(ru.keys(form), e.id)
    return out


def _split(
    rest: str, states: Mapping[tuple[str, ...], str], ru: RussianLayer
) -> tuple[str, str] | None:
    """(state id, the name after it) of "Президентом Казахстана Касым-Жомартом Токаевым": the
    longest state name, then two or three capitalised words to the end."""
    words = rest.split()
    for i in range(len(words)):
        for j in range(min(len(words), i + 5), i, -1):
            state = states.get(tuple(ru.keys(" ".join(words[i:j]))))
            name = words[j:]
            if state and 2 <= len(name) <= 4 and all(w[:1].isupper() for w in name):
                return state, " ".join(name)
    return None


def _similarity(russian: str, english: str) -> float:
    """How closely a Russian name transliterates an English one: the lower of the first words'
    and the last words' ratios, folded for transliteration ("Касым-Жомарт Токаев" and
    "Kassym-Jomart Tokayev"); a name of one word compares its only word with the last."""
    ru_words = [fold_word(latin(w)) for w in russian.split()]
    en_words = [fold_word(w) for w in english.split()]
    if not ru_words or not en_words:
        return 0.0

    def ratio(a: str, b: str) -> float:
        return difflib.SequenceMatcher(None, a, b).ratio()

    last = ratio(ru_words[-1], en_words[-1])
    if len(ru_words) == 1 or len(en_words) == 1:
        return last
    return min(last, ratio(ru_words[0], en_words[0]))


def holder(kb: KnowledgeBase, state: str, date: str, russian: str) -> str | None:
    """The KB person of `state` whose English name `russian` transliterates: among those in
    office on `date` first, else among all who held a post of that state."""
    in_office = {t.person for t in kb.terms_on(date, of=state)}
    ever = {t.person for e in kb.entities.values() for t in e.terms if t.of == state}
    for pool in (in_office, ever):
        scored = []
        for pid in pool:
            e = kb.get(pid)
            if e is not None:
                scored.append((_similarity(russian, e.name), pid))
        scored.sort(reverse=True)
        if (
            scored
            and scored[0][0] >= _SIMILAR
            and (len(scored) == 1 or scored[1][0] < scored[0][0])
        ):
            return scored[0][1]
    return None


def person_names(
    kb: KnowledgeBase, titles: Iterable[tuple[str, str]], ru: RussianLayer
) -> dict[str, list[str]]:
    """KB person id -> the Russian names (nominative) the titles give it."""
    states = _state_forms(kb, ru)
    out: dict[str, list[str]] = {}
    for date, rest in titles:
        split = _split(rest, states, ru)
        if split is None:
            continue
        state, name = split
        nominative = ru.nominative(name, "PER")
        pid = holder(kb, state, date, nominative)
        if pid is not None and nominative not in out.setdefault(pid, []):
            out[pid].append(nominative)
    return out
