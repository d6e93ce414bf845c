"""Pattern rules for names that the knowledge base lacks, and the word lists they share with the
NER filters.

Three rules, each for a shape of name the statistical model misses or splits:

- bodies headed by an org noun: "Ministry of ...", "Delegation of the ...", "... Foundations",
  "... University", "... newspaper" (the model cuts "Regional Centres for Disease Control and
  Biosafety" in two, and calls "H.E. Mr." an organisation);
- honorific + name: "Mr. Nurtleu", "MR. ALEXANDER LUKASHEVICH" (the model skips capitals);
- a name next to a post: "President of Kazakhstan Kassym-Jomart Tokayev", "Zhanibek Abdrashov,
  Consul General of ...".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from bilateral.extract.actions.lexicon import lexicon
from bilateral.extract.text.lines import line_end, line_start
from bilateral.kb import KnowledgeBase
from bilateral.kb.vocabulary import posts, read_data


@dataclass(frozen=True, slots=True)
class Found:
    """A name in the text that the KB did not supply: offsets, type, clean name, and its origin."""

    start: int
    end: int
    type: str  # person, organization, place
    name: str  # the name to show: honorifics and articles gone, headings in title case
    source: str  # pattern or ner
    title: str | None = None  # the post's title written before a person's name, where cut off


def words(s: str) -> frozenset[str]:
    return frozenset(s.split())


def _rank_words() -> frozenset[str]:
    """The words and abbreviations of the military and police ranks (kb/data/ranks.yaml):
    "Corporal Jane Roe" is Jane Roe. Ranks of one word only: "Warrant" or "Field" alone is none,
    and a word that is also another post's title ("Chief") is left to the rules of posts."""
    vocab = posts()
    ranks = {r.lower() for r in vocab.ranks}
    other = {t.name.lower() for t in vocab.titles if t.name.lower() not in ranks}
    full = dict(vocab.abbreviations)
    return frozenset(
        w
        for w in (
            *vocab.ranks,
            *(s for s, f in full.items() if f.lower().split()[-1] in ranks or f.lower() in ranks),
        )
        if " " not in w and w.lower() not in other
    )


