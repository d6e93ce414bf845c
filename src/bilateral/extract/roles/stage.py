"""Stage ``roles.v1``: who holds which post, of which state or body, on which date.

1. Find every post in the text: a chain of titles ("Deputy Prime Minister and Minister of Foreign
   Affairs") with what the text says it is of ("of the Republic of Kazakhstan", "Kazakh",
   "Kazakhstan's") and where it is sent ("to the OSCE"); headings in capitals count.
2. Tie each post to its holder: the person named right after it ("Foreign Minister Sergey
   Lavrov", "..., H.E. Mr. Murat Nurtleu"), right before it ("Kassym-Jomart Tokayev, President
   of ...", a signature's name line above its title line, "X was appointed ..."), the person last
   named when a pronoun holds it ("As the Honorary Chairman of ..., he continues"), or, for "the
   Kazakh President's idea", the one person the KB says held that post on the date.
3. A post the text leaves without a state takes it from the holder's KB term of that title.
4. Every KB person mentioned also gets the terms the KB says cover the document's date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from bilateral.context import Context, NlpLoader
from bilateral.extract.roles import syntax
from bilateral.extract.roles.people import resolve_persons
from bilateral.extract.roles.posts import (
    ACRONYM,
    AS,
    BEFORE,
    EPITHET,
    HONOR,
    OF,
    PRONOUN,
    SUBJECT,
    Post,
    S,
    case,
    rank_only,
    read_lead,
    read_post,
    title_patterns,
    word_start,
)
from bilateral.extract.roles.ranks import with_forces
from bilateral.extract.roles.russian import find_roles_ru
from bilateral.extract.roles.russian_heads import heads_by_description
from bilateral.extract.roles.states import fill_states
from bilateral.extract.roles.tenure import Tenure, tenure
from bilateral.extract.text.lines import line_start, only_before
from bilateral.extract.text.spans import ByOffset
from bilateral.kb import KnowledgeBase, Term
from bilateral.model import Document, Entity, Evidence, Mention, Role, TimeExpr

if TYPE_CHECKING:
    pass


def stage(
    doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]
) -> dict[str, tuple[Any, ...]]:
    entities = got.get("entities", ())
    if doc.language == "ru":
        roles = extract_roles_ru(doc, ctx, entities, got.get("mentions", ()), got.get("times", ()))
    else:
        roles = extract_roles(
            doc, ctx.kb, entities, got.get("mentions", ()), got.get("times", ()), ctx.parser
        )
    return {"roles": roles, "entities": entities + _bodies(ctx.kb, entities, roles)}


def _bodies(
    kb: KnowledgeBase, entities: Sequence[Entity], roles: Sequence[Role]
) -> tuple[Entity, ...]:
    """The KB's states and bodies that posts are of and the text does not name ("President
    Abbas" of Palestine, from his KB term): entities too, or the record could not name them."""
    have = {e.id for e in entities}
    out: dict[str, Entity] = {}
    for r in roles:
        if r.of is None or r.of in have or r.of in out:
            continue
        e = kb.get(r.of)
        if e is not None:
            out[r.of] = Entity(e.id, e.type, e.name, e.aliases, e.wikidata, in_kb=True)
    return tuple(out.values())


