"""Places and bodies of a Russian document that the knowledge base does not know whole, read from
the words around what it does know:

- a region named by an adjective and its kind ("Курской области" -> "Kursk Oblast"), where the
  adjective is made from a KB place's name;
- a body whose name ends in a state's name in the genitive ("Совета министров Саудовской
  Аравии" -> "Council of Ministers of Saudi Arabia"; "Федерации еврейских общин России"), and a
  state's long form around the KB's short one ("Республики Союз Мьянма" -> Myanmar);
- the model's body without the post that opens it ("Председатель Государственного
  административного совета" -> the council; "Председатель Правительства" -> nothing left to name
  on its own here but the post, which the roles stage reads).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping

from bilateral.extract.entities.persons import Link
from bilateral.extract.roles.russian import ru_posts
from bilateral.kb import KnowledgeBase, normalize_name
from bilateral.lang.ru import RuName, RussianLayer, RussianText, RuToken

# The kind of a region after its adjective, as English names it.
_REGION_KINDS = {"область": "Oblast", "край": "Krai"}
# Nouns that open a state's long form, which names the state and no body.
_STATE_NOUNS = frozenset(
    "республика королевство государство федерация султанат эмират княжество союз".split()
)


def regions(
    text: RussianText, kb: KnowledgeBase, links: list[Link], covered: bytearray
) -> list[Link]:
    """ "Курская область", "Краснодарского края": a capitalised adjective and the region's kind,
    the adjective's key the key of a KB place's Russian name ("Курск")."""
    places = _place_keys(kb)
    out = []
    toks = text.tokens
    for a, b in itertools.pairwise(toks):
        kind = _REGION_KINDS.get(b.lemma)
        if (
            kind is None
            or a.pos != "ADJF"
            or not a.text[:1].isupper()
            or b.text[:1].isupper()
            or text.text[a.end : b.start] != " "
            or any(covered[a.start : b.end])
        ):
            continue
        eid = places.get(a.key)
        e = kb.get(eid) if eid else None
        if e is None:
            continue
        name = f"{e.name} {kind}"
        out.append(Link(a.start, b.end, f"place|{normalize_name(name)}", "place", name, "pattern"))
    return out


def state_bodies(
    text: RussianText, kb: KnowledgeBase, links: list[Link], covered: bytearray
) -> list[Link]:
    """ "Совета министров Саудовской Аравии": a body the posts vocabulary names ("совет
    министр", "вооружённые силы"), capitalised, and the KB state after it in the genitive: the
    state's body, named in English from both ("Council of Ministers of Saudi Arabia")."""
    bodies = ru_posts().bodies
    longest = max((len(k) for k in bodies), default=0)
    index = {t.end: i for i, t in enumerate(text.tokens)}
    out = []
    for state in links:
        if state.type != "country" or text.text[state.start - 1 : state.start] != " ":
            continue
        j = index.get(state.start - 1)
        if j is None:
            continue
        for n in range(min(longest, j + 1), 0, -1):
            toks = text.tokens[j - n + 1 : j + 1]
            english = bodies.get(tuple(t.lemma for t in toks))
            if (
                english
                and toks[0].text[:1].isupper()
                and all(text.text[a.end : b.start] == " " for a, b in itertools.pairwise(toks))
                and not any(covered[toks[0].start : toks[-1].end])
            ):
                name = f"{english} of {_english(kb, state)}"
                key = f"organization|{normalize_name(name)}"
                # The mention is the body's words: the state after them stays its own
                # mention, which the posts read ("Председатель Совета министров" of a state).
                out.append(Link(toks[0].start, toks[-1].end, key, "organization", name, "pattern"))
                break
    return out


@functools.lru_cache(maxsize=4)
def _place_keys(kb: KnowledgeBase) -> Mapping[str, str]:
    """The key of each one-word Russian name of a KB place (a city), where only one place has
    it."""
    from bilateral.lang.ru import shared_layer

    ru = shared_layer()
    owners: dict[str, set[str]] = {}
    for eid, e in kb.entities.items():
        if e.type != "place":
            continue
        for form in e.aliases:
            if " " not in form and form[:1].isupper() and "а" <= form[-1:].lower() <= "я":
                owners.setdefault(ru.reading(form)[3], set()).add(eid)
    return {k: next(iter(v)) for k, v in owners.items() if len(v) == 1}


def body_links(
    name: RuName,
    text: RussianText,
    by_start: Mapping[int, int],
    kb_after: Mapping[int, Link],
    kb: KnowledgeBase,
    ru: RussianLayer,
) -> list[Link] | None:
    """The links a place or body the model tags stands for, or None to take it as the model
    gives it. An empty list: nothing but a post."""
    i = by_start.get(name.start)
    if i is None:
        return None
    toks: list[RuToken] = []
    while i < len(text.tokens) and text.tokens[i].end <= name.end:
        toks.append(text.tokens[i])
        i += 1
    if not toks:
        return None
    k = _post_words(toks)
    rest = toks[k:]
    if not any(t.text[:1].isupper() for t in rest):
        return [] if k else None
    start = rest[0].start
    normal = name.normal if k == 0 else ru.nominative(text.text[start : name.end], name.type)
    # "Волновахе больница": a place and the common noun after it are no body's name.
    if (
        name.type == "ORG"
        and len(rest) > 1
        and rest[0].text[:1].isupper()
        and "Geox" in rest[0].tag
        and all(t.text.islower() for t in rest[1:])
    ):
        place = ru.nominative(rest[0].text, "LOC")
        return [_named(rest[0].start, rest[0].end, "place", place, kb)]
    state = kb_after.get(name.end + 1)
    if state is not None and state.type == "country" and text.text[name.end] == " ":
        whole = all(t.text[:1].isupper() for t in rest)
        if whole and rest[0].lemma in _STATE_NOUNS:
            return [Link(start, state.end, state.key, "country", _english(kb, state), "kb")]
        if name.type == "ORG":
            english = ru_posts().bodies.get(tuple(t.lemma for t in rest))
            full = (
                f"{english} of {_english(kb, state)}"
                if english
                else f"{normal} {text.text[state.start : state.end]}"
            )
            key = f"organization|{normalize_name(full)}"
            return [Link(start, state.end, key, "organization", full, "ner"), state]
    if k == 0:
        return None
    return [_named(start, name.end, "place" if name.type == "LOC" else "organization", normal, kb)]


def _english(kb: KnowledgeBase, lk: Link) -> str:
    e = kb.get(lk.key)
    return e.name if e is not None else lk.name


def _post_words(toks: list[RuToken]) -> int:
    """How many words at the start are a post and its modifiers ("Председатель", "Первый
    заместитель Председателя")."""
    voc = ru_posts()
    k = 0
    while k < len(toks):
        for n in range(min(voc.longest, len(toks) - k), 0, -1):
            lemmas = tuple(t.lemma for t in toks[k : k + n])
            if lemmas in voc.titles or lemmas in voc.modifiers:
                k += n
                break
        else:
            return k
    return k


def _named(start: int, end: int, etype: str, normal: str, kb: KnowledgeBase) -> Link:
    known = [e for e in kb.lookup(normal) if e.type != "person"]
    if known:
        e = known[0]
        return Link(start, end, e.id, e.type, e.name, "ner")
    return Link(start, end, f"{etype}|{normalize_name(normal)}", etype, normal, "ner")
