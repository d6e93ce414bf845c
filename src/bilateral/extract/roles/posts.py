"""Posts in the text: a title ("Minister of Foreign Affairs", "Ambassador-at-Large ..."), its
modifiers and the body it is of, as the roles stage reads them before it looks for holders."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from bilateral.kb import KnowledgeBase
from bilateral.kb.vocabulary import posts
from bilateral.model import Mention

S = r"(?:[ \t\xa0]+|[ \t\xa0]*\n[ \t\xa0]*)"  # white space, at most one line break


def word_pattern(phrase: str) -> str:
    """A title or word of ``posts.yaml`` as a regular expression, as that file says: a space or a
    hyphen matches either, an apostrophe matches ’ too, an accented letter its plain letter too."""
    out = []
    for ch in phrase:
        plain = unicodedata.normalize("NFD", ch)[0]
        if ch in " -":
            out.append("[- ]")
        elif ch in "'’":
            out.append("['’]")
        elif plain != ch:
            out.append(f"[{ch}{plain}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


@functools.lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    return dict(posts().abbreviations)


@functools.lru_cache(maxsize=1)
def _title_names() -> frozenset[str]:
    return frozenset(t.name.lower() for t in posts().titles)


def _is_title(words: str) -> bool:
    """Whether an abbreviation's full form ends with a title ("Assistant Secretary")."""
    return words.split()[-1].lower() in _title_names() or words.lower() in _title_names()


@functools.lru_cache(maxsize=1)
def _modifier_names() -> frozenset[str]:
    return frozenset(m.lower() for m in posts().modifiers)


def _is_modifier(words: str) -> bool:
    """Whether an abbreviation's full form is a modifier ("Lt.": "Lieutenant" of "Lt. Gen."); a
    rank may be both ("Maj. Jane Roe", "Maj. Gen. Jane Roe")."""
    return all(w.lower() in _modifier_names() for w in words.split())


def _expand(word: str) -> str:
    """ "Sen." -> "Senator", "Asec." -> "Assistant Secretary"; any other word as it is."""
    return _abbreviations().get(word, word)


@dataclass(frozen=True)
class TitlePatterns:
    mods: str  # the modifiers, as one alternation
    heads: str  # the titles, as one alternation, in the file's order
    unit: re.Pattern[str]  # up to four modifiers and a title: "First Deputy Prime Minister"
    # "Senators Robert Menendez and John Boozman": one plural title, each name after it holds it.
    plural: re.Pattern[str]


@functools.lru_cache(maxsize=1)
def title_patterns() -> TitlePatterns:
    vocab = posts()
    # "Sen.", "Lt.": as written, capitalised, and only before a capitalised word.
    abbrev = {
        short: rf"(?-i:{re.escape(short)})(?=[ \t\xa0]+(?-i:[A-Z]))"
        for short, _ in vocab.abbreviations
    }
    mods = "|".join(
        [word_pattern(m) for m in vocab.modifiers]
        + [a for short, a in abbrev.items() if _is_modifier(_expand(short))]
    )
    heads = "|".join(
        [word_pattern(t.name) + (r"(?=[ \t\xa0]+of\b)" if t.needs_of else "") for t in vocab.titles]
        + [a for short, a in abbrev.items() if _is_title(_expand(short))]
    )
    # Titles start at a word: the look-behind spares the engine a try inside every word.
    unit = re.compile(
        rf"(?<![\w])(?:ex-)?(?:(?:{mods}){S}){{0,4}}(?:{heads})(?:{S}Extraordinary{S}and{S}Plenipotentiary)?"
        rf"(?:[- ](?:elect|designate))?(?:\b|(?<=\.))",
        re.IGNORECASE,
    )
    plural = re.compile(
        rf"(?<![\w])(?:(?:{mods}){S}){{0,4}}(?:{heads})(?=s{S}(?:(?:H\.\s?E\.|Mr|Mrs|Ms|Dr)\.?{S})?[A-Z])",
        re.IGNORECASE,
    )
    return TitlePatterns(mods=mods, heads=heads, unit=unit, plural=plural)