def extract_roles(
    doc: Document,
    kb: KnowledgeBase,
    entities: Sequence[Entity],
    mentions: Sequence[Mention],
    times: Sequence[TimeExpr],
    parser: NlpLoader | None = None,
) -> tuple[Role, ...]:
    text = doc.text
    in_kb = {e.id: e.in_kb for e in entities}
    ments = sorted(resolve_persons(text, mentions, in_kb), key=lambda m: (m.start, -m.end))
    starts = {m.start: m for m in ments if m.type != "person"}
    stops = {m.start: m for m in ments}
    persons = [m for m in ments if m.type == "person"]
    person_at = {m.start: m for m in persons}
    person_ending = {m.end: m for m in persons}
    ending = {m.end: m for m in ments}
    by_end = ByOffset(persons, key=lambda m: m.end)
    by_start = ByOffset(persons, key=lambda m: m.start)
    dated = ByOffset(times, key=lambda t: t.start)
    dominant = _dominant(persons)
    terms_memo: dict[tuple[str, str], tuple[Term, ...]] = {}
    roles: list[Role] = []
    # Posts word order finds no holder for, or only a biography's subject.
    pending: list[tuple[Post, str | None, Mention | None, Tenure]] = []
    held_by: dict[int, Mention] = {}  # a post's start -> its holder, as found
    seen_posts: list[Post] = []
    taken = 0
    for unit in title_patterns().unit.finditer(text):
        if unit.start() < taken or not word_start(text, unit.start()):
            continue
        post = read_post(text, unit.start(), starts, stops, kb, ending, taken)
        if post is None:
            continue
        taken = post.end
        seen_posts.append(post)
        holder, span = _holder(text, post, person_at, person_ending, by_end)
        if holder is None and _ADDRESS.search(text, max(0, post.lead - 12), post.lead):
            continue  # "Thank you, Mr. President": a form of address, no one's post
        if holder is None and rank_only(post):
            continue  # "the General Assembly": a rank is a title only before a name
        term = tenure(doc, dated, post.lead, post.end, former=post.former, elect=post.elect)
        as_of = None if term.status == "former" else _as_of(doc, dated, post.start)
        pid = holder.entity if holder is not None else None
        if pid is None and post.stated and post.capitalised and post.lead < post.start:
            pid = _from_terms(kb, post, as_of, {m.entity for m in persons}, terms_memo)
            span = (post.lead, post.end)
        if pid is None and doc.doc_type == "biography":
            bio = _bio_subject(doc, post, by_start, dominant)
            if parser is not None:
                pending.append((post, as_of, bio, term))  # the parse may say more
                continue
            pid, span = (bio.entity, (post.lead, post.end)) if bio else (None, None)
        if pid is None or span is None:
            pending.append((post, as_of, None, term))
            continue
        if holder is not None and not post.stated and holder.start >= post.end:
            # "King Abdullah II of Jordan", "President Tokayev of Kazakhstan"
            of_after = OF.match(text, holder.end)
            if of_after is not None and of_after.group("prep").lower() == "of":
                body = starts.get(of_after.end())
                if body is not None and body.type in ("country", "organization"):
                    post = replace(post, of=body.entity, stated=True)
                    span = (span[0], body.end)
        if holder is not None and not post.stated and holder.end <= post.lead:
            # "Jane Roe, President and CEO, National Urban League": a list's line names the body
            # after the posts, set off by a comma.
            body = _body_set_off(text, post.end, starts)
            if body is not None:
                post = replace(post, of=body.entity, stated=True)
                span = (span[0], body.end)
        if holder is not None:
            held_by[post.start] = holder
        ev: tuple[Evidence, ...] = (Evidence.of(doc, *span),)
        if holder is not None and not span[0] <= holder.start < span[1]:
            ev += (Evidence.of(doc, holder.start, holder.end),)
        for title in post.titles:
            of = post.of if post.stated else _of_from_kb(kb, pid, title, as_of)
            roles.append(_role(pid, title, of, as_of, ev, term))
    if parser is not None:
        roles += _by_syntax(doc, kb, ments, by_end, dominant, pending, held_by)
    roles += _listed(doc, kb, seen_posts, pending, held_by)
    roles += _accreditations(doc, starts, roles)
    roles += _plural_roles(doc, kb, dated, starts, stops, person_at)
    roles = with_forces(doc, roles, ments)
    roles = fill_states(doc, kb, roles, ments)
    roles += _kb_roles(doc, kb, persons, roles)
    return tuple(_dedupe(roles))


