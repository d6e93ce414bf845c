"""Events told in Russian: переговоры, встреча, беседа, телефонный разговор, визит, подписание,
саммит, заседание, with date, status, place and participants.

1. Triggers: the ``ru_nouns`` and ``ru_verbs`` of ``kb/data/event_types.yaml``, by lemma
   (``ctx.ru``), longest phrase first ("телефонный разговор" before "разговор").
2. Gate: the sentence names a participant (a person, state or body) or a time; a bare noun in a
   general remark ("встречи всегда полезны") reports nothing.
3. Date: the time of the sentence nearest the trigger; the document's own date for an event the
   headline reports ("Состоялся телефонный разговор ...": the first sentences of a report).
   Status: planned when a verb of the sentence is in the future tense ("состоятся", "посетит",
   "проведёт") or when the time is after the document's date.
4. Participants: the persons, states and bodies the sentence names; place: a place or state
   after "в"/"во" ("в Кремле", "в Москву").
5. One event per type and date in a document, every sentence that reports it as evidence.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bilateral.extract.events.named_days import celebration_day
from bilateral.extract.events.weekdays import named_weekday
from bilateral.kb import KnowledgeBase
from bilateral.kb.publishers import load_publishers
from bilateral.kb.vocabulary import event_types, read_data
from bilateral.lang.ru import RussianLayer, RuToken, phrase_starts
from bilateral.model import Document, Event, Evidence, Mention, TimeExpr, content_id


@dataclass(frozen=True)
class RuTriggers:
    phrases: dict[tuple[str, ...], tuple[str, bool]]  # lemmas -> (event type, is a verb)
    longest: int


@functools.lru_cache(maxsize=1)
def ru_triggers() -> RuTriggers:
    """The Russian triggers of ``kb/data/event_types.yaml``, loaded once."""
    phrases: dict[tuple[str, ...], tuple[str, bool]] = {}
    for tid, e in read_data("event_types.yaml")["types"].items():
        for noun in e.get("ru_nouns") or ():
            phrases.setdefault(tuple(str(noun).split()), (str(tid), False))
        for verb in e.get("ru_verbs") or ():
            phrases.setdefault(tuple(str(verb).split()), (str(tid), True))
    return RuTriggers(phrases, max((len(k) for k in phrases), default=1))


_PARTICIPANTS = frozenset(("person", "country", "organization"))
_HEADLINE = 3  # sentences at the top of a report whose events are the report's own
_IN = frozenset(("в", "во"))


@dataclass
class _Cand:
    type: str
    date: tuple[str, str] | None
    status: str
    location: str | None
    participants: list[str]
    spans: list[tuple[int, int]] = field(default_factory=list)


def _triggers(toks: Sequence[RuToken], voc: RuTriggers) -> list[tuple[int, str, bool]]:
    out = []
    firsts = phrase_starts(voc.phrases)
    i = 0
    while i < len(toks):
        # Most tokens start no phrase: no tuple of lemmas is built for them.
        for n in range(voc.longest if toks[i].lemma in firsts else 0, 0, -1):
            key = tuple(t.lemma for t in toks[i : i + n])
            if len(key) == n and key in voc.phrases:
                kind, verb = voc.phrases[key]
                if not _anniversary(toks, i) and not (
                    kind == "signing" and _decree(toks[i + n : i + n + 3])
                ):
                    out.append((i, kind, verb))
                i += n - 1
                break
        else:
            if _people_exchanged(toks, i):
                out.append((i, "other", False))
        i += 1
    return out


def _people_exchanged(toks: Sequence[RuToken], i: int) -> bool:
    """ "обмен граждан", "обмен журналистами": an exchange of people (an animate noun in the
    genitive or instrumental plural after "обмен"), not of views ("обмен мнениями")."""
    if toks[i].lemma != "обмен":
        return False
    for t in toks[i + 1 : i + 4]:
        if t.pos in ("ADJF", "PRTF"):
            continue
        tag = re.split(r"[ ,]", str(t.tag))
        return (
            t.pos == "NOUN" and "anim" in tag and "plur" in tag and ("gent" in tag or "ablt" in tag)
        )
    return False


# What a head of state signs alone is no signing between parties: "подписал Указ", "закон".
_DECREES = frozenset(("указ", "закон", "распоряжение", "постановление", "поручение"))
_YEARS = frozenset(("год", "лето"))  # "25 лет" (lemma of "лет" may be either)


def _decree(after: Sequence[RuToken]) -> bool:
    return any(t.lemma in _DECREES for t in after)


def _anniversary(toks: Sequence[RuToken], i: int) -> bool:
    """A trigger an anniversary counts from: "25 лет подписания декларации", "80-летие
    установления отношений", "годовщина визита": the event is history the text does not date."""
    if i == 0:
        return False
    before = toks[i - 1]
    if before.lemma in ("годовщина", "юбилей") or before.text.lower().endswith(("летие", "летия")):
        return True
    return before.lemma in _YEARS and i >= 2 and toks[i - 2].text[:1].isdigit()


