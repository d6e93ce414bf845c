"""Agreements named in Russian text: "Договор о дружбе и сотрудничестве", "соглашение по
модернизации и расширению ...", "Меморандум о взаимопонимании", "Программа «...»".

The cascade of the English stage, on lemmas (``ctx.ru``):

1. A head: a word one of whose noun readings has a ``ru_heads`` lemma of
   ``kb/data/agreement_types.yaml`` ("Устав" is read first as a gerund), not inside a body's
   name ("Организации Договора о коллективной безопасности"); a ``ru_titled`` head ("проект")
   only with a quoted title. An instrument the vocabulary's ``ru_acronyms`` lists ("ДНЯО").
2. Its complement: a preposition that opens what the instrument is about ("о", "об", "по",
   "между"; "с" before a named party), a noun or adjective in the genitive ("Договор дружбы"),
   or a quoted title (after a dash too: "план – «...»"); then the words up to punctuation, a
   verb, a participle or a pronoun ("..., которое было подписано"), or a lower-case word that
   can only be nominative (a clause's subject: "... президентов России и США российская
   сторона"). An active participle's phrase after a comma goes on it ("перечень объектов,
   подпадающих под ..."). A head without a complement ("подписали соглашение") is a
   back-reference, no new agreement, unless the vocabulary's ``ru_named`` lists it
   ("совместные заявления", as "Joint Statement"), an adjective before it has a capital inside
   the sentence ("Минские соглашения"), or an adjective of its own stands near a signing or
   adopting verb ("принята развёрнутая декларация"); never before a preposition it does not take
   ("заявления для прессы").
3. Signed: a time in the sentence of a signing verb ("подписан", "заключили") that comes
   before the name or right after it; parties: the document's two main countries.
4. One agreement per name (by the stems of its words), every sentence that names it as evidence.
5. Its English name (english.py), with the knowledge base's English names of the states, bodies
   and persons in it: the record's canonical name and what its id is made of, as an English
   report's is, so the same treaty has one name in either language; the Russian name stays
   beside it (``name_original``). Two Russian names with one English name are one agreement.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from bilateral.extract.agreements.english import english_name
from bilateral.extract.agreements.record import normalised
from bilateral.extract.text.units import main_countries
from bilateral.kb import KnowledgeBase
from bilateral.kb.vocabulary import read_data
from bilateral.lang.ru import RussianLayer, RuToken
from bilateral.lang.stem import stem_word
from bilateral.model import Agreement, Document, Evidence, Mention, TimeExpr, content_id


@dataclass(frozen=True)
class RuHeads:
    heads: dict[tuple[str, ...], str]  # lemmas -> agreement type
    named: frozenset[tuple[str, ...]]  # heads that are a name alone ("совместное заявление")
    titled: frozenset[tuple[str, ...]]  # heads that name one only with a quoted title
    body_words: frozenset[str]
    openers: frozenset[tuple[str, ...]]  # "в отношении": what the instrument is about follows
    about: frozenset[str]  # "касающаяся": after a comma, what it is about follows
    acronyms: dict[str, tuple[str, str]]  # "ДНЯО" -> (English name, type)
    about_only: frozenset[tuple[str, ...]] = frozenset()  # "указ": only with "о ..." or a quote
    adjectival: frozenset[tuple[str, ...]] = frozenset()  # "пасхальное перемирие": an adjective
    # names one


@functools.lru_cache(maxsize=1)
def ru_heads() -> RuHeads:
    """The ``ru_heads`` of ``kb/data/agreement_types.yaml``, loaded once."""
    data = read_data("agreement_types.yaml")
    heads = {
        tuple(str(h).split()): str(tid)
        for tid, e in data["types"].items()
        for field in ("ru_heads", "ru_named", "ru_titled")
        for h in e.get(field, ())
    }
    named, titled = (
        frozenset(tuple(str(h).split()) for e in data["types"].values() for h in e.get(field, ()))
        for field in ("ru_named", "ru_titled")
    )
    return RuHeads(
        heads,
        named,
        titled,
        frozenset(data.get("ru_body_words", ())),
        frozenset(tuple(str(o).split()) for o in data.get("ru_openers", ())),
        frozenset(data.get("ru_about_participles", ())),
        {str(e["acronym"]): (str(e["name"]), str(e["type"])) for e in data.get("ru_acronyms", ())},
        frozenset(tuple(str(h).split()) for h in data.get("ru_about_only", ())),
        frozenset(tuple(str(h).split()) for h in data.get("ru_adjectival", ())),
    )


_OPENERS = frozenset("о об обо по между в на".split())  # "в области ...", "на период ..."
_ABOUT = frozenset("о об обо по между".split())  # what may follow the head directly
# What ends a name: a verb of any form, a pronoun, a particle, a conjunction other than "и".
_ENDS = frozenset("VERB INFN PRTF PRTS GRND NPRO PRCL CONJ PRED ADVB INTJ COMP".split())
_SIGN_VERBS = frozenset("подписать подписывать заключить заключать принять утвердить".split())
_LONGEST = 20
_PROPER = ("Geox", "Name", "Surn", "Orgn", "Abbr", "Trad", "LATN", "UNKN")
_QUOTES = {"«": "»", "“": "”", '"': '"'}
_DASHES = frozenset("–—-:")
# What a name's complement is made of ("двух стран": a numeral in the genitive chain too).
_WORDS = frozenset("NOUN ADJF NUMR NUMB LATN UNKN PRTF".split())
_WITH = frozenset(["с", "со"])


def _case(t: RuToken) -> bool:
    return "gent" in t.tag


def _nominative_only(t: RuToken, ru: RussianLayer) -> bool:
    """A noun or adjective that can only be in the nominative: no complement of a name is (its
    words are in the genitive or in the case of their preposition), so it begins a clause."""
    if str(t.pos) not in ("NOUN", "ADJF", "NUMR") or not t.text[:1].islower():
        return False  # a name in apposition keeps the nominative: "Республикой Гайана"
    cases = {p.tag.case for p in ru.readings(t.text) if t.pos == p.tag.POS}
    return cases == {"nomn"}


def _describes(t: RuToken, noun: RuToken, ru: RussianLayer) -> bool:
    """An active participle after a comma that agrees with the name's last word in case and
    number ("объектов, подпадающих под ..."): its phrase describes what the instrument is about.
    A passive one ("соглашение, подписанное ...") says what was done to the instrument."""
    if t.pos != "PRTF" or "actv" not in t.tag or noun.pos not in ("NOUN", "ADJF"):
        return False
    own = {(p.tag.case, p.tag.number) for p in ru.readings(noun.text) if noun.pos == p.tag.POS}
    return any(
        (p.tag.case, p.tag.number) in own
        for p in ru.readings(t.text)
        if p.tag.POS == "PRTF" and "actv" in p.tag
    )


def _oblique(t: RuToken, ru: RussianLayer) -> bool:
    """A capitalised word that can be in the genitive or instrumental continues a name ("визите
    Короля ...", "между Правительством ..."); one only in the nominative starts the next heading.
    Every reading counts: "Боливарианской" is read first as locative, though its noun is not."""
    if "gent" in t.tag or "ablt" in t.tag:
        return True
    return any(
        p.tag.case in ("gent", "ablt", "gen2") for p in ru.readings(t.text) if t.pos == p.tag.POS
    )


def _name_end(
    toks: Sequence[RuToken],
    i: int,
    n: int,
    text: str,
    named: set[int],
    dated: set[int],
    ru: RussianLayer,
) -> int | None:
    """Where the name whose head is ``toks[i : i + n]`` ends (index past its last token), or
    None when the head has no complement. ``named``: offsets inside the names of persons,
    states and bodies (a capital there goes on the name after a name, a preposition or in the
    genitive: "визита Султана Омана X в Российскую Федерацию", not "... переговоров Владимир
    Путин"); ``dated``: offsets inside dates (not a year alone), which end it ("... переговоров 4 марта")."""
    j = i + n
    if j >= len(toks):
        return None
    first = toks[j]
    voc = ru_heads()
    opener = next(
        (len(o) for o in voc.openers if tuple(t.text.lower() for t in toks[j : j + len(o)]) == o),
        0,
    )
    if (
        not opener
        and first.text == ","
        and j + 1 < len(toks)
        and toks[j + 1].pos == "PRTF"
        and toks[j + 1].lemma in voc.about
    ):
        opener = 2  # "инициатива, касающаяся безопасности ..."
    if (
        not opener
        and first.text.lower() in _WITH
        and j + 1 < len(toks)
        and toks[j + 1].start in named
    ):
        opener = 1  # "соглашение с Министерством обороны": named by its other party
    if opener:
        j += opener
        if j >= len(toks):
            return None
        first = toks[j]
    if first.text in _DASHES and j + 1 < len(toks) and toks[j + 1].text in _QUOTES:
        j += 1  # "стратегический план – «...»": a dash or colon before the quoted title
        first = toks[j]
    if first.text in _QUOTES:
        close = _QUOTES[first.text]
        for k in range(j + 1, min(len(toks), j + 1 + _LONGEST)):
            if toks[k].text == close:
                return k + 1
        return None
    low = first.text.lower()
    if not (opener or low in _ABOUT or (str(first.pos) in ("NOUN", "ADJF") and _case(first))):
        return None
    end = j
    k = j
    while k < len(toks) and k - i < _LONGEST:
        t = toks[k]
        low = t.text.lower()
        if str(t.pos) == "PNCT":
            if t.text in "-–" and text[toks[k - 1].end : t.start] == "":
                k += 1  # "российско-монгольский": a hyphen inside a word
                continue
            if t.text == "," and k + 1 < len(toks) and _describes(toks[k + 1], toks[k - 1], ru):
                k += 2  # "перечень объектов, подпадающих под ...": a participle's phrase
                continue
            if t.text == "," and k + 1 < len(toks) and _listed_adjective(toks[k - 1], toks[k + 1]):
                k += 1  # "программа физического, математического ... образования"
                continue
            break
        goes_on = t.start in named and (
            toks[k - 1].start in named or toks[k - 1].pos == "PREP" or "gent" in t.tag
        )
        if str(t.pos) in _ENDS and low not in ("и", "или") and not goes_on:
            break
        if t.start in dated:
            break
        if goes_on:
            k += 1
            end = k
            continue
        proper = any(g in t.tag for g in _PROPER)
        after_preposition = toks[k - 1].pos == "PREP"  # "в Балтийском море": no new heading
        if k > j and t.text[:1].isupper() and not (proper or after_preposition or _oblique(t, ru)):
            break  # "... 4 марта 2025 года Список документов": the next heading of a page
        if "Anph" in t.tag:
            break  # "которое", "который": a relative clause begins
        if k > j and toks[k - 1].pos != "PREP" and _nominative_only(t, ru):
            break  # "... президентов России и США российская и американская стороны": a subject
        if low in ("и", "или"):
            if k + 1 >= len(toks) or str(toks[k + 1].pos) not in ("NOUN", "ADJF"):
                break
            if low == "или" and not _case(toks[k + 1]):
                break  # "или иные документы": another thing, not more of the name
            k += 1
            continue
        if str(t.pos) in _WORDS or low in _OPENERS:
            k += 1
            if low not in _OPENERS:
                end = k
            continue
        if str(t.pos) == "PREP":
            k += 1
            continue
        break
    return end if end > j else None


def _listed_adjective(before: RuToken, after: RuToken) -> bool:
    """Two adjectives a comma lists, in one case: "физического, математического"."""
    if str(before.pos) != "ADJF" or str(after.pos) != "ADJF":
        return False
    return _grammemes(before) & _grammemes(after) & _CASE_NAMES != set()


_CASE_NAMES = frozenset(("nomn", "gent", "datv", "accs", "ablt", "loct"))


def _grammemes(t: RuToken) -> set[str]:
    return set(t.tag.replace(" ", ",").split(","))


_ADJECTIVES_MAX = 2


def _adjectives(toks: Sequence[RuToken], i: int) -> int:
    """The start of a name with the adjectives before its head ("Совместное заявление",
    "Всеобъемлющий договор"); a pronoun's ("наше", "данное") is not part of it."""
    first = i
    while first > 0 and i - first < _ADJECTIVES_MAX and _modifier(toks[first - 1]):
        first -= 1
    return first


def _about(toks: Sequence[RuToken], j: int) -> bool:
    """What an instrument is about follows token ``j``: "о", "об", "по", or a quoted title
    (after a dash too)."""
    if j < len(toks) and toks[j].text in _DASHES:
        j += 1
    return j < len(toks) and (toks[j].text.lower() in _ABOUT or toks[j].text in _QUOTES)


def _preposition_after(toks: Sequence[RuToken], j: int) -> bool:
    """A preposition after a head that took no complement ("для прессы", "с журналистами"): the
    phrase is about something else than an instrument."""
    return j < len(toks) and toks[j].pos == "PREP"


def _proper_before(toks: Sequence[RuToken], i: int) -> bool:
    """A head after adjectives one of which is written with a capital inside the sentence
    ("Минские соглашения", "Хельсинкского заключительного акта"): a proper name, as "the Minsk
    agreements" in English; the sentence's first word is capitalised whatever it is."""
    return any(
        k > 0
        and toks[k].text[:1].isupper()
        and toks[k - 1].text not in (".", "!", "?", "«", "“", '"', ":")
        for k in range(_adjectives(toks, i), i)
    )


def _modifier(t: RuToken) -> bool:
    """An adjective that may stand in a name: no pronoun ("наше", "данное"); a participle used
    as one ("развёрнутая")."""
    return (t.pos == "ADJF" and "Apro" not in t.tag) or (t.pos == "PRTF" and "Adjx" in t.tag)


_NEAR = 10  # the verb's reach, in tokens either side (a page's run-on heading is no clause)


def _adopted(toks: Sequence[RuToken], i: int) -> bool:
    """A head with an adjective of its own in the sentence of a signing or adopting verb
    ("принята развёрнутая декларация", "подписали совместный меморандум"): the instrument the
    sentence reports, not a back-reference ("подписанное соглашение", "это соглашение")."""
    return (
        i > 0
        and _modifier(toks[i - 1])
        and toks[i - 1].lemma not in _SIGN_VERBS
        and any(t.lemma in _SIGN_VERBS for t in toks[max(0, i - _NEAR) : i + _NEAR])
    )


def _quoted(toks: Sequence[RuToken], i: int, n: int) -> tuple[int, int] | None:
    """A head that closes a quoted name: «черноморской инициативы»; (first, end) of the quote."""
    j = i + n
    if j >= len(toks) or toks[j].text not in _QUOTES.values():
        return None
    for k in range(i - 1, max(-1, i - 1 - _ADJECTIVES_MAX - 1), -1):
        if _QUOTES.get(toks[k].text) == toks[j].text:
            return k, j + 1
        if toks[k].pos not in ("ADJF", "NOUN"):
            return None
    return None


_NOT_NOUNS = frozenset("GRND VERB INFN PRTS ADVB PRED".split())


def _as_head(t: RuToken, voc: RuHeads, ru: RussianLayer) -> RuToken:
    """The token read as a head noun where its first reading is another word but a noun reading
    is a head: "Устав ООН" is first read as the gerund of "устать"."""
    if t.pos not in _NOT_NOUNS:
        return t
    for p in ru.readings(t.text):
        lemma = p.normal_form.replace("ё", "е")
        if p.tag.POS == "NOUN" and (lemma,) in voc.heads:
            return dataclasses.replace(t, lemma=lemma, pos="NOUN", tag=str(p.tag))
    return t


def _heads_at(toks: Sequence[RuToken], i: int, voc: RuHeads) -> tuple[str, int] | None:
    for n in (2, 1):
        key = tuple(t.lemma for t in toks[i : i + n])
        if len(key) == n and key in voc.heads:
            return voc.heads[key], n
    return None


def _signed(
    toks: Sequence[RuToken],
    sent: tuple[int, int],
    times: Sequence[TimeExpr],
    name: tuple[int, int],
) -> str | None:
    """The one time of the sentence of a signing verb, outside the name ("план до 2030 года"
    was not signed in 2030)."""
    if not any(t.lemma in _SIGN_VERBS for t in toks):
        return None
    here = [t for t in times if sent[0] <= t.start < sent[1] and not name[0] <= t.start < name[1]]
    return here[0].value if len(here) == 1 else None


def _key(name: str) -> str:
    words = [w for w in name.lower().replace("ё", "е").split() if w not in _ABOUT]
    return " ".join(stem_word(w.strip('«»“”"')) for w in words)


# Possessive and demonstrative words a back-reference adds to a name ("Договор о нашем
# стратегическом партнёрстве"): no part of what it names.
_POINTERS = frozenset(
    "наш наша наше нашего нашей нашему нашим нашем нашу ваш ваша ваше вашего "
    "вашей вашему вашим вашем вашу их свой своего своей своему своим своем свою этот этого этой "
    "этому этим этом эту данный данного данной данном".split()
)


def _same(short: str, long: str) -> bool:
    """Two keys of one agreement: one starts the other ("Договор о дружбе" in "Договор о дружбе и
    сотрудничестве"), or, with the same head, every word of one but its pointers is in the other
    ("Договор о нашем стратегическом партнёрстве" in "Договор между ... о стратегическом
    партнёрстве и сотрудничестве")."""
    if long.startswith(short) or short.startswith(long):
        return True
    a, b = short.split(), long.split()
    if not a or not b or a[0] != b[0]:
        return False
    pointers = {stem_word(w) for w in _POINTERS}
    a_words, b_words = set(a) - pointers, set(b) - pointers
    return len(a_words) > 1 and (a_words <= b_words or b_words <= a_words)


def _english(kb: KnowledgeBase | None, entity: str) -> str | None:
    """The knowledge base's English name of an entity; None where it has none (a name natasha
    found is then transliterated with the rest of the agreement's name)."""
    e = kb.get(entity) if kb is not None else None
    return e.name if e is not None and e.name.isascii() else None


def find_agreements_ru(
    doc: Document,
    mentions: Sequence[Mention],
    times: Sequence[TimeExpr],
    ru: RussianLayer,
    kb: KnowledgeBase | None = None,
) -> tuple[Agreement, ...]:
    voc = ru_heads()
    read = ru.read(doc)
    text = doc.text
    mains = main_countries(mentions)
    parties = tuple(n for n in (_english(kb, e) for e in mains) if n)
    in_english = {
        m.start: (m.end, n)
        for m in mentions
        if m.type in ("person", "country", "organization", "place")
        and (n := _english(kb, m.entity)) is not None
    }
    # key -> (Russian name, English name, type, signed, sentences)
    named: dict[str, tuple[str, str, str, str | None, list[tuple[int, int]]]] = {}
    inside = {
        at
        for m in mentions
        if m.type in ("person", "country", "organization", "place")
        for at in range(m.start, m.end)
    }
    # A date ends a name (a page's heading runs into its date line); a year alone is part of
    # it ("план действий до 2026 года").
    dated = {at for t in times if t.precision != "year" for at in range(t.start, t.end)}
    for sent in read.sentences:
        toks = [_as_head(t, voc, ru) for t in read.tokens[sent.first : sent.last]]
        span = (sent.start, sent.end)
        for i in range(len(toks)):
            known = voc.acronyms.get(toks[i].text)
            if known is not None:  # "ДНЯО": an instrument by its acronym
                key = _key(toks[i].text)
                got = named.get(key)
                spans = [*got[4], span] if got and span not in got[4] else [span]
                signed = _signed(toks, span, times, (toks[i].start, toks[i].end))
                named[key] = (toks[i].text, known[0], known[1], got[3] if got else signed, spans)
                continue
            head = _heads_at(toks, i, voc)
            if head is None:
                continue
            if i > 0 and toks[i - 1].lemma in voc.body_words:
                continue  # the body named after it
            end = _name_end(toks, i, head[1], text, inside, dated, ru)
            first = i
            lemmas = tuple(t.lemma for t in toks[i : i + head[1]])
            if lemmas in voc.about_only and not _about(toks, i + head[1]):
                continue  # "указом Президента": the decree's author, not what it is about
            if end is None and lemmas in voc.adjectival and i > 0 and _modifier(toks[i - 1]):
                first, end = _adjectives(toks, i), i + head[1]  # "пасхальное перемирие"
            elif end is None:
                quoted = _quoted(toks, i, head[1])
                if quoted is not None:
                    first, end = quoted
                elif _preposition_after(toks, i + head[1]):
                    continue  # "совместные заявления для прессы": a remark to an audience
                elif tuple(t.lemma for t in toks[i : i + head[1]]) in voc.named:
                    end = i + head[1]  # "совместные заявления": a name without a complement
                elif _proper_before(toks, i) or _adopted(toks, i):
                    first, end = _adjectives(toks, i), i + head[1]  # "Минские соглашения"
                else:
                    continue
            else:
                first = _adjectives(toks, i)
            name = text[toks[first].start : toks[end - 1].end]
            if lemmas in voc.titled and not any(t.text in _QUOTES for t in toks[first:end]):
                continue  # "проект строительства": a venture; "проект «...»": a programme
            english = english_name(
                toks[first:end], (i - first, i - first + head[1]), in_english, parties
            )
            key = _key(name)
            signed = _signed(toks, span, times, (toks[first].start, toks[end - 1].end))
            # A shorter mention of a name already found ("Договор о дружбе" after "Договор о
            # дружбе и сотрудничестве") is the same agreement.
            same = next((k for k in named if _same(key, k)), None)
            if same is None:
                named[key] = (name, english, head[0], signed, [span])
                continue
            old_name, old_english, kind, old_signed, spans = named.pop(same)
            if len(name) > len(old_name):
                old_name, old_english = name, english
            if span not in spans:
                spans.append(span)
            named[_key(old_name)] = (old_name, old_english, kind, old_signed or signed, spans)
    # The id is made of the English name, as the English stage makes it.
    by_english: dict[str, tuple[str, str, str, str | None, list[tuple[int, int]]]] = {}
    for name, english, kind, signed, spans in named.values():
        key = normalised(english)
        if key in by_english:
            old_name, old_english, old_kind, old_signed, old_spans = by_english[key]
            longer = name if len(name) > len(old_name) else old_name
            spans = sorted({*old_spans, *spans})
            by_english[key] = (longer, old_english, old_kind, old_signed or signed, spans)
        else:
            by_english[key] = (name, english, kind, signed, spans)
    out = [
        Agreement(
            id=content_id("agreement", doc.id, key),
            name=english,
            type=kind,
            signed=signed,
            parties=mains,
            evidence=tuple(Evidence.of(doc, a, b) for a, b in spans),
            name_original=name,
        )
        for key, (name, english, kind, signed, spans) in by_english.items()
    ]
    return tuple(sorted(out, key=lambda a: a.evidence[0].start))
