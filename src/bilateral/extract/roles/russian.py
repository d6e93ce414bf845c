"""Posts told in Russian: "Министр иностранных дел Казахстана Мурат Нуртлеу", "Председатель КНР
Си Цзиньпин", "с Президентом Монголии Ухнагийн Хурэлсухом", "глава МИД России Сергей Лавров",
"помощник Президента Юрий Ушаков", "российский посол", "назначен Послом России в США".

1. Titles: the ``russian`` section of ``kb/data/posts.yaml``, matched by lemma, longest first,
   with up to three modifiers before ("первый заместитель Министра"). Titles joined by a comma
   are a chain that one name ends ("Наследным принцем, Председателем Совета министров ... X").
2. What follows a title: the state (a genitive: "Казахстана", "КНР"), bodies ("Совета
   министров"), for an envoy where he is sent ("в США", "при ОАГ"), and at last the holder. A
   state's adjective right before the title ("российский посол") names the state too.
   The post of a body (not a state's organ) names the body in English: the KB's name, else one
   made from its Russian words (``russian_bodies``: "президент Федерации еврейских общин").
3. The holder: the person named right after the chain; else the one named right before it (an
   apposition, or a participants' card: "Лавров Сергей Викторович Министр ..."); else, for a
   post in the instrumental after a verb that appoints ("назначен Послом"), the person the
   sentence names before that verb or between it and the post ("Назначить Иванова ...
   Послом"). An appointment starts the post on the sentence's date or the document's; a verb
   that releases ("освобождён") ends it.
4. The roles stage then fills the states the text leaves out and adds the KB's terms, as it does
   for English (``stage``).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from bilateral.extract.roles.russian_bodies import body_in_english
from bilateral.extract.roles.russian_complement import (
    agrees,
    complement_english,
    complement_run,
    word_forms,
)
from bilateral.extract.roles.russian_groups import date_held, listed_roles, participants
from bilateral.extract.roles.russian_names import EnglishNames
from bilateral.extract.roles.russian_plural import PluralPost, plural_post
from bilateral.extract.roles.russian_states import state_before
from bilateral.extract.roles.russian_turns import speaker_holder
from bilateral.kb import KnowledgeBase
from bilateral.kb.publishers import load_publishers
from bilateral.kb.vocabulary import VocabularyError, posts, read_data
from bilateral.lang.ru import RussianLayer, RuToken, phrase_starts
from bilateral.model import Document, Evidence, Mention, Role, TimeExpr

_MODIFIERS_MAX = 3
_NAME_WORDS_MAX = 2  # a first name and a patronymic between a surname and its post ("Лавров
# Сергей Викторович Министр")
_ENVOY_PREPOSITIONS = frozenset(("в", "во", "при"))


@dataclass(frozen=True, slots=True)
class RuTitle:
    en: str  # the English title
    of_state: str | None = None  # the English title when a state follows directly
    needs_of: bool = False  # a title only when a state or body follows
    with_body: bool = False  # the body that follows is part of the title ("Chairman of ...")
    of_region: str | None = None  # the English title when a region follows ("Chairman of the
    # Government" of a republic, where the state's own is its "Prime Minister")


@dataclass(frozen=True)
class RuPosts:
    titles: Mapping[tuple[str, ...], RuTitle]  # lemmas -> title
    modifiers: Mapping[tuple[str, ...], str]  # lemmas -> English word
    bodies: Mapping[tuple[str, ...], str]  # lemmas -> English name of a body
    state_adjectives: Mapping[str, str]  # lemma -> state id, where not made from its name
    longest: int
    appoint: frozenset[str]  # lemmas of verbs that give a post
    release: frozenset[str]  # lemmas of verbs that take it away
    envoys: tuple[str, ...]  # English words of titles whose holder is sent ("ambassador")
    home_bodies: frozenset[tuple[str, ...]] = frozenset()  # the publisher's state's bodies
    topics: Mapping[tuple[str, ...], str] = field(default_factory=dict)  # "по вопросам ..." ->
    # English


@functools.lru_cache(maxsize=1)
def ru_posts() -> RuPosts:
    """The ``russian`` section of ``kb/data/posts.yaml``, loaded once."""
    data = read_data("posts.yaml").get("russian") or {}
    titles: dict[tuple[str, ...], RuTitle] = {}
    for key, value in (data.get("titles") or {}).items():
        if isinstance(value, str):
            titles[tuple(str(key).split())] = RuTitle(value)
        elif isinstance(value, dict) and isinstance(value.get("en"), str):
            titles[tuple(str(key).split())] = RuTitle(
                value["en"],
                of_state=value.get("of_state"),
                needs_of=bool(value.get("needs_of", False)),
                with_body=bool(value.get("with_body", False)),
                of_region=value.get("of_region"),
            )
        else:
            raise VocabularyError(f"posts.yaml: russian.titles[{key!r}] needs an English title")
    modifiers = {tuple(str(k).split()): str(v) for k, v in (data.get("modifiers") or {}).items()}
    bodies = {tuple(str(k).split()): str(v) for k, v in (data.get("bodies") or {}).items()}
    topics = {tuple(str(k).split()): str(v) for k, v in (data.get("topics") or {}).items()}
    longest = max((len(k) for k in [*titles, *modifiers, *topics]), default=1)
    return RuPosts(
        MappingProxyType(titles),
        MappingProxyType(modifiers),
        MappingProxyType(bodies),
        MappingProxyType({str(k): str(v) for k, v in (data.get("state_adjectives") or {}).items()}),
        longest,
        frozenset(str(v) for v in data.get("appoint") or ()),
        frozenset(str(v) for v in data.get("release") or ()),
        tuple(w.lower() for w in [*posts().envoys, *(data.get("envoys") or ())]),
        frozenset(tuple(str(v).split()) for v in data.get("home_bodies") or ()),
        MappingProxyType(topics),
    )


@dataclass
class _Post:
    first: int  # token index where the post starts (its modifiers included)
    last: int  # one past its title's last token
    title: str  # in English, with its body and destination where known
    instrumental: bool  # "Послом": the case a verb of appointment gives its post
    state: Mention | None = None
    body: Mention | None = None
    body_first: bool = False  # a body follows the title before any state: the post is the body's
    # ("президент Федерации ... России": of the federation, not of Russia)
    home_body: bool = False  # the body, known by its words, is one of the publisher's state's


def find_roles_ru(
    doc: Document,
    kb: KnowledgeBase,
    mentions: Sequence[Mention],
    times: Sequence[TimeExpr],
    ru: RussianLayer,
    found: Mapping[str, str] | None = None,
) -> list[Role]:
    """``found``: the English names the entities stage gave entities the KB lacks, by id."""
    voc = ru_posts()
    names = EnglishNames(kb, ru, found or {})
    read = ru.read(doc)
    ments = sorted(mentions, key=lambda m: (m.start, -m.end))
    at: dict[int, Mention] = {}
    for m in ments:
        at.setdefault(m.start, m)
    person_ending = {m.end: m for m in ments if m.type == "person"}
    inside = _inside_names(ments)
    home = load_publishers().country(doc.publisher)
    home = home if home is not None and kb.get(home) is not None else None
    out: list[Role] = []

    def titles(toks: Sequence[RuToken], i: int) -> tuple[int, RuTitle] | None:
        got = _phrase(toks, i, voc.titles, voc.longest)
        return (got[0], got[1]) if got is not None else None

    groups: list[_Post] = []  # posts the text gives a group it then lists ("с постоянными
    # членами Совета Безопасности")
    group_toks: Sequence[RuToken] = ()
    persons = [m for m in ments if m.type == "person"]
    speakers: dict[str, Mapping[str, Mention]] = {}
    for sent in read.sentences:
        toks = read.tokens[sent.first : sent.last]
        out += _same_post(doc, toks, voc, ments, out, times)
        if groups and participants(toks):
            out += listed_roles(doc, toks, groups, group_toks, ments, times, home)
            groups = []
        others = {
            m.entity
            for m in ments
            if m.type == "country" and sent.start <= m.start < sent.end and m.entity != home
        }
        i = 0
        while i < len(toks):
            if toks[i].start in inside:
                i += 1
                continue
            plural = plural_post(toks, i, titles, at, ru)
            if plural is not None:
                out += _plural_roles(doc, toks, plural, names, times)
                i = plural.end
                continue
            card = _card(toks, i, person_ending)
            if card is not None:
                # A participants' card: "Мишустин Михаил Владимирович Председатель
                # Правительства , Председатель ...": the post after a full name with its
                # patronymic is that person's, and the comma after it starts the next card.
                post, _, k = _post(toks, i, voc, names, at, ru)
                chain, holder = ([post], card) if post is not None else ([], None)
            else:
                chain, holder, k = _chain(toks, i, voc, names, at, ru)
            if not chain:
                i += 1
                continue
            if _group(toks, chain[0]):
                # "Совещание с постоянными членами Совета Безопасности": a post in the plural
                # after "с" is a group's, whose members the text lists afterwards.
                for p in chain:
                    p.home_body = p.home_body and not others
                groups, group_toks = chain, toks
                i = max(k, i + 1)
                continue
            start, end = toks[chain[0].first].start, toks[chain[-1].last - 1].end
            status = "held"
            ev: tuple[Evidence, ...]
            if holder is not None and holder.end <= start:
                ev = (Evidence.of(doc, holder.start, end),)
            elif holder is not None:
                ev = (Evidence.of(doc, start, holder.end),)
            else:
                holder = _before(toks, chain[0].first, person_ending)
                if holder is not None:
                    ev = (Evidence.of(doc, holder.start, end),)
                else:
                    holder, status = _appointed(toks, chain[0], voc, ments)
                    # A post the speaker of a transcript states of himself ("Была членом").
                    said = (
                        None
                        if holder is not None
                        else speaker_holder(
                            doc, toks, chain[0].first, chain[0].instrumental, persons, speakers
                        )
                    )
                    if said is not None:
                        holder, status = said[0], "former" if said[1] else "held"
                    if holder is None:
                        i = max(k, i + 1)
                        continue
                    ev = (Evidence.of(doc, start, end), Evidence.of(doc, holder.start, holder.end))
            if chain[0].state is None:
                chain[0].state = state_before(doc.id, toks, chain[0].first, kb)
            _share_of(chain, toks)
            side = _side(doc.id, toks, chain[0].first, kb)
            for p in chain:
                if p.state is None and p.body is None:
                    p.state = side
            as_of = date_held(doc, times, start)
            for p in chain:
                of = p.body if p.body_first else p.state or p.body
                of_id = of.entity if of is not None else None
                if p.home_body and p.state is None and not others and home is not None:
                    # The publisher's state's organ ("начальник Генштаба Вооружённых Сил"):
                    # of that state, not of the organ the text names after it.
                    of_id = home
                out.append(
                    Role(
                        holder.entity,
                        p.title,
                        of_id,
                        as_of,
                        ev,
                        "text",
                        start=as_of if status == "held" and _appointing(toks, p, voc) else None,
                        end=as_of if status == "former" else None,
                        status=status,
                    )
                )
            i = max(k, i + 1)
    return out


def _plural_roles(
    doc: Document,
    toks: Sequence[RuToken],
    plural: PluralPost,
    names: EnglishNames,
    times: Sequence[TimeExpr],
) -> list[Role]:
    """One role for each holder of a plural post, of the state listed for him."""
    title: RuTitle = plural.title
    envoy = any(w in title.en.lower() for w in ru_posts().envoys)
    start, end = toks[plural.first].start, toks[plural.end - 1].end
    as_of = date_held(doc, times, start)
    out = []
    for person, state in plural.pairs:
        en = title.en
        where = _named(names, state) if state is not None else None
        if state is not None:
            en = title.of_state or en
        if where is not None and not envoy:
            en += " of " + where
        of = state.entity if state is not None else None
        out.append(Role(person.entity, en, of, as_of, (Evidence.of(doc, start, end),), "text"))
    return out


def _share_of(chain: Sequence[_Post], toks: Sequence[RuToken]) -> None:
    """A post of a chain that names no state or body is of the one the next post names after a
    comma: "верховным муфтием, председателем Духовного управления ... X" is the board's mufti.
    (Posts in one case without a comma are the holder's several: "командира батальона Героя
    России" commands no Russia.)"""
    for p, nxt in reversed(list(itertools.pairwise(chain))):
        comma = toks[nxt.first - 1].text == ","
        if comma and p.state is None and p.body is None and not p.home_body:
            p.state, p.body = nxt.state, nxt.body
            p.body_first, p.home_body = nxt.body_first, nxt.home_body


def _group(toks: Sequence[RuToken], post: _Post) -> bool:
    """A post in the plural right after "с" ("встреча с членами ...")."""
    head = toks[post.first : post.last]
    return (
        post.first > 0
        and toks[post.first - 1].lemma in ("с", "со")
        and "plur" in _first_declined(head).tag
    )


# "this post" as the text writes it (pymorphy3 reads "данной" first as a form of "дать").
_THIS = frozenset(("данной", "данную", "этой", "эту", "той", "ту", "указанной", "указанную"))


def _same_post(
    doc: Document,
    toks: Sequence[RuToken],
    voc: RuPosts,
    mentions: Sequence[Mention],
    found: Sequence[Role],
    times: Sequence[TimeExpr],
) -> list[Role]:
    """ "От данной должности освобождён Сергей Крикалёв": a verb that appoints or releases, "this
    post", and a person; the post is the one the text named last."""
    if not toks or not found:
        return []
    if not any(
        t.lemma == "должность" and n > 0 and toks[n - 1].text.lower() in _THIS
        for n, t in enumerate(toks)
    ):
        return []
    verbs = [t for t in toks if t.lemma in voc.appoint or t.lemma in voc.release]
    lo, hi = toks[0].start, toks[-1].end
    persons = [m for m in mentions if m.type == "person" and lo <= m.start and m.end <= hi]
    if not verbs or not persons:
        return []
    last = found[-1]
    release = verbs[0].lemma in voc.release
    as_of = date_held(doc, times, lo)
    ev = (Evidence.of(doc, lo, hi),)
    return [
        Role(
            persons[0].entity,
            last.title,
            last.of,
            as_of,
            ev,
            "text",
            start=None if release else as_of,
            end=as_of if release else None,
            status="former" if release else "held",
        )
    ]


def _inside_names(mentions: Sequence[Mention]) -> set[int]:
    """Offsets strictly inside the name of a body, state or place, where a title is part of the
    name ("Администрации Президента")."""
    out: set[int] = set()
    for m in mentions:
        if m.type != "person":
            out.update(range(m.start + 1, m.end))
    return out


def _phrase(
    toks: Sequence[RuToken], i: int, table: Mapping[tuple[str, ...], Any], longest: int
) -> tuple[int, Any] | None:
    if i >= len(toks) or toks[i].lemma not in phrase_starts(table):
        return None  # most tokens start no phrase: no tuple of lemmas is built for them
    for n in range(min(longest, len(toks) - i), 0, -1):
        got = table.get(tuple(t.lemma for t in toks[i : i + n]))
        if got is not None:
            return n, got
    return None


def _chain(
    toks: Sequence[RuToken],
    i: int,
    voc: RuPosts,
    names: EnglishNames,
    at: Mapping[int, Mention],
    ru: RussianLayer,
) -> tuple[list[_Post], Mention | None, int]:
    """The posts of a chain starting at token ``i``, the person named after it, and the index
    of the token after all that was read."""
    chain: list[_Post] = []
    k = i
    while True:
        post, holder, k2 = _post(toks, k, voc, names, at, ru)
        if post is None:
            break
        chain.append(post)
        k = k2
        if holder is not None:
            return chain, holder, k
        if k + 1 < len(toks) and toks[k].text == ",":
            k += 1
            continue
        if k + 1 < len(toks) and toks[k].text in _DASHES and _starts_post(toks, k + 1, voc):
            k += 1  # "генеральный директор – генеральный конструктор ...": one holder's two
            continue
        # A post right after a post in the same case is one more of the holder's ("командира
        # батальона Героя России Марка ...").
        nxt = _phrase(toks, k, voc.titles, voc.longest)
        if nxt is not None and _case(toks[k]) == _case(
            _first_declined(toks[post.first : post.last])
        ):
            continue
        break
    return chain, None, k


_DASHES = ("–", "—")


def _second_post(toks: Sequence[RuToken], k: int, voc: RuPosts) -> bool:
    """A title in the singular: one more post of the holder ("командира батальона Героя
    России"), not a word of what the first is of ("члена совета директоров")."""
    return _phrase(toks, k, voc.titles, voc.longest) is not None and "plur" not in toks[k].tag


def _starts_post(toks: Sequence[RuToken], k: int, voc: RuPosts) -> bool:
    return any(_phrase(toks, k, table, voc.longest) for table in (voc.titles, voc.modifiers))


_CASES = frozenset(("nomn", "gent", "datv", "accs", "ablt", "loct"))


def _case(tok: RuToken) -> str | None:
    return next((c for c in tok.tag.replace(" ", ",").split(",") if c in _CASES), None)


def _card(toks: Sequence[RuToken], i: int, person_ending: Mapping[int, Mention]) -> Mention | None:
    """The person whose full name, patronymic last, ends right before token ``i``."""
    if i == 0 or "Patr" not in toks[i - 1].tag:
        return None
    return person_ending.get(toks[i - 1].end)


def _post(
    toks: Sequence[RuToken],
    i: int,
    voc: RuPosts,
    names: EnglishNames,
    at: Mapping[int, Mention],
    ru: RussianLayer,
) -> tuple[_Post | None, Mention | None, int]:
    """One post at token ``i`` with what follows it (state, region, bodies, destination) and the
    person named right after, if any."""
    mods: list[str] = []
    j = i
    title: RuTitle | None = None
    while j < len(toks):
        got = _phrase(toks, j, voc.titles, voc.longest)
        if got is not None:
            n, title = got
            j += n
            break
        mod = _phrase(toks, j, voc.modifiers, voc.longest)
        if mod is None or len(mods) == _MODIFIERS_MAX:
            return None, None, i
        mods.append(mod[1])
        j += mod[0]
    if title is None:
        return None, None, i
    head = toks[i:j]
    # The case of the post's first noun or participle ("Послом", "временно исполняющим
    # обязанности губернатора", "первым заместителем") is the post's; an adjective's reading is
    # too often another case's ("Чрезвычайным").
    instrumental = "ablt" in _first_declined(head).tag
    envoy = any(w in title.en.lower() for w in voc.envoys)
    fol = _Following()
    k = j
    run: tuple[int, int] | None = None  # a complement of words the vocabulary lacks
    saved, refused = fol, False
    while k < len(toks):
        if not fol.topics and _on_questions(toks, k):
            k = _topics(toks, k + 2, voc, at, fol.topics)
            continue
        m = at.get(toks[k].start)
        if m is None and envoy and fol.dest is None and toks[k].lemma in _ENVOY_PREPOSITIONS:
            m = at.get(toks[k + 1].start) if k + 1 < len(toks) else None
            if m is None or m.type == "person":
                break
            fol.dest = m
            k = _after(toks, k + 1, m.end)
            continue
        if m is None and toks[k].text in ("»", "”") and k > j:
            k += 1  # the quote that closes a body's name ("АО «Звезда»"), left out of its mention
            continue
        if m is None and toks[k].text == "(" and _person_at(toks, k + 1, at):
            k += 1  # "министр ... (Сергей Лавров)": the holder in brackets
            continue
        if m is None:
            # A body the KB does not know, by its words ("Федеральной службы безопасности",
            # "Вооружёнными Силами"): part of the title, with no entity for ``of``.
            body = _phrase(toks, k, voc.bodies, voc.longest)
            if body is None and fol.state is None and run is None:
                # Words the vocabulary does not know, in the genitive, up to a name
                # ("ректором университета Юрием ..."): the title's complement, if the name
                # agrees with the title (``russian_complement``).
                end = complement_run(toks, k, ru, at, lambda n: _second_post(toks, n, voc))
                if end is not None:
                    run, saved = (k, end), _Following(**{**vars(fol), "bodies": [*fol.bodies]})
                    k = end
                    continue
            if body is None or fol.state is not None:
                break
            if fol.body_name is not None:
                # The body the first belongs to: "Генштаба Вооружённых Сил".
                if fol.whose is not None:
                    break
                fol.whose = body[1]
                k += body[0]
                continue
            fol.body_name = body[1]
            fol.first = fol.first or "body"
            fol.organ = True
            fol.home = tuple(t.lemma for t in toks[k : k + body[0]]) in voc.home_bodies
            k += body[0]
            continue
        if m.type == "person" and _new_clause(head, m, ru):
            break
        if m.type == "person" and run is not None:
            fol.run_en = complement_english(toks[run[0] : run[1]])
            if not agrees(_first_declined(head), m, ru) or (title.needs_of and not fol.run_en):
                refused = True
                break
        if m.type == "person":
            return _make(i, j, title, mods, instrumental, fol, names), m, k
        if m.type == "country" and fol.state is None:
            fol.first = fol.first or "state"
            fol.state = m
        elif m.type in ("organization", "place") and fol.state is None:
            if not fol.bodies:
                words = tuple(t.lemma for t in toks[k : _after(toks, k, m.end)])
                if fol.body_name is not None and words in voc.bodies:
                    fol.whose = fol.whose or voc.bodies[words]
                fol.body_name = (
                    fol.body_name
                    or names.name(m.entity)
                    or voc.bodies.get(words)
                    or (
                        body_in_english(toks, k, m, at, names) if m.type == "organization" else None
                    )
                )
                fol.organ = fol.organ or words in voc.bodies
            fol.first = fol.first or ("region" if m.type == "place" else "body")
            fol.bodies.append(m)
        else:
            break
        k = _after(toks, k, m.end)
    if run is not None and not refused and (fol.state or fol.bodies):
        fol.run_en = complement_english(toks[run[0] : run[1]])
    if run is not None and (refused or not (fol.state or fol.bodies)):
        # No name agreed with the title, and no state or body closed the run ("мэру города
        # Арзамаса" keeps it: the holder may stand before, "Щёлокову ..., мэру города ..."):
        # the run was not the title's complement.
        fol, k = saved, run[0]
    if title.needs_of and fol.state is None and not fol.bodies and fol.body_name is None:
        return None, None, i
    return _make(i, j, title, mods, instrumental, fol, names), None, k


def _person_at(toks: Sequence[RuToken], k: int, at: Mapping[int, Mention]) -> bool:
    m = at.get(toks[k].start) if k < len(toks) else None
    return m is not None and m.type == "person"


@dataclass
class _Following:
    """What a title is followed by, in the order read."""

    state: Mention | None = None
    bodies: list[Mention] = field(default_factory=list)
    body_name: str | None = None  # the English name of the first body
    dest: Mention | None = None
    first: str | None = None  # what came first: state, region or body
    organ: bool = False  # the first body is one of a state's organs (``bodies``), whose posts
    # are the state's
    home: bool = False  # that organ, known by its words, is the publisher's state's
    topics: list[str] = field(default_factory=list)  # "по вопросам экологии" -> ["Ecology"]
    whose: str | None = None  # the English name of a body the first body is part of
    run_en: str | None = None  # the English of a complement the vocabulary lacks


def _on_questions(toks: Sequence[RuToken], k: int) -> bool:
    return k + 2 < len(toks) and toks[k].lemma == "по" and toks[k + 1].lemma == "вопрос"


def _topics(
    toks: Sequence[RuToken], k: int, voc: RuPosts, at: Mapping[int, Mention], out: list[str]
) -> int:
    """The matters of "по вопросам экологии и транспорта" up to the name that follows, in
    English (those ``topics`` lists); the index of the token after them."""
    while k < len(toks) and toks[k].start not in at:
        if toks[k].text in (".", "!", "?", ":", ";", "(", ")"):
            break
        got = _phrase(toks, k, voc.topics, voc.longest)
        if got is not None:
            if got[1] not in out:
                out.append(got[1])
            k += got[0]
        else:
            k += 1
    return k


def _first_declined(head: Sequence[RuToken]) -> RuToken:
    return next((t for t in head if t.pos in ("NOUN", "PRTF")), head[-1])


def _cases(ru: RussianLayer, word: str) -> set[str | None]:
    return {p.tag.case for p in ru.readings(word)}


_NOUNS = frozenset(("NOUN",))  # a name's words are read as nouns ("Петров" is no adjective)


def _new_clause(title: Sequence[RuToken], name: Mention, ru: RussianLayer) -> bool:
    """A title in an oblique case before a name that can only be a subject starts no apposition:
    "Указом Президента Иван Петров назначен ..." (the decree's President is not Petrov). A name
    one of whose words agrees with the title in case and number is no subject ("Короля Хамада
    Бен Исы ...": "Исы")."""
    noun = next((t for t in title if t.pos == "NOUN"), title[-1])
    words = [w for w in name.text.strip("[]()").split() if w[:1].isupper()]
    if "nomn" in _cases(ru, noun.text) or not words or _cases(ru, words[0]) != {"nomn"}:
        return False
    own = word_forms(ru, noun.text)
    # A person is one: the words' plural readings ("Анцев") agree with no singular title.
    return not any(
        own & {f for f in word_forms(ru, w, _NOUNS) if f[1] == "sing"} for w in words[1:]
    )


def _after(toks: Sequence[RuToken], k: int, end: int) -> int:
    while k < len(toks) and toks[k].start < end:
        k += 1
    return k


def _make(
    i: int,
    j: int,
    title: RuTitle,
    mods: Sequence[str],
    instrumental: bool,
    got: _Following,
    names: EnglishNames,
) -> _Post:
    """The English title: the state's own title where the state follows ("Председатель КНР" ->
    "President of China"), a region's ("Председатель правительства ДНР" -> "Chairman of the
    Government of the Donetsk People's Republic"), the body that is part of it ("Chairman of the
    Council of Ministers"), the destination of an envoy ("Ambassador ... to Peru")."""
    en = title.en
    body = got.bodies[0] if got.bodies else None
    where: str | None = None  # the state or region the title names, in English
    if got.first == "state" and got.state is not None and got.run_en:
        # "Министр науки и высшего образования Российской Федерации": the ministry, then its state
        en += " of " + got.run_en
        if got.dest is None:
            where = _named(names, got.state)
    elif got.first == "state" and got.state is not None:
        en = title.of_state or en
        if got.dest is None and not any(w in en.lower() for w in ru_posts().envoys):
            where = _named(names, got.state)
    elif got.first == "region" and body is not None:
        en = title.of_region or en
        where = _named(names, body)
    elif (title.with_body or (got.first == "body" and not got.organ)) and got.body_name:
        known = body is not None and names.kb.get(body.entity) is not None
        the = names.article(body.entity, got.body_name) if known and body else "the "
        en += " of " + the + got.body_name
        if got.whose is not None:
            en += " of the " + got.whose
    if got.run_en and where is None and got.first is None and got.dest is None:
        en += " of " + got.run_en
    if where is not None:
        en += " of " + where
    if got.dest is not None:
        dest = _named(names, got.dest)
        if dest is not None:
            en += " to " + dest
    if got.topics:
        *most, last = got.topics
        en += " for " + (", ".join(most) + " and " + last if most else last)
    en = " ".join([*mods, en])
    return _Post(
        i,
        j,
        en,
        instrumental,
        got.state,
        body,
        body_first=got.first == "region" or (got.first == "body" and not got.organ),
        home_body=(got.home or _presidents(title.en))
        and got.state is None
        and (body is None or got.organ),
    )


def _presidents(title: str) -> bool:
    """A post of the President's own staff ("помощник Президента", "специальный представитель
    Президента"): of the President's state, which a publisher that names no other is of."""
    return "Presidential" in title or title.endswith(" the President")


def _named(names: EnglishNames, m: Mention) -> str | None:
    """The English name of what a mention names, as the text words it, with its article."""
    name = names.name(m.entity, m.text)
    return names.article(m.entity, name) + name if name else None


def _before(
    toks: Sequence[RuToken], first: int, person_ending: Mapping[int, Mention]
) -> Mention | None:
    """The person named right before a post: "Сергей Лавров, Министр ...", or a surname whose
    first name and patronymic stand between it and the post ("Лавров Сергей Викторович
    Министр ...", a participants' card)."""
    k = first - 1
    comma = k >= 0 and toks[k].text in (",", "(")  # "Сергей Лавров (министр ...)" too
    k -= comma
    for n in range(_NAME_WORDS_MAX + 1):
        if k < 0:
            return None
        m = person_ending.get(toks[k].end)
        if m is not None:
            # A heading runs into its text without a stop: "... Дени Сассу-Нгессо Глава
            # Российского государства принял ..." holds no apposition.
            return m if comma or n > 0 else None
        if not (toks[k].text[:1].isupper() and ("Name" in toks[k].tag or "Patr" in toks[k].tag)):
            return None
        k -= 1
    return None


def _appointing(toks: Sequence[RuToken], post: _Post, voc: RuPosts) -> bool:
    return _given(toks, post, voc) and any(t.lemma in voc.appoint for t in toks[: post.first])


def _given(toks: Sequence[RuToken], post: _Post, voc: RuPosts) -> bool:
    """A post a verb gives or takes: in the instrumental ("назначен Послом"), or right after the
    verb, whatever its case shows ("назначена врио губернатора": "врио" does not decline)."""
    return post.instrumental or (
        post.first > 0 and toks[post.first - 1].lemma in voc.appoint | voc.release
    )


def _appointed(
    toks: Sequence[RuToken], post: _Post, voc: RuPosts, mentions: Sequence[Mention]
) -> tuple[Mention | None, str]:
    """The person a verb of the sentence appoints to (or releases from) a post in the
    instrumental: the one named before the verb ("Иванов назначен Послом"), else between the
    verb and the post ("Назначить Иванова Ивана Ивановича Послом")."""
    if not _given(toks, post, voc):
        return None, "held"
    verbs = [n for n, t in enumerate(toks[: post.first]) if t.lemma in voc.appoint | voc.release]
    if not verbs:
        return None, "held"
    v = toks[verbs[-1]]
    status = "former" if v.lemma in voc.release else "held"
    lo, hi = toks[0].start, toks[post.first].start
    persons = [m for m in mentions if m.type == "person" and lo <= m.start and m.end <= hi]
    before = [m for m in persons if m.end <= v.start]
    if before:
        return before[-1], status
    after = [m for m in persons if m.start >= v.end]
    return (after[0], status) if after else (None, status)


def _side(doc_id: str, toks: Sequence[RuToken], first: int, kb: KnowledgeBase) -> Mention | None:
    """The state of the last "с российской стороны" ("on the Russian side") before the post in
    its sentence: the delegation lists that follow it are that state's officials."""
    for k in range(first - 1, 1, -1):
        if toks[k].lemma == "сторона" and toks[k - 2].lemma in ("с", "со"):
            return state_before(doc_id, toks, k, kb)
    return None


# END