OF = re.compile(rf"{S}(?P<prep>of|for){S}(?P<the>the{S})?", re.IGNORECASE)
_IN = re.compile(rf"{S}in{S}(?:the{S})?", re.IGNORECASE)
_AT = re.compile(rf"{S}at{S}(?:the{S})?", re.IGNORECASE)
# Last words of the name of a body one works at (not of a meeting one speaks at).
_EMPLOYER = re.compile(
    r"\b(?:Foundation|Institute|Institution|University|College|School|Academy|Department"
    r"|Division|Office|Bureau|Agency|Fund|Bank|Company|Corporation|Council|Cent(?:er|re)|Alliance"
    r"|Association|Ministry|Embassy|Administration|Commission|Service|Group|Partners)\Z"
)
# Any word of such a name ("Department of Trade and Industry").
_BODY_WORD = re.compile(_EMPLOYER.pattern.replace(r")\Z", r")\b"))
_TO = re.compile(rf"{S}(?:to|at|in){S}(?:the{S})?", re.IGNORECASE)
_CHAIN = re.compile(rf"(?:[ \t\xa0]*,)?{S}and{S}|[ \t\xa0]*[–—-][ \t\xa0]*", re.IGNORECASE)
_PORTFOLIO = re.compile(  # "Foreign Affairs", "76th Session" (of a body)
    r"(?:\d{1,3}(?:st|nd|rd|th)[ \t\xa0]+(?i:[a-z])|[A-Z])"
    r"[\w’'-]*(?:(?:[ \t\xa0]+(?i:and|&|of|the))*[ \t\xa0]+[A-Z][\w’'-]*)*"
)
# A field in lower case before the "of" of a body: "media relations", "public affairs".
_LOWER_FIELD = re.compile(
    r"[a-z][\w-]*(?:[ \t\xa0]+(?:and[ \t\xa0]+)?[a-z][\w-]*){0,3}(?=[ \t\xa0]+of\b)"
)
_ORDINAL = (
    r"\d{1,3}(?:st|nd|rd|th)|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ])?"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    r"|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth)"
)
# A body's numbered session: "seventy-fifth session", "76th UNGA Session", "Thirtieth Special
# Session".
_SESSION = re.compile(
    rf"(?i:{_ORDINAL})(?:[ \t\xa0]+(?:[A-Z][\w-]*|regular|special|ordinary|extraordinary)){{0,3}}"
    r"[ \t\xa0]+(?i:session)\b"
)
# "Democracy, Human Rights, and Labor": a series of fields, closed by "and" and one word.
_SERIES = re.compile(
    r"[A-Z][\w’'-]*(?:[ \t\xa0]+[A-Z][\w’'-]*)*(?:,[ \t\xa0]+[A-Z][\w’'-]*(?:[ \t\xa0]+[A-Z][\w’'-]*)*)+"
    r",?[ \t\xa0]+and[ \t\xa0]+[A-Z][\w’'-]*"
)
HONOR = re.compile(
    rf"[ \t\xa0]*,?{S}?(?:(?:H\.\s?E\.|His Excellency|Her Excellency){S}?)?"
    rf"(?:(?:Mr|Mrs|Ms|Dr|Madam|Mme|Sir)\b\.?{S}?)?",
    re.IGNORECASE,
)
BEFORE = re.compile(
    rf"(?:(?:[ \t\xa0]*\([^()\n]{{1,30}}\))?[ \t\xa0]*[,—–(][ \t\xa0]*"
    rf"|(?P<line>[ \t\xa0]*\n(?:[ \t\xa0]*\n)?[ \t\xa0]*)|(?P<verb>{S}(?:(?:was|is|has been|had been)"
    rf"{S})?(?:appointed|elected|re-elected|named|became|becomes|serves{S}as|served{S}as"
    rf"|sworn{S}in|on{S}(?:(?:his|her){S})?appointment)(?:{S}as)?{S}))"
    rf"(?:(?:formerly|previously|currently|now|also){S})?"  # "X, formerly the Ombudsman"
    rf"(?:(?:the|a|an){S}(?:(?:next|new){S})?)?\Z",
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
SUBJECT = re.compile(r"\b(?:he|she)\Z", re.IGNORECASE)
AS = re.compile(r"\b[Aa]s(?:[ \t\xa0]+the)?[ \t\xa0]+\Z")
# Between a post and its holder: the body's acronym ("President of the European Bank for
# Reconstruction and Development (EBRD) Suma Chakrabarti") or an honorific epithet after a dash
# ("First President of Kazakhstan – Elbasy Nursultan Nazarbayev", "-Leader of the Nation ...").
ACRONYM = re.compile(r"[ \t\xa0]*\([A-Z][A-Za-z.&-]{1,11}\)")
EPITHET = re.compile(
    r"[ \t\xa0]*[–—-][ \t\xa0]*[A-Z][\w’'-]*(?:[ \t\xa0]+(?:of[ \t\xa0]+)?(?:the[ \t\xa0]+)?[A-Z][\w’'-]*){0,3}[ \t\xa0]+"
)
# "the first President of the independent Uzbekistan": a word of praise between "of the" and the state.
_STATE_ADJ = re.compile(
    r"(?:independent|sovereign|fraternal|brotherly|friendly|neighbou?ring)[ \t\xa0]+", re.IGNORECASE
)
PRONOUN = re.compile(r"(?:[ \t\xa0]*\([^()\n]{1,20}\))?[ \t\xa0]*,[ \t\xa0]*(?:he|she)\b")
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
    elect: bool = False  # "President-elect", "Ambassador-designate": a planned post


# --- 1. posts ----------------------------------------------------------------------------------


def word_start(text: str, i: int) -> bool:
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] in "-’'")