def _date(
    at: int, here: Sequence[TimeExpr], doc: Document, headline: bool
) -> tuple[str, str] | None:
    if here:
        t = min(here, key=lambda t: abs(t.start - at))
        return t.value, t.precision
    if headline and doc.published:
        return doc.published, doc.published_precision or "day"
    return None


def find_events_ru(
    doc: Document,
    mentions: Sequence[Mention],
    times: Sequence[TimeExpr],
    ru: RussianLayer,
    kb: KnowledgeBase | None = None,
) -> tuple[Event, ...]:
    voc = ru_triggers()
    types = event_types().types
    read = ru.read(doc)
    cands: dict[tuple[str, str | None], _Cand] = {}
    head = principal(doc, kb)
    links = related_links(doc.text, times)

    unnamed: list[tuple[str, tuple[int, int]]] = []

    def outside(start: int) -> bool:
        return not any(a <= start < b for a, b, _ in links)

    for n, sent in enumerate(read.sentences):
        toks = read.tokens[sent.first : sent.last]
        found = [f for f in _triggers(toks, voc) if outside(toks[f[0]].start)]
        if not found:
            continue
        span = (sent.start, sent.end)
        here_t = [t for t in times if sent.start <= t.start < sent.end and outside(t.start)]
        here_m = [m for m in mentions if sent.start <= m.start < sent.end and outside(m.start)]
        parts = list(dict.fromkeys(m.entity for m in here_m if m.type in _PARTICIPANTS))
        if n < _HEADLINE and head is not None and head not in parts and _titled_with(toks, found):
            parts.insert(0, head)  # "Встреча с X": the head of the publisher's state meets X
        elif n < _HEADLINE and head is not None and _own_statement(found, here_m):
            parts.insert(0, head)  # "Видеообращение ...", "Ответы на вопросы журналистов"
        place = _place(toks, here_m)
        for i, kind, _verb in found:
            lo, hi = _clause(toks, i)
            a, b = _phrase_bounds(toks, i)
            phrase = [t for t in toks[lo:i] if t.start >= a]
            future = (
                any(t.tense == "futr" for t in _tenses(toks[lo:hi])) or _plans(phrase)
            ) and not _done(toks[i])
            if not parts and not here_t:
                if future:  # "Планируется подписание ...": perhaps the announced occasion's
                    unnamed.append((kind, span))
                continue
            near = here_t
            if n < _HEADLINE:
                # A headline's event is the report's: a time in another phrase of its sentence
                # is about something else ("позвонил Лидии, потерявшей в 2000 году сына").
                a, b = _phrase_bounds(toks, i)
                near = [t for t in here_t if a <= t.start < b]
            when = _date(toks[i].start, near, doc, n < _HEADLINE)
            if when is None:
                when = _now(toks[lo:hi], i - lo, doc) or named_weekday(toks[lo:hi], doc, future)
            if kind == "ceremony":  # "празднование Дня Победы": the day it names
                when = celebration_day(toks[lo:hi], here_t, when, doc) or when
            planned = future or (
                when is not None and doc.published is not None and when[0] > doc.published
            )
            key = (kind, when[0] if when else None)
            cand = cands.get(key)
            if cand is None:
                cand = cands[key] = _Cand(
                    kind, when, "planned" if planned else "occurred", place, []
                )
            for p in parts:
                if p not in cand.participants:
                    cand.participants.append(p)
            if cand.location is None:
                cand.location = place
            if span not in cand.spans:
                cand.spans.append(span)
    for lo_, hi_, when_ in links:  # after the text's own events, which they may name again
        _link_events(doc, read.between(lo_, hi_), (lo_, hi_), when_, mentions, head, voc, cands)
    _fold_undated(cands, read.tokens)
    _fold_within(cands)
    _announced(cands, unnamed)
    _same_occasion(cands, read.tokens)
    _address(cands, read.tokens)
    out = []
    for c in cands.values():
        et = types[c.type]
        planned = c.status == "planned"
        date, precision = c.date if c.date else (None, None)
        out.append(
            Event(
                id=content_id("event", doc.id, c.type, date, c.spans[0][0]),
                type=c.type,
                date=date,
                date_precision=precision,
                status=c.status,
                location=c.location,
                modality="phone" if c.type == "phone_call" else None,
                participants=tuple(c.participants),
                plover=et.planned_plover if planned else et.plover,
                cameo=et.planned_cameo if planned else et.cameo,
                evidence=tuple(Evidence.of(doc, a, b) for a, b in c.spans),
            )
        )
    return tuple(sorted(out, key=lambda e: e.evidence[0].start))