HONORIFICS = words("Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Mme Mme. Madam Madame Sir H.E. HE Excellency")
# Words that head or modify a post; a name never starts with one ("President Tokayev" -> Tokayev).
TITLE_WORDS = (
    words(
        "President Vice-President Minister Prime Deputy Foreign Secretary Secretary-General General"
        " Ambassador Envoy Consul Chairman Chairwoman Chair Chairperson Speaker King Queen Prince"
        " Princess Emir Sheikh Sultan Chancellor Premier Governor Mayor Senator Director Head"
        " Representative Permanent Special First Former Honorary Acting Commissioner Counsellor"
        " Spokesperson Spokesman Adviser Advisor Excellency Majesty Highness His Her Their Your"
        " Executive Chief Senior Assistant Under-Secretary Vice Colonel General Lieutenant Major"
        " Grand Tsar Imam Mufti Patriarch Archbishop Bishop Cardinal Rabbi"
        " Extraordinary Plenipotentiary Attaché Attache Chargé Charge Minister-Counsellor Secretary"
        " Senators Congressman Congresswoman Congressmen Ambassador-at-Large Taoiseach Tanaiste"
        " Tánaiste Nominee Designate President-elect President-Elect"
    )
    | _rank_words()
)
# Capitalised words that are no name of their own: worth no NER call, and never a name alone.
GENERIC = words(
    "I The A An This That These Those Our Their Its His Her We It In On At As For With By To"
    " Government Governments State States Member Members Nation Nations Assembly Council"
    " Organization Organisation Republic Federation Kingdom Union Commonwealth Parliament"
    " Ministry Committee Commission Secretariat Chairmanship Presidency Strategy Concept"
    " Programme Program Plan Charter Treaty Agreement Declaration Resolution Constitution"
    " Session Summit Forum Conference Meeting Group Office Agency Court Embassy Delegation"
    " God Allah Heads Head Prime Leader Leaders People Peoples Sir Madam Excellency Excellencies"
    " Mr Mrs Ms Dr Question Answer Source Thank Ladies Gentlemen Today Yesterday Tomorrow"
    " North South East West Northern Southern Eastern Western Central Middle Far Near"
    " January February March April May June July August September October November December"
    " Monday Tuesday Wednesday Thursday Friday Saturday Sunday Internet Covid COVID-19"
    " Dear Warm Best Kind Regards Sincerely Yours Friends Colleagues Welcome Congratulations"
    " Please Follow Read More Share Twitter Facebook Instagram YouTube Telegram Photo Video"
    " Global International National Regional Islamic Christian Muslim Arab Africa Asian"
    " United League Covenant Almighty Lord Prophet Holy Pope Powers Power Territory Territories"
    " Parties Party Government's Governments' Mission Missions Representatives Delegations"
    " Motherland Fatherland Homeland Panel Countries Hurricane Hurricanes Cyclone Typhoon Storm Earthquake Tsunami Warming Nature"
)
_ADJECTIVES = words(
    "African Asian Arab Islamic Christian Muslim International National Regional Global Central"
    " Eastern Western Northern Southern European American Pacific Atlantic Latin Economic Social"
)
# Heads of names that are agreements, events or abstractions, not bodies or places.
NOT_BODY_HEADS = words(
    "Treaty Convention Covenant Agreement Declaration Charter Protocol Memorandum Concept Strategy"
    " Programme Program Plan Roadmap Agenda Doctrine Vision Initiative Resolution Law Act Code"
    " Summit Forum Meeting Session Conference Congress Games Olympics Expo Festival Day Days Year"
    " Week Month Anniversary Partnership Cooperation Integration Development Project Process Directions"
    " Chairmanship Presidency Award Prize Medal Order War Revolution Era Policy Principles Goals"
    " Statement Communiqué Communique Letter Letters Certificate Diploma"
)
NAME_PARTICLES = words("de da di del der van von bin ibn al el la le dos du y")
_ORG_HEADS_AFTER = (
    "University|Universities|Foundations?|Corporation|Consortium|Bank|Fund|Institute|Company"
    "|Department|Division"
    "|Party|Ministry|Committee|Association|Forces|Academy|College|School|Agency|Commission"
    "|Council|Secretariat|Services|Centres?|Centers?|Airlines|Airways|Railways|Exchange"
    "|Chamber|Court|Parliament|Assembly|Authority|Bureau|Service|Office|Organi[sz]ation|Union|Hub"
    "|Brigade|Battalion|Regiment|Fleet"  # military units
)
_UNITS = "Division|Brigade|Battalion|Regiment|Fleet"  # an ordinal is part of their names
_ORG_HEADS_BEFORE = (
    "Ministry|Delegation|Embassy|Consulate General|Consulate|Permanent Mission|Mission|Agency"
    "|Committee|Council|Commission|Bank|Fund|Institute|Academy|Foundation|Association|Centres?"
    "|Centers?|Department|Secretariat|Office|Chamber|Court|Service|Bureau|Organi[sz]ation|Union"
)
_CAP = r"(?:[A-Z]\.(?:[A-Z]\.)*|[A-Z][\w’'&-]*\w|[A-Z])"
_LINK = r"(?:of|for|on|and|the|in|to|de|&)"
_MODS = rf"(?:{_CAP}[ \t\xa0]+)*"
_TAIL = (
    rf"[ \t\xa0]+(?:of|for|on|in|to|de)(?:[ \t\xa0]+the)?[ \t\xa0]+{_CAP}"
    rf"(?:(?:[ \t\xa0]+{_LINK})*[ \t\xa0]+{_CAP})*"
)
ORG_BEFORE = re.compile(rf"\b{_MODS}(?P<head>{_ORG_HEADS_BEFORE})(?={_TAIL})(?P<tail>{_TAIL})")
# "Patent and Trademark Office": the modifiers may be joined by "and" ("&").
# "Low Enriched Uranium (LEU) Bank": an acronym in brackets may stand before the head.
# "4th Infantry Division", "7th Fleet": a military unit's ordinal is part of its name (a
# session's is not: "73rd World Health Assembly").
ORG_AFTER = re.compile(
    rf"\b(?P<mods>\d{{1,3}}(?:st|nd|rd|th)[ \t\xa0]+(?=(?:{_CAP}[ \t\xa0]+)*(?:{_UNITS})\b)"
    rf"(?:{_CAP}[ \t\xa0]+)*"
    rf"|(?:{_CAP}[ \t\xa0]+(?:(?:and|&)[ \t\xa0]+(?={_CAP}))?)+)"
    rf"(?:\([A-Z]{{2,8}}\)[ \t\xa0]+)?(?P<head>{_ORG_HEADS_AFTER})\b"
)
MEDIA = re.compile(
    rf"\b(?P<name>{_CAP}(?:[ \t\xa0]+{_CAP})*)[ \t\xa0]+(?:newspaper|news agency|magazine|TV channel)\b"
)
# "Eisenhower Executive Office Building", "Roosevelt Room", "United Nations Headquarters": a
# named building or room is a place, even where its name holds a body's ("Office").
BUILDING = re.compile(
    rf"(?<![\w’'-])(?P<name>{_CAP}(?:[ \t\xa0]+{_CAP}){{0,4}})[ \t\xa0]+"
    rf"(?P<head>Building|Room|Palace|Residence|Headquarters|Hall|Mansion|Hotel|Suites|Airport"
    rf"|Dam)\b"
    r"(?![ \t\xa0]+of\b)"  # "Hall of Fame" is no building
)
# "Moderna, Inc.", "Motrux LLC", "Kazatomprom JSC": a company by its legal form. The name is
# the words before the form; the mention spans the form too.
COMPANY = re.compile(
    rf"(?<![\w’'-])(?P<name>{_CAP}(?:[ \t\xa0]+(?:&[ \t\xa0]+)?{_CAP}){{0,4}}),?[ \t\xa0]+"
    r"(?P<form>Inc\.|Inc\b|Incorporated|Ltd\.|Ltd\b|LLC|L\.L\.C\.|PLC|plc|Corp\.|GmbH|JSC|LLP"
    r"|S\.A\.|N\.V\.|B\.V\.|Co\.,?[ \t\xa0]+Ltd\.?)(?![\w-])"
)
# "the Akorda press service": a named press service is a body; the place or body it is named
# after is part of its name, not a mention of its own.
PRESS_SERVICE = re.compile(
    rf"\b(?P<name>{_CAP}(?:[ \t\xa0]+{_CAP})*)(?<![’'][s])[ \t\xa0]+press[ \t\xa0]+service\b"
)
_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ\u0100-\u017f"
_NAME_WORD = (
    rf"(?:[{_UP}][{_LOW}’']+(?:-[{_UP}{_LOW}][{_LOW}’']+)*"
    rf"|[{_UP}][{_UP}’']+(?:-[{_UP}][{_UP}’']+)*)"
)
# A middle initial between two name words ("Alcee L. Hastings", "Donald J. Trump").
_INITIAL = rf"[{_UP}]\.[ \t\xa0]+"
_PARTICLE = r"(?:de|da|dos|das|do|del|della|di|van|von|der|den|bin|ibn|al|el|le|la|du|y)"