def read_post(
    text: str,
    start: int,
    starts: Mapping[int, Mention],
    stops: Mapping[int, Mention],
    kb: KnowledgeBase,
    ending: Mapping[int, Mention] | None = None,
    floor: int = 0,
) -> Post | None:
    """The post whose first title word is at ``start``; ``ending``: where mentions end, ``floor``:
    where the text before it that may belong to it begins (the end of the post before)."""
    titles: list[str] = []
    of: str | None = None
    portfolio = False  # whether ``of`` is what a "for" names
    # The title a "for" names a state in, and its words ("Senior Director for China").
    for_state: tuple[int, str] | None = None
    pos = start
    capitalised = True
    former = False
    elect = False
    while True:
        unit = title_patterns().unit.match(text, pos)
        if unit is None:
            break
        words = " ".join(_expand(w) for w in unit.group(0).split()).split()
        if words[0].lower() == "former":
            former = True
            words = words[1:]
        elif words[0][:3].lower() == "ex-":  # "ex-President"
            former = True
            words[0] = words[0][3:]
        elect = elect or re.search(r"[- ](?:elect|designate)\Z", unit.group(0), re.I) is not None
        capitalised = capitalised and all(w[0].isupper() for w in words)
        title = case(" ".join(words))
        pos = unit.end()
        of_before = of
        m = OF.match(text, pos)
        adj = _STATE_ADJ.match(text, m.end()) if m is not None and m.group("the") else None
        if adj is not None and adj.end() in starts and starts[adj.end()].type == "country":
            ent = starts[adj.end()]
            of, pos = of or ent.entity, ent.end
        elif m is not None and m.end() in starts and not _area(m, starts[m.end()]):
            ent = starts[m.end()]
            if of is None and m.group("prep").lower() == "for":
                portfolio = True  # "Secretary for Strategic Affairs": a state before it wins
                for_state = (len(titles), " ".join(text[m.end() : ent.end].split()))
            of, pos = of or ent.entity, ent.end
            unit_of = _SUBUNIT.match(text, pos)  # "of Chevron's Eurasian Unit": Chevron's post
            pos = unit_of.end() if unit_of is not None else pos
            title += _body_words(text, m, pos, ent)
        elif m is not None:
            # "Assistant Secretary for South and Central Asia": the places are the portfolio.
            area = m.end() in starts and _area(m, starts[m.end()])
            port_end = _portfolio(
                text,
                m.end(),
                {i: s for i, s in stops.items() if s.type != "place"} if area else stops,
            )
            glued = (
                re.match(r"[ \t\xa0]+\Z", text[port_end : port_end + 1]) and port_end + 1 in stops
            )
            session = _SESSION.match(text, m.end())
            if session is not None:
                # "President of the seventy-fifth session (of the General Assembly)", "of the
                # 76th UNGA Session": a body's session, the body named in it or after it.
                port_end, glued = session.end(), False
                inner = [s for i, s in stops.items() if m.end() <= i < port_end]
                of = of or next((s.entity for s in inner if s.type == "organization"), None)
            lower = _LOWER_FIELD.match(text, m.end()) if port_end == m.end() else None
            if lower is not None and not set(lower.group(0).lower().split()) & (_STOP - {"and"}):
                # "head of media relations of Business Sweden": a field in lower case, then
                # the body it is a field of.
                then = OF.match(text, lower.end())
                owner = starts.get(then.end()) if then is not None else None
                if owner is not None and owner.type in ("organization", "country"):
                    port_end, glued = lower.end(), False
            if port_end > m.end() and (not glued or _glue_ok(text, port_end, stops)):
                prep = m.group("prep").lower() + (" the" if m.group("the") else "")
                said = " ".join(text[m.end() : port_end].split())
                title += f" {prep} " + (
                    " ".join(w if w.isupper() else case(w) for w in said.split())
                    if session and not said.isupper()
                    else case(said)
                )
                pos = port_end
                m2 = OF.match(text, pos)
                if m2 is not None and m2.end() in starts:
                    ent = starts[m2.end()]
                    if ent.type != "place":  # "for the Horn of Africa": a place is the area
                        of = of or ent.entity
                    elif m.group("prep").lower() == "for":
                        portfolio = True
                    pos = ent.end
                    title += _body_words(text, m2, pos, ent)
                elif m2 is not None and m2.group("prep").lower() == "for":
                    # "Secretary of State for Democracy, Human Rights, and Labor"
                    end2 = _portfolio(text, m2.end(), stops)
                    if end2 > m2.end() and _glue_ok(text, end2, stops):
                        title += " for " + case(" ".join(text[m2.end() : end2].split()))
                        pos = end2
        at = _AT.match(text, pos) if title != case(" ".join(words)) else None
        employer = starts.get(at.end()) if at is not None else None
        if (
            employer is not None
            and employer.type == "organization"
            and _EMPLOYER.search(employer.text)
            and (of is None or (of != of_before and not of.startswith("country:")))
        ):
            # "Senior Vice President of Social Innovation at the Case Foundation": the portfolio
            # or unit is in the title, the body the post is of is the one it is at.
            of, pos = employer.entity, employer.end
        to = _TO.match(text, pos)
        if to is not None and to.end() in starts and to.group(0).strip().lower().startswith("to"):
            dest = starts[to.end()]
            title += " to " + " ".join(text[to.end() : dest.end].split())
            pos = dest.end
        elif (mission := _MISSION.match(text, pos)) is not None:
            names = [i for i, m in stops.items() if pos < i < mission.end() and m.type == "person"]
            # An envoy's destination stays without a name after it ("Permanent Representative
            # to the International Organisations in Vienna"), up to a further title of a list.
            cut = min(names, default=_list_cut(text, pos, mission.end()) if _envoy(title) else pos)
            # "Special Envoy to the Pacific Islands Forum Ambassador Frankie Reed": a second
            # title before the name is not part of the mission.
            cut = min(cut, _bare_title(text, pos, cut))
            words = text[pos:cut].split()
            while words and words[-1].lower() in _LINK_WORDS:
                words.pop()
            if len(words) > 1 and words[-1][:1].isupper():
                title += " " + " ".join(words)
                pos = pos + len(text[pos:cut].rstrip())
        where = _IN.match(text, pos) if _envoy(title) else None
        seat = starts.get(where.end()) if where is not None else None
        if where is not None and seat is not None and seat.type in ("place", "country"):
            # "Consul of Azerbaijan in Milan": where an envoy serves is part of his post
            title += " in " + " ".join(text[where.end() : seat.end].split())
            pos = seat.end
        titles.append(title)
        chain = _CHAIN.match(text, pos)
        if chain is None or title_patterns().unit.match(text, chain.end()) is None:
            break
        if of is not None and "and" in chain.group(0).lower():
            break  # "the First President of Kazakhstan and King Abdullah II": two holders
        pos = chain.end()
    if not titles:
        return None
    lead, lead_of = read_lead(text, start, starts, kb)
    if lead == start and capitalised:
        lead, named = open_lead(text, start, stops, ending or {}, kb, floor)
        # "ElectriCITY Chairman": words the document names a body by elsewhere are that body
        # (put back before the title below).
        lead_of = _body_named(named, stops, lead, start) if named else None
        first = stops.get(lead) if named else None
        if lead_of is None and first is not None and first.type == "organization":
            lead_of = first.entity  # "National Security Council Indo-Pacific Coordinator"
        titles[0] = f"{named} {titles[0]}" if named and lead_of is None else titles[0]
        if named and lead_of is None:
            # "Kazakh Healthcare Vice Minister": a state's adjective before the portfolio.
            state_lead, state = read_lead(text, lead, starts, kb)
            if state is not None and state.startswith("country:"):
                lead, lead_of = state_lead, state
    if of is None and lead_of is not None and not lead_of.startswith("country:"):
        # "DFA Secretary", "the ASEAN chair": the body before the title is part of it; a
        # longer name goes after it ("the Consular Corps of Colorado's Dean": "Dean of ...").
        body = re.sub(r"['’]s\Z", "", " ".join(text[lead:start].split()))
        body = _ACRONYM_BEFORE.sub("", body + " ").strip()  # "(DTI)": the name says it
        if any(w in _LINK_WORDS for w in body.split()):
            titles[0] = f"{titles[0]} of {body}"
        else:
            titles[0] = f"{body} {titles[0]}"
    if portfolio and lead_of is not None:
        # "U.S. Special Envoy for Syria", "NSC Senior Director for China": what a "for" names is
        # the portfolio, the state or body before the title is what the post is of.
        if for_state is not None and of is not None and of.startswith("country:"):
            titles[for_state[0]] += " for " + for_state[1]
        of = lead_of
    stated = of is not None or lead_of is not None
    return Post(start, pos, lead, tuple(titles), of or lead_of, stated, former, capitalised, elect)