def extract_roles_ru(
    doc: Document,
    ctx: Context,
    entities: Sequence[Entity],
    mentions: Sequence[Mention],
    times: Sequence[TimeExpr],
) -> tuple[Role, ...]:
    """Posts of a Russian text (``russian``), then the states and KB terms as for English."""
    ments = sorted(mentions, key=lambda m: (m.start, -m.end))
    found = {e.id: e.name for e in entities if not e.in_kb}
    roles = find_roles_ru(doc, ctx.kb, ments, times, ctx.ru, found)
    roles += heads_by_description(doc, ctx.kb, ments, roles, ctx.ru)
    roles = fill_states(doc, ctx.kb, roles, ments)
    roles += _kb_roles(doc, ctx.kb, [m for m in ments if m.type == "person"], roles)
    return tuple(_dedupe(roles))


_SET_OFF = re.compile(r"[ \t\xa0]*,[ \t\xa0]*(?:the[ \t\xa0]+)?")
_CLOSES = re.compile(r"[ \t\xa0]*(?:[\n.;,)]|\Z)")


def _body_set_off(text: str, end: int, starts: Mapping[int, Mention]) -> Mention | None:
    """The state or body named after a post and a comma, closing the line or clause."""
    comma = _SET_OFF.match(text, end)
    body = starts.get(comma.end()) if comma is not None else None
    if body is None or body.type not in ("country", "organization"):
        return None
    return body if _CLOSES.match(text, body.end) else None


_SIGNED = re.compile(r"[ \t\xa0]*\(Sgd\.?\)", re.IGNORECASE)
_ADDRESS = re.compile(r"\b(?:Mr|Mister|Madam|Madame)\.?[ \t\xa0]+\Z")
_APPOSITION = re.compile(r",[ \t\xa0]*(?=[A-Z])")
_NAME_JOIN = re.compile(rf"[ \t\xa0]*(?:,{S}(?:and{S})?|{S}and{S})")


def _plural_roles(
    doc: Document,
    kb: KnowledgeBase,
    times: ByOffset[TimeExpr],
    starts: Mapping[int, Mention],
    stops: Mapping[int, Mention],
    person_at: Mapping[int, Mention],
) -> list[Role]:
    """ "Senators A and B", "co-chairs A, Special Coordinator for X, and B, Head of Y": each name
    of the list after a plural title holds it (a post in apposition to a name is skipped)."""
    text = doc.text
    out: list[Role] = []
    for unit in title_patterns().plural.finditer(text):
        if not word_start(text, unit.start()):
            continue
        holders: list[Mention] = []
        pos = unit.end() + 1  # past the plural "s"
        while True:
            honor = HONOR.match(text, pos)
            at = honor.end() if honor is not None else pos
            if at not in person_at:
                break
            holders.append(person_at[at])
            after = person_at[at].end
            appos = _APPOSITION.match(text, after)
            if appos is not None and (own := read_post(text, appos.end(), starts, stops, kb)):
                after = own.end
            join = _NAME_JOIN.match(text, after)
            if join is None:
                break
            pos = join.end()
        if len(holders) < 2:
            continue
        title = case(" ".join(unit.group(0).split()))
        lead, of = read_lead(text, unit.start(), starts, kb)
        term = tenure(doc, times, lead, unit.end())
        as_of = None if term.status == "former" else _as_of(doc, times, unit.start())
        for h in holders:
            ev = (Evidence.of(doc, lead, h.end),)
            held = of if of is not None else _of_from_kb(kb, h.entity, title, as_of)
            out.append(_role(h.entity, title, held, as_of, ev, term))
    return out


