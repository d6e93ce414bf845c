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
from dataclasses import dataclass, replace
from typing import Any

from bilateral.extract.roleof import fill_states
from bilateral.kb import KnowledgeBase, Term
from bilateral.model import Document, Entity, Evidence, Mention, Role, TimeExpr
from bilateral.pipeline import Context

_S = r"(?:[ \t\xa0]+|[ \t\xa0]*\n[ \t\xa0]*)"  # white space, at most one line break
_MODS = (
    r"First|Deputy|Vice|Prime|Foreign|Former|Acting|Executive|Permanent|Special|Chief|Senior"
    r"|Assistant|Honorary|High|Presidential|Under|Defen[cs]e|Finance|Trade|Interior|Justice"
    r"|Economy|Energy|Education|Health|Agriculture|Culture|Security|National|Personal|Federal"
    r"|Cabinet|State|Elected|Incoming|Outgoing|Interim|Supreme|General|Managing|Principal"
)
_HEADS = (
    r"Vice[- ]President|President|Prime[- ]Minister|Vice-Minister|Minister|Secretary[- ]General|Secretary"
    r"|Ambassador(?:[- ]at[- ]Large)?|Representative|Envoy|Consul[- ]General|Consul|Chairman"
    r"|Chairwoman|Chairperson|Chair|Speaker|King|Queen|Emir|Crown[ ]Prince|Prince|Sultan"
    r"|Chancellor|Premier|Governor|Mayor|Director[- ]General|Director|Commissioner|Spokesperson"
    r"|Spokesman|Spokeswoman|Adviser|Advisor|Counsellor|Counselor|Charg[ée][ ]d['’]Affaires"
    r"|Emperor|High[ ]Representative|High[ ]Commissioner|Senator|Congress(?:wo)?man"
    r"|Chief(?=[ \t\xa0]+of\b)|Head(?=[ \t\xa0]+of\b)|Leader(?=[ \t\xa0]+of\b)"
    r"|Co-?Founder|Founder|Dean"
)
UNIT = re.compile(
    rf"(?:(?:{_MODS}){_S}){{0,4}}(?:{_HEADS})(?:{_S}Extraordinary{_S}and{_S}Plenipotentiary)?\b",
    re.IGNORECASE,
)
_OF = re.compile(rf"{_S}(?P<prep>of|for){_S}(?P<the>the{_S})?", re.IGNORECASE)
_TO = re.compile(rf"{_S}(?:to|at|in){_S}(?:the{_S})?", re.IGNORECASE)
_CHAIN = re.compile(rf"(?:[ \t\xa0]*,)?{_S}and{_S}|[ \t\xa0]*[–—-][ \t\xa0]*", re.IGNORECASE)
_PORTFOLIO = re.compile(
    r"[A-Z][\w’'-]*(?:(?:[ \t\xa0]+(?i:and|&|of|the))*[ \t\xa0]+[A-Z][\w’'-]*)*"
)
# "Democracy, Human Rights, and Labor": a series of fields, closed by "and" and one word.
_SERIES = re.compile(
    r"[A-Z][\w’'-]*(?:[ \t\xa0]+[A-Z][\w’'-]*)*(?:,[ \t\xa0]+[A-Z][\w’'-]*(?:[ \t\xa0]+[A-Z][\w’'-]*)*)+"
    r",?[ \t\xa0]+and[ \t\xa0]+[A-Z][\w’'-]*"
)
_HONOR = re.compile(
    rf"[ \t\xa0]*,?{_S}?(?:(?:H\.\s?E\.|His Excellency|Her Excellency){_S}?)?"
    rf"(?:(?:Mr|Mrs|Ms|Dr|Madam|Mme|Sir)\b\.?{_S}?)?",
    re.IGNORECASE,
)
_BEFORE = re.compile(
    rf"(?:(?:[ \t\xa0]*\([^()\n]{{1,30}}\))?[ \t\xa0]*[,—–(][ \t\xa0]*"
    rf"|(?P<line>[ \t\xa0]*\n(?:[ \t\xa0]*\n)?[ \t\xa0]*)|(?P<verb>{_S}(?:(?:was|is|has been|had been)"
    rf"{_S})?(?:appointed|elected|re-elected|named|became|becomes|serves{_S}as|served{_S}as"
    rf"|sworn{_S}in|on{_S}(?:(?:his|her){_S})?appointment)(?:{_S}as)?{_S}))"
    rf"(?:(?:the|a|an){_S}(?:(?:next|new){_S})?)?\Z",
    re.IGNORECASE,
)
_SUBUNIT = re.compile(
    r"['’]s(?:[ \t\xa0]+[A-Z][\w-]*){0,3}[ \t\xa0]+(?:Unit|Division|Department|Branch|Office"
    r"|Business|Operations|Subsidiary|Bureau|Section)\b"
)
# "Ambassador-at-Large to Monitor and Combat Trafficking in Persons John Doe": a mission, kept
# only when the holder's name follows it.
_MISSION = re.compile(
    r"[ \t\xa0]+to(?:[ \t\xa0]+(?:(?:and|in|of|the|for)[ \t\xa0]+)*[A-Z][\w’'-]*)+"
)
_SUBJECT = re.compile(r"\b(?:he|she)\Z", re.IGNORECASE)
_AS = re.compile(r"\b[Aa]s(?:[ \t\xa0]+the)?[ \t\xa0]+\Z")
# Between a post and its holder: the body's acronym ("President of the European Bank for
# Reconstruction and Development (EBRD) Suma Chakrabarti") or an honorific epithet after a dash
# ("First President of Kazakhstan – Elbasy Nursultan Nazarbayev", "-Leader of the Nation ...").
_ACRONYM = re.compile(r"[ \t\xa0]*\([A-Z][A-Za-z.&-]{1,11}\)")
_EPITHET = re.compile(
    r"[ \t\xa0]*[–—-][ \t\xa0]*[A-Z][\w’'-]*(?:[ \t\xa0]+(?:of[ \t\xa0]+)?(?:the[ \t\xa0]+)?[A-Z][\w’'-]*){0,3}[ \t\xa0]+"
)
# "the first President of the independent Uzbekistan": a word of praise between "of the" and the state.
_STATE_ADJ = re.compile(
    r"(?:independent|sovereign|fraternal|brotherly|friendly|neighbou?ring)[ \t\xa0]+", re.IGNORECASE
)
_PRONOUN = re.compile(r"(?:[ \t\xa0]*\([^()\n]{1,20}\))?[ \t\xa0]*,[ \t\xa0]*(?:he|she)\b")
_LINK_WORDS = frozenset("of for and the to at in".split())
_STOP = frozenset("of for and the to at in a an".split())