_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
_LINKS = re.compile(r"(?:Смотрите также|Дополнительно)\s+")
# One link: a title of a related publication and its date ("Встреча с X 26 марта 2025 года").
_LINK = re.compile(
    r"\s*(?P<title>[«\"A-ZА-ЯЁ][^.!?:;\n]{2,240}?)\s+"
    rf"(?P<date>\d{{1,2}} (?:{_MONTHS}) \d{{4}} года)"
)
# A link to a photo set ("Участники беседы с X ...") shows the report's own event again.
_PHOTOS = ("Участники", "Участник")


def related_links(
    text: str, times: Sequence[TimeExpr]
) -> list[tuple[int, int, tuple[str, str] | None]]:
    """The related-publication lines of a page ("Смотрите также", "Дополнительно"): the offsets
    of each title with its date, and that date (from the times stage where it read it). Both
    annotators read these lines as text of the page, so their events are the page's, each on its
    own date; a link to photographs of the report's own event ("Участники ...") gives none (no
    date)."""
    out: list[tuple[int, int, tuple[str, str] | None]] = []
    for m in _LINKS.finditer(text):
        at = m.end()
        while (item := _LINK.match(text, at)) is not None:
            at = item.end()
            a, b = item.start("title"), item.end("date")
            t = next((t for t in times if item.start("date") <= t.start < b), None)
            if item.group("title").startswith(_PHOTOS):
                t = None  # a link, out of the text, with no event of its own
            out.append((a, b, (t.value, t.precision) if t is not None else None))
    return out


def principal(doc: Document, kb: KnowledgeBase | None) -> str | None:
    """The head of the publisher's state on the document's date: the one who meets, talks or
    calls in a headline that names only the other side ("Встреча с X")."""
    if kb is None or not doc.published:
        return None
    state = load_publishers().country(doc.publisher)
    if state is None:
        return None
    heads = {t.person for t in kb.terms_on(doc.published, title="President", of=state)}
    return heads.pop() if len(heads) == 1 else None


_WITH = frozenset(("с", "со"))


def _own_statement(found: Sequence[tuple[int, str, bool]], mentions: Sequence[Mention]) -> bool:
    """A headline statement that names no person is the publisher's head's own: the site
    publishes its head's addresses and answers under their genre alone."""
    return any(k == "statement" for _, k, _ in found) and not any(
        m.type == "person" for m in mentions
    )


def _titled_with(toks: Sequence[RuToken], found: Sequence[tuple[int, str, bool]]) -> bool:
    """A headline that opens with its event noun and names the other side after "с": "Встреча
    с X", "Телефонный разговор с X", "Совместная пресс-конференция с X" (after the site's rubric
    "События")."""
    lead = 1 if toks and toks[0].text == "События" else 0
    for i, _kind, verb in found:
        if verb or i - lead > 2:
            continue
        nxt = next((j for j in range(i + 1, min(i + 4, len(toks))) if toks[j].text in _WITH), None)
        if nxt is not None and all(t.pos in ("ADJF", "NOUN") for t in toks[lead:i]):
            return True
    return False