@functools.lru_cache(maxsize=1)
def _honorific_name() -> re.Pattern[str]:
    """A title of address or a personal article (kb/data/name_markers.yaml), then a name."""
    data = read_data("name_markers.yaml")
    address = "|".join(map(re.escape, data["titles_of_address"]))
    articles = "|".join(map(re.escape, data["personal_articles"]))
    titles = rf"(?:{address})\b"
    hon = (
        rf"(?:(?:H\.\s?E\.\s+|His Excellency\s+|Her Excellency\s+)?{titles}\.?"
        rf"|(?:{articles})\b(?![ \t\xa0]+{titles}))"
    )
    return re.compile(
        rf"(?<![\w.]){hon}[ \t\xa0]+(?P<name>(?:{_PARTICLE}[ \t\xa0]+)?{_NAME_WORD}"
        rf"(?:[ \t\xa0]+(?:{_PARTICLE}[ \t\xa0]+|[dD][’']|{_INITIAL})?{_NAME_WORD}){{0,3}})"
    )


_LEAD = re.compile(r"^(?:the|The|THE)[\s\xa0]+")
_POSSESSIVE = re.compile(r"[’']s?\Z")


def title_case(name: str) -> str:
    """ "ALEXANDER LUKASHEVICH" -> "Alexander Lukashevich"; mixed-case names are kept."""
    if not name.isupper():
        return name
    return re.sub(r"[A-Z][A-Z’']*", lambda m: m.group(0)[0] + m.group(0)[1:].lower(), name)


def honorific_persons(text: str) -> list[Found]:
    """ "Mr. Nurtleu", "H.E. Mr. Murat Nurtleu", "MR. ALEXANDER LUKASHEVICH" -> the name part."""
    out = []
    for m in _honorific_name().finditer(text):
        parts = m.group("name").split()
        # "Mr. President", "Mr. Secretary-General": a post, not a name; stop at the first such.
        keep: list[str] = []
        for w in parts:
            if not keep and w in NAME_PARTICLES:
                keep.append(w)
                continue
            bare = _POSSESSIVE.sub("", w)  # "Mr. President's home city"
            if any(x in TITLE_WORDS or x in GENERIC for x in (w, w.title(), bare, bare.title())):
                break
            keep.append(w)
        if keep:
            keep[-1] = _POSSESSIVE.sub("", keep[-1]) if len(keep[-1]) > 3 else keep[-1]
        if not keep or not keep[-1] or keep[-1] in NAME_PARTICLES:
            continue
        start = m.start("name")
        end = text.index(keep[-1], start + sum(len(w) for w in keep[:-1])) + len(keep[-1])
        out.append(Found(start, end, "person", title_case(text[start:end]), "pattern"))
    return out