def _envoy(title: str) -> bool:
    head = title.split(" to ")[0].split(" of ")[0].split()
    return bool(head) and head[-1].lower() in _envoy_words()


@functools.lru_cache(maxsize=1)
def _envoy_words() -> frozenset[str]:
    return frozenset(w.lower() for w in posts().envoys)


def _bare_title(text: str, start: int, end: int) -> int:
    """Where a capitalised title that runs up to ``end`` begins in [start, end), else end."""
    for m in re.finditer(r"(?<=[ \t\xa0])[A-Z]", text[:end]):
        if m.start() <= start + 4:
            continue
        unit = title_patterns().unit.match(text, m.start())
        if unit is not None and unit.group(0)[:1].isupper() and not text[unit.end() : end].strip():
            return m.start()
    return end


def _list_cut(text: str, start: int, end: int) -> int:
    """Where a further title of a list begins between start and end ("... in Vienna and
    Permanent Representative ..."), else end."""
    for m in _CHAIN.finditer(text, start, end):
        if title_patterns().unit.match(text, m.end()) is not None:
            return m.start()
    return end


def _body_words(text: str, prep: re.Match[str], end: int, body: Mention) -> str:
    """The body a title is "of", in the title as the text words it ("President of the Military
    Committee for National Recovery", "Mayor of Davao City"): a body names the post, a state
    does not ("President of the Republic of Guinea" is its President)."""
    if body.type == "country":
        return ""
    words = " ".join(text[prep.end() : end].split())
    if words.isupper() and len(words) > 5:
        words = case(words)  # a heading in capitals
    return f" {prep.group('prep').lower()}{' the' if prep.group('the') else ''} {words}"