def _link_events(
    doc: Document,
    toks: Sequence[RuToken],
    span: tuple[int, int],
    when: tuple[str, str] | None,
    mentions: Sequence[Mention],
    head: str | None,
    voc: RuTriggers,
    cands: dict[tuple[str, str | None], _Cand],
) -> None:
    """The events of one related-link title: each on the link's date, with the entities it names
    and the head of the publisher's state (whose pages these are)."""
    found = _triggers(toks, voc)
    if not found or when is None:
        return
    parts = [m.entity for m in mentions if span[0] <= m.start < span[1] and m.type in _PARTICIPANTS]
    if head is not None:
        parts.insert(0, head)
    planned = doc.published is not None and when[0] > doc.published
    named = {p for p in parts if p != head}
    for _i, kind, _verb in found[:1]:
        key = (kind, when[0])
        same = cands.get(key)
        if same is not None and named and same.participants and not named & set(same.participants):
            # "Встреча с Y" beside the report's meeting with X on the same day: another meeting
            key = (f"{kind}#{span[0]}", when[0])
        cand = cands.setdefault(
            key, _Cand(kind, when, "planned" if planned else "occurred", None, [])
        )
        cand.participants += [p for p in dict.fromkeys(parts) if p not in cand.participants]
        if span not in cand.spans:
            cand.spans.append(span)


# Words that set an event apart from the report's occasion: "много лет назад", "ранее",
# "мой последний визит", "в прошлый раз".
_THEN = frozenset(
    (
        "назад",
        "ранее",
        "раньше",
        "тогда",
        "когда-то",
        "последний",
        "прошлый",
        "неоднократно",
        "прежде",
        "давно",
        "вспоминать",
        "помнить",
    )
)


def _said(tokens: Sequence[RuToken], spans: Sequence[tuple[int, int]]) -> list[RuToken]:
    """The tokens of an event's sentences (``tokens`` in text order)."""
    out: list[RuToken] = []
    for a, b in spans:
        k = bisect.bisect_left(tokens, a, key=lambda t: t.start)
        while k < len(tokens) and tokens[k].start < b:
            out.append(tokens[k])
            k += 1
    return out


def _fold_within(cands: dict[tuple[str, str | None], _Cand]) -> None:
    """An event dated on a day inside another's span of days, of its type and status, is that
    event ("7–10 мая ... посетит" and "Анонс на 7 − 10 мая" read as the 10th)."""
    for (kind, date), c in list(cands.items()):
        if date is None or "/" in date:
            continue
        for (k, w), d in cands.items():
            if k != kind or w is None or "/" not in w or d.status != c.status:
                continue
            lo, hi = w.split("/", 1)
            if lo <= date <= hi:
                d.participants += [p for p in c.participants if p not in d.participants]
                d.spans += [s for s in c.spans if s not in d.spans]
                del cands[(kind, date)]
                break


def _announced(
    cands: dict[tuple[str, str | None], _Cand], unnamed: Sequence[tuple[str, tuple[int, int]]]
) -> None:
    """In an announcement (the report's first dated event is planned), a planned event the text
    names no side of ("В ходе переговоров будут обсуждены ...", "Планируется подписание
    документов") is part of the announced occasion: its date and sides."""
    first = min(
        (c for c in cands.values() if c.date is not None and c.spans),
        key=lambda c: c.spans[0][0],
        default=None,
    )
    if first is None or first.date is None or first.status != "planned":
        return
    for kind, span in unnamed:
        c = cands.setdefault((kind, first.date[0]), _Cand(kind, first.date, "planned", None, []))
        c.participants += [p for p in first.participants if p not in c.participants]
        if span not in c.spans:
            c.spans.append(span)


