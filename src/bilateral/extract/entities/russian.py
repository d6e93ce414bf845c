"""Entities of a Russian document, linked to the same knowledge-base records as English ones.

The KB's Russian names (its ``russian`` forms and the Russian aliases ``kb/build.py`` grows from
data) are matched through the words' keys (the stem of each word's lemma, lang/ru.py), so every
inflected form of a name finds its record: "Путина", "Путиным"; "Объединённых Арабских
Эмиратов"; "ОАЭ". A cascade, the most trusted source first, as in the English stage:

1. KB names, word by word on keys; a capitalised word of the KB form must be capitalised in the
   text, an acronym must stand in capitals.
2. A KB person's surname alone ("Путин", "В.Путин") once the document has named the person in
   full.
3. natasha's NER on the sentences where a capitalised word is still unexplained; a person keeps
   the nominative of its name ("Ахмедом Шараа" -> "Ахмед Шараа"), a place or body that the KB
   knows by that nominative is the KB's.
4. One entity per name, as in the English stage (`_assemble`): names outside the KB get a
   content id, so the same name in another document is the same entity.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from bilateral.context import Context
from bilateral.extract.entities.persons import Link, free
from bilateral.extract.entities.russian_bodies import body_links, regions, state_bodies
from bilateral.kb import KnowledgeBase, normalize_name, russian_name_keys
from bilateral.lang.ru import RuName, RussianLayer, RussianText, RuToken
from bilateral.lang.stem import has_cyrillic
from bilateral.model import Document

# Of several records one Russian form names, the state first (as in matcher.py), then hand-
# written records before generated ones.
_TYPE_RANK = {"country": 0, "organization": 1, "place": 2, "person": 3}
_NER_TYPES = {"PER": "person", "LOC": "place", "ORG": "organization"}
# What may stand between two words of one name: nothing but space, a dot of an initial, a dash.
_GAP = frozenset(" \t\xa0.-–")
_COMPOUND = re.compile(r"\b([А-ЯЁа-яё]+о)-([А-ЯЁа-яё]{3,}(?:ая|ий|ое|ые|ый)\b)")
_PARTICLES = frozenset({"бен", "бин", "ибн", "бинт", "бинти"})
# Endings of a Russian patronymic ("Владимирович", "Ильинична", "Кузьмич").
_PATRONYMIC = ("вич", "вна", "ична", "ьич", "вича", "вны")
# ... and their keys (stems of the nominative: "александрович", "ильиничн", "александровн").
_PATRONYMIC_KEY = ("вич", "вн", "ичн", "ьич")


@dataclass(frozen=True, slots=True)
class _Form:
    keys: tuple[str, ...]
    caps: tuple[bool, ...]  # which words the KB form capitalises
    acronym: bool
    entity: str
    type: str
    plus: bool = False  # "ОПЕК+": the plus is part of the name, and no other form takes it
    literal: str = ""  # a one-word form that reads as a pronoun ("Того", the state; "того",
    # "те"): only as written
    noun: bool = False  # a one-word noun: no adjective of the same key ("Курской" is no "Курск")


class RussianMatcher:
    """Every Cyrillic form of the KB, indexed by its first word's key."""

    def __init__(self, kb: KnowledgeBase, ru: RussianLayer) -> None:
        by_first: dict[str, list[_Form]] = defaultdict(list)
        # (surname key, first letter) -> KB persons, for "В.Путин" in a text that names him no
        # other way
        initialled: dict[tuple[str, str], set[str]] = defaultdict(set)
        seen: set[tuple[tuple[str, ...], str]] = set()
        # The build's keys, when the analyser is the one they were computed with: lemmatising
        # some two thousand names would otherwise open every process's first Russian document.
        version, stored = russian_name_keys()
        if version != ru.version():
            stored = {}
        for form, eid in _with_joined(kb.surface_forms()):
            e = kb.get(eid)
            if e is None or not has_cyrillic(form):
                continue
            words = [w for w in form.replace("-", " - ").split() if any(c.isalnum() for c in w)]
            got = stored.get(form)
            keys = tuple(got) if got is not None else ru.keys(form)
            if not keys or (keys, eid) in seen:
                continue
            seen.add((keys, eid))
            caps = tuple(w[:1].isupper() for w in words) if len(words) == len(keys) else ()
            acronym = len(keys) == 1 and form.rstrip("+").isupper() and len(form) <= 8
            literal = form.lower() if len(keys) == 1 and _pronoun(form, ru) else ""
            plus = form.endswith("+")
            noun = len(keys) == 1 and ru.reading(form)[1] == "NOUN"
            by_first[keys[0]].append(_Form(keys, caps, acronym, eid, e.type, plus, literal, noun))
            if e.type == "person" and len(keys) >= 2 and len(words) == len(keys):
                initialled[(keys[-1], words[0][:1].lower())].add(eid)
        rank = {
            eid: (_TYPE_RANK.get(e.type, 9), int(e.generated)) for eid, e in kb.entities.items()
        }
        self._initialled = {k: next(iter(v)) for k, v in initialled.items() if len(v) == 1}
        self._by_first = {
            k: sorted(v, key=lambda f: (-len(f.keys), rank[f.entity])) for k, v in by_first.items()
        }

    def initialled(self, surname_key: str, initial: str) -> str | None:
        """The one KB person of this surname whose first name opens with ``initial``."""
        return self._initialled.get((surname_key, initial.lower()))

    def find(self, text: RussianText, ru: RussianLayer | None = None) -> list[Link]:
        """KB names in text order, the longest at each place, none overlapping. With `ru`, a
        second pass reads hyphenated capitalised words as their parts, where the first found
        nothing: texts join with a dash what a KB form spaces ("Абдель-Азизу" for "Абдель
        Азиз") and the other way round."""
        words = [t for t in text.tokens if any(c.isalnum() for c in t.text)]
        out = self._scan(words, text.text)
        if ru is None or not any("-" in t.text[1:] and t.text[:1].isupper() for t in words):
            return out
        parts = [p for t in words for p in _parts(t, ru)]
        again = [lk for lk in self._scan(parts, text.text) if free(lk.start, lk.end, out)]
        return sorted(out + again, key=lambda lk: lk.start)

    def _scan(self, words: list[RuToken], text: str) -> list[Link]:
        out: list[Link] = []
        i = 0
        while i < len(words):
            form = self._match(words, i, text)
            if form is None:
                i += 1
                continue
            a, b = words[i].start, words[i + len(form.keys) - 1].end + int(form.plus)
            out.append(Link(a, b, form.entity, form.type, text[a:b], "kb"))
            i += len(form.keys)
        return out

    def _match(self, words: list[RuToken], i: int, text: str) -> _Form | None:
        for form in self._by_first.get(words[i].key, ()):
            n = len(form.keys)
            span = words[i : i + n]
            if len(span) < n or any(t.key != k for t, k in zip(span, form.keys, strict=True)):
                continue
            if any(not set(text[x.end : y.start]) <= _GAP for x, y in itertools.pairwise(span)):
                continue
            if form.acronym and not span[0].text.isupper():
                continue
            if form.plus != text.startswith("+", span[-1].end):
                continue
            if form.literal and span[0].text.lower() != form.literal:
                continue
            if form.noun and span[0].pos == "ADJF":
                continue
            if form.caps and any(
                c and not t.text[:1].isupper() for t, c in zip(span, form.caps, strict=True)
            ):
                continue
            return form
        return None