def _by_syntax(
    doc: Document,
    kb: KnowledgeBase,
    mentions: Sequence[Mention],
    persons: ByOffset[Mention],
    dominant: Mention | None,
    pending: Sequence[tuple[Post, str | None, Mention | None, Tenure]],
    held_by: dict[int, Mention],
) -> list[Role]:
    """Posts whose holder word order misses (or finds only as a biography's subject), read from
    the dependency parse of their sentences only (see ``syntax``)."""
    sents = [s for post, *_ in pending if (s := doc.sentence_at(post.start)) is not None]
    parsed = syntax.parse(doc, sents, mentions)
    bio = dominant if doc.doc_type == "biography" else None
    out: list[Role] = []
    for post, as_of, fallback, term in pending:
        sent = doc.sentence_at(post.start)
        p = parsed.get(sent.start) if sent is not None else None
        r = syntax.read(p, post.start, post.end, persons, bio) if p is not None else None
        holder = r.holder if r is not None and r.holder is not None else fallback
        if holder is None:
            continue
        titles = list(post.titles)
        body = None
        if r is not None:
            if r.dest is not None and len(titles) == 1 and " to " not in titles[0]:
                titles[0] += " to " + r.dest
            body = r.body or r.at
            if r.body is not None and r.at is not None and len(titles) == 1:
                titles[0] += " at " + " ".join(r.at.text.split())
            if r.nominee:
                titles = ["Nominee for " + t for t in titles]
        held_by[post.start] = holder
        out += _held(doc, kb, post, titles, holder, body, as_of, term)
    return out


def _held(
    doc: Document,
    kb: KnowledgeBase,
    post: Post,
    titles: Sequence[str],
    holder: Mention,
    body: Mention | None,
    as_of: str | None,
    term: Tenure,
) -> list[Role]:
    """The roles of a post whose holder was found away from it."""
    ev: tuple[Evidence, ...] = (Evidence.of(doc, post.lead, post.end),)
    if not post.lead <= holder.start < post.end:
        ev += (Evidence.of(doc, holder.start, holder.end),)
    out = []
    for title in titles:
        if post.stated:
            of = post.of
        elif body is not None:
            of = body.entity
        else:
            of = _of_from_kb(kb, holder.entity, title, as_of)
        out.append(_role(holder.entity, title, of, as_of, ev, term))
    return out


# Between two posts of one list: "..., Ambassador to Austria, Permanent Representative ... and
# Permanent Representative ...".
_LIST_GAP = re.compile(
    r"[ \t\xa0]*(?:,[ \t\xa0]*(?:(?:and|as[ \t\xa0]+well[ \t\xa0]+as)[ \t\xa0]+)?"
    r"|(?:and|as[ \t\xa0]+well[ \t\xa0]+as)[ \t\xa0]+)(?:(?:the|a|an)[ \t\xa0]+)?"
)


_LIST_GAP_REACH = 40  # characters: longer than any gap _LIST_GAP matches


def _listed(
    doc: Document,
    kb: KnowledgeBase,
    posts: Sequence[Post],
    pending: Sequence[tuple[Post, str | None, Mention | None, Tenure]],
    held_by: dict[int, Mention],
) -> list[Role]:
    """A post listed right after another post, with nothing but a comma or "and" between, is
    held by the same person: a career's list of posts names its holder once."""
    ends = ByOffset(posts, key=lambda p: p.end)
    starts_at = ByOffset(posts, key=lambda p: p.lead)
    out: list[Role] = []
    for post, as_of, _, term in sorted(pending, key=lambda p: p[0].start):
        if post.start in held_by:
            continue
        prev = next(
            (
                p.start
                for p in ends.between(post.lead - _LIST_GAP_REACH, post.lead)
                if _LIST_GAP.fullmatch(doc.text, p.end, post.lead)
            ),
            None,
        )
        holder = held_by.get(prev) if prev is not None else None
        if holder is None:
            holder = _next_holder(doc.text, post, starts_at, held_by)
        if holder is None:
            continue
        held_by[post.start] = holder
        out += _held(doc, kb, post, post.titles, holder, None, as_of, term)
    return out


def _next_holder(
    text: str, post: Post, starts_at: ByOffset[Post], held_by: Mapping[int, Mention]
) -> Mention | None:
    """The holder of the post listed right after this one, when his name follows that post: a
    chain of titles before a name ("Deputy Assistant to the President and Deputy Homeland
    Security Advisor Jane Roe") is all his."""
    for nxt in starts_at.between(post.end, post.end + _LIST_GAP_REACH):
        gap = _LIST_GAP.fullmatch(text, post.end, nxt.lead)
        if gap is None or (post.stated and "and" in gap.group(0).split()):
            continue  # "the First President of Kazakhstan and King X": another holder's
        holder = held_by.get(nxt.start)
        if holder is not None and holder.start >= nxt.end:
            return holder
    return None