_HEADS = (
    r"President|Vice[- ]President|Minister|Secretary(?:-General)?|Ambassador|Representative"
    r"|Chairman|Chairwoman|Chairperson|Chair|Premier|Chancellor|King|Queen|Prince|Emir|Sheikh"
    r"|Senators?|Congress(?:wo)?man|Governor|Mayor|Director(?:-General)?|Spokesperson|Spokesman|Envoy|Consul"
    r"|Speaker|Commissioner|Counsell?or|Advis[eo]r|Deputy|Leader|Head|Chief|Emperor|Sultan"
    r"|Taoiseach|T[aá]naiste|Coordinator|Administrator|Admiral|Officer|CEO|Member|"
    # The ranks (kb/data/ranks.yaml): "Sergeant Jane Roe", "Sgt. Jane Roe"
    + "|".join(re.escape(w) + ("" if w.endswith(".") else r"\b") for w in sorted(_rank_words()))
)
_CAPW = r"[A-Z][\w’'-]*"
TITLE_BEFORE = re.compile(
    rf"\b(?:{_HEADS})(?:[ \t\xa0]+(?:of|for|to)[ \t\xa0]+(?:the[ \t\xa0]+)?{_CAPW}"
    rf"(?:[ \t\xa0]+(?:(?:of|and|for|the)[ \t\xa0]+)*{_CAPW}){{0,6}})?[ \t\xa0]*,?[ \t\xa0]*\Z"
)
TITLE_AFTER = re.compile(
    rf"^[ \t\xa0]*,[ \t\xa0]*(?:the[ \t\xa0]+)?(?:[A-Z][\w-]*[ \t\xa0]+){{0,3}}(?:{_HEADS})\b"
)
# "George P. Kent, of Massachusetts, to be Ambassador ...": a nominee with his home state.
NOMINEE_AFTER = re.compile(
    r"^,[ \t\xa0]+of[ \t\xa0]+(?:the[ \t\xa0]+)?[A-Z][\w.’' \t\xa0-]{1,40},[ \t\xa0]+"
    r"(?:to[ \t\xa0]+be|a|an)[ \t\xa0]"
)
NAME_RUN = re.compile(
    rf"(?<![\w’'-]){_NAME_WORD}(?:[ \t\xa0]+(?:{_PARTICLE}[ \t\xa0]+|[dD][’']|{_INITIAL})?{_NAME_WORD}){{1,4}}(?![\w-])"
)


def not_a_name_word(w: str, kb: KnowledgeBase) -> bool:
    return (
        w.endswith(("’s", "'s"))  # "My Brother’s Keeper": a possessive inside is no name
        or w in GENERIC
        or w in TITLE_WORDS
        or w in HONORIFICS
        or w in HEAD_WORDS
        or w in NOT_BODY_HEADS
        or w in _UNIT_WORDS
        or w in PORTFOLIO_WORDS
        or w in _post_modifiers()
        or w in _ADJECTIVES
        or kb.country_by_adjective(w) is not None
    )


@functools.lru_cache(maxsize=1)
def _post_modifiers() -> frozenset[str]:
    """The words that modify a post's title (posts.yaml, ranks.yaml: "Agriculture", "Deputy",
    "Staff"): "Secretary of Agriculture Jane Roe" is Jane Roe."""
    return frozenset(posts().modifiers)


# Words of a portfolio or a field ("Democracy, Human Rights, and Labor"), never of a name.
PORTFOLIO_WORDS = words(
    "Rights Affairs Relations Resources Freedom Freedoms Labor Labour Development Cooperation "
    "Co-operation Security Disarmament Non-Proliferation Nonproliferation Trafficking"
)
# Parts of organisations that head no body of their own but are never part of a person's name.
_UNIT_WORDS = words("Unit Division Branch Section Team Board Project Platform Network Group Fund")


