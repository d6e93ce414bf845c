"""Persons' names in Russian text that the knowledge base does not know: what of a span the
NER tags is a name, the name in the nominative and in the order "Имя Фамилия", and its English
form.

1. `name_spans`: a tagged span cut at a sentence's end ("Поеду. В.Путин" -> "В.Путин"), its
   brackets left out ("[Патриархом Кириллом" -> "Патриархом Кириллом"), a piece that holds other
   punctuation or ends inside a word dropped.
2. `person_name`: the words read as first name, patronymic and surname by their pymorphy3
   readings (Name, Patr, Surn), the gender and case that most words agree on, each word put in
   the nominative of that gender ("Лидии Евтюхиной" -> "Лидия Евтюхина", "Александру Труфанову"
   -> "Александр Труфанов", "Сергей Крикалёв" stays); "Фамилия Имя Отчество" and "Имя
   Отчество Фамилия" become "Имя Фамилия".
3. `romanise`: the English form, in the style of English news and of the knowledge base
   (BGN/PCGN without its diacritics: "Андрей Чибис" -> "Andrey Chibis", "Юрий Трутнев" ->
   "Yury Trutnev", "Евгений Солнцев" -> "Yevgeny Solntsev"); a first name the KB spells for a
   Russian person it knows takes the KB's spelling ("Александр" -> "Alexander").
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import replace
from typing import Any

from bilateral.kb import KnowledgeBase, normalize_name
from bilateral.kb.normalize import fold_word
from bilateral.lang.ru import RussianLayer
from bilateral.lang.stem import has_cyrillic
from bilateral.model import Entity, Mention, content_id

_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
_NAME_TAGS = ("Name", "Surn", "Patr")
_PATRONYMIC_END = ("вич", "вна", "ична", "ьич")
# A sentence ends inside a span: a full stop, "?" or "!" after a word of two letters or more
# (not an initial), then space.
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{2})[.!?…]+\s+")
_BRACKETS = '[]()«»"“”„'
# What else a name may hold besides letters and space: a hyphen, the dot of an initial, an
# apostrophe ("Д'Артаньян").
_NAME_CHARS = frozenset(" -.'’\xa0")


def name_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of the tagged span [start, end) that may be names: cut at sentence ends, the
    brackets' pieces apart, trimmed; a part that ends or begins inside a word, or holds other
    punctuation, is left out."""
    pieces: list[tuple[int, int]] = []
    at = start
    for m in _SENTENCE_END.finditer(text, start, end):
        pieces.append((at, m.start() + 1))
        at = m.end()
    pieces.append((at, end))
    out = []
    for a, b in pieces:
        for c, d in [(a, b)]:
            while c < d and not text[c].isalnum():
                c += 1
            while d > c and not (text[d - 1].isalnum() or text[d - 1] == "."):
                d -= 1
            # A trailing full stop belongs to an initial only ("В.", "Путин В.В.").
            while d > c and text[d - 1] == "." and not _initial_before(text, c, d - 1):
                d -= 1
            if d <= c or not set(text[c:d]) - _NAME_CHARS:
                continue
            if not _clean_chars(text[c:d]):
                continue
            if (c > 0 and text[c - 1].isalnum()) or (d < len(text) and text[d].isalnum()):
                continue  # ends inside a word ("Да. С учёто")
            out.append((c, d))
    return out


def _initial_before(text: str, start: int, dot: int) -> bool:
    return (
        dot - 1 >= start
        and text[dot - 1].isupper()
        and (dot - 1 == start or not text[dot - 2].isalpha())
    )


def bracketless(surface: str) -> str:
    """The span's words without brackets or quotes: "Эмомали Шарипович [Рахмон" -> "Эмомали
    Шарипович Рахмон"."""
    return " ".join(surface.translate({ord(c): " " for c in _BRACKETS}).split())


def _clean_chars(surface: str) -> bool:
    return all(ch.isalnum() or ch in _NAME_CHARS or ch in _BRACKETS for ch in surface)


# --- the nominative ---------------------------------------------------------------------------


def _fits(p: Any, gender: str, case: str) -> bool:
    tag = p.tag
    g = tag.gender
    if not (g in (gender, None) or "ms-f" in tag or "Fixd" in tag):
        return False
    return bool(tag.case == case or "Fixd" in tag) and tag.number != "plur"