def _role(
    person: str,
    title: str,
    of: str | None,
    as_of: str | None,
    ev: tuple[Evidence, ...],
    term: Tenure,
) -> Role:
    return Role(
        person, title, of, as_of, ev, "text", start=term.start, end=term.end, status=term.status
    )


# "with concurrent accreditation to A, B and C": a list of states or bodies, nothing else between.
_ACCREDITED = re.compile(r"\baccreditation[ \t\xa0]+to[ \t\xa0]+(?:the[ \t\xa0]+)?", re.IGNORECASE)
_LIST_GLUE = re.compile(r"[ \t\xa0]*(?:,[ \t\xa0]*)?(?:and[ \t\xa0]+)?(?:the[ \t\xa0]+)?")


def _accreditations(
    doc: Document, starts: Mapping[int, Mention], found: Sequence[Role]
) -> list[Role]:
    """An ambassador "with concurrent accreditation to A, B and C" is ambassador to each."""
    out: list[Role] = []
    by_start = ByOffset(found, key=lambda r: r.evidence[0].start)
    for m in _ACCREDITED.finditer(doc.text):
        sent = doc.sentence_at(m.start())
        envoys = [
            r
            for r in (by_start.between(sent.start, m.start()) if sent is not None else ())
            if title_key(r.title).startswith("ambassador")
        ]
        if not envoys:
            continue
        amb = envoys[-1]
        pos = m.end()
        while (dest := starts.get(pos)) is not None and dest.type in ("country", "organization"):
            ev = (Evidence.of(doc, amb.evidence[0].start, dest.end),)
            title = "Ambassador to " + " ".join(dest.text.split())
            out.append(replace(amb, title=title, evidence=ev))
            glue = _LIST_GLUE.match(doc.text, dest.end)
            if glue is None or glue.end() == dest.end:
                break
            pos = glue.end()
    return out


def _dominant(persons: Sequence[Mention]) -> Mention | None:
    """The person a biography is about: the one named most often."""
    counts: dict[str, int] = {}
    for m in persons:
        counts[m.entity] = counts.get(m.entity, 0) + 1
    if not counts:
        return None
    top = max(counts.values())
    return next(m for m in persons if counts[m.entity] == top)


# --- 2. holders ---------------------------------------------------------------------------------


def _holder(
    text: str,
    post: Post,
    person_at: Mapping[int, Mention],
    person_ending: Mapping[int, Mention],
    persons: ByOffset[Mention],
) -> tuple[Mention | None, tuple[int, int] | None]:
    gap = ACRONYM.match(text, post.end)
    after = HONOR.match(text, gap.end() if gap is not None else post.end)
    if after is not None and after.end() not in person_at:
        for at in range(post.end + 2, min(len(text), post.end + 50)):
            if at in person_at and EPITHET.fullmatch(text, post.end, at):
                after = EPITHET.fullmatch(text, post.end, at)
                break
    if after is not None and after.end() not in person_at:
        # A second, bare title between the post and the name: "Chairman of the Helsinki
        # Commission Congressman Alcee L. Hastings" holds both.
        bare = title_patterns().unit.match(text, after.end())
        if bare is not None and bare.group(0)[:1].isupper():
            # Unless the post is in apposition to a name before it: "Björn Seibert, Head of
            # Cabinet of European Commission President Ursula von der Leyen" is Seibert's.
            comma = re.search(r",[ \t\xa0]*\Z", text[max(0, post.lead - 3) : post.lead])
            named = person_ending.get(post.lead - len(comma.group(0))) if comma else None
            if named is not None:
                return named, (named.start, post.end)
            after = HONOR.match(text, bare.end())
    if after is not None and after.end() in person_at:
        p = person_at[after.end()]
        return p, (post.lead, p.end)
    left = text[max(0, post.lead - 60) : post.lead]
    before = BEFORE.search(left)
    if before is not None:
        end = post.lead - (len(left) - before.start())
        named = person_ending.get(end)
        # A signature: the name alone on its line, the post on the next.
        if named is not None and before.group("line") is not None:
            first = line_start(text, named.start)
            signed = _SIGNED.match(text, first)  # "(Sgd.) NAME": a signed copy's mark
            alone = only_before(text, signed.end() if signed else first, named.start)
            named = named if alone else None
        if named is not None:
            return named, (named.start, post.end)
        # "Prior to the appointment, he served as the Minister of ...": the person last named.
        pron = SUBJECT.search(text, max(0, end - 4), end) if before.group("verb") else None
        last = persons.last_before(end)
        if pron is not None and last is not None and end - last.end < 400:
            return last, (pron.start(), post.end)
    if post.capitalised and AS.search(text[max(0, post.lead - 12) : post.lead]):
        pron = PRONOUN.match(text, post.end)
        last = persons.last_before(post.lead)
        if pron is not None and last is not None and post.lead - last.end < 800:
            return last, (post.lead, pron.end())
    return None, None