def titled_persons(text: str, free: Callable[[int, int], bool], kb: KnowledgeBase) -> list[Found]:
    """A run of two to four capitalised words right after a post ("President of Kazakhstan
    Kassym-Jomart Tokayev") or right before one ("Zhanibek Abdrashov, Consul General of ...")."""
    out: list[Found] = []
    for m in NAME_RUN.finditer(text):
        # The run may begin with the post's state ("Kazakhstan Kassym-Jomart Tokayev"): try each
        # start that leaves at least two words.
        starts = [m.start() + w.start() for w in re.finditer(r"\S+", m.group(0))]
        n = len(out)
        for start in starts[:-1]:
            skipped = text[m.start() : start].split()
            if (
                start > m.start()
                and free(m.start(), start)
                and not all(w in TITLE_WORDS for w in skipped)
            ):
                break  # a later start only past a known name or a title ("Sergeant Jane Roe")
            end = m.end()
            poss = _POSSESSIVE.search(text, start, end)
            if poss is not None:
                end = poss.start()
            ws = text[start:end].split()
            if len(ws) < 2 or not ws[0][0].isupper():
                continue
            if any(not_a_name_word(w, kb) for w in ws):
                continue
            if not free(start, end):
                continue
            left = text[max(0, start - 120) : start]
            if "\n" in left.rstrip(" \t\xa0,"):
                left = left[left.rstrip(" \t\xa0,").rfind("\n") + 1 :]
            after = text[end : end + 80]
            if TITLE_BEFORE.search(left) or TITLE_AFTER.match(after) or NOMINEE_AFTER.match(after):
                if headline(text, start) and without_verb(text, start, end) != (start, end):
                    break  # "Representative to the UN Corrects Al Hussein": a headline's verb
                out.append(Found(start, end, "person", title_case(text[start:end]), "pattern"))
                break
        found = _name_after_portfolio(text, m, starts, free, kb) if len(out) == n else None
        if found is not None:
            out.append(found)
    return out


# A signature: the signer's name alone on its line, in capitals ("(Sgd.) JUAN C. DELA CRUZ"),
# and his post on the next line ("Executive Secretary").
_SIGNATURE = re.compile(
    r"^[ \t\xa0]*(?:\(Sgd\.?\)[ \t\xa0]*)?"
    r"(?P<name>[A-Z][A-Z’'-]+(?:[ \t\xa0]+(?:[A-Z]\.|[A-Z][A-Z’'-]+\.?)){1,4})[ \t\xa0]*\n(?:[ \t\xa0]*\n)?"
    r"[ \t\xa0]*(?P<post>[A-Z][\w-]*(?:[ \t\xa0]+[A-Z][\w-]*){0,4})[ \t\xa0]*$",
    re.MULTILINE,
)
_HEAD_WORD = re.compile(rf"(?:{_HEADS})\Z")


def signature_names(text: str, kb: KnowledgeBase) -> list[Found]:
    """The signer of an order or a letter: a name in capitals above a line that is a post."""
    out = []
    for m in _SIGNATURE.finditer(text):
        words = m.group("name").split()
        if not any(_HEAD_WORD.match(w) for w in m.group("post").split()):
            continue
        if any(not_a_name_word(w.title(), kb) or kb.lookup(w.title()) for w in words):
            continue  # "REPUBLIC OF ...", "MINISTRY ...": a heading, no name
        out.append(
            Found(m.start("name"), m.end("name"), "person", title_case(m.group("name")), "pattern")
        )
    return out


def _name_after_portfolio(
    text: str,
    m: re.Match[str],
    starts: list[int],
    free: Callable[[int, int], bool],
    kb: KnowledgeBase,
) -> Found | None:
    """ "Minister of Industry and Infrastructure Development Zhenis Kasymbek": the run holds the
    end of the portfolio, then the name; where the whole run continues a post, its last two words
    are the name (the usual length of a name written without a patronymic)."""
    i = len(starts) - 2
    if re.match(r"[A-Z]\.", text[starts[i] : starts[i] + 2]):
        i -= 1  # "Alcee L. Hastings"
    if i < 1 or _POSSESSIVE.search(text, m.start(), m.end()) is not None:
        return None
    start, end = starts[i], m.end()
    if any(not_a_name_word(w, kb) for w in text[start:end].split()) or not free(start, end):
        return None
    left = text[max(0, start - 160) : start]
    if "\n" in left:
        return None
    if not TITLE_BEFORE.search(left):
        return None
    return Found(start, end, "person", title_case(text[start:end]), "pattern")


def clean_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a leading article and a possessive "'s" off a span."""
    span = text[start:end]
    lead = _LEAD.match(span)
    if lead:
        start += lead.end()
    span = text[start:end]
    poss = _POSSESSIVE.search(span)
    if poss and poss.start() > 0:
        end = start + poss.start()
    return start, end


def _body_ok(name: str, head: str, kb: KnowledgeBase) -> bool:
    """A body's name must say which body: "Permanent Council" or "Russian Ministry" alone do not."""
    ws = name.split()
    if (
        not ws
        or ws[-1] in NOT_BODY_HEADS
        or ws[-1].removesuffix("s") in NOT_BODY_HEADS
        or ws[-1] in _ADJECTIVES
        or kb.country_by_adjective(ws[-1])
    ):
        return False  # "Organization of African" (unity): a name cut short is no name
    i = ws.index(head.split()[0]) if head.split()[0] in ws else 0
    specific = [
        w
        for w in ws[:i] + ws[i + len(head.split()) :]
        if w[:1].isupper()
        and w not in GENERIC
        and w not in TITLE_WORDS
        and kb.country_by_adjective(w) is None
    ]
    # "Delegation of the Russian Federation": a tail that names a known state or body is specific.
    tail = re.split(r"\b(?:of|for|to|on)\s+(?:the\s+)?", name, maxsplit=1)
    return bool(specific) or (len(tail) == 2 and bool(kb.lookup(tail[1])))


