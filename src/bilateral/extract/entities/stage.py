"""Stage ``entities.v1``: persons, states, bodies and places, linked to the knowledge base.

A cascade, most trusted source first; a later step never overrides an earlier one's span:

1. KB names (matcher.py): exact, fast, and they carry ids, Wikidata and dated posts.
2. Persons by part of their name: a surname after an honorific or a title ("Mr Lavrov",
   "President Tokayev"), or alone once the full name has appeared; first name plus patronymic
   ("Murat Abugaliuly") through the KB's full forms.
3. Pattern rules for bodies named by an org noun ("Ministry of ...", "... Foundations") and for
   honorific + name ("MR. ALEXANDER LUKASHEVICH"), which the model misses or splits.
4. The NER model (ner.py) on what is still unexplained, filtered hard.
5. One entity per name per document: surname-only and honorific forms join the full name, an
   acronym in brackets joins the name before it; names outside the KB get a content id, so the
   same name in another document is the same entity.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bilateral.context import Context
from bilateral.extract.entities.fuzzy import surname_index
from bilateral.extract.entities.matcher import Hit, longest, matcher_for
from bilateral.extract.entities.ner import chunks, ner_found, worth_ner
from bilateral.extract.entities.patterns import (
    HEAD_WORDS,
    TITLE_WORDS,
    Found,
    buildings,
    honorific_persons,
    listed_companies,
    org_patterns,
    signature_names,
    state_bodies,
    titled_persons,
)
from bilateral.extract.entities.person_merge import cluster_persons, spelling_variants, whole_names
from bilateral.extract.entities.persons import (
    Link,
    apposed_surnames,
    is_title_word,
    kb_holder,
    post_word,
    speaker_labels,
    spelled_title,
    spouses,
    titled_surnames,
)
from bilateral.extract.entities.russian import russian_links
from bilateral.extract.entities.russian_names import english_persons
from bilateral.extract.entities.surnames import home_bodies, persons_by_surname, surname
from bilateral.extract.text.occurrences import occurrences
from bilateral.extract.text.spans import Taken
from bilateral.kb import KBEntity, KnowledgeBase, normalize_name
from bilateral.model import Document, Entity, Mention, content_id

_PREFIX = {"person": "person", "organization": "org", "place": "place", "country": "country"}
_PATRONYMIC = re.compile(r"(?:uly|ulu|ovich|evich|ovna|evna|kyzy|qyzy|oglu|ogly)\Z", re.I)
_ACRONYM_AFTER = re.compile(r"[ \t\xa0]*\((?P<acr>[A-Z][A-Za-z]{1,7})\)")


def prepare(kb: KnowledgeBase) -> None:
    """Build the knowledge base's name automaton and surname index now (each is otherwise built
    on first use): a process that forks workers builds them once for all of them."""
    matcher_for(kb)
    surname_index(kb)


def stage(
    doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]
) -> dict[str, tuple[Any, ...]]:
    entities, mentions = extract_entities(doc, ctx)
    return {"entities": entities, "mentions": mentions}


def extract_entities(doc: Document, ctx: Context) -> tuple[tuple[Entity, ...], tuple[Mention, ...]]:
    if doc.language == "ru":
        entities, mentions = _assemble(doc, russian_links(doc, ctx), ctx.kb)
        return english_persons(entities, mentions, ctx.kb, ctx.ru)
    kb, text = ctx.kb, doc.text
    # 1. KB names, minus place aliases used as adjectives inside a longer name ("Caspian Summit").
    #    A state or body named inside a longer KB name is mentioned too ("MGIMO University of the
    #    MFA of Russia" names the ministry and Russia); places and persons inside are not.
    #    Nor is a place that only names a document ("Paris Agreement", "Central Asia Nuclear-
    #    Weapon-Free Zone Treaty"): the text speaks of the treaty, not of the place.
    hits = [
        h
        for h in matcher_for(kb).candidates(text)
        if not _adjectival(h, text, kb)
        and not _names_a_document(h, text, kb)
        and not _names_an_event(h, text, kb)
        and not _in_compound(h, text, kb)
    ]
    top = longest(hits)
    links = [_kb_link(h, kb) for h in top]
    links += _nested(hits, top, kb, text)
    links += _patronymic_address(text, kb, links)
    links += _elided_places(text, kb, links)
    # 2. Surnames of the KB persons already named, and any honorific or title + KB surname.
    links += persons_by_surname(text, kb, links, doc.published)
    #    A transcript's speaker labels ("PRESIDENT IOHANNIS:") name the person who speaks.
    links += speaker_labels(doc, kb, links)
    # 3. Patterns: a body may contain KB names (states, bodies), but never cut through one.
    taken = Taken(links)
    honor = [f for f in honorific_persons(text) if _free_of_names(f, taken)]
    by_honor = Taken([_span(f) for f in honor])
    links = [lk for lk in links if by_honor.free(lk.start, lk.end)]
    date = doc.published
    links += [_found_link(f, kb, date) for f in honor]
    taken = Taken(links)
    signed = [f for f in signature_names(text, kb) if taken.free(f.start, f.end)]
    titled = _untitled(titled_persons(text, taken.free, kb) + signed, text)
    links += [_found_link(_without_service(f, text), kb, date) for f in titled]
    found = org_patterns(text, kb) + state_bodies(text, kb) + buildings(text)
    found += listed_companies(text)
    links = _add_patterns(links, found, kb, text)
    links += home_bodies(text, kb, links)
    #    "Prime Minister Shinzo Abe and Madam Abe": the spouse, not the leader.
    wives = spouses(text, links)
    by_wife = Taken(wives)
    links = [lk for lk in links if by_wife.free(lk.start, lk.end)] + wives
    # 4. The model, only where a capitalised word is still unexplained.
    covered = bytearray(len(text))
    for lk in links:
        covered[lk.start : lk.end] = b"\x01" * (lk.end - lk.start)
    spans = [(a, b) for a, b in chunks(doc) if worth_ner(text[a:b], covered, a, kb)]
    for f in _untitled(ner_found(doc, ctx, spans, kb), text):
        f = _without_service(f, text)
        lk = _found_link(f, kb, date)
        if lk.type == "place" and _EVENT_AFTER.match(text, f.end):
            continue  # the model finds the place the KB step left out of "Astana talks"
        seats = _seat_places(lk, links, text, kb) if any(covered[f.start : f.end]) else []
        if seats:
            links = [x for x in links if all(x is not y for y in seats)]
        if seats or not any(covered[f.start : f.end]):
            links.append(lk)
            covered[f.start : f.end] = b"\x01" * (f.end - f.start)
    #    "President Herzog" where nothing explained the surname: a person.
    for lk in titled_surnames(text, kb, covered):
        links.append(lk)
        covered[lk.start : lk.end] = b"\x01" * (lk.end - lk.start)
    links += apposed_surnames(text, kb, covered)
    # 5. Clusters, acronyms, entities.
    links = _persons_out_of_bodies(links, text)
    links = whole_names(spelling_variants(_list_types(_retype(links, text), text), kb), text)
    links = _short_state_bodies(links, kb)
    links = cluster_persons(links, text)
    links += _acronyms(text, links, covered)
    links = _join_bracketed(links)
    return _assemble(doc, links, kb)


def _seat_places(lk: Link, links: list[Link], text: str, kb: KnowledgeBase) -> list[Link]:
    """The region or city that ends a body the model names after "of" ("Consular Corps of
    Colorado", "University of Mindanao"): part of the body's name, which wins over it; none when
    anything else of the body's span is already explained, or when the place is a site (a
    building's "Reception Hall of X Palace" is no body)."""
    inside = [x for x in links if x.start < lk.end and lk.start < x.end]
    if lk.type != "organization" or len(inside) != 1:
        return []
    x = inside[0]
    before = text[lk.start : x.start]
    e = kb.get(x.key)
    if x.type != "place" or x.end != lk.end or x.start <= lk.start or e is None or e.kind == "site":
        return []
    return inside if re.search(r"[ \t\xa0]of[ \t\xa0]+(?:the[ \t\xa0]+)?\Z", before) else []


# --- 1. KB --------------------------------------------------------------------------------------


def _kb_link(h: Hit, kb: KnowledgeBase) -> Link:
    e = kb.get(h.entity)
    etype = e.type if e is not None else "organization"
    return Link(h.start, h.end, h.entity, etype, e.name if e is not None else h.form, "kb")


def _nested(hits: list[Hit], top: list[Hit], kb: KnowledgeBase, text: str) -> list[Link]:
    inner = []
    by_start = Taken(top)
    for h in hits:
        e = kb.get(h.entity)
        if e is None or e.type not in ("country", "organization"):
            continue
        outer = [
            t
            for t in by_start.overlapping(h.start, h.end)
            if t.start <= h.start and h.end <= t.end and t != h
        ]
        # A state's name names no other state or body inside it: "North Korea" is not "Korea",
        # "People's Republic of China" is not "Republic of China".
        if any(_type_of(t, kb) == "country" for t in outer):
            continue
        # Nor does a city's: "Mexico City" is not Mexico.
        if e.type == "country" and any(_type_of(t, kb) == "place" for t in outer):
            continue
        # A state that only opens a body's name is no mention of its own ("Palestine Liberation
        # Organization"); a state body's is ("Kazakhstan government").
        if e.type == "country" and any(
            t.start == h.start and (kb.get(t.entity) or e).kind != "state_body" for t in outer
        ):
            continue
        # A body's name that ends a longer one, only words before it, is its head: the
        # "National Security Council" is not the "Security Council" ("Secretariat of the United
        # Nations" does name the United Nations).
        if e.type == "organization" and any(
            t.end == h.end
            and _type_of(t, kb) == "organization"
            and not _LINKED.search(text, t.start, h.start)
            for t in outer
        ):
            continue
        if outer and all(t.entity != h.entity for t in outer):
            inner.append(h)
    return [_kb_link(h, kb) for h in longest(inner)]


_LINKED = re.compile(r"\b(?:of|for|to|on|in|at|and)[ \t\xa0]+(?:the[ \t\xa0]+)?\Z")


def _type_of(h: Hit, kb: KnowledgeBase) -> str | None:
    e = kb.get(h.entity)
    return e.type if e is not None else None


def _adjectival(h: Hit, text: str, kb: KnowledgeBase) -> bool:
    e = kb.get(h.entity)
    if e is None or e.type != "place" or " " in h.form or h.form == e.name:
        return False
    return re.match(r"[ \t\xa0]+[A-Z][a-z]", text[h.end : h.end + 3]) is not None


_DOCUMENT_AFTER = re.compile(
    r"(?:[ \t\xa0]+[A-Z][\w-]*){0,5}[ \t\xa0]+"
    r"(?:Treaty|Agreement|Agreements|Convention|Protocol|Accords?|Act|Principles"
    r"|Programme[ \t\xa0]+of[ \t\xa0]+Action)\b"
)


def _names_a_document(h: Hit, text: str, kb: KnowledgeBase) -> bool:
    e = kb.get(h.entity)
    return e is not None and e.type == "place" and _DOCUMENT_AFTER.match(text, h.end) is not None


_EVENT_AFTER = re.compile(
    r"(?:[ \t\xa0]+[A-Z][\w-]*){0,3}[ \t\xa0]+(?:Forum|Summit|Talks|talks|Games|Expo|Festival|Conference)\b"
)


def _names_an_event(h: Hit, text: str, kb: KnowledgeBase) -> bool:
    """ "Astana Economic Forum", "the Astana talks": a place that only names an event held there
    is not a mention of the place (the event is reported as an event)."""
    e = kb.get(h.entity)
    if e is None or e.type != "place":
        return False
    if _EVENT_AFTER.match(text, h.end) is not None:
        return True
    # "Summit of the Americas", "Assistant Administrator for Asia": a region that closes an
    # event's name or a post's portfolio is no mention of its own.
    before = _EVENT_OR_POST_BEFORE.search(text, max(0, h.start - 40), h.start)
    return before is not None and (
        before.group("head") in _EVENT_HEADS or post_word(before.group("head"))
    )


_EVENT_HEADS = frozenset("Summit Forum Conference Games Expo Festival".split())
_EVENT_OR_POST_BEFORE = re.compile(
    r"(?<![\w-])(?P<head>[A-Z][\w-]*)[ \t\xa0]+(?:of|for)[ \t\xa0]+(?:the[ \t\xa0]+)?\Z"
)


_GLUED_BEFORE = re.compile(r"(?<![\w-])(?P<word>[A-Z][a-z]+)-\Z")
_GLUED_AFTER = re.compile(r"-(?P<word>[A-Z][a-z]+)(?![\w-])")


def _in_compound(h: Hit, text: str, kb: KnowledgeBase) -> bool:
    """ "Euro-Atlantic", "Agence France-Presse": a place or state joined by a hyphen to a
    capitalised word that names nothing the KB knows is part of that word. "Russia-Kazakhstan"
    names both; "Chicago-based" names Chicago."""
    e = kb.get(h.entity)
    if e is None or e.type not in ("place", "country"):
        return False
    before = _GLUED_BEFORE.search(text, max(0, h.start - 20), h.start)
    after = _GLUED_AFTER.match(text, h.end)
    glued = [m.group("word") for m in (before, after) if m is not None]
    return any(not kb.lookup(w) and kb.country_by_adjective(w) is None for w in glued)


def _patronymic_address(text: str, kb: KnowledgeBase, links: list[Link]) -> list[Link]:
    """ "Esteemed Murat Abugaliuly": first name + patronymic of a KB person named in the text."""
    out: list[Link] = []
    taken = Taken(links)
    for pid in sorted({lk.key for lk in links if lk.type == "person"}):
        e = kb.get(pid)
        if e is None:
            continue
        for form in (e.name, *e.aliases):
            ws = form.split()
            if len(ws) == 3 and _PATRONYMIC.search(ws[1]):
                for m in re.finditer(rf"\b{re.escape(ws[0])}[ \t\xa0]+{re.escape(ws[1])}\b", text):
                    if taken.free(m.start(), m.end()):
                        lk = Link(m.start(), m.end(), pid, "person", e.name, "kb")
                        out.append(lk)
                        taken.add(lk)
    return out


_ELIDED = re.compile(r"(?<![\w-])(?P<word>[A-Z][a-z]+)[ \t\xa0]+(?:and|&)[ \t\xa0]+\Z")


def _elided_places(text: str, kb: KnowledgeBase, links: list[Link]) -> list[Link]:
    """ "South and Central Asia", "North and South Korea": a word before "and" that, put in place
    of the first word of the known name after it, gives another known place or state of the same
    type names that one too."""
    out: list[Link] = []
    taken = Taken(links)
    for lk in links:
        ws = text[lk.start : lk.end].split()
        if lk.type not in ("place", "country") or len(ws) < 2:
            continue
        m = _ELIDED.search(text, max(0, lk.start - 30), lk.start)
        if m is None:
            continue
        other = " ".join([m.group("word"), *ws[1:]])
        for e in kb.lookup(other):
            if e.type == lk.type and taken.free(m.start("word"), m.end("word")):
                out.append(Link(m.start("word"), m.end("word"), e.id, e.type, e.name, "kb"))
                taken.add(out[-1])
                break
    return out


# --- 3. and 4. names the KB lacks ----------------------------------------------------------------


def _span(f: Found) -> Link:
    return Link(f.start, f.end, "", f.type, f.name, f.source)


def _free_of_names(f: Found, taken: Taken[Link]) -> bool:
    """Whether no name found so far overlaps `f`. "Mr. Paul Lusaka": a full name after an
    honorific outranks a place or state named by one of its words (not a person's or body's
    name the KB knows)."""
    if len(f.name.split()) < 2:
        return taken.free(f.start, f.end)
    return all(
        lk.type in ("place", "country") and f.start <= lk.start and lk.end <= f.end
        for lk in taken.overlapping(f.start, f.end)
    )


def _untitled(found: list[Found], text: str) -> list[Found]:
    """ "Mediator Bassolé", "Ambassadors Kavanagh": a post's title (or its plural) that opens a
    found person's name is no part of it; the surname after it stays the person."""
    out = []
    for f in found:
        ws = list(re.finditer(r"\S+", text[f.start : f.end]))
        i = 0
        while f.type == "person" and i < len(ws) - 1 and _titles(ws[i].group(0)):
            i += 1
        if i == 0:
            out.append(f)
            continue
        if i == len(ws) - 1 and len(ws[i].group(0).rstrip(".")) <= 2:
            continue  # "Superintendent Ma.": an abbreviated first name, the name cut off
        start = f.start + ws[i].start()
        title = spelled_title(w.group(0) for w in ws[:i])
        name = " ".join(text[start : f.end].split())
        out.append(Found(start, f.end, f.type, name, f.source, title))
    return out


def _titles(word: str) -> bool:
    return is_title_word(word) or post_word(word)


def _found_link(f: Found, kb: KnowledgeBase, date: str | None = None) -> Link:
    """A found name, linked to the KB when the KB knows it under that name and a fitting type."""
    for e in kb.lookup(f.name):
        # The model mistypes known names ("Israel" as a person): the KB's type wins.
        if e.type == f.type or (f.source == "ner" and e.type != "person"):
            return Link(f.start, f.end, e.id, e.type, e.name, "kb")
    if f.type == "person" and " " not in f.name:
        holder = kb_holder(kb, f.name, date, f.title)
        if holder is None and f.title is not None:
            holder = kb_holder(kb, f.name, date)
        if holder is not None:
            return Link(f.start, f.end, holder.id, "person", holder.name, "kb", True)
    return Link(f.start, f.end, f"{f.type}|{normalize_name(f.name)}", f.type, f.name, f.source)


# "Major Jane Roe PA", "Corporal John Doe PN": the service's initials after a soldier's name.
_SERVICE_AFTER = re.compile(r"[ \t\xa0]+(?!(?:II|III|IV|VI)\b)[A-Z]{2,4}\Z")


def _without_service(f: Found, text: str) -> Found:
    """A person's name ends before initials in capitals after it (a service, a unit)."""
    cut = _SERVICE_AFTER.search(text, f.start, f.end) if f.type == "person" else None
    if cut is None or len(text[f.start : cut.start()].split()) < 2:
        return f
    return replace(f, end=cut.start(), name=" ".join(text[f.start : cut.start()].split()))


def _before_known_and(f: Found, links: Taken[Link], text: str) -> Found:
    """ "Council on Foreign Relations and Kazakh Invest", "Office of the UN High Commissioner for
    Human Rights and Penal Reform International": stop at an "and" next to a known name."""
    for m in re.finditer(r"[ \t\xa0]+and[ \t\xa0]+(?:the[ \t\xa0]+)?", text[f.start : f.end]):
        at, before = f.start + m.end(), f.start + m.start()
        near = [
            lk
            for lk in links.overlapping(before - 1, at + 1)
            if lk.type in ("organization", "country")
        ]
        if any(lk.start == at for lk in near) or any(lk.end == before for lk in near):
            end = f.start + m.start()
            return Found(f.start, end, f.type, " ".join(text[f.start : end].split()), f.source)
    return f


def _add_patterns(
    links: list[Link], found: list[Found], kb: KnowledgeBase, text: str
) -> list[Link]:
    """Pattern bodies win over the KB names nested inside them, except states and bodies, which
    stay as mentions of their own ("Delegation of the Russian Federation" also names Russia)."""
    out = list(links)
    taken = Taken(out)
    dropped: set[int] = set()  # ids of the links in `out` a pattern body replaced
    for f in sorted(found, key=lambda f: f.start - f.end):
        f = _before_known_and(f, taken, text)
        inside = taken.overlapping(f.start, f.end)
        if any(lk.start < f.start or lk.end > f.end or lk.source != "kb" for lk in inside):
            continue  # it cuts through a name already found, or overlaps another pattern
        if any((lk.start, lk.end) == (f.start, f.end) for lk in inside):
            continue  # the KB has this very name
        # A press service carries the name of its office ("the Akorda press service"): that
        # is part of its name, not a mention of its own.
        keep = ("country", "organization", "place") if not f.name.endswith("press service") else ()
        for lk in inside:
            if not (lk.type in keep and _named_in(lk, f, text)):
                dropped.add(id(lk))
                taken.remove(lk)
        out.append(_found_link(f, kb))
        taken.add(out[-1])
    return [lk for lk in out if id(lk) not in dropped]


def _named_in(lk: Link, f: Found, text: str) -> bool:
    """Whether a state inside a body's name is mentioned in its own right: after "of", "for",
    "in" ("Delegation of the Russian Federation"), or as the state whose government or
    parliament it is ("Finnish Government"); a state that only opens a body's own name does not
    count ("Palestine Liberation Organization")."""
    if lk.type == "place":
        # "Embassy of Sweden in Bangkok": the city where a body sits is mentioned too.
        return (
            re.search(r"[ \t\xa0]in[ \t\xa0]+(?:the[ \t\xa0]+)?\Z", text[f.start : lk.start])
            is not None
        )
    if lk.type != "country" or lk.start > f.start:
        return True
    return f.name.startswith(("Government of", "Parliament of"))


# --- 5. one entity per name --------------------------------------------------------------------


# ", Founder and Executive Chairman of the WEF": a post in apposition after a name.
_APPOSED_POST = re.compile(
    r",[ \t\xa0]+((?:[A-Z][\w-]*|and)(?:[ \t\xa0]+(?:[A-Z][\w-]*|and)){0,4})[ \t\xa0]+of\b"
)


def _apposed_post(text: str, end: int) -> bool:
    m = _APPOSED_POST.match(text, end)
    return m is not None and any(w in TITLE_WORDS or w == "Founder" for w in m.group(1).split())


def _retype(links: list[Link], text: str) -> list[Link]:
    """The model calls some persons bodies ("Nursultan Nazarbayev’s" as ORG): a model-found body
    or place whose name is a person's in this document, or ends with a person's surname there,
    is that person; so is one of two or three plain words with a post in apposition after it
    ("Klaus Schwab, Founder and Executive Chairman of the WEF")."""
    links = [_company(lk, text) for lk in links]
    names = {normalize_name(lk.name) for lk in links if lk.type == "person"}
    surnames = {normalize_name(surname(lk.name)) for lk in links if lk.type == "person"}
    out = []
    for lk in links:
        ws = lk.name.split()
        named_body = any(w in HEAD_WORDS for w in ws)
        if lk.source == "ner" and lk.type != "person" and "|" in lk.key and not named_body:
            key = normalize_name(lk.name)
            apposed = 1 < len(ws) <= 3 and _apposed_post(text, lk.end)
            if key in names or apposed or (1 < len(ws) <= 4 and normalize_name(ws[-1]) in surnames):
                lk = Link(lk.start, lk.end, f"person|{key}", "person", lk.name, lk.source)
        out.append(lk)
    return out


_COMPANY_BEFORE = re.compile(r"\b(?:company|companies|firm|corporation|operator)[ \t\xa0]+\Z")


_LIST_GAP = re.compile(
    r"[ \t\xa0“”\"]*(?:[,;]|(?:,[ \t\xa0]*)?\b(?:and|or)\b)[ \t\xa0“”\"]*(?:the[ \t\xa0]+)?\Z", re.I
)


def _list_types(links: list[Link], text: str) -> list[Link]:
    """ "BBC News, The New York Times, Associated Press, Der Spiegel and Deutsche Welle": in a
    list of three or more names, a name the model alone found takes the type of the list, where
    the names the KB or a pattern found are at least two and all of one type."""
    order = sorted(links, key=lambda lk: lk.start)
    runs: list[list[Link]] = []
    for lk in order:
        prev = runs[-1][-1] if runs else None
        if prev is not None and prev.end <= lk.start and _LIST_GAP.match(text[prev.end : lk.start]):
            runs[-1].append(lk)
        else:
            runs.append([lk])
    retyped: dict[int, Link] = {}
    for run in runs:
        trusted = {lk.type for lk in run if lk.source != "ner"}
        count = sum(1 for lk in run if lk.source != "ner")
        if len(run) < 3 or count < 2 or len(trusted) != 1 or trusted == {"country"}:
            continue
        kind = next(iter(trusted))
        for lk in run:
            if lk.source == "ner" and "|" in lk.key and lk.type != kind:
                key = f"{kind}|{normalize_name(lk.name)}"
                retyped[id(lk)] = Link(lk.start, lk.end, key, kind, lk.name, lk.source)
    return [retyped.get(id(lk), lk) for lk in links]


def _persons_out_of_bodies(links: list[Link], text: str) -> list[Link]:
    """ "Director of the Office of the Foreign Affairs Commission Yang Jiechi": a body's name
    that a pattern or the model ran on into a person's name this document gives elsewhere ends
    before it; the name is that person's mention."""
    persons = {
        normalize_name(lk.name): lk for lk in links if lk.type == "person" and " " in lk.name
    }
    if not persons:
        return links
    out = []
    for lk in links:
        if lk.type == "organization" and "|" in lk.key:
            ws = list(re.finditer(r"\S+", text[lk.start : lk.end]))
            for n in (3, 2):
                if len(ws) <= n + 1:
                    continue
                tail = lk.start + ws[-n].start()
                who = persons.get(normalize_name(text[tail : lk.end]))
                if who is None:
                    continue
                end = lk.start + ws[-n - 1].end()
                name = " ".join(text[lk.start : end].split())
                key = f"organization|{normalize_name(name)}"
                out.append(Link(lk.start, end, key, lk.type, name, lk.source))
                lk = Link(tail, lk.end, who.key, "person", who.name, who.source)
                break
        out.append(lk)
    return out


# The last "of (the) X" of a name: "Department of Foreign Affairs | of the Philippines".
_OF_STATE = re.compile(r".*\S(?P<of>[ \t\xa0]+of[ \t\xa0]+(?:the[ \t\xa0]+)?)(?P<state>[^,;()]+)\Z")


def _short_state_bodies(links: list[Link], kb: KnowledgeBase) -> list[Link]:
    """ "Department of Foreign Affairs (DFA)" where the document also names the KB's
    "Department of Foreign Affairs of the Philippines" (by "DFA"): a body's name without its
    state, found by a pattern or the model, is the KB's body of that state named in the same
    document."""
    short: dict[str, set[str]] = defaultdict(set)
    for key in {lk.key for lk in links if lk.type == "organization" and "|" not in lk.key}:
        e = kb.get(key)
        if e is None or e.kind != "state_body":
            continue
        m = _OF_STATE.search(e.name)
        if m is not None and any(c.type == "country" for c in kb.lookup(m.group("state"))):
            short[normalize_name(e.name[: m.start("of")])].add(e.id)
    if not short:
        return links
    out = []
    for lk in links:
        ids = short.get(normalize_name(lk.name)) if "|" in lk.key else None
        if lk.type == "organization" and ids is not None and len(ids) == 1:
            e = kb.get(next(iter(ids)))
            if e is not None:
                lk = Link(lk.start, lk.end, e.id, e.type, e.name, lk.source)
        out.append(lk)
    return out


def _company(lk: Link, text: str) -> Link:
    """ "the French company Orano Cycle": a name the model calls a person right after "company"
    is the company."""
    if lk.source != "ner" or lk.type != "person" or "|" not in lk.key:
        return lk
    if _COMPANY_BEFORE.search(text, max(0, lk.start - 20), lk.start) is None:
        return lk
    return Link(
        lk.start,
        lk.end,
        f"organization|{normalize_name(lk.name)}",
        "organization",
        lk.name,
        lk.source,
    )


def _acronyms(text: str, links: list[Link], covered: bytearray) -> list[Link]:
    """ "Supreme Eurasian Economic Council (SEEC)": the acronym, wherever else it stands, is the
    same body (only for names the KB lacks; the KB lists its own acronyms)."""
    out: list[Link] = []
    for lk in links:
        if "|" not in lk.key or lk.type == "person":
            continue
        m = _ACRONYM_AFTER.match(text, lk.end)
        if m is None or m.group("acr")[0] != lk.name[:1].upper():
            continue
        acr = m.group("acr")
        for at in occurrences(text, acr):
            if not any(covered[at : at + len(acr)]):
                out.append(Link(at, at + len(acr), lk.key, lk.type, lk.name, lk.source))
                covered[at : at + len(acr)] = b"\x01" * len(acr)
    return out


_BRACKETED = re.compile(r"(?P<pre>.*?)[ \t\xa0]*\((?P<acr>[A-Z]{2,8})\)[ \t\xa0]*(?P<post>.*)\Z")


def _join_bracketed(links: list[Link]) -> list[Link]:
    """ "IAEA Low Enriched Uranium (LEU) Bank" is one body with "IAEA Low Enriched Uranium Bank"
    and "IAEA LEU Bank": an acronym in brackets inside a name the KB lacks joins the name without
    it and the name with the acronym in place of the words it stands for."""
    target: dict[str, str] = {}
    for lk in links:
        m = _BRACKETED.match(lk.name)
        if lk.type != "organization" or "|" not in lk.key or m is None:
            continue
        pre, acr, post = m.group("pre").split(), m.group("acr"), m.group("post").split()
        key = f"organization|{normalize_name(' '.join(pre + post))}"
        target[lk.key] = key
        n = len(acr)
        if len(pre) >= n and "".join(w[0] for w in pre[-n:]).upper() == acr:
            target[f"organization|{normalize_name(' '.join([*pre[:-n], acr, *post]))}"] = key
    return [
        Link(lk.start, lk.end, target[lk.key], lk.type, lk.name, lk.source)
        if lk.key in target
        else lk
        for lk in links
    ]


def _assemble(
    doc: Document, links: list[Link], kb: KnowledgeBase
) -> tuple[tuple[Entity, ...], tuple[Mention, ...]]:
    by_key: dict[str, list[Link]] = defaultdict(list)
    for lk in sorted(links, key=lambda lk: (lk.start, lk.end)):
        by_key[lk.key].append(lk)
    ids: dict[str, str] = {}
    entities: list[Entity] = []
    for key, group in by_key.items():
        e = kb.get(key)
        ent = _kb_entity(e) if e is not None else _new_entity(group, doc.text)
        ids[key] = ent.id
        entities.append(ent)
    mentions = tuple(
        Mention(
            doc.id, lk.start, lk.end, doc.text[lk.start : lk.end], ids[lk.key], lk.type, lk.source
        )
        for lk in sorted(links, key=lambda lk: (lk.start, -lk.end))
    )
    unique = {e.id: e for e in entities}
    return tuple(unique.values()), mentions


def _kb_entity(e: KBEntity) -> Entity:
    return Entity(e.id, e.type, e.name, e.aliases, e.wikidata, in_kb=True)


def _new_entity(group: list[Link], text: str) -> Entity:
    """A name the KB lacks: the longest clean form names it; the others become aliases."""
    etype = group[0].type
    names = [lk.name for lk in group]
    name = max(names, key=lambda n: ("(" not in n, len(n.split()), len(n), -names.index(n)))
    seen = {normalize_name(name)}
    aliases = []
    for form in [*names, *(text[lk.start : lk.end] for lk in group)]:
        form = " ".join(form.split())
        key = normalize_name(form)
        if key and key not in seen:
            seen.add(key)
            aliases.append(form)
    return Entity(content_id(_PREFIX[etype], normalize_name(name)), etype, name, tuple(aliases))