def _weight(p: Any, role: str) -> float:
    tag = p.tag
    w = 1.0 + float(p.score)
    if role in tag:
        w += 1.0
    elif any(t in tag for t in _NAME_TAGS):
        w += 0.3
    if p.is_known:
        w += 0.5
    return w


def _roles(words: list[str], readings: list[list[Any]]) -> list[str]:
    """Name, Patr or Surn for each word of a person's name (without initials)."""
    n = len(words)
    patr = [
        w.lower().endswith(_PATRONYMIC_END) or any("Patr" in p.tag for p in r if p.is_known)
        for w, r in zip(words, readings, strict=True)
    ]
    known_name = [any(p.is_known and "Name" in p.tag for p in r) for r in readings]
    if n == 1:
        return ["Name"] if known_name[0] and not patr[0] else ["Patr" if patr[0] else "Surn"]
    # "Кадыров Рамзан Ахматович": surname, first name, patronymic.
    if patr[-1] and n >= 3 and (not known_name[0] or known_name[-2]):
        return [*["Surn"] * (n - 2), "Name", "Patr"]
    if n >= 2 and patr[1]:  # "Юрий Петрович Трутнев", "Алексей Самбуевич"
        return ["Name", "Patr", *["Surn"] * (n - 2)]
    known_surname = any(p.is_known and "Surn" in p.tag for p in readings[0])
    if n == 2 and known_surname and not known_name[0] and known_name[-1]:  # "Иванов Сергей"
        return ["Surn", "Name"]
    return ["Name", *["Surn"] * (n - 1)]


def person_name(surface: str, ru: RussianLayer) -> tuple[str, str]:
    """(the name in the nominative as written, the same as "Имя Фамилия") of a person's name
    in any case and order; initials ("А.", "А.В.") stay before the surname."""
    text = bracketless(surface).replace(".", ". ")
    tokens = text.split()
    initials = [t for t in tokens if len(t) == 2 and t.endswith(".")]
    words = [t for t in tokens if not (len(t) == 2 and t.endswith("."))]
    if not words or any(not has_cyrillic(w) for w in words):
        return " ".join(bracketless(surface).split()), " ".join(bracketless(surface).split())
    lasts = [w.rpartition("-")[2] or w for w in words]
    readings = [ru.readings(w) for w in lasts]
    roles = _roles(lasts, readings)
    best: tuple[float, str, str] | None = None
    for gender in ("masc", "femn"):
        for case in _CASES:
            score = 0.0
            for w, r, role in zip(lasts, readings, roles, strict=True):
                if w.lower() in _PARTICLES:
                    continue
                fits = [_weight(p, role) for p in r if _fits(p, gender, case)]
                score += max(fits, default=0.0)
            if best is None or score > best[0]:
                best = (score, gender, case)
    assert best is not None
    _, gender, case = best
    full = []
    for word, role in zip(words, roles, strict=True):
        *heads, last = word.split("-")
        # A part before a dash keeps its case where it may be a nominative ("Касым-Жомартом").
        got = [
            w
            if any(p.tag.case == "nomn" for p in ru.readings(w))
            else _nominative(w, ru.readings(w), role, gender, case)
            for w in heads
        ]
        full.append("-".join([*got, _nominative(last, ru.readings(last), role, gender, case)]))
    written = full
    if initials and words:
        written = ["".join(initials) + full[0], *full[1:]] if tokens[0] in initials else full
    order = [w for w, role in zip(full, roles, strict=True) if role == "Name"]
    order += [w for w, role in zip(full, roles, strict=True) if role == "Surn"]
    if initials:  # "А.Чибис", "Х.Бен Тарек Аль Саид": as written, the initials kept
        return " ".join(written), " ".join(written)
    if not any(role == "Surn" for role in roles):
        order = full
    return " ".join(written), " ".join(order)


def _nominative(word: str, readings: list[Any], role: str, gender: str, case: str) -> str:
    if word.lower() in _PARTICLES:
        return word
    got = _inflected(word, readings, role, gender, case)
    # A foreign name the dictionary does not know, ending in a vowel, does not decline
    # ("Мурму", "Умару Сиссоку"), unless its nominative is a Russian surname ("Труфанову").
    if (
        got != word
        and not any(p.is_known for p in readings)
        and word.lower().endswith(_INDECLINABLE_END)
        and not got.lower().endswith(_SURNAME_END)
    ):
        return word
    return got