HEAD_WORDS = frozenset(
    re.sub(r"[?\[\]]|s\?", "", _ORG_HEADS_AFTER + "|" + _ORG_HEADS_BEFORE)
    .replace(" ", "|")
    .split("|")
)


def buildings(text: str) -> list[Found]:
    """Named buildings and rooms: "Eisenhower Executive Office Building" -> a place."""
    out = []
    for m in BUILDING.finditer(text):
        start = _skip_generic_lead(text, m.start("name"), m.end("name"))
        name = " ".join(text[start : m.end()].split())
        if "\n" not in text[start : m.end()] and not all(generic(w) for w in name.split()[:-1]):
            out.append(Found(start, m.end(), "place", name, "pattern"))
    return out


# "corporations like SAAB, Scania, Volvo and IKEA", "companies including Saab, the car maker;
# Electrolux, ...": the names listed after a word for companies are companies.
_COMPANIES_LISTED = re.compile(
    r"\b(?:companies|corporations|firms|brands|manufacturers|banks)[ \t\xa0]+"
    r"(?:such[ \t\xa0]+as|like|including)[ \t\xa0]+"
)
_LISTED_NAME = re.compile(rf"{_CAP}(?:[ \t\xa0]+{_CAP}){{0,2}}(?![\w’'-])")
_LIST_SEP = re.compile(
    r"(?:,[^,;.]{0,60}?(?=;))?(?:[;,][ \t\xa0]*(?:and[ \t\xa0]+)?|[ \t\xa0]+and[ \t\xa0]+)"
)


def listed_companies(text: str) -> list[Found]:
    """The names listed after "companies like", "corporations such as" (a description after a
    name is skipped where semicolons part the items)."""
    out = []
    for m in _COMPANIES_LISTED.finditer(text):
        pos = m.end()
        while (n := _LISTED_NAME.match(text, pos)) is not None:
            name = n.group(0)
            if not all(generic(w) or w in LINKS for w in name.split()):
                out.append(Found(n.start(), n.end(), "organization", name, "pattern"))
            sep = _LIST_SEP.match(text, n.end())
            if sep is None:
                break
            pos = sep.end()
    return out


def org_patterns(text: str, kb: KnowledgeBase) -> list[Found]:
    """Bodies named by an org noun: "Ministry of ...", "... University", "... newspaper"."""
    out = []
    for rx in (ORG_BEFORE, ORG_AFTER):
        pos = 0
        while (m := rx.search(text, pos)) is not None:
            start, end = clean_span(text, m.start(), m.end())
            start = _skip_generic_lead(text, start, m.start("head"))
            start = _skip_named_conjunct(text, start, m.start("head"), kb)
            if rx is ORG_AFTER:
                start = _take_place_list(text, start, kb)
            end = _cut_second_body(text, start, end, m.end("head"))
            end = _cut_first_body(text, start, end, m.start("head"))
            end = _cut_seat(text, start, end, m.group("head"), kb)
            # After a cut, the second body is looked for from the cut on.
            pos = end if end < m.end() else m.end()
            name = " ".join(text[start:end].split())
            if len(name.split()) == 2 and sentence_initial(text, start):
                continue  # "Past Assembly": a capital that only opens the sentence
            if "\n" not in text[start:end] and _body_ok(name, m.group("head"), kb):
                out.append(Found(start, end, "organization", name, "pattern"))
    for m in COMPANY.finditer(text):
        start = _skip_generic_lead(text, m.start("name"), m.end("name"))
        name = " ".join(text[start : m.end("name")].split())
        if name and "\n" not in text[start : m.end()] and not generic(name.split()[-1]):
            out.append(Found(start, m.end(), "organization", name, "pattern"))
    for m in PRESS_SERVICE.finditer(text):
        start = _skip_generic_lead(text, m.start("name"), m.end("name"))
        name = " ".join(text[start : m.end()].split())
        if "\n" not in text[start : m.end()] and not all(generic(w) for w in name.split()[:-2]):
            out.append(Found(start, m.end(), "organization", name, "pattern"))
    for m in MEDIA.finditer(text):
        start, end = clean_span(text, m.start("name"), m.end("name"))
        start = _skip_generic_lead(text, start, end)
        name = " ".join(text[start:end].split())
        if name and "\n" not in text[start:end] and not all(generic(w) for w in name.split()):
            out.append(Found(start, end, "organization", name, "pattern"))
    return out