@dataclass(frozen=True, slots=True)
class Post:
    """A chain of titles in the text with what it is of, before any holder is found."""

    start: int  # the chain's first title word
    end: int  # after the "of ..." and "to ..." parts
    lead: int  # start of a demonym or possessive before it ("Kazakh", "Kazakhstan's"), else start
    titles: tuple[str, ...]
    of: str | None
    stated: bool  # whether the text says what it is of
    former: bool
    capitalised: bool


def stage(
    doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]
) -> dict[str, tuple[Any, ...]]:
    return {
        "roles": extract_roles(
            doc, ctx.kb, got.get("entities", ()), got.get("mentions", ()), got.get("times", ())
        )
    }


def extract_roles(
    doc: Document,
    kb: KnowledgeBase,
    entities: Sequence[Entity],
    mentions: Sequence[Mention],
    times: Sequence[TimeExpr],
) -> tuple[Role, ...]:
    text = doc.text
    ments = sorted(mentions, key=lambda m: (m.start, -m.end))
    starts = {m.start: m for m in ments if m.type != "person"}
    stops = {m.start: m for m in ments}
    persons = [m for m in ments if m.type == "person"]
    person_at = {m.start: m for m in persons}
    person_ending = {m.end: m for m in persons}
    roles: list[Role] = []
    taken = 0
    for unit in UNIT.finditer(text):
        if unit.start() < taken or not _word_start(text, unit.start()):
            continue
        post = _post(text, unit.start(), starts, stops, kb)
        if post is None:
            continue
        taken = post.end
        holder, span = _holder(text, post, person_at, person_ending, persons)
        as_of = None if post.former else _as_of(doc, times, post.start)
        pid = holder.entity if holder is not None else None
        if pid is None and post.stated and post.capitalised and post.lead < post.start:
            pid = _from_terms(kb, post, as_of, {m.entity for m in persons})
            span = (post.lead, post.end)
        if pid is None and doc.doc_type == "biography":
            holder = _bio_subject(doc, post, persons)
            pid, span = (holder.entity, (post.lead, post.end)) if holder else (None, None)
        if pid is None or span is None:
            continue
        if holder is not None and not post.stated and holder.start >= post.end:
            # "King Abdullah II of Jordan", "President Tokayev of Kazakhstan"
            of_after = _OF.match(text, holder.end)
            if of_after is not None and of_after.group("prep").lower() == "of":
                body = starts.get(of_after.end())
                if body is not None and body.type in ("country", "organization"):
                    post = replace(post, of=body.entity, stated=True)
                    span = (span[0], body.end)
        ev: tuple[Evidence, ...] = (Evidence.of(doc, *span),)
        if holder is not None and not span[0] <= holder.start < span[1]:
            ev += (Evidence.of(doc, holder.start, holder.end),)
        for title in post.titles:
            of = post.of if post.stated else _of_from_kb(kb, pid, title, as_of)
            roles.append(Role(pid, title, of, as_of, ev, "text"))
    roles += _plural_roles(doc, kb, times, starts, person_at)
    roles = fill_states(doc, kb, roles, ments)
    roles += _kb_roles(doc, kb, persons, roles)
    return tuple(_dedupe(roles))