_INDECLINABLE_END = tuple("иуюоеэ")
# Particles of names that never decline ("Мухаммед бен Сальман", "Хейсам Бен Тарек Аль Саид").
_PARTICLES = frozenset("аль ал эль бен бин ибн ван фон де ди да дос дель ла ле".split())
_SURNAME_END = ("ов", "ев", "ёв", "ин", "ын", "ова", "ева", "ёва", "ина", "ына", "ий", "ая")


def _inflected(word: str, readings: list[Any], role: str, gender: str, case: str) -> str:
    fits = [p for p in readings if _fits(p, gender, case)]
    if not fits:  # a surname that is a noun of another gender ("Бородой")
        fits = [p for p in readings if _fits(p, "masc", case) or _fits(p, "femn", case)]
        if fits:
            gender = str(fits[0].tag.gender)
    if not fits or case == "nomn":
        return word
    p = max(fits, key=lambda p: _weight(p, role))
    if "Fixd" in p.tag:
        return word
    wanted = {"nomn", "sing"}
    if p.tag.gender in ("masc", "femn") and role != "Name":
        wanted.add(gender)
    new = p.inflect(wanted)
    if new is None:
        return word
    got: str = new.word
    if "ё" in word.lower() and "ё" not in got:
        got = got.replace("е", "ё", 1) if word.lower().replace("ё", "е")[:3] == got[:3] else got
    return got[:1].upper() + got[1:] if word[:1].isupper() else got


def not_a_person(surface: str, ru: RussianLayer) -> bool:
    """A one-word span whose likeliest reading is no noun ("Пообсуждаем", a verb)."""
    words = bracketless(surface).split()
    if len(words) != 1 or not has_cyrillic(words[0]) or "." in words[0]:
        return False
    readings = ru.readings(words[0])
    return bool(readings) and readings[0].tag.POS not in ("NOUN", None)


# --- the English form -------------------------------------------------------------------------

_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_VOWELS = frozenset("аеёиоуыэюяъь")


def _word(word: str) -> str:
    low = word.lower()
    out = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1 : i + 3]
        if ch == "е" and (not prev or prev in _VOWELS):
            out.append("ye")
        elif ch == "ё" and prev and prev not in _VOWELS and (prev in "жчшщц" or nxt[:1] == "в"):
            out.append("e")  # "Горбачёв" -> "Gorbachev", "Крикалёв" -> "Krikalev"
        elif ch == "и" and prev == "ь":
            out.append("yi")
        elif ch == "й" and prev in "иы" and i == len(low) - 1:
            out[-1] = "y"  # "Юрий" -> "Yury", "Грозный" -> "Grozny"
        else:
            out.append(_LETTERS.get(ch, ch))
    got = "".join(out)
    return got[:1].upper() + got[1:] if word[:1].isupper() else got


def romanise(name: str, given: dict[str, str] | None = None) -> str:
    """The English form of a name written in Cyrillic ("Юрий Петрович Трутнев" -> "Yury
    Petrovich Trutnev", "И.Гудков" -> "I. Gudkov"); `given` maps Russian first names to the
    KB's spelling."""
    given = given or {}
    out = []
    for token in name.replace(".", ". ").split():
        parts = []
        for piece in token.split("-"):
            if not has_cyrillic(piece):
                parts.append(piece)
            elif piece in given:
                parts.append(given[piece])
            else:
                parts.append(_word(piece.rstrip(".")) + ("." if piece.endswith(".") else ""))
        out.append("-".join(parts))
    return " ".join(out)


@functools.lru_cache(maxsize=4)
def kb_given_names(kb: KnowledgeBase) -> dict[str, str]:
    """Russian first name -> the spelling the KB gives it, from the KB persons with a Russian
    form "Имя Фамилия" beside an English name of two words whose surname romanises alike."""
    votes: dict[str, Counter[str]] = {}
    for e in kb.entities.values():
        russian = e.country == "country:RUS" or any(t.of == "country:RUS" for t in e.terms)
        if e.type != "person" or not russian:
            continue
        english = e.name.split()
        if len(english) != 2:
            continue
        for form in e.aliases:
            words = form.split()
            if len(words) != 2 or not has_cyrillic(form) or "." in form:
                continue
            if _fold(romanise(words[1])) != _fold(english[1]):
                continue
            votes.setdefault(words[0], Counter())[english[0]] += 1
    return {k: v.most_common(1)[0][0] for k, v in votes.items()}