def _same_occasion(cands: dict[tuple[str, str | None], _Cand], tokens: Sequence[RuToken]) -> None:
    """An undated event in the status of the report's first dated event, with two of its sides or
    with no name at all, and no word that sets it in another time, is part of that occasion
    ("президенты ... выступили с заявлениями для прессы", "Вы свой первый визит ... решили
    нанести в Россию"; in an announcement, "Планируется подписание документов"): its date, and
    its sides where it names none."""
    first = min(
        (c for c in cands.values() if c.date is not None and c.spans),
        key=lambda c: c.spans[0][0],
        default=None,
    )
    if first is None:
        return
    for (kind, date), c in list(cands.items()):
        if date is not None or c.status != first.status:
            continue
        said = _said(tokens, c.spans)
        if any(t.lemma in _THEN for t in said):
            continue
        if _the_call(first, kind, said):
            first.participants += [p for p in c.participants if p not in first.participants]
            first.spans += [s for s in c.spans if s not in first.spans]
            del cands[(kind, date)]
            continue
        if c.participants and len(set(c.participants) & set(first.participants)) < 2:
            continue
        assert first.date is not None
        key = (kind, first.date[0])
        into = cands.get(key)
        if not c.participants:  # "В ходе переговоров будут обсуждены ...", "Планируется подписание"
            c.participants = list(first.participants)
        if into is None:
            c.date = first.date
            cands[key] = c
        else:
            into.participants += [p for p in c.participants if p not in into.participants]
            into.spans += [s for s in c.spans if s not in into.spans]
        del cands[(kind, date)]


def _the_call(first: _Cand, kind: str, said: Sequence[RuToken]) -> bool:
    """ "В ходе беседы X предложил ...": in a report of a call, an undated conversation
    ("беседа", not a "встреча") is the call itself, whoever it names."""
    lemmas = {t.lemma for t in said}
    return (
        first.type == "phone_call"
        and kind == "meeting"
        and "беседа" in lemmas
        and "встреча" not in lemmas
    )


# Pronouns of the two sides of a conversation ("Мы очень ждём Вас", "Ваш визит").
_YOU_WE = frozenset(("мы", "вы", "наш", "ваш"))


def _address(cands: dict[tuple[str, str | None], _Cand], tokens: Sequence[RuToken]) -> None:
    """An event told with no name but with "мы"/"Вы" ("Вы наше приглашение приняли") is one of
    the two sides that the report's first event names: it takes their names. An event with
    neither a name nor such a pronoun has no participant to report and is dropped."""
    first = min(
        (c for c in cands.values() if c.participants and c.spans),
        key=lambda c: c.spans[0][0],
        default=None,
    )
    for key, c in list(cands.items()):
        if c.participants:
            continue
        said = _said(tokens, c.spans)
        if first is not None and any(t.lemma in _YOU_WE for t in said):
            c.participants = list(first.participants)
        else:
            del cands[key]


# Words that open a clause of its own: "отметив, что ... не забудут" (a future there is not the
# event's).
_CLAUSE = frozenset(("что", "чтобы", "который", ";", ":"))
# Words that make the event they govern a plan: "пригласил посетить", "договорились о
# встрече", "запланирован форум", "планируется визит", "предстоящий саммит".
_PLAN = frozenset(
    (
        "пригласить",
        "приглашать",
        "договориться",
        "условиться",
        "запланировать",
        "планироваться",
        "планировать",
        "предстоящий",
        "намечать",
        "наметить",
        "ожидаться",
        "подготовка",
        "готовиться",
    )
)


def _phrase_bounds(toks: Sequence[RuToken], i: int) -> tuple[int, int]:
    """The offsets of the comma-bounded phrase that holds token ``i``."""
    lo = i
    while lo > 0 and toks[lo - 1].text not in (",", ";", ":"):
        lo -= 1
    hi = i + 1
    while hi < len(toks) and toks[hi].text not in (",", ";", ":"):
        hi += 1
    return toks[lo].start, toks[hi - 1].end


_TODAY = frozenset((("сегодня",), ("только", "что")))
_THESE_DAYS = frozenset((("на", "день"), ("недавно",)))
# Adjectives that place only the event they qualify: "нынешней поездки" (not "визиту" after it).
_THIS_ONE = {"сегодняшний": "day", "нынешний": "month", "текущий": "month"}
_DURING = frozenset(("ход", "рамка"))  # "в ходе", "в рамках"
_THIS = frozenset(("мой", "наш", "ваш", "этот", "нынешний", "сегодняшний", "данный"))