# "Senators Robert Menendez and John Boozman": one plural title, each name after it holds it.
_PLURAL = re.compile(
    rf"(?:(?:{_MODS}){_S}){{0,4}}(?:{_HEADS})(?=s{_S}(?:(?:H\.\s?E\.|Mr|Mrs|Ms|Dr)\.?{_S})?[A-Z])",
    re.IGNORECASE,
)
_NAME_JOIN = re.compile(rf"[ \t\xa0]*(?:,{_S}(?:and{_S})?|{_S}and{_S})")


def _plural_roles(
    doc: Document,
    kb: KnowledgeBase,
    times: Sequence[TimeExpr],
    starts: Mapping[int, Mention],
    person_at: Mapping[int, Mention],
) -> list[Role]:
    text = doc.text
    out: list[Role] = []
    for unit in _PLURAL.finditer(text):
        if not _word_start(text, unit.start()) or not unit.group(0)[:1].isupper():
            continue
        holders: list[Mention] = []
        pos = unit.end() + 1  # past the plural "s"
        while True:
            honor = _HONOR.match(text, pos)
            at = honor.end() if honor is not None else pos
            if at not in person_at:
                break
            holders.append(person_at[at])
            join = _NAME_JOIN.match(text, person_at[at].end)
            if join is None:
                break
            pos = join.end()
        if len(holders) < 2:
            continue
        title = _case(" ".join(unit.group(0).split()))
        lead, of = _lead(text, unit.start(), starts, kb)
        as_of = _as_of(doc, times, unit.start())
        for h in holders:
            ev = (Evidence.of(doc, lead, h.end),)
            held = of if of is not None else _of_from_kb(kb, h.entity, title, as_of)
            out.append(Role(h.entity, title, held, as_of, ev, "text"))
    return out


# --- 1. posts ----------------------------------------------------------------------------------


def _word_start(text: str, i: int) -> bool:
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "-’'")