def rank_only(post: Post) -> bool:
    """Whether every title of the post is a rank that is a title only before a name
    ("General", "Colonel", "Private First Class"): without a holder it is a word ("the General
    Assembly")."""
    return all(is_rank(t) for t in post.titles)


def is_rank(title: str) -> bool:
    """Whether a title ends with a rank, a title that needs its holder's name after it
    ("Lieutenant General"), and not with a longer post that ends with one ("Attorney General")."""
    low = " ".join(title.lower().replace("-", " ").split())
    ends = [t for t in _all_titles() if low == t or low.endswith(" " + t)]
    return bool(ends) and max(ends, key=len) in _ranks()


@functools.lru_cache(maxsize=1)
def _all_titles() -> frozenset[str]:
    return frozenset(t.name.lower().replace("-", " ") for t in posts().titles)


@functools.lru_cache(maxsize=1)
def _ranks() -> frozenset[str]:
    return frozenset(t.name.lower().replace("-", " ") for t in posts().titles if t.needs_name)


def _area(m: re.Match[str], ent: Mention) -> bool:
    """ "Secretary for Central Asia": a place after "for" is the area a post covers, not what the
    post is of."""
    return m.group("prep").lower() == "for" and ent.type == "place"


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


_LEAD_REACH = 120  # characters: a longer name of a state or body before a title is unheard of