def _now(clause: Sequence[RuToken], at: int, doc: Document) -> tuple[str, str] | None:
    """The report's own time for an event its clause places there with no date: today
    ("сегодня", "Подписанное только что соглашение") or these days ("на днях", "недавно",
    "нынешний визит", "в ходе моего визита была возможность встретиться"): the document's date,
    at day or month precision."""
    if not doc.published:
        return None
    lemmas = [t.lemma for t in clause]
    pairs = set(itertools.pairwise(lemmas))
    own = next((_THIS_ONE[w] for w in lemmas[max(0, at - 2) : at] if w in _THIS_ONE), None)
    if own == "day":
        return doc.published, doc.published_precision or "day"
    if own == "month":
        return doc.published[:7], "month"
    if any((w,) in _TODAY for w in lemmas) or pairs & _TODAY:
        return doc.published, doc.published_precision or "day"
    during = any(
        a in _DURING and b in _THIS and "визит" in lemmas[k + 2 : k + 4]
        for k, (a, b) in enumerate(itertools.pairwise(lemmas))
    )
    if during or any((w,) in _THESE_DAYS for w in lemmas) or pairs & _THESE_DAYS:
        return doc.published[:7], "month"
    return None


def _fold_undated(cands: dict[tuple[str, str | None], _Cand], tokens: Sequence[RuToken]) -> None:
    """An undated event of a type the report dates once, in the same status and with two of its
    participants and no other place, is that event told again ("В совещании приняли участие ...", "Вы свой первый визит решили нанести в Россию"):
    its participants and sentences join the dated one."""
    for (kind, date), c in list(cands.items()):
        if date is not None:
            continue
        dated = [d for (k, w), d in cands.items() if k == kind and w is not None]
        if len(dated) != 1 or dated[0].status != c.status:
            continue
        shared = set(c.participants) & set(dated[0].participants)
        if len(shared) < 2 and not (shared and shared == set(c.participants)):
            continue  # "Подписание документов ..." with one of the dated signing's sides joins it
        if None not in (c.location, dated[0].location) and c.location != dated[0].location:
            continue  # officials' visits to Muscat are not the visit to Moscow
        if any(t.lemma in _THEN for t in _said(tokens, c.spans)):
            continue  # "много лет назад ... провели переговоры" is another time
        into = dated[0]
        into.participants += [p for p in c.participants if p not in into.participants]
        into.spans += [s for s in c.spans if s not in into.spans]
        into.location = into.location or c.location
        del cands[(kind, date)]


def _clause(toks: Sequence[RuToken], i: int) -> tuple[int, int]:
    """The bounds of the clause that holds token ``i``, bounded by the words of ``_CLAUSE``."""

    def opens(k: int) -> bool:  # "только что" (just now) opens no clause
        return toks[k].lemma in _CLAUSE and not (k > 0 and toks[k - 1].lemma == "только")

    lo = i
    while lo > 0 and not opens(lo - 1):
        lo -= 1
    hi = i + 1
    while hi < len(toks) and not opens(hi):
        hi += 1
    return lo, hi


def _done(tok: RuToken) -> bool:
    """A trigger that is a past participle tells a thing done, whatever the verb of its clause:
    "Подписанное соглашение поможет ..." (the future is the agreement's, not the signing's)."""
    return tok.pos == "PRTF" and "past" in tok.tag


def _plans(before: Sequence[RuToken]) -> bool:
    """A word of ``_PLAN`` in the trigger's phrase, before it ("с предстоящим праздником,
    а также ... переговоров" plans no talks)."""
    return any(t.lemma in _PLAN for t in before)


@dataclass(frozen=True, slots=True)
class _Tense:
    tense: str | None


def _tenses(toks: Sequence[RuToken]) -> list[_Tense]:
    """The tense of each finite verb of the sentence, from its tag ("VERB,perf ... futr")."""
    out = []
    for t in toks:
        if str(t.pos) == "VERB":
            out.append(_Tense(next((x for x in ("futr", "past", "pres") if x in t.tag), None)))
    return out


def _place(toks: Sequence[RuToken], mentions: Sequence[Mention]) -> str | None:
    """The place or state named right after "в"/"во" ("в Кремле", "в Москву")."""
    for m in mentions:
        if m.type not in ("place", "country"):
            continue
        before = [t for t in toks if t.end <= m.start]
        if before and before[-1].text.lower() in _IN:
            return m.entity
    return None