def _fold(s: str) -> str:
    return fold_word(s)


# Particles that transliterations spell several ways ("bin", "ben"; "Al", "al-", "El").
_LATIN_PARTICLES = frozenset({"bin", "ben", "ibn", "bint", "al", "el", "ul"})


def _folded_key(name: str) -> tuple[str, ...]:
    return tuple(fold_word(w) for w in normalize_name(name).split() if w not in _LATIN_PARTICLES)


def _kb_folded_lookup(kb: KnowledgeBase, name: str) -> set[str]:
    """The KB persons whose Latin name of two words or more folds as `name` does ("Khamad Ben
    Isa Al Khalifa" finds "Hamad bin Isa Al Khalifa")."""
    key = _folded_key(name)
    if len(key) < 2:
        return set()
    return {eid for form, eid in _kb_by_last(kb).get(key[-1], ()) if _folded_key(form) == key}


@functools.lru_cache(maxsize=4)
def _kb_by_last(kb: KnowledgeBase) -> dict[str, list[tuple[str, str]]]:
    """KB persons' Latin names of two words or more by their last word folded."""
    out: dict[str, list[tuple[str, str]]] = {}
    for e in kb.entities.values():
        if e.type != "person":
            continue
        for form in (e.name, *e.aliases):
            if has_cyrillic(form):
                continue
            words = form.split()
            if len(words) >= 2:
                out.setdefault(fold_word(words[-1]), []).append((form, e.id))
    return out


def _base_form(e: Entity, ru: RussianLayer) -> str:
    """The form of a person's name to romanise: of its nominatives in the order "Имя Фамилия",
    the one with the most words that holds a surname (not "Андрей Владимирович" where "Андрей
    Чибис" is there too), the commonest of those."""
    counts: Counter[str] = Counter()
    for form in (e.name, *e.aliases):
        if "." in form:
            continue
        ordered = person_name(form, ru)[1]
        counts[ordered] += 1
    if not counts:
        return e.name

    def rank(form: str) -> tuple[int, int, int]:
        words = form.split()
        patronymic = any(w.lower().endswith(_PATRONYMIC_END) for w in words[1:])
        return (int(not patronymic), min(len(words), 2), counts[form])

    return max(counts, key=rank)


def english_persons(
    entities: tuple[Entity, ...],
    mentions: tuple[Mention, ...],
    kb: KnowledgeBase,
    ru: RussianLayer,
) -> tuple[tuple[Entity, ...], tuple[Mention, ...]]:
    """Each person the KB does not know, named in Cyrillic, under its English form: the KB
    person of that English name where there is one, else a new name whose id follows the
    English form; the Russian forms become its aliases."""
    given = kb_given_names(kb)
    ids: dict[str, str] = {}
    out: dict[str, Entity] = {}
    for e in entities:
        if e.type != "person" or e.in_kb or not has_cyrillic(e.name):
            out.setdefault(e.id, e)
            continue
        english = romanise(_base_form(e, ru), given)
        known = {k.id for k in kb.lookup(english) if k.type == "person"}
        if not known:
            known = _kb_folded_lookup(kb, english)
        k = kb.get(next(iter(known))) if len(known) == 1 else None
        if k is not None:
            new = Entity(k.id, k.type, k.name, k.aliases, k.wikidata, in_kb=True)
        else:
            forms = [
                f for f in (e.name, *e.aliases) if normalize_name(f) != normalize_name(english)
            ]
            new = Entity(
                content_id("person", normalize_name(english)), "person", english, tuple(forms)
            )
        ids[e.id] = new.id
        had = out.get(new.id)
        if had is not None and not had.in_kb:
            merged = tuple(dict.fromkeys((*had.aliases, *new.aliases)))
            new = replace(had, aliases=merged)
        out[new.id] = new
    moved = tuple(replace(m, entity=ids[m.entity]) if m.entity in ids else m for m in mentions)
    return tuple(out.values()), moved