# A biography's sentences without a subject: "In 2003 was appointed ...", "Worked as ...",
# "March 2016 - September 2019 – First Deputy Minister ...".
_BIO_CUE = re.compile(
    r"(?:(?:In|On|Since|From|Then|Later)[ \t\xa0]+[\w ]{0,20}?\d{4},?[ \t\xa0]+)?"
    r"(?:(?:was|has[ \t\xa0]+been)[ \t\xa0]+(?:appointed|elected|accredited|transferred"
    r"[ \t\xa0]+to[ \t\xa0]+the[ \t\xa0]+post[ \t\xa0]+of)|(?:[Ww]orked|[Ss]erved)[ \t\xa0]+as)\b"
    r"|(?:[A-Z][a-z]+[ \t\xa0]+)?\d{4}[ \t\xa0]*[-–—][ \t\xa0]*(?:[A-Z][a-z]+[ \t\xa0]+)?"
    r"(?:\d{4}|present)[ \t\xa0]*[-–—:]"
)

# Between the cue and the post: nothing but articles, or a further post in a list ("..., as
# well as of the Permanent Representative").
_BIO_GAP = re.compile(
    r"(?:[ \t\xa0]+(?:as|the|a|an))*[ \t\xa0]*"
    r"|.*(?:,|[ \t\xa0]and|[ \t\xa0]as[ \t\xa0]well[ \t\xa0]as)(?:[ \t\xa0]+(?:of|as|the|a|an))*[ \t\xa0]*",
    re.DOTALL,
)


def _bio_subject(
    doc: Document, post: Post, persons: ByOffset[Mention], dominant: Mention | None
) -> Mention | None:
    """The subject of a biography for a post in a sentence that names no one before it."""
    sent = doc.sentence_at(post.start)
    cue = _BIO_CUE.match(doc.text, sent.start) if sent is not None else None
    if sent is None or cue is None or cue.end() > post.lead:
        return None
    if not _BIO_GAP.fullmatch(doc.text, cue.end(), post.lead):
        return None  # "Worked as an adviser to the Secretary of State": not his post
    if persons.between(sent.start, post.lead):
        return None
    return dominant


def _from_terms(
    kb: KnowledgeBase,
    post: Post,
    date: str | None,
    present: set[str],
    memo: dict[tuple[str, str], tuple[Term, ...]],
) -> str | None:
    """ "the Kazakh President's idea": the one person mentioned who held that post on the date."""
    if date is None or post.of is None or len(post.titles) != 1:
        return None
    key = title_key(post.titles[0])
    if (date, post.of) not in memo:  # the KB's terms are scanned once per date and body
        memo[date, post.of] = kb.terms_on(date, of=post.of)
    holders = {t.person for t in memo[date, post.of] if title_key(t.title) == key}
    holders &= present
    return holders.pop() if len(holders) == 1 else None