# "Government of Finland", "the Finnish Government", "parliament of Nagorno-Karabakh", "United
# States government": a state's government or parliament, written in either order and often in
# lower case, which the org patterns (capitalised heads only) miss.
_STATE_BODY_OF = re.compile(
    rf"\b(?P<head>[Gg]overnment|[Pp]arliament|[Dd]elegation)[ \t\xa0]+of[ \t\xa0]+"
    rf"(?:the[ \t\xa0]+)?"
    rf"(?P<name>{_CAP}(?:[ \t\xa0]+(?:of[ \t\xa0]+(?:the[ \t\xa0]+)?)?{_CAP}){{0,3}})"
)
_STATE_BODY_AFTER = re.compile(
    rf"(?<![\w’'-])(?P<name>{_CAP}(?:[ \t\xa0]+{_CAP}){{0,3}})[ \t\xa0]+"
    rf"(?P<head>[Gg]overnment|[Pp]arliament|[Dd]elegation)\b(?![ \t\xa0]+of\b)"
)
# Names that take the article after "of" ("Government of the United States").
_WITH_ARTICLE = re.compile(
    r"(?:United|Republic|Russian Federation|Holy See|Netherlands|Philippines)\b"
)


def _state_or_place(kb: KnowledgeBase, name: str) -> str | None:
    for e in kb.lookup(name):
        if e.type in ("country", "place"):
            return e.name
    adj = kb.country_by_adjective(name)
    return adj.name if adj is not None else None


def state_bodies(text: str, kb: KnowledgeBase) -> list[Found]:
    """A state's (or region's) government, parliament or delegation: "Finnish Government" ->
    "Government of Finland", "the Netherlands delegation" -> "Delegation of the Netherlands".
    The state must be known to the KB; the longest run of words naming it wins."""
    out = []
    for m in _STATE_BODY_OF.finditer(text):
        ws = list(re.finditer(r"\S+", m.group("name")))
        for w in reversed(ws):  # longest prefix first
            end = m.start("name") + w.end()
            if text.endswith(("’s", "'s"), m.start("name"), end):
                end -= 2  # "the Government of Nigeria’s plan"
            state = _state_or_place(kb, text[m.start("name") : end])
            if state is not None:
                out.append(_state_body(text, m.start(), end, m.group("head"), state))
                break
    for m in _STATE_BODY_AFTER.finditer(text):
        ws = list(re.finditer(r"\S+", m.group("name")))
        for w in ws:  # longest suffix first
            if w.group(0) in ("The", "THE"):
                continue
            start = m.start("name") + w.start()
            state = _state_or_place(kb, text[start : m.end("name")])
            if state is not None:
                out.append(_state_body(text, start, m.end(), m.group("head"), state))
                break
    return out


def _state_body(text: str, start: int, end: int, head: str, state: str) -> Found:
    the = "the " if _WITH_ARTICLE.match(state) else ""
    return Found(start, end, "organization", f"{head.title()} of {the}{state}", "pattern")


def _cut_second_body(text: str, start: int, end: int, head_end: int) -> int:
    """ "... Moscow State University and Language Institute of Yonsei University" names two
    bodies: cut before an "and" whose next capitalised run ends in an org noun."""
    for m in re.finditer(r"[ \t\xa0]+and[ \t\xa0]+", text[head_end:end]):
        run: list[str] = []
        for w in text[head_end + m.end() : end].split():
            if w in LINKS:
                if run:
                    break
                continue
            run.append(w)
        if run and run[-1] in HEAD_WORDS:
            return head_end + m.start()
    return end


_SEAT = re.compile(r"[ \t\xa0]+(?:in|at)[ \t\xa0]+(?:the[ \t\xa0]+)?(?P<seat>[^,;.]+)\Z")
# Bodies whose name says where they sit ("Embassy of Kazakhstan in the USA").
_SEATED_HEADS = ("Embassy", "Consulate", "Mission", "Delegation")


def _cut_seat(text: str, start: int, end: int, head: str, kb: KnowledgeBase) -> int:
    """ "UN Office of Counter-Terrorism in Bishkek", "Uranium Bank in Kazakhstan": a known place
    or state after "in" says where the body is, not which one it is."""
    m = _SEAT.search(text, start, end)
    if m is None or head.startswith(_SEATED_HEADS) or not kb.lookup(m.group("seat")):
        return end
    if any(e.type in ("place", "country") for e in kb.lookup(m.group("seat"))):
        return m.start()
    return end


