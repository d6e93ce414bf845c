"""Agreements: every treaty, convention, strategy, programme, plan, concept, declaration,
resolution, memorandum, protocol, charter or schedule the text names.

The stage reads each sentence as a numbered cascade:

1. Find the head words of ``kb/data/agreement_types.yaml`` ("Treaty", "roadmap", "resolutions")
   and refuse those that belong to a body's name ("Collective Security Treaty Organization",
   "World Food Programme"). Weaker heads ("Act", "Initiative", "Partnership", "Agenda") name an
   instrument only inside a proper name ("Helsinki Final Act", "2030 Agenda") and not inside a
   longer name a strong head found ("Joint Declaration of Partnership and Cooperation").
2. Delimit the name. A capitalised head takes the capitalised words before it ("Biological and
   Toxin Weapons Convention") and its complement after it ("of Good-Neighbourliness and Alliance
   in the 21st Century") up to a clause boundary or a verb ("..., which was signed", "adopted").
   A lower-case head is a name only with a determiner and a specific complement ("our roadmap on
   gas cooperation", "a resolution on an independent evaluation ...") or a count of parties or a
   number ("the five-party agreements", "resolution 2231"); a bare back-reference ("the plan we
   have just signed", "the Strategy", "a traditional document") is no new agreement. A
   lower-case head is also a name after a proper name, a quoted name or a year ("the South Asia
   strategy", 'the “open sky” agreement', "a 2050 low carbon development strategy"), and a
   quoted title after "titled"/"called" or beside a head is one ('a joint statement titled
   “...”', "the resolution of the 74th session, “...”"). A joint statement or a meeting's
   declaration is itself an instrument, named by its title and signed on its date.
3. Every head inside a longer name yields its own agreement too ("... Action Plan for the
   Implementation the SCO Development Strategy until 2025" names the Plan and the Strategy), and
   a parenthesised short name types a name without a head ("Strategic Directions ... (Strategy)").
4. Date the signing from a time in the clause of a sign/adopt/conclude verb, a fronted "during
   ... in May 2020," before it, or the document date for "we have just signed".
5. Parties: the states and bodies of the sentence, or the document's two main countries for
   "our" agreements and where the sentence names none.
6. One agreement per name per document, the evidence listing every sentence that names it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from bilateral.context import Context, Deadline
from bilateral.extract.agreements import extent, full_names, known, learned, named
from bilateral.extract.agreements.found import Found
from bilateral.extract.agreements.record import (
    GENERIC,
    STOPWORDS,
    TRIM,
    merge_keys,
    normalised,
    parties_of,
    signing_date,
)
from bilateral.extract.agreements.russian import find_agreements_ru
from bilateral.extract.text.spans import InOrder, Taken
from bilateral.extract.text.units import (
    Word,
    main_countries,
    published,
    squash,
    units,
    words,
)
from bilateral.kb.vocabulary import agreement_types
from bilateral.model import Agreement, Document, Evidence, Mention, TimeExpr, content_id

if TYPE_CHECKING:
    from spacy.language import Language


def _kind(word: str) -> str | None:
    """The type a head word gives, whichever field of the vocabulary lists it."""
    return _kinds().get(word)


@functools.lru_cache(maxsize=1)
def _kinds() -> dict[str, str]:
    """Head words of every field in one table, as `_kind` reads them: a head word's own type
    first, then a named type, then a titled one."""
    at = agreement_types()
    out: dict[str, str] = {}
    for table in (at.titled_type, at.named_type, at.head_type):  # the last written wins
        out.update((w, t) for w, t in table.items() if t)
    return out


_DETERMINERS = frozenset("a an the our their its this that these his her your my".split())
_LEFT_STOP = _DETERMINERS | frozenset(
    "new in on at by with from under to as is was i we it mr mrs ms dr h.e".split()
)
_LEFT_LINKS = frozenset("and of for on in &".split())
# Words after which a name may continue with its complement.
_COMPLEMENT = frozenset(
    "of on for between to in within until till concerning regarding against among toward "
    "towards".split()
)
_LINKS = _COMPLEMENT | frozenset(["and"])
_LOWER_COMPLEMENT = frozenset("of on for between concerning regarding".split())
# Words that end a name: relative pronouns, auxiliaries, participles of what was done to it.
_RIGHT_STOP = frozenset(
    "which that who whom whose where when while was were is are be been being has have had will "
    "would shall should can could may might must do does did signed adopted concluded ratified "
    "approved endorsed agreed reached developed published launched implemented stipulates "
    "provides as by or but than we they it i he she also not if so because at from under "
    "through following"
    # Verbs in the present that follow a name as its predicate: "the integrated program for
    # commodities contains several promising features".
    " contains includes remains aims covers envisages foresees offers represents requires means"
    " seems becomes allows gives helps calls sets lays defines opens makes takes involves".split()
)
# "Plan of Joint Action to counteract ...", "Protocol to the Convention ...".
_TO_NAME = re.compile(
    r"(?:the )?[A-Z]|(?:counteract|combat|counter|promote|strengthen|develop|implement|ensure|"
    r"prevent|support|reduce|eliminate|achieve|enhance|protect|improve|establish|facilitate|"
    r"fight|end|increase|expand|build|create|provide|suppress|regulate|govern|ban|prohibit|"
    r"eradicate|mitigate|restore|advance|accelerate|boost|foster)\b"
)
_PARTY_MODIFIER = re.compile(r"^\w+-(?:party|sided|lateral)$|^(?:1[89]|20)\d\d$", re.I)
_MAX_COMPLEMENT = 24


def stage(doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]) -> dict[str, Any]:
    mentions: Sequence[Mention] = got.get("mentions", ())
    times: Sequence[TimeExpr] = got.get("times", ())
    if doc.language == "ru":
        return {"agreements": find_agreements_ru(doc, mentions, times, ctx.ru, ctx.kb)}
    model = ctx.models(learned.NAME)
    recognise = functools.partial(ctx.models.entities, learned.NAME)
    return {"agreements": find_agreements(doc, mentions, times, model, ctx.deadline, recognise)}


def find_agreements(
    doc: Document,
    mentions: Sequence[Mention],
    times: Sequence[TimeExpr],
    model: Language | None = None,
    deadline: Deadline | None = None,
    recognise: learned.Recognise | None = None,
) -> tuple[Agreement, ...]:
    found: list[Found] = []
    un = any(m.entity.startswith(("org:un", "org:unga", "org:unsc")) for m in mentions)
    spans = units(doc)
    # Each unit's words, read once for the rules and the learned recogniser's filter.
    unit_words = {(s, e): words(doc.text, s, e) for s, e in spans}
    by_start = Taken(mentions)  # which mentions hold a word: a binary search, not a scan
    names = frozenset(m.text.lower() for m in mentions if m.type == "country")
    for s, e in spans:
        if deadline is not None and deadline.over():
            break  # out of time: the names found so far stand (the model reads none)
        found.extend(_names_in(doc.text, s, e, unit_words[s, e], by_start, names))
        if un:
            found.extend(known.the_charter(doc.text, s, e, found))
    found.extend(known.numbered(doc.text, spans, found))
    found.extend(known.own_title(doc, spans))
    if deadline is None or not deadline.over():
        found.extend(
            learned.names(doc.text, spans, found, mentions, model, unit_words, times, recognise)
        )
    found.extend(named.find(doc.text, spans, found, mentions))
    if deadline is None or not deadline.over():  # extent parses sentences
        found = extent.extend(doc.text, found, times)  # "... (ODA) Loan for two patrol vessels"
    found = named.split_pairs(found)  # "Memorandum of ... and Letter of ... for ..."
    found = known.spelled_out(doc.text, spans, found)
    found = full_names.complete(doc.text, spans, found)  # as the corpus writes them
    mains = main_countries(mentions)
    merged: dict[str, list[Found]] = {}
    for f, key in zip(found, merge_keys(found), strict=True):
        merged.setdefault(key, []).append(f)
    # What each sentence holds, looked up rather than sought among the whole document's names,
    # times and mentions for each agreement.
    in_sentence: dict[tuple[int, int], list[Found]] = {}
    for f in found:
        in_sentence.setdefault(f.sentence, []).append(f)
    near = InOrder(times)
    starting = InOrder(mentions)
    out = []
    for group in merged.values():
        best = max(group, key=lambda f: len(f.name))
        sentences = sorted({f.sentence for f in group})
        signed = next(
            (
                d
                for f in group
                if (d := signing_date(doc, f, found, near.over(*f.sentence), in_sentence))
                is not None
            ),
            None,
        )
        if signed is None and any(f.own for f in group):
            own = published(doc)
            signed = own[0] if own else None
        out.append(
            Agreement(
                id=content_id("agreement", doc.id, normalised(best.name)),
                name=best.name,
                type=best.type,
                signed=signed,
                parties=parties_of(doc.text, sentences, starting.starting_in(sentences), mains),
                evidence=tuple(Evidence.of(doc, a, b) for a, b in sentences),
            )
        )
    return tuple(sorted(out, key=lambda a: a.evidence[0].start))


# -- 1-3. heads and names ------------------------------------------------------------------------


def _in_body_name(w: Word, nxt: Word | None, mentions: Taken[Mention]) -> bool:
    """Whether the head word belongs to a body's name: the knowledge base's ("World Food
    Programme"), or one whose own head, before its first "of", is a body word ("Collective
    Security Treaty Organization"; not "Conclusions of the ... Conference")."""
    body = agreement_types().body_words
    if nxt is not None and nxt.low in body:
        return True
    for m in mentions.overlapping(w.start, w.end):
        if m.type == "organization" and m.start <= w.start and w.end <= m.end:
            if m.source == "kb":
                return True
            own = _OF.split(m.text, maxsplit=1)[0]
            last = own.split()[-1].lower() if own.split() else ""
            if w.start < m.start + len(own) and last in body:
                return True
    return False


_OF = re.compile(r"\s(?:of|for|on)\s")
_RUN_ON = re.compile(r"\.[A-Z][a-z]")


def _names_in(
    text: str,
    start: int,
    end: int,
    ws: Sequence[Word],
    by_start: Taken[Mention],
    names: frozenset[str],
) -> list[Found]:
    """The names of one unit. Every test below asks which mentions hold a word of the unit, so
    the unit's own mentions answer it (the document's every mention, asked per unit, made the
    stage quadratic); ``names`` are the states the whole document names."""
    mentions = by_start.overlapping(start, end)
    out: list[Found] = []
    voc = agreement_types()
    weak: list[Found] = []
    for i, w in enumerate(ws):
        kind = voc.head_type.get(w.low)
        if w.text == "Statement" and i > 0 and ws[i - 1].text == "Joint":
            kind = "declaration"  # "the Joint Statement" leaders sign, not a remark
        named = kind is None and w.low in voc.named_type
        if named:
            kind = voc.named_type[w.low]
        if kind is None:
            continue
        nxt = ws[i + 1] if i + 1 < len(ws) else None
        if _in_body_name(w, nxt, by_start):
            continue
        span = _named_span(ws, i, mentions, names) if named else _name_span(ws, i, mentions, names)
        if span is None and not w.capitalised:
            span = _modified(ws, i, mentions)
        if span is None:
            continue
        a, b = span
        # "Joint Statement of the President of Kazakhstan Aidar Bekov": a signer ends the name.
        while b > i and any(
            m.type == "person" and m.start <= ws[b].start < m.end for m in mentions
        ):
            b -= 1
            while b > i and ws[b].low in TRIM:
                b -= 1
        # "the Extended Economic Partnership, an agreement for ...": the apposition types it.
        if b + 3 < len(ws) and ws[b + 1].text == "," and ws[b + 2].low in ("a", "an"):
            kind = voc.head_type.get(ws[b + 3].low, kind)
        stop = ws[b].end
        if glue := _RUN_ON.search(ws[b].text):
            stop = ws[b].start + glue.start()  # "the Indo-Pacific.They": a missing space
        name = squash(text[ws[a].start : stop])
        if b == i + 1 and ws[b].text[0].isdigit() and w.low.endswith("s"):
            out.extend(_each_numbered(text, ws, a, i, (start, end), kind))
            continue
        (weak if named else out).append(Found(ws[a].start, stop, name, kind, (start, end)))
    # "Joint Declaration of Partnership and Cooperation": a weak head inside a name found by a
    # strong one is part of that name, not an instrument of its own.
    out.extend(f for f in weak if not any(g.start <= f.start and f.end <= g.end for g in out))
    out.extend(_titled(text, start, end, ws, out))
    for m in re.finditer(r"\(\s*([A-Z][a-z]+)\s*\)", text[start:end]):
        kind = agreement_types().head_type.get(m[1].lower())
        if kind is None:
            continue
        pos = start + m.start()
        j = max((k for k, w in enumerate(ws) if w.end <= pos), default=-1)
        first = _left_of_paren(ws, j)
        if first is not None and not any(f.start <= ws[j].start < f.end for f in out):
            name = squash(text[ws[first].start : ws[j].end])
            out.append(Found(ws[first].start, ws[j].end, name, kind, (start, end)))
    out.extend(_signing_of(text, start, end, mentions, out))
    return out


def _each_numbered(
    text: str, ws: Sequence[Word], a: int, i: int, unit: tuple[int, int], kind: str
) -> list[Found]:
    """ "resolutions 1325 and 2250": one instrument per number, each under the singular head
    ("resolution 1325", "resolution 2250")."""
    head = ws[i].text[:-1]
    prefix = squash(text[ws[a].start : ws[i].start])
    out = []
    k = i + 1
    while k < len(ws) and ws[k].text[0].isdigit():
        name = f"{prefix} {head} {ws[k].text}".strip()
        out.append(Found(ws[a if k == i + 1 else k].start, ws[k].end, name, kind, unit))
        if k + 2 < len(ws) and ws[k + 1].low in (",", "and") and ws[k + 2].text[0].isdigit():
            k += 2
        elif k + 3 < len(ws) and ws[k + 1].text == "," and ws[k + 2].low == "and":
            k += 3
        else:
            break
    return out


# "the signing of the Enhanced Strategic Partnership, an agreement for ...": what is signed is a
# document, so a capitalised name after "signing of" is one even without a head word.
_SIGNING_OF = re.compile(
    r"\bsigning\s+of\s+(?:the\s+)?((?:[A-Z][\w-]*\s+(?:(?:of|on|and|for|the)\s+)*)+[A-Z][\w-]*)"
    r"(?:,\s+(?:an?|the)\s+(\w+))?"
)


def _signing_of(
    text: str, start: int, end: int, mentions: Sequence[Mention], found: Sequence[Found]
) -> list[Found]:
    out = []
    for m in _SIGNING_OF.finditer(text, start, end):
        a, b = m.span(1)
        if any(f.start < b and a < f.end for f in found) or any(
            x.start <= a and b <= x.end for x in mentions
        ):
            continue  # a head word named it already, or it is a body's or a state's name
        kind = agreement_types().head_type.get((m[2] or "").lower(), "agreement")
        out.append(Found(a, b, squash(m[1]), kind, (start, end)))
    return out


def _name_span(
    ws: Sequence[Word], i: int, mentions: Sequence[Mention], names: Collection[str] | None = None
) -> tuple[int, int] | None:
    """The first and last word of the name around the head ``ws[i]``, or None."""
    nxt = ws[i + 1] if i + 1 < len(ws) else None
    if nxt is not None and nxt.text[0].isdigit():  # "resolution 2231", "Strategy 2050"
        a = i
        while a > 0 and ws[a - 1].is_word and ws[a - 1].capitalised:
            if ws[a - 1].low in _LEFT_STOP:
                break
            a -= 1
        return a, i + 1
    if _capitalised(ws, i):
        places = [m for m in mentions if m.type in ("place", "country")]
        a, b = _left(ws, i, mentions, names=names), _complement(ws, i, True, places=places)
        return None if a == b == i else (a, b)  # a lone "the Strategy" refers back
    # "the program of Action on the Establishment of ...": a lower-case head whose complement
    # is capitalised reads as a capitalised name.
    if nxt is not None and nxt.low == "of" and i + 2 < len(ws) and ws[i + 2].capitalised:
        places = [m for m in mentions if m.type in ("place", "country")]
        b = _complement(ws, i, capitalised=True, places=places)
        if b > i + 1 and not _is_place(ws[i + 2], places):
            return i, b
    # Lower case: a determiner, at most two modifiers, then a count of parties or a complement.
    det = next((k for k in range(i - 1, max(-1, i - 4), -1) if ws[k].low in _DETERMINERS), None)
    if det is None or not all(w.is_word and w.low not in ("and", "or") for w in ws[det + 1 : i]):
        return None  # "its agencies and programmes for ...": the head is not the determiner's
    party = next((k for k in range(det + 1, i) if _PARTY_MODIFIER.match(ws[k].text)), None)
    if party is not None:
        return party, i
    places = [m for m in mentions if m.type in ("place", "country")]
    b = _complement(ws, i, capitalised=False, places=places)
    if b == i and _one_of_a_kind(ws, det, i):
        return i - 1, i
    if b == i or ws[i + 2].low in _DETERMINERS - {"a", "an", "the"}:
        return None
    if ws[i + 1].low == "of" and _whose(ws, i + 2, mentions):
        return None  # "the plan of the Government", "the programme of his visit": whose
    said = {w.low for w in ws[i + 2 : b + 1] if w.is_word} - STOPWORDS - GENERIC
    if not said:
        return None  # "an agreement on this question" names nothing
    before = ws[det + 1 : i]
    if (
        before
        and all(w.capitalised for w in before)
        and not all(
            any(m.type == "country" and m.start <= w.start < m.end for m in mentions)
            for w in before
        )
    ):
        return det + 1, b  # "the World Summit agreement on ...": the proper name says whose
    return i, b


# Endings of adjectives: "the bilateral agreement", "the historic treaty" describe, they do not
# say which one.
_ADJECTIVE = re.compile(r"(?:al|ic|ive|ous|ary|ful|less|ed|ing|ent|ant|ble|est|er|ly)$")
# Heads that a definite article and one noun make one known instrument: "the armistice agreement".
_ONE_OF_A_KIND = frozenset("agreement accord treaty convention".split())
_POINTING = frozenset(
    "above said same former latter present following last next first whole entire very main "
    "current draft".split()
)


def _one_of_a_kind(ws: Sequence[Word], det: int, i: int) -> bool:
    """ "the armistice agreement", "the ceasefire accord": "the", one noun saying what it settles,
    and a treaty-like head. Adjectives and generic words name no particular instrument."""
    if det != i - 2 or ws[det].low != "the" or ws[i].low not in _ONE_OF_A_KIND:
        return False
    m = ws[i - 1]
    return (
        m.is_word
        and m.text.islower()
        and len(m.low) >= 4
        and m.low not in GENERIC
        and m.low not in _LEFT_STOP
        and m.low not in _DETERMINERS
        and m.low not in _POINTING
        and not _ADJECTIVE.search(m.low)
    )


_CLAUSE_OPENERS = frozenset("what how why whether whatever".split())


def _whose(ws: Sequence[Word], k: int, mentions: Sequence[Mention]) -> bool:
    """Whether the phrase from ``ws[k]`` on says whose the instrument is, not what it is about:
    a person, a state or a body ("the plan of the Government"), or a possessive; or opens a
    clause rather than a noun phrase ("a roadmap of what ...")."""
    while k < len(ws) and ws[k].low in ("the", "a", "an"):
        k += 1
    if k >= len(ws) or ws[k].low in _DETERMINERS or ws[k].low.endswith(("'s", "’s")):
        return True
    if ws[k].low in _CLAUSE_OPENERS or ws[k].low in _RIGHT_STOP:
        return True  # "a roadmap of what we hope for": a clause, not a noun phrase
    w = ws[k]
    return any(
        m.type in ("person", "country", "organization") and m.start <= w.start < m.end
        for m in mentions
    )


def _named_span(
    ws: Sequence[Word], i: int, mentions: Sequence[Mention], names: Collection[str] | None = None
) -> tuple[int, int] | None:
    """A word that names an instrument only within a proper name ("Act", "Initiative",
    "Partnership"): capitalised, with another capitalised word or a number beside it, and not
    itself the first half of a longer name ("Framework Convention", "Partnership Treaty")."""
    if not _capitalised(ws, i):
        return None
    nxt = ws[i + 1] if i + 1 < len(ws) else None
    if nxt is not None and nxt.is_word and nxt.text[0].isupper():
        return None
    places = [m for m in mentions if m.type in ("place", "country")]
    a, b = _left(ws, i, mentions, parties=True), _complement(ws, i, True, places)
    if b == i and nxt is not None and _YEAR.match(nxt.text):
        b = i + 1  # "ASEAN Community Vision 2025": its horizon is part of the name
    if a == b == i:
        return None  # "the Partnership", "an Act": a reference back, or a common noun
    if any(m.type == "person" and m.start <= ws[a].start and ws[b].end <= m.end for m in mentions):
        return None  # a person's name ("Grace Partnership") is no instrument's
    return a, b


_QUOTES = frozenset('“”"')
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_ACRONYM = re.compile(r"^[A-Z]{2,}$")
_VERB_NEXT = _DETERMINERS | frozenset("to".split())


def _modified(ws: Sequence[Word], i: int, mentions: Sequence[Mention]) -> tuple[int, int] | None:
    """A lower-case head made specific by what stands before it: a quoted name ('the “open sky”
    agreement'), a proper name ("the South Asia strategy", "the New Silk Road initiative") or a
    year with its modifiers ("a 2050 low carbon development strategy")."""
    nxt = ws[i + 1] if i + 1 < len(ws) else None
    if nxt is not None and nxt.low in _VERB_NEXT:
        return None  # "the Government plans to ...": a verb
    if ws[i].low in agreement_types().gatherings:
        return None  # "the Democratic convention": a party's gathering, not a treaty
    low = ws[i].low
    if any(_kind(one) for one in (low[:-1], low[:-3] + "y") if low.endswith("s")):
        return None  # "Libyan plans for elections": intentions, not one named instrument
    if i >= 3 and ws[i - 1].text in _QUOTES:
        k = next((k for k in range(i - 2, max(-1, i - 9), -1) if ws[k].text in _QUOTES), None)
        if k is not None and k < i - 2 and all(w.is_word for w in ws[k + 1 : i - 1]):
            return k, i
    # A run of capitalised words directly before the head, not the sentence's first word alone.
    a = i
    j = i - 1
    while (
        j >= 0
        and ws[j].is_word
        and ws[j].text[0].isupper()
        and (ws[j].low not in _LEFT_STOP or (ws[j].low == "new" and j > 0))
    ):
        if ws[j].low.endswith(("'s", "s'")) and (j == i - 1 or _entity_at(ws[j], mentions)):
            break  # "Putin's initiative": whose, not which
        a = j
        j -= 1
    # A weak head needs more than one adjective before it ("a Eurasian partnership" is none);
    # an acronym is a name ("the UNCLOS principles"), and so is a city's ("the Annapolis
    # process": where it began).
    single = (
        i - a == 1
        and ws[i].low not in agreement_types().head_type
        and not _ACRONYM.match(ws[a].text)
        and not any(m.type == "place" and m.start <= ws[a].start < m.end for m in mentions)
        and not _named_process(ws, a, i, mentions)
    )
    if a < i and (a > 0 or i - a > 1) and not single:
        run = ws[a:i]
        if not all(_entity_at(w, mentions) for w in run):
            return a, i  # "President Tokayev's" or "the Kazakh" alone would name a party
    # A year and the lower-case words between it and the head.
    j = i - 1
    while j >= max(0, i - 5) and ws[j].is_word and ws[j].text.islower():
        if ws[j].low in STOPWORDS or ws[j].low in _LEFT_STOP:
            return None
        j -= 1
    if j >= 0 and j < i - 1 and _YEAR.match(ws[j].text):
        return j, i
    return None


# Endings of demonyms: "the Russian process", "the Chinese process" say whose, not which.
_DEMONYM = re.compile(r"(?:an|ish|ese|ic|i|s')$|'s$")


def _named_process(ws: Sequence[Word], a: int, i: int, mentions: Sequence[Mention]) -> bool:
    """ "the Annapolis process", "the Minsk process": a process named after the city where it
    began, known to the reader even where the knowledge base lists no such place."""
    return (
        ws[i].low == "process"
        and a > 0
        and ws[a - 1].low == "the"
        and not _DEMONYM.search(ws[a].low)
        and not _entity_at(ws[a], mentions)
    )


def _entity_at(w: Word, mentions: Sequence[Mention]) -> bool:
    """Whether a state, a body or a person is named at the word: a party, not a name's part."""
    return any(
        m.type in ("country", "organization", "person") and m.start <= w.start < m.end
        for m in mentions
    )


# 'a joint statement titled “...”', 'the program, called “...”': the quoted title is the name.
_ENTITLED = re.compile(
    r",?\s+(?:entitled|titled|called|named)\s+[“\"](?P<title>[^”\"]{5,300})[”\"]"
)
# 'the resolution of the 74th session ..., “Combating ...”', 'the Document on “...”': a quoted
# title set beside a head word, after at most a short complement.
_APPOSED = re.compile(
    r"(?:\s+(?:of|on|by|at|for)\b[^,;:“”\"()]{0,80}?)?,?\s*[“\"](?P<title>[^”\"]{5,300})[”\"]"
)
_PREPOSITION_ONLY = re.compile(r"\s+(?:of|on)\s*[“\"]")
# Words of speech, not of a title: a quotation after "the agreement, “We will ...”" is no name.
_SPEECH = frozenset("i we you our my us me".split())


def _titled(
    text: str, start: int, end: int, ws: Sequence[Word], found: Sequence[Found]
) -> list[Found]:
    out: list[Found] = []
    for w in ws:
        kind = _kind(w.low.removesuffix("s")) or _kind(w.low)
        if kind is None or any(f.start <= w.start < f.end for f in [*found, *out]):
            continue
        m = _ENTITLED.match(text, w.end, end) or _APPOSED.match(text, w.end, end)
        if m is None:
            continue
        a, b = m.span("title")
        if text[b - 1] in ".!?":
            continue  # “... did not happen by chance.”: a sentence quoted, not a title
        while b > a and text[b - 1] in ",;: ":
            b -= 1  # “... for the 21st Century,”: the comma is the sentence's
        quote = text[a:b]
        said = {x.low for x in words(text, a, b)}
        if not quote[:1].isupper() or said & _SPEECH or ". " in quote:
            continue
        if w.text[0].isupper() and _PREPOSITION_ONLY.match(text, w.end, m.start("title")):
            a = w.start  # 'the Document on “...”': the head and its title are one name
            b = min(len(text), b + 1) if text[b : b + 1] in _QUOTES else b
        out.append(Found(a, b, squash(text[a:b]), kind, (start, end)))
    return out


def _capitalised(ws: Sequence[Word], i: int) -> bool:
    """A capital that is not only the sentence's first letter: "Resolution of the conflict
    requires ..." is no name, "Treaty on the Non-Proliferation ..." is."""
    if not ws[i].capitalised:
        return False
    if any(w.is_word for w in ws[:i]):
        return True
    k = i + 1
    while k < len(ws) and (ws[k].low in _COMPLEMENT or ws[k].low in _DETERMINERS):
        k += 1
    return k < len(ws) and ws[k].is_word and ws[k].capitalised


def _left(
    ws: Sequence[Word],
    i: int,
    mentions: Sequence[Mention],
    parties: bool = False,
    names: Collection[str] | None = None,
) -> int:
    """The first word of a capitalised name that ends at the head ``ws[i]``. ``parties`` keeps
    a pair of states before it: a partnership is named by its parties ("U.S.-Indonesia Strategic
    Partnership"), a treaty is not ("the Russia-Kazakhstan Treaty of ...")."""
    a = i
    j = i - 1
    while j >= 0:
        w = ws[j]
        if _glued(ws, j):
            j -= 1  # "U.S.-Caribbean": punctuation inside a word
            continue
        if not w.is_word or w.low.endswith(("'s", "s'")):
            break
        if w.low in _LEFT_LINKS and j > 0 and ws[j - 1].is_word and ws[j - 1].text[0].isupper():
            if ws[j - 1].low in _LEFT_STOP:
                break
            j -= 1
            continue
        if not w.capitalised or w.low in _LEFT_STOP:
            break
        a = j
        j -= 1
    while a < i and ws[a].text.isdigit() and not _YEAR.match(ws[a].text):
        a += 1  # "its 17 Sustainable Development Goals": a count, not the name's
    if parties:
        return a
    # "Russia-Kazakhstan Treaty of ...": the pair of parties is not part of the name.
    countries = [m for m in mentions if m.type == "country"]
    if names is None:
        names = {m.text.lower() for m in countries}
    while a < i and _country_pair(ws[a], countries, names):
        a += 1
    return a


def _glued(ws: Sequence[Word], j: int) -> bool:
    """A hyphen or full stop with no space on either side ("U.S.-EU"), or the full stop that
    ends an abbreviation ("the U.S. Citizenship Act")."""
    if not 0 < j < len(ws) - 1 or ws[j].text not in "-–." or ws[j - 1].end != ws[j].start:
        return False
    return ws[j].end == ws[j + 1].start or (ws[j].text == "." and "." in ws[j - 1].text)


def _country_pair(w: Word, countries: Sequence[Mention], names: Collection[str]) -> bool:
    """ "Russia-Kazakhstan" before a treaty: its parties, not its name."""
    parts = re.split(r"[-–]", w.text)
    if len(parts) < 2:
        return False
    if any(m.start < w.end and w.start < m.end for m in countries):
        return True
    return all(p.lower() in names for p in parts)


def _is_place(w: Word, places: Sequence[Mention]) -> bool:
    return any(m.start <= w.start < m.end for m in places)


def _complement(
    ws: Sequence[Word], i: int, capitalised: bool, places: Sequence[Mention] = ()
) -> int:
    """The index of the name's last word: the head itself, or the end of its complement."""
    if i + 1 >= len(ws):
        return i
    first = ws[i + 1]
    allowed = _COMPLEMENT if capitalised else _LOWER_COMPLEMENT
    if first.low not in allowed:
        return i
    if not capitalised and i + 2 < len(ws) and ws[i + 2].low.endswith("ing"):
        return i  # "plans for holding ...": what is planned, not a plan's name
    of_phrase = not capitalised and first.low == "of"
    if of_phrase and ws[i].low in agreement_types().act_of:
        return i  # "a peaceful resolution of the crisis": the act, not an instrument
    last = i
    k = i + 1
    while k < len(ws) and k - i <= _MAX_COMPLEMENT:
        w = ws[k]
        if w.text == "+" and ws[k - 1].end == w.start and k + 1 < len(ws):
            k += 1  # "Rights of LGBTQI+ Persons": a sign glued to its word
            continue
        if w.text == "," and capitalised and _series(ws, k, places):
            k += 1  # "Treaty of Friendship, Cooperation and Mutual Assistance"
            continue
        if not w.is_word or (w.low in _RIGHT_STOP and not w.text[0].isupper()):
            break
        if w.low == "to" and not capitalised:
            break
        if of_phrase and k > i + 2 and (w.low in _COMPLEMENT or w.low.endswith(("ed", "ing"))):
            break  # "the concept of ... inscribed within": a lower-case "of" names one phrase
        if (
            w.low == "to"
            and capitalised
            and not _TO_NAME.match(" ".join(x.text for x in ws[k + 1 : k + 3]))
        ):
            break  # "adapting the Treaty ... to new realities": not the Treaty's purpose
        if w.low == "and":
            nxt = ws[k + 1] if k + 1 < len(ws) else None
            after = ws[k + 2] if k + 2 < len(ws) else None
            if (
                nxt is not None
                and nxt.low == "the"
                and after is not None
                and after.is_word
                and after.capitalised
                and _is_place(after, places)
                and any(x.low == "between" for x in ws[i + 1 : k])
            ):
                last = k + 2  # "between Kazakhstan and the US": both parties
                k += 3
                continue
            if nxt is None or not nxt.is_word or not nxt.capitalised or nxt.low in _DETERMINERS:
                break
        if (
            capitalised
            and ws[k - 1].capitalised
            and not w.capitalised
            and w.low not in _LINKS
            and not (w.low == "the" and k + 1 < len(ws) and ws[k + 1].text[0].isupper())
        ):
            break  # "the Treaty on Good Neighbourliness remains ...": the name has ended
        if w.low in ("in", "at") and k + 1 < len(ws) and _is_place(ws[k + 1], places):
            break  # "the United Nations Charter in San Francisco": where, not what
        last = k
        k += 1
    while last > i and (ws[last].low in TRIM or ws[last].low.endswith("'s")):
        last -= 1  # "... Plan of Action for Iran's": not "Iran's" without what follows
    if capitalised and not any(
        w.text[0].isupper() or w.text[0].isdigit() for w in ws[i + 1 : last + 1]
    ):
        return i  # "the Charter for the purpose of ...": a reference, and then a phrase
    return last


def _series(ws: Sequence[Word], k: int, places: Sequence[Mention]) -> bool:
    """Whether the comma at ``k`` joins capitalised words of one series that "and" or "or"
    closes within the next four words ("Safe, Orderly and Regular Migration"); states and places
    after it are parties or places, not the name's words."""
    for j in range(k + 1, min(len(ws), k + 5)):
        w = ws[j]
        if w.low in ("and", "or"):
            nxt = ws[j + 1] if j + 1 < len(ws) else None
            return j > k + 1 and nxt is not None and nxt.is_word and nxt.capitalised
        if not (w.is_word and w.capitalised) or _is_place(w, places):
            return False
    return False


def _left_of_paren(ws: Sequence[Word], j: int) -> int | None:
    """ "Strategic Directions for Developing the Eurasian Economic Integration until 2025
    (Strategy)": a capitalised phrase with its links, read back from the parenthesis."""
    if j < 0 or not ws[j].is_word:
        return None
    links = _LEFT_LINKS | frozenset("the until to in within".split())
    a = j
    k = j
    while k >= 0 and ws[k].is_word and (ws[k].capitalised or ws[k].low in links):
        if ws[k].capitalised and ws[k].low in _LEFT_STOP:
            break
        k -= 1
    a = k + 1
    while a <= j and (ws[a].low in links or ws[a].low in _DETERMINERS):
        a += 1
    if a > j or sum(w.capitalised for w in ws[a : j + 1]) < 2:
        return None
    return a