def _as_of(doc: Document, times: ByOffset[TimeExpr], pos: int) -> str | None:
    """The date the sentence gives (the nearest one in it), else the document's own date."""
    sent = doc.sentence_at(pos)
    if sent is not None:
        inside = [
            t
            for t in times.between(sent.start, sent.end)
            if t.precision in ("day", "month", "year")
        ]
        if inside:
            return min(inside, key=lambda t: abs(t.start - pos)).value
    return doc.published


# --- 3. and 4. the knowledge base -------------------------------------------------------------------


def title_key(title: str) -> str:
    """One key per post however the text words it: "Foreign Minister", "Minister for Foreign
    Affairs" and the KB's "Minister of Foreign Affairs" agree; "to ..." destinations and a
    title's other name in brackets drop."""
    t = " ".join(title.lower().replace("-", " ").split())
    t = re.sub(r"\s*\([^()]*\)", "", t)  # "Prime Minister (Chairman of the Government)"
    t = re.sub(r"\s+(?:to|at|in)\s+.*\Z", "", t)
    t = t.replace("minister for ", "minister of ")
    t = re.sub(r"\bforeign minister\Z", "minister of foreign affairs", t)
    t = re.sub(r"\bforeign secretary\Z", "minister of foreign affairs", t)
    return t


def _of_from_kb(kb: KnowledgeBase, person: str, title: str, date: str | None) -> str | None:
    key = title_key(title)
    terms = [t for t in kb.terms_of(person) if title_key(t.title) == key]
    if date is not None:
        current = [t for t in terms if t.covers(date)]
        terms = current or terms
    bodies = {t.of for t in terms}
    return bodies.pop() if len(bodies) == 1 else None


def _kb_roles(
    doc: Document, kb: KnowledgeBase, persons: Sequence[Mention], found: Sequence[Role]
) -> list[Role]:
    if doc.published is None:
        return []
    out: list[Role] = []
    first: dict[str, Mention] = {}
    for m in persons:
        first.setdefault(m.entity, m)
    for pid, m in first.items():
        terms: tuple[Term, ...] = kb.terms_of(pid)
        for t in terms:
            if t.covers(doc.published):
                ev = (Evidence.of(doc, m.start, m.end),)
                out.append(Role(pid, t.title, t.of, doc.published, ev, "kb"))
    return out


def _dedupe(roles: list[Role]) -> list[Role]:
    """One role per person, post and body: the text's wording first, then the KB's; a post
    without its body where the same person's same post is given with one says nothing more, and
    the KB's "President" of a body is the text's "President of the Senate" of that body."""
    seen: set[tuple[str, str, str | None]] = set()
    bodied = {(r.person, _bare(r.title)) for r in roles if r.of is not None}
    named = {(r.person, _bare(r.title), r.of) for r in roles if r.source == "text"}
    out = []
    for r in sorted(roles, key=lambda r: r.source != "text"):
        if r.of is None and (r.person, _post_key(r.title)) in bodied:
            continue
        key = (r.person, _post_key(r.title), r.of)
        loose = (r.person, _post_key(r.title), None)
        if key in seen or (r.source == "kb" and (loose in seen or key in named)):
            continue
        seen.add(key)
        if r.of is None:
            seen.add(loose)
        out.append(r)
    return out


def _bare(title: str) -> str:
    """The post without the body the text names in it: "president of the senate" -> "president"."""
    key = _post_key(title)
    return re.sub(r"\s+of\s+.*\Z", "", key)


def _post_key(title: str) -> str:
    """The title's key with where the post is sent: an ambassador to Malaysia and later to the
    Swiss Confederation held two posts."""
    dest = re.search(r"\s+to\s+.*\Z", title.lower())
    return title_key(title) + (" to " + " ".join(dest.group(0).split()[1:]) if dest else "")