def read_lead(
    text: str, start: int, starts: Mapping[int, Mention], kb: KnowledgeBase
) -> tuple[int, str | None]:
    """ "Kazakh President", "Kazakhstan's Foreign Minister", "Russian Foreign Minister",
    "Department of Trade and Industry (DTI) Undersecretary"."""
    acr = _ACRONYM_BEFORE.search(text, max(0, start - 20), start)
    if acr is not None:
        body = _body_ending(text, acr.start(), starts)
        # A body's name, not a portfolio's ("Fisheries Affairs (FA) Secretary")
        if body is not None and (body.type == "country" or _BODY_WORD.search(body.text)):
            return body.start, body.entity
        acronym = starts.get(acr.start() + acr.group(0).index("(") + 1)
        words = _NAME_BEFORE.search(text, max(0, acr.start() - 60), acr.start())
        if acronym is not None and acronym.type == "organization" and words is not None:
            return words.start(), acronym.entity  # "Trade and Industry (DTI) Secretary"
    m = re.search(
        r"([A-Z][\w-]*|(?:[A-Z]\.){2,})(?:['’]s)?[ \t\xa0]+\Z", text[max(0, start - 40) : start]
    )
    if m is None:
        return start, None
    lead = start - (len(m.group(0)))
    word = m.group(1)
    adj = kb.country_by_adjective(word)
    if adj is None and word.isupper():  # "CHINESE PRESIDENT XI JINPING", a heading in capitals
        adj = kb.country_by_adjective(word.capitalize())
    if adj is not None:
        return lead, adj.id
    # The mentions that may hold the word: those starting up to _LEAD_REACH before it, earliest first.
    for at in range(max(0, lead - _LEAD_REACH), lead + 1):
        ment = starts.get(at)
        if ment is None:
            continue
        if re.search(
            r"\b(?:of|for)[ \t\xa0]+(?:the[ \t\xa0]+)?\Z", text[max(0, ment.start - 9) : ment.start]
        ):
            continue  # the body a title before it is of ("Chairman of the X Congressman Y")
        if ment.start <= lead < ment.end and ment.type in ("country", "organization"):
            end = re.compile(r"['’]s[ \t\xa0]+|[ \t\xa0]+").match(text, ment.end)
            if end is not None and end.end() == start:
                return ment.start, ment.entity
    return start, None


# Up to five capitalised words (with "and", "of" between) that end where the text ends.
_NAME_BEFORE = re.compile(
    r"(?<![\w’'-])[A-Z][\w’'-]*(?:[ \t\xa0]+(?:(?:and|of|&)[ \t\xa0]+)?[A-Z][\w’'-]*){0,4}\Z"
)