def _post(
    text: str,
    start: int,
    starts: Mapping[int, Mention],
    stops: Mapping[int, Mention],
    kb: KnowledgeBase,
) -> Post | None:
    titles: list[str] = []
    of: str | None = None
    pos = start
    capitalised = True
    former = False
    while True:
        unit = UNIT.match(text, pos)
        if unit is None:
            break
        words = unit.group(0).split()
        if words[0].lower() == "former":
            former = True
            words = words[1:]
        capitalised = capitalised and all(w[0].isupper() for w in words)
        title = _case(" ".join(words))
        pos = unit.end()
        m = _OF.match(text, pos)
        adj = _STATE_ADJ.match(text, m.end()) if m is not None and m.group("the") else None
        if adj is not None and adj.end() in starts and starts[adj.end()].type == "country":
            ent = starts[adj.end()]
            of, pos = of or ent.entity, ent.end
        elif m is not None and m.end() in starts:
            ent = starts[m.end()]
            of, pos = of or ent.entity, ent.end
            unit_of = _SUBUNIT.match(text, pos)  # "of Chevron's Eurasian Unit": Chevron's post
            pos = unit_of.end() if unit_of is not None else pos
        elif m is not None:
            port_end = _portfolio(text, m.end(), stops)
            glued = (
                re.match(r"[ \t\xa0]+\Z", text[port_end : port_end + 1]) and port_end + 1 in stops
            )
            if port_end > m.end() and (not glued or _glue_ok(text, port_end, stops)):
                prep = m.group("prep").lower() + (" the" if m.group("the") else "")
                title += f" {prep} " + _case(" ".join(text[m.end() : port_end].split()))
                pos = port_end
                m2 = _OF.match(text, pos)
                if m2 is not None and m2.end() in starts:
                    ent = starts[m2.end()]
                    of, pos = of or ent.entity, ent.end
                elif m2 is not None and m2.group("prep").lower() == "for":
                    # "Secretary of State for Democracy, Human Rights, and Labor"
                    end2 = _portfolio(text, m2.end(), stops)
                    if end2 > m2.end() and _glue_ok(text, end2, stops):
                        title += " for " + _case(" ".join(text[m2.end() : end2].split()))
                        pos = end2
        to = _TO.match(text, pos)
        if to is not None and to.end() in starts and to.group(0).strip().lower().startswith("to"):
            dest = starts[to.end()]
            title += " to " + " ".join(text[to.end() : dest.end].split())
            pos = dest.end
        elif (mission := _MISSION.match(text, pos)) is not None:
            names = [i for i, m in stops.items() if pos < i < mission.end() and m.type == "person"]
            cut = min(names, default=pos)
            words = text[pos:cut].split()
            if len(words) > 1 and words[-1][:1].isupper():
                title += " " + " ".join(words)
                pos = pos + len(text[pos:cut].rstrip())
        titles.append(title)
        chain = _CHAIN.match(text, pos)
        if chain is None or UNIT.match(text, chain.end()) is None:
            break
        if of is not None and "and" in chain.group(0).lower():
            break  # "the First President of Kazakhstan and King Abdullah II": two holders
        pos = chain.end()
    if not titles:
        return None
    lead, lead_of = _lead(text, start, starts, kb)
    stated = of is not None or lead_of is not None
    return Post(start, pos, lead, tuple(titles), of or lead_of, stated, former, capitalised)


def _portfolio(text: str, pos: int, stops: Mapping[int, Mention]) -> int:
    """End of a portfolio ("Foreign Affairs", "Trade and Integration") starting at pos; it stops
    before a name ("... of the Republic of Kazakhstan", "... Stanislaus Mudenge")."""
    m = _SERIES.match(text, pos) or _PORTFOLIO.match(text, pos)
    if m is None:
        return pos
    end = m.end()
    cut = [i for i in stops if pos < i < end]
    if cut:
        end = min(cut)
    words = text[pos:end].split()
    while words and words[-1].lower() in _LINK_WORDS:
        words.pop()
    if not words:
        return pos
    return text.index(words[-1], pos + sum(len(w) for w in words[:-1])) + len(words[-1])