def _pronoun(form: str, ru: RussianLayer) -> bool:
    tag = ru.reading(form)[2]
    return tag.startswith(("NPRO", "PREP", "CONJ", "PRCL")) or "Apro" in tag


def _with_joined(forms: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """Every KB form, and where it joins a compound adjective with a dash, the same form
    spelled as one word as well, as Russian writes both ("Центрально-Африканская Республика",
    "Центральноафриканская Республика")."""
    for form, eid in forms:
        yield form, eid
        joined = _COMPOUND.sub(lambda m: m.group(1) + m.group(2).lower(), form)
        if joined != form:
            yield joined, eid


def _parts(t: RuToken, ru: RussianLayer) -> list[RuToken]:
    """A capitalised hyphenated token as one token per part ("Абдель-Азизу" -> "Абдель",
    "Азизу"), each with its own key; any other token as it is."""
    if "-" not in t.text[1:] or not t.text[:1].isupper():
        return [t]
    out, at = [], t.start
    for piece in t.text.split("-"):
        if piece:
            lemma, pos, tag, key = ru.reading(piece)
            out.append(RuToken(at, at + len(piece), piece, lemma, pos, tag, key))
        at += len(piece) + 1
    return out


@functools.lru_cache(maxsize=4)
def _matcher(kb: KnowledgeBase, ru: RussianLayer) -> RussianMatcher:
    return RussianMatcher(kb, ru)


def russian_links(doc: Document, ctx: Context) -> list[Link]:
    """Steps 1-3: the mentions of a Russian document, before entities are assembled."""
    kb, ru = ctx.kb, ctx.ru
    text = ru.read(doc)
    # 1. KB names.
    links = _extend_persons(_matcher(kb, ru).find(text, ru), text, ru)
    covered = bytearray(len(doc.text))
    for lk in links:
        covered[lk.start : lk.end] = b"\x01" * (lk.end - lk.start)
    # 2. Regions by their adjective ("Курской области"), surnames of the KB persons named in
    #    full.
    for lk in [*regions(text, kb, links, covered), *_surnames(text, kb, ru, links, covered)]:
        links.append(lk)
        covered[lk.start : lk.end] = b"\x01" * (lk.end - lk.start)
    #    States' bodies by their genitive chain ("Совета министров Саудовской Аравии"); the
    #    state stays a mention of its own.
    for lk in state_bodies(text, kb, links, covered):
        links.append(lk)
        covered[lk.start : lk.end] = b"\x01" * (lk.end - lk.start)
    todo = _unexplained(text, covered, ru)
    if todo:
        by_start = {t.start: i for i, t in enumerate(text.tokens)}
        kb_after = {lk.start: lk for lk in links if lk.source == "kb"}
        for name in ru.names(doc, todo):
            if name.type == "PER":
                name = _uncovered_person(name, covered, doc.text, ru) or name
            if any(covered[name.start : name.end]) or _not_a_name(name.text, name.type, ru):
                continue
            if name.type != "PER":
                got = body_links(name, text, by_start, kb_after, kb, ru)
                if got is None:
                    got = [_ner_link(name.start, name.end, name.type, name.normal, kb)]
                for lk in got:
                    if lk in links:
                        continue
                    # A state's long form takes the place of the short one inside it.
                    links = [x for x in links if not _inside_same(x, lk)]
                    links.append(lk)
                    covered[lk.start : lk.end] = b"\x01" * (lk.end - lk.start)
                continue
            for at, part in _split_names(name.start, name.text, ru):
                end = at + len(part)
                normal = name.normal if part == name.text else ru.nominative(part, "PER")
                start, normal = _drop_address(at, part, normal, ru)
                links.append(_ner_link(start, end, name.type, normal, kb))
                covered[start:end] = b"\x01" * (end - start)
    joined = _join_persons(sorted(links, key=lambda lk: lk.start), doc.text, kb, ru)
    return _initialled(joined, doc.text, _matcher(kb, ru), kb, ru)


# An initial glued to a surname, as transcripts label turns: "В.Путин", "А.Г.Лукашенко".
_INITIALLED = re.compile(r"([А-ЯЁ])\.(?:[А-ЯЁ]\.)? ?([А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)?)")


def _initialled(
    links: list[Link], text: str, matcher: RussianMatcher, kb: KnowledgeBase, ru: RussianLayer
) -> list[Link]:
    """A person the KB does not know, named by an initial and a surname that no fuller name
    of the document explains ("В.Путин" in a transcript of his address): the one KB person
    of that surname and initial."""
    out = []
    for lk in links:
        if lk.type == "person" and "|" in lk.key:
            m = _INITIALLED.fullmatch(text[lk.start : lk.end])
            eid = matcher.initialled(ru.reading(m.group(2))[3], m.group(1)) if m else None
            e = kb.get(eid) if eid else None
            if e is not None:
                lk = Link(lk.start, lk.end, e.id, "person", e.name, lk.source)
        out.append(lk)
    return out


def _inside_same(inner: Link, outer: Link) -> bool:
    return (
        inner.key == outer.key
        and outer.start <= inner.start
        and inner.end <= outer.end
        and inner != outer
    )


def _extend_persons(links: list[Link], text: RussianText, ru: RussianLayer) -> list[Link]:
    """A KB person's name goes on over the capitalised words that follow it with nothing
    between and that no dictionary knows as common words: the KB spells "Мухаммед бен
    Сальман", the text "Мухаммедом Бен Сальманом Аль Саудом"; "Саудом" is no second person.
    A word that the name already holds opens the same name again, in another order: the
    participants' cards "Михаил Мишустин Мишустин Михаил Владимирович" are two mentions."""
    starts = {lk.start for lk in links}
    by_start = {t.start: i for i, t in enumerate(text.tokens)}
    out = []
    for lk in links:
        if lk.type != "person":
            out.append(lk)
            continue
        start, end = lk.start, lk.end
        i = by_start.get(start, len(text.tokens))
        seen = set()
        while i < len(text.tokens) and text.tokens[i].end <= end:
            seen.add(ru.name_key(text.tokens[i].text))
            i += 1
        j = by_start.get(_next_start(text, end), -1)
        while 0 <= j < len(text.tokens):
            t = text.tokens[j]
            if (
                t.start in starts
                or not set(text.text[end : t.start]) <= {" "}
                or not t.text[:1].isupper()
                or not has_cyrillic(t.text)
                or ru.plain_word(t.text)
            ):
                break
            key = ru.name_key(t.text)
            if key in seen:
                out.append(_cut(lk, start, end, text.text))
                start, seen = t.start, set()
            seen.add(key)
            end, j = t.end, j + 1
        out.append(_cut(lk, start, end, text.text))
    return out


def _cut(lk: Link, start: int, end: int, text: str) -> Link:
    if (start, end) == (lk.start, lk.end):
        return lk
    return Link(start, end, lk.key, lk.type, text[start:end], lk.source)


def _split_names(start: int, surface: str, ru: RussianLayer) -> list[tuple[int, str]]:
    """A person's name as the model tags it, cut where a second name begins: a name holds each
    word once and ends after its patronymic when that stands last ("Фамилия Имя Отчество"),
    so "Владимир Колокольцев Колокольцев Владимир Александрович" is two names. (offset,
    text) of each."""
    out: list[tuple[int, str]] = []
    words: list[str] = []
    seen: set[str] = set()
    at = piece = start
    for w in surface.split(" "):
        key = ru.name_key(w) if w else ""
        closed = len(words) >= 3 and _is_patronymic(words[-1], ru)
        if words and w and (key in seen or closed):
            out.append((piece, " ".join(words)))
            words, seen, piece = [], set(), at
        words.append(w)
        seen.add(key)
        at += len(w) + 1
    out.append((piece, " ".join(words)))
    return out


def _is_patronymic(word: str, ru: RussianLayer | None = None) -> bool:
    """ "Александрович", "Александровичем", "Ильиничной"."""
    if word.lower().endswith(_PATRONYMIC):
        return True
    return ru is not None and any("Patr" in p.tag for p in ru.readings(word))


def _next_start(text: RussianText, at: int) -> int:
    i = at
    while i < len(text.text) and text.text[i] == " ":
        i += 1
    return i


def _drop_address(start: int, surface: str, normal: str, ru: RussianLayer) -> tuple[int, str]:
    """The words of address the model takes into a name ("Уважаемый Х.Бен Тарек"), dropped:
    a name does not open with a word the dictionary knows only as a common word."""
    words, norms = surface.split(" "), normal.split(" ")
    if len(words) != len(norms):
        return start, normal
    k = 0
    while k < len(words) - 1 and ru.plain_word(words[k]):
        start += len(words[k]) + 1
        k += 1
    return start, " ".join(norms[k:])


def _uncovered_person(
    name: RuName, covered: bytearray, text: str, ru: RussianLayer
) -> RuName | None:
    """A person's name whose first words the model took from a name already found: "Президентом
    Республики Гвинея-Бисау Умару Сиссоку Эмбало" tags "Гвинея-Бисау Умару ..." as one name,
    the state's words included. The words after the covered ones, when they are all free and
    capitalised and more than one (a first name left over from a surname found already, as in
    "Хурэлсух Ухнагийн", is no new person); None otherwise."""
    if not any(covered[name.start : name.end]):
        return None
    at = name.start
    for word in name.text.split(" "):
        end = at + len(word)
        if word and not any(covered[at:end]):
            rest = text[at : name.end]
            words = rest.split()
            if (
                any(covered[at : name.end])
                or len(words) < 2
                or not all(w[:1].isupper() for w in words)
            ):
                return None
            return RuName(at, name.end, name.type, rest, ru.nominative(rest, name.type))
        at = end + 1
    return None


def _surnames(
    text: RussianText, kb: KnowledgeBase, ru: RussianLayer, links: list[Link], covered: bytearray
) -> list[Link]:
    """ "Путин" alone, "В.Путин": a KB person's surname (the last word of a Russian form of two
    or more words, the first of "Путин В. В.") where the document names that person in full."""
    owners: dict[str, set[str]] = defaultdict(set)
    for eid in {lk.key for lk in links if lk.type == "person"}:
        e = kb.get(eid)
        for form in e.aliases if e is not None else ():
            words = form.split()
            # After "бен", "ибн" the last word names the father, not the family.
            if len(words) > 1 and has_cyrillic(form) and words[-2].lower() not in _PARTICLES:
                last = words[0] if words[-1].endswith(".") else words[-1]
                owners[ru.name_key(last)].add(eid)
    out: list[Link] = []
    for t in text.tokens:
        if not t.text[:1].isupper():
            continue
        eids = owners.get(ru.name_key(t.text))
        if eids and len(eids) == 1 and not any(covered[t.start : t.end]):
            eid = next(iter(eids))
            out.append(Link(t.start, t.end, eid, "person", t.text, "kb", partial=True))
    return out


def _unexplained(text: RussianText, covered: bytearray, ru: RussianLayer) -> list[tuple[int, int]]:
    """Sentences holding a capitalised word, not the first, that nothing explains yet and that
    the dictionary does not know only as a common word (Kremlin texts capitalise "Президент").
    Whole sentences: windows of ten words around such words, which the model's three
    convolutions of width three should read alike, cost names on the development set."""
    out = []
    for s in text.sentences:
        for t in text.tokens[s.first + 1 : s.last]:
            if (
                t.text[:1].isupper()
                and not covered[t.start]
                and has_cyrillic(t.text)
                and not ru.plain_word(t.text)
            ):
                out.append((s.start, s.end))
                break
    return out


def _not_a_name(text: str, label: str, ru: RussianLayer) -> bool:
    """What the model tags but no name is: a word the dictionary knows only as a common word
    ("Переговоры" opening a heading, "Родина", "Королевства"), a pronoun ("Вами"), a person's
    name made only of such words ("Президент"), a lone adjective."""
    words = text.split()
    if label == "PER" and all(ru.plain_word(w) for w in words):
        return True
    if len(words) != 1:
        return False
    # An abbreviation of a common noun ("СМИ", "ВВП"), not of a body ("МИД", "ЦК").
    if label == "ORG" and text.isupper():
        tags = [p.tag for p in ru.readings(text)]
        if (
            tags
            and all(p.is_known for p in ru.readings(text))
            and all("Abbr" in t and "Orgn" not in t and "Geox" not in t for t in tags)
        ):
            return True
    # A lone adjective names nothing ("Российско-белорусские" opening a heading).
    readings = ru.readings(text)
    return ru.plain_word(text) or all(p.tag.POS in ("ADJF", "ADJS", "PRTF") for p in readings)


def _ner_link(start: int, end: int, label: str, normal: str, kb: KnowledgeBase) -> Link:
    etype = _NER_TYPES.get(label, "organization")
    known = [e for e in kb.lookup(normal) if etype == "person" or e.type != "person"]
    if known:
        e = min(known, key=lambda e: _TYPE_RANK.get(e.type, 9))
        return Link(start, end, e.id, e.type, e.name, "ner")
    return Link(start, end, f"{etype}|{normalize_name(normal)}", etype, normal, "ner")


def _join_persons(links: list[Link], text: str, kb: KnowledgeBase, ru: RussianLayer) -> list[Link]:
    """A person the KB does not know joins the person of this document named in full whose
    name it shortens or reorders, when only one such person fits:
    the surname alone ("Шараа" -> "Ахмед Шараа"), initials and the last word ("Х.Бен Тарек Аль
    Саид" -> "Хайсам Бен Тарик Аль Саид"), the first name and patronymic ("Владимир
    Владимирович" -> "Владимир Путин"), the same words in another order (the page's index of
    persons, "Сассу-Нгессо Дени")."""
    # (key of the link, word keys of a full name, where it stands)
    full: list[tuple[str, tuple[str, ...], int]] = []
    for lk in links:
        if lk.type != "person" or lk.partial:
            continue
        names = [lk.name] if "|" in lk.key else [lk.name, *_russian_forms(kb, lk.key)]
        for name in names:
            keys = _word_keys(name, ru)
            if len(keys) > 1 and not any(keys == f[1] and lk.key == f[0] for f in full):
                full.append((lk.key, keys, lk.start))
    # In text order, from the names before it: of two orderings of one name the first stays.
    out: list[Link] = []
    joined: dict[str, str] = {}
    for lk in links:
        if lk.type == "person" and "|" in lk.key:
            surface = text[lk.start : lk.end]
            shapes = {(_word_keys(n, ru), n) for n in (lk.name, surface)}
            owners = {
                joined.get(key, key)
                for key, whole, at in full
                if at < lk.start
                and key != lk.key
                and any(_shortens(keys, n, whole) for keys, n in shapes)
            }
            if len(owners) == 1:
                joined[lk.key] = owners.pop()
                lk = Link(lk.start, lk.end, joined[lk.key], "person", lk.name, lk.source)
        out.append(lk)
    return out


def _stem_like(a: str, b: str) -> bool:
    """Two keys of one word, one with a case ending left on: one opens the other and they part
    by at most two letters."""
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 3 and long_.startswith(short) and len(long_) - len(short) <= 2


def _russian_forms(kb: KnowledgeBase, eid: str) -> list[str]:
    e = kb.get(eid)
    return [a for a in e.aliases if has_cyrillic(a)] if e is not None else []


def _word_keys(name: str, ru: RussianLayer) -> tuple[str, ...]:
    """The key of each word of a name, an initial ("Х.") as its letter and a dot."""
    out = []
    for w in name.replace(".", ". ").split():
        out.append(w.lower() if w.endswith(".") else ru.name_key(w))
    return tuple(out)


def _shortens(keys: tuple[str, ...], name: str, whole: tuple[str, ...]) -> bool:
    if not keys:
        return False
    if keys == whole:  # the same name, put in the nominative two ways
        return True
    if len(keys) == 1:
        return keys[0] == whole[-1]
    if sorted(keys) == sorted(whole):
        return True
    # The name with a patronymic, in either order ("Колокольцев Владимир Александрович",
    # "Владимир Александрович Колокольцев" for "Владимир Колокольцев").
    bare = sorted(k for k in keys if not k.endswith(_PATRONYMIC_KEY))
    if len(bare) >= 2 and len(bare) < len(keys) and bare == sorted(whole):
        return True
    # The same words, one of them put in a wrong nominative ("Мин Аун Хлайна").
    if len(keys) == len(whole) and all(_stem_like(a, b) for a, b in zip(keys, whole, strict=True)):
        return True
    initials = [k for k in keys if k.endswith(".")]
    if initials and keys[: len(initials)] == tuple(initials):
        rest = keys[len(initials) :]
        return (
            bool(rest)
            and rest[-1] == whole[-1]
            and all(i[0] == w[0] for i, w in zip(initials, whole, strict=False))
        )
    words = name.split()
    return (
        len(keys) == 2
        and len(words) == 2
        and words[1].lower().endswith(_PATRONYMIC)
        and keys[0] == whole[0]
    )