def _body_named(words: str, mentions: Mapping[int, Mention], start: int, end: int) -> str | None:
    """The one organisation the document names with exactly these words elsewhere than in
    [start, end) ("Fisheries Affairs Secretary" alone names a portfolio)."""
    key = words.casefold()
    found = {
        m.entity
        for m in mentions.values()
        if m.type == "organization" and m.text.casefold() == key and not start <= m.start < end
    }
    return found.pop() if len(found) == 1 else None


_ACRONYM_BEFORE = re.compile(r"[ \t\xa0]*\([A-Z][A-Za-z.&-]{1,11}\)[ \t\xa0]+\Z")


def _body_ending(text: str, end: int, starts: Mapping[int, Mention]) -> Mention | None:
    """The state or body whose name ends at ``end`` (the mentions that start before it)."""
    for at in range(max(0, end - _LEAD_REACH), end):
        ment = starts.get(at)
        if ment is not None and ment.end == end and ment.type in ("country", "organization"):
            return ment
    return None


# A capitalised word, or a body's acronym in brackets, right before a title or the words taken.
_WORD_BEFORE = re.compile(
    r"(?:(?P<acronym>\([A-Z][A-Za-z.&-]{1,11}\))|(?P<word>[A-Z][\w’'&-]*))[ \t\xa0]+\Z"
)
_OPEN_WORDS = 4  # capitalised words before a title that may belong to it


@functools.lru_cache(maxsize=1)
def _not_in_titles() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS  # English function words

    return frozenset(STOP_WORDS) | {w.lower() for w in posts().not_in_titles}


def open_lead(
    text: str,
    start: int,
    stops: Mapping[int, Mention],
    ending: Mapping[int, Mention],
    kb: KnowledgeBase,
    floor: int = 0,
) -> tuple[int, str]:
    """The capitalised words before a title that name the post with it, whatever they are
    ("Domestic Policy Advisor", "Homeland Security Advisor", "Foreign Affairs (DFA) Secretary"):
    up to four, stopping at a function word, a name, a state's adjective or a possessive. A run
    that goes on past four capitalised words is a heading in title case, not a post: none.
    Returns where the post then begins and the words (a bracketed acronym left out)."""
    pos, words = start, list[str]()
    while True:
        m = _WORD_BEFORE.search(text, max(floor, pos - 40), pos)
        if m is None:
            break
        if m.group("acronym") is not None:
            if words:
                break  # "Foreign Affairs (DFA) Secretary": only right before the title
            pos = m.start()
            continue
        word = m.group("word")
        bare = word.lower()
        body = ending.get(m.start() + len(word))
        if (
            body is not None
            and body.start >= floor
            and (
                (body.type == "organization" and pos < start)
                or (body.type == "place" and pos == start)
            )
        ):
            # "Presidential Communications Operations (PCO) Secretary": the office, then its
            # acronym, then the title; "White House Spokesperson": the seat names the post; "NSC
            # Indo-Pacific Coordinator": the body before the region the post covers
            words.insert(0, " ".join(text[body.start : body.end].split()))
            pos = body.start
            if body.type == "organization":
                break
            continue
        if (
            bare in _not_in_titles()
            or m.start() in stops
            or m.start() + len(word) in ending
            or re.search(r"['’]s\Z|\d", word)
            or kb.country_by_adjective(word.capitalize()) is not None
            or (word.isupper() and len(word) > 5)  # a heading in capitals: its own reading
            or len(word) < 2  # "Q President Zelenskyy": a transcript's question mark
        ):
            break
        if len(words) == _OPEN_WORDS:
            return start, ""
        words.insert(0, word)
        pos = m.start()
    return (pos, case(" ".join(words))) if words else (start, "")


def case(title: str) -> str:
    """A clean canonical case: "PERMANENT REPRESENTATIVE" -> "Permanent Representative"."""
    out = []
    for w in title.split():
        if w.lower() in _LINK_WORDS:
            out.append(w.lower())
        elif w.isupper() and len(w) <= 3:
            out.append(w)  # "CEO", "DFA": an acronym
        elif w.isupper() or w.islower():
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
        else:
            out.append(w)
    return " ".join(out)