# Last words of a portfolio. A portfolio glued to the name after it ("Secretary of State Michael
# Pompeo") is kept only when it ends with one; otherwise the last capitalised word may be the
# first name of a holder known by surname alone ("Minister of Foreign Affairs Mukhtar Tleuberdi").
_PORTFOLIO_ENDS = frozenset(
    """State Affairs Defense Defence Justice Trade Commerce Industry Development Economy Finance
    Energy Education Health Agriculture Culture Labor Labour Integration Security Interior
    Treasury Transport Infrastructure Relations Cooperation Co-operation Resources Protection
    Situations Science Technology Environment Ecology Information Communications Sport Sports
    Tourism Investment Investments Planning Welfare Affairs Commission Committee Council Board
    Administration Congress Senate Parliament Assembly Government Cabinet Office""".split()
)


def _glue_ok(text: str, end: int, stops: Mapping[int, Mention]) -> bool:
    """Whether a portfolio ending at ``end`` right before a name is whole: it ends with a
    portfolio word, or the name after it is a full name (so no first name was taken into it)."""
    m = re.search(r"([\w-]+)\Z", text[max(0, end - 30) : end])
    if m is not None and m.group(1) in _PORTFOLIO_ENDS:
        return True
    name = stops.get(end + 1)
    return name is not None and name.type == "person" and len(name.text.split()) >= 2


def _lead(
    text: str, start: int, starts: Mapping[int, Mention], kb: KnowledgeBase
) -> tuple[int, str | None]:
    """ "Kazakh President", "Kazakhstan's Foreign Minister", "Russian Foreign Minister"."""
    m = re.search(
        r"([A-Z][\w-]*|(?:[A-Z]\.){2,})(?:['’]s)?[ \t\xa0]+\Z", text[max(0, start - 40) : start]
    )
    if m is None:
        return start, None
    lead = start - (len(m.group(0)))
    word = m.group(1)
    adj = kb.country_by_adjective(word)
    if adj is not None:
        return lead, adj.id
    for ment in starts.values():
        if re.search(
            r"\b(?:of|for)[ \t\xa0]+(?:the[ \t\xa0]+)?\Z", text[max(0, ment.start - 9) : ment.start]
        ):
            continue  # the body a title before it is of ("Chairman of the X Congressman Y")
        if ment.start <= lead < ment.end and ment.type in ("country", "organization"):
            end = re.compile(r"['’]s[ \t\xa0]+|[ \t\xa0]+").match(text, ment.end)
            if end is not None and end.end() == start:
                return ment.start, ment.entity
    return start, None


def _case(title: str) -> str:
    """A clean canonical case: "PERMANENT REPRESENTATIVE" -> "Permanent Representative"."""
    out = []
    for w in title.split():
        if w.lower() in _LINK_WORDS:
            out.append(w.lower())
        elif w.isupper() or w.islower():
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
        else:
            out.append(w)
    return " ".join(out)


# --- 2. holders ---------------------------------------------------------------------------------


def _holder(
    text: str,
    post: Post,
    person_at: Mapping[int, Mention],
    person_ending: Mapping[int, Mention],
    persons: Sequence[Mention],
) -> tuple[Mention | None, tuple[int, int] | None]:
    gap = _ACRONYM.match(text, post.end)
    after = _HONOR.match(text, gap.end() if gap is not None else post.end)
    if after is not None and after.end() not in person_at:
        for at in range(post.end + 2, min(len(text), post.end + 50)):
            if at in person_at and _EPITHET.fullmatch(text, post.end, at):
                after = _EPITHET.fullmatch(text, post.end, at)
                break
    if after is not None and after.end() not in person_at:
        # A second, bare title between the post and the name: "Chairman of the Helsinki
        # Commission Congressman Alcee L. Hastings" holds both.
        bare = UNIT.match(text, after.end())
        if bare is not None and bare.group(0)[:1].isupper():
            after = _HONOR.match(text, bare.end())
    if after is not None and after.end() in person_at:
        p = person_at[after.end()]
        return p, (post.lead, p.end)
    left = text[max(0, post.lead - 60) : post.lead]
    before = _BEFORE.search(left)
    if before is not None:
        end = post.lead - (len(left) - before.start())
        named = person_ending.get(end)
        # A signature: the name alone on its line, the post on the next.
        if named is not None and before.group("line") is not None:
            line_start = text.rfind("\n", 0, named.start) + 1
            named = named if not text[line_start : named.start].strip() else None
        if named is not None:
            return named, (named.start, post.end)
        # "Prior to the appointment, he served as the Minister of ...": the person last named.
        pron = _SUBJECT.search(text, max(0, end - 4), end) if before.group("verb") else None
        earlier = [m for m in persons if m.end <= end and end - m.end < 400]
        if pron is not None and earlier:
            return earlier[-1], (pron.start(), post.end)
    if post.capitalised and _AS.search(text[max(0, post.lead - 12) : post.lead]):
        pron = _PRONOUN.match(text, post.end)
        earlier = [m for m in persons if m.end <= post.lead and post.lead - m.end < 800]
        if pron is not None and earlier:
            return earlier[-1], (post.lead, pron.end())
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