def _skip_named_conjunct(text: str, start: int, limit: int, kb: KnowledgeBase) -> int:
    """ "Kazakhstan and Chevron Corporation": a known name before "and" is a body of its own."""
    for m in re.finditer(r"[ \t\xa0]+(?:and|&)[ \t\xa0]+", text[start:limit]):
        # A place before "and" is part of a regional unit's name ("Middle East and Africa
        # Department"); a state or body is not.
        before = text[start : start + m.start()].split()
        while before and before[0] in TITLE_WORDS:
            before = before[1:]  # "President Rodrigo Duterte and Department of ..."
        if any(e.type != "place" for e in kb.lookup(" ".join(before))):
            return start + m.end()
    return start


_PLACE_LIST = re.compile(rf"(?:{_CAP}(?:[ \t\xa0]+{_CAP})*,[ \t\xa0]+)+\Z")


def _take_place_list(text: str, start: int, kb: KnowledgeBase) -> int:
    """ "Asia, Middle East and Africa Department": the places listed before the name, each one
    known to the KB as a place, belong to it."""
    m = _PLACE_LIST.search(text, max(0, start - 80), start)
    if m is None:
        return start
    items = [i.strip() for i in m.group(0).split(",") if i.strip()]
    if all(any(e.type == "place" for e in kb.lookup(i)) for i in items):
        return m.start()
    return start


def _cut_first_body(text: str, start: int, end: int, limit: int) -> int:
    """ "Korea Trade-Investment Promotion Agency and Samsung Electronics Company": a body's name
    before the "and" ends the first body."""
    for m in re.finditer(r"[ \t\xa0]+(?:and|&)[ \t\xa0]+", text[start:limit]):
        before = text[start : start + m.start()].split()
        if before and before[-1] in HEAD_WORDS:
            return start + m.start()
    return end


def _skip_generic_lead(text: str, start: int, limit: int) -> int:
    """Move past sentence-initial determiners and pronouns ("Our", "This", "The") before a name."""
    while start < limit:
        m = re.match(r"(\S+)[ \t\xa0]+", text[start:limit])
        if m is None or m.group(1) not in words(
            "The This That These Those Our Their Its His Her A An Every Each All Both Any Some Your My"
            " In At On From By For With"
        ):
            break
        start += m.end()
    return start


LINKS = words("of on the and for in to")


_OPENERS = frozenset('.!?:;“"(\n•*—–-')


def sentence_initial(text: str, i: int) -> bool:
    """Whether position i opens a sentence, line or quotation (where any word is capitalised)."""
    j = i - 1
    while j >= 0 and text[j] in " \t\xa0":
        j -= 1
    if j >= 2 and text[j] == "." and text[j - 1].isupper() and text[j - 2] == " ":
        # A middle initial ("William H. Moser", "Alcee L. Hastings") ends no sentence.
        return not text[max(0, j - 3) : j - 2].isalpha()
    return j < 0 or text[j] in _OPENERS


def generic(word: str) -> bool:
    return any(
        w in GENERIC or w in TITLE_WORDS or w in HONORIFICS for w in (word, word.removesuffix("s"))
    )


def headline(text: str, at: int) -> bool:
    """Whether `at` stands in a short line of title-case words ("President Delivers Speech
    Before Leaving for Vietnam"), where a verb is capitalised like a name."""
    a, b = line_start(text, at), line_end(text, at)
    b = b if b >= 0 else len(text)
    if b - a > 200:
        return False
    ws = [w for w in text[a:b].split() if w[:1].isalpha()]
    caps = sum(1 for w in ws if w[0].isupper())
    return len(ws) >= 4 and caps >= 0.7 * len(ws) and not text[a:b].rstrip().endswith(".")


def without_verb(text: str, start: int, end: int) -> tuple[int, int]:
    """A headline's name ends before a finite verb ("JUSMAG | Delivers New Military
    Equipment"), and one that opens the span is cut off ("Corrects | Al Hussein"): a name holds
    no "-s" or "-ed" form of a verb the action lexicon knows (nor a body's or a portfolio's
    word that is one, such as "Forces" or "Works")."""
    forms = lexicon().forms
    for m in re.finditer(r"\S+", text[start:end]):
        w = m.group(0)
        if not w.endswith(("s", "ed")) or w.lower() not in forms:
            continue
        if generic(w) or w in HEAD_WORDS or w in PORTFOLIO_WORDS or w in NOT_BODY_HEADS:
            continue
        if m.start() == 0:
            nxt = re.match(r"\S+[ \t\xa0]+", text[start:end])
            return (start + nxt.end(), end) if nxt is not None else (end, end)
        return start, start + len(text[start : start + m.start()].rstrip())
    return start, end