def _bio_subject(doc: Document, post: Post, persons: Sequence[Mention]) -> Mention | None:
    """The subject of a biography for a post in a sentence that names no one before it."""
    sent = doc.sentence_at(post.start)
    cue = _BIO_CUE.match(doc.text, sent.start) if sent is not None else None
    if sent is None or cue is None or cue.end() > post.lead:
        return None
    if not _BIO_GAP.fullmatch(doc.text, cue.end(), post.lead):
        return None  # "Worked as an adviser to the Secretary of State": not his post
    if any(sent.start <= m.start < post.lead for m in persons):
        return None
    counts: dict[str, int] = {}
    for m in persons:
        counts[m.entity] = counts.get(m.entity, 0) + 1
    if not counts:
        return None
    top = max(counts.values())
    return next(m for m in persons if counts[m.entity] == top)


def _from_terms(kb: KnowledgeBase, post: Post, date: str | None, present: set[str]) -> str | None:
    """ "the Kazakh President's idea": the one person mentioned who held that post on the date."""
    if date is None or post.of is None or len(post.titles) != 1:
        return None
    key = title_key(post.titles[0])
    holders = {t.person for t in kb.terms_on(date, of=post.of) if title_key(t.title) == key}
    holders &= present
    return holders.pop() if len(holders) == 1 else None


def _as_of(doc: Document, times: Sequence[TimeExpr], pos: int) -> str | None:
    """The date the sentence gives (the nearest one in it), else the document's own date."""
    sent = doc.sentence_at(pos)
    if sent is not None:
        inside = [
            t
            for t in times
            if sent.start <= t.start < sent.end and t.precision in ("day", "month", "year")
        ]
        if inside:
            return min(inside, key=lambda t: abs(t.start - pos)).value
    return doc.published


# --- 3. and 4. the knowledge base -------------------------------------------------------------------


def title_key(title: str) -> str:
    """One key per post however the text words it: "Foreign Minister", "Minister for Foreign
    Affairs" and the KB's "Minister of Foreign Affairs" agree; "to ..." destinations drop."""
    t = " ".join(title.lower().replace("-", " ").split())
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
    without its body where the same person's same post is given with one says nothing more."""
    seen: set[tuple[str, str, str | None]] = set()
    bodied = {(r.person, _post_key(r.title)) for r in roles if r.of is not None}
    out = []
    for r in sorted(roles, key=lambda r: r.source != "text"):
        if r.of is None and (r.person, _post_key(r.title)) in bodied:
            continue
        key = (r.person, _post_key(r.title), r.of)
        loose = (r.person, _post_key(r.title), None)
        if key in seen or (r.source == "kb" and loose in seen):
            continue
        seen.add(key)
        if r.of is None:
            seen.add(loose)
        out.append(r)
    return out


def _post_key(title: str) -> str:
    """The title's key with where the post is sent: an ambassador to Malaysia and later to the
    Swiss Confederation held two posts."""
    dest = re.search(r"\s+to\s+.*\Z", title.lower())
    return title_key(title) + (" to " + " ".join(dest.group(0).split()[1:]) if dest else "")
