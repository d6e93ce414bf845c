"""Readers of the public sources the generated knowledge base is grown from (see kb/build.py).

Each reader turns lines of one source into plain `Holder` records: a person's name as the
source spells it, other spellings, and the posts the source states with the dates it gives. They
know nothing of the knowledge base; identity, merging and ids are the builder's business.

- UN General Debate titles: "UN General Debate, session 76 (2021): Kazakhstan — Kassym-Jomart
  Tokayev, President". The speaker held the post in the session's year, nothing more is known, so
  the post is *attested* for that year rather than given a start and an end.
- PETRARCH-2 / Phoenix actor dictionaries (openeventdata, MIT): a person line, `+` variant lines
  and tab-indented dated codes such as `[RUSGOV >20040309] # Foreign Minister`. The code's first
  three letters are the state (CAMEO, mostly ISO 3166 alpha-3); a post is known only where a
  comment or the section heading names it, so most Phoenix persons contribute names, not posts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

__all__ = [
    "Holder",
    "Post",
    "canonical_posts",
    "clean_name",
    "phoenix_orgs",
    "phoenix_persons",
    "un_speaker",
]


@dataclass(frozen=True, slots=True)
class Post:
    title: str
    state: str  # a CAMEO/ISO alpha-3 code, or "EU"
    start: str | None = None  # ISO date at the precision known
    end: str | None = None
    attested: tuple[str, ...] = ()  # dates on which the post is known to be held


@dataclass(slots=True)
class Holder:
    name: str
    states: set[str]
    aliases: list[str] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    source: str = ""


# --- names -----------------------------------------------------------------------------------------

# Honorifics and styles that precede a name in titles ("Mr. X", "His Majesty King X").
_STYLE = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|dr|prof|professor|h\.?\s?e|his|her|excellency|majesty|royal|highness"
    r"|serene|sheikh|shaikh|sheikha|sir|dame|general|gen|lt|colonel|col|captain|capt|king|queen"
    r"|prince|princess|emir|amir|sultan|crown|archduke|grand|duke|monsignor|msgr|rev|reverend"
    r"|alhaji|alhadji|hon|honourable|honorable|dato|datuk|sri|seri|tun|lyonpo|dasho|chief|field|marshal"
    r"|admiral|brigadier|major|senator|ambassador|president|minister)\b[.,']?\s*)+",
    re.I,
)
# Words after a name that are degrees or styles, not part of it ("MP", "MBBS, MD").
_TRAILING = re.compile(r"(?:,?\s+(?:MP|MBBS|MD|PhD|Ph\.D\.|Esq\.?|GCMG|KCMG|OBE|CBE|QC|SC))+$")
# Lower-case particles of names written in capitals ("JUAN DE LA CRUZ" -> "Juan de la Cruz").
_PARTICLES = frozenset(
    "de da das do dos del della di du la le van von der den ter bin binti bint wa".split()
)


def _cap(word: str) -> str:
    """ "MCCAIN" -> "McCain", "O'NEILL" -> "O'Neill", "AL-ASSAD" -> "Al-Assad"."""
    # A lone letter after an apostrophe is a possessive ("Children's"), not a name's part.
    out = re.sub(
        r"(?<!['’])[a-zà-ÿ]+|(?<=['’])[a-zà-ÿ]{2,}", lambda m: m.group(0).capitalize(), word.lower()
    )
    return re.sub(r"\bMc([a-z])", lambda m: "Mc" + m.group(1).upper(), out)


def clean_name(raw: str) -> str:
    """A person's name as a reader writes it: styles and degrees off, capitals restored where the
    source shouts ("Mr. ISLAM A. KARIMOV" -> "Islam A. Karimov"), spacing folded."""
    name = " ".join(raw.replace("_", " ").split()).strip(" ,.;")
    name = _STYLE.sub("", name)
    name = _TRAILING.sub("", name).strip(" ,.;")
    words = name.split()
    out = []
    for i, w in enumerate(words):
        if sum(c.isupper() for c in w) >= 2 and not any(c.islower() for c in w):
            low = w.lower()
            w = low if (i > 0 and low in _PARTICLES) else _cap(w)
        out.append(w)
    return " ".join(out)


# --- UN General Debate titles ----------------------------------------------------------------------

_UN_TITLE = re.compile(r"\((?P<year>\d{4})\):\s.*?\s[—-]\s(?P<speaker>.+)$")
_UN_ID = re.compile(r"^ungdc:(?P<state>[A-Z]{2,3})_\d+_\d{4}$")

# Standard titles of the knowledge base (see people.yaml), each with the wordings that state it.
# A post is read from a part of the title, between commas and "and"s; what is not listed here
# (ministers of other portfolios, "Chair of the Delegation") gives no post.
_POSTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (title, re.compile(pattern, re.I))
    for title, pattern in (
        (
            "President",
            r"(?:constitutional |interim )?president(?: of (?:the )?(?:[\w ]*republic\b[\w ]*|faso))?",
        ),
        ("Vice President", r"vice[- ]president(?: of the republic)?"),
        ("First Vice President", r"first vice[- ]president"),
        ("Prime Minister", r"prime minister"),
        ("Deputy Prime Minister", r"deputy prime minister"),
        ("Head of State", r"head of state"),
        ("Head of Government", r"head of (?:the )?gove?rn?ment"),
        ("Chancellor", r"(?:federal )?chancellor"),
        ("Premier", r"premier of the state council"),
        ("King", r"king"),
        ("Emir", r"emir|amir"),
        ("Crown Prince", r"crown prince"),
        ("Chairman of the Presidency", r"chairman of the presidency"),
        (
            "Chairman of the Council of Ministers",
            r"(?:chairman|president) of the council of ministers",
        ),
        ("Secretary of State", r"secretary of state"),
        # "UN Representative" in this corpus's titles is the state's representative to the United
        # Nations speaking for it, recorded under the standard title of that post.
        ("Permanent Representative to the United Nations", r"(?:un|permanent) representative"),
        (
            "Minister of Foreign Affairs",
            r"(?:federal |union )?(?:minister|secretary)(?: responsible)? (?:for|of) "
            r"(?:foreign|external) (?:affairs|relations)(?:[\w ,]*)?|foreign minister"
            r"|minister (?:for|of) foreign and [\w ]+ affairs",
        ),
    )
)
_SPLIT = re.compile(
    r",\s*|\s+and\s+(?=(?:minister|prime|president|head|vice|deputy|federal)\b)", re.I
)
_FOREIGN_TAIL = re.compile(r"^(?:foreign|external)\b", re.I)


def canonical_posts(text: str) -> list[str]:
    """The standard titles a speaker's stated post holds: "Deputy Prime Minister and Minister for
    Foreign Affairs and Expatriates" -> ["Deputy Prime Minister", "Minister of Foreign Affairs"]."""
    out: list[str] = []
    parts = [p.strip() for p in _SPLIT.split(text.replace("Foregn", "Foreign")) if p.strip()]
    for part in parts:
        for title, pattern in _POSTS:
            if pattern.fullmatch(part) and title not in out:
                out.append(title)
                break
    return out


def un_speaker(doc_id: str, title: str) -> Holder | None:
    """The speaker of a UN General Debate statement and the posts the title gives him, or None
    when the title gives no full name or no post ("Mr. KREISKY", "Inonga Lokongo L'Ome")."""
    mid, mt = _UN_ID.match(doc_id), _UN_TITLE.search(title)
    if mid is None or mt is None:
        return None
    name, _, post = mt.group("speaker").partition(",")
    titles = canonical_posts(post)
    name = clean_name(name)
    if not titles or not is_full_name(name):
        return None
    year, state = mt.group("year"), mid.group("state")
    posts = [Post(t, state, attested=(year,)) for t in titles]
    return Holder(name, {state}, posts=posts, source="ungdc")


# Words that make a phrase a description rather than a name ("Russian Foreign Minister Lavrov").
_NOT_NAME = frozenset(
    """president minister prime deputy foreign secretary general ambassador envoy consul chairman
    chairwoman chair speaker king queen prince princess emir sheikh sultan chancellor premier
    governor mayor senator director head representative permanent special former acting
    commissioner spokesman spokesperson adviser advisor excellency majesty highness executive
    chief senior assistant colonel lieutenant major leader official officials government ministry
    party army police council court bank union commission committee office agency embassy
    delegation republic kingdom state states national federal the of and for mr mrs ms dr
    unknown unidentified archbishop bishop cardinal pope patriarch imam ayatollah mufti rabbi
    saint""".split()
)


def is_full_name(name: str) -> bool:
    """At least two words of two letters or more, none of them a title or an institution word:
    a surname or a single word alone never becomes a name or an alias ("Lavrov", "Abdullah")."""
    words = [w.strip(".,'’") for w in name.replace("-", " ").split()]
    if any(w.lower() in _NOT_NAME for w in words) or any(c.isdigit() for c in name):
        return False
    return sum(len(w) >= 2 for w in words) >= 2 and name[:1].isupper()


# --- Phoenix actor dictionaries --------------------------------------------------------------------

_CODE = re.compile(r"\[(?P<code>[A-Z]{3,})(?:\s+(?P<when>[<>]?\d{6,8}(?:-\d{6,8})?))?\s*\]")
# Comments on a dated code and section headings that name the post ("# Foreign Minister",
# "# U.S. Secretaries of State"), mapped to the knowledge base's standard titles. Only headings
# that name one state's post: under a bare "# Prime Ministers" the file also lists ministers,
# advisers and ambassadors.
_PHOENIX_POSTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (title, re.compile(pattern, re.I))
    for title, pattern in (
        ("Vice President", r"vice presidents of the united states"),
        ("Deputy Prime Minister", r"dep(?:uty|\.)? (?:pm|prime minister)"),
        ("Prime Minister", r"(?:acting )?(?:pm|prime minister)(?: pt\. \d)?"),
        ("President", r"president(?: of germany)?|u\.?s\.? presidents"),
        ("Chancellor", r"chancellor of germany"),
        ("Minister of Foreign Affairs", r"foreign minister"),
        (
            "Secretary of State",
            r"(?:brief acting )?sec(?:retary|retaries)? (?:of )?state|u\.?s\.? secretaries of state",
        ),
        ("Deputy Secretary of State", r"dep sec state"),
        ("Secretary of Defense", r"sec def|(?:united states|u\.?s\.?) secretaries of defense"),
        ("Attorney General", r"u\.?s\.? attorneys general"),
        ("Secretary of Homeland Security", r"u\.?s\.? secretaries of homeland security"),
        (
            "Permanent Representative to the United Nations",
            r"amb\. to un|u\.?s\.? ambassadors to the un",
        ),
        ("White House Chief of Staff", r"white house chiefs of staff"),
        ("National Security Advisor", r"(?:us )?national security advisors?"),
        ("Trade Representative", r"us trade representative"),
        ("Supreme Leader", r"supreme leader"),
    )
)


def _phoenix_title(comment: str) -> str | None:
    text = comment.strip().strip("#").strip()
    for title, pattern in _PHOENIX_POSTS:
        if pattern.fullmatch(text):
            return title
    return None


def _phoenix_date(d: str) -> str:
    """YYMMDD (19xx from 30 on, else 20xx) or YYYYMMDD -> ISO."""
    if len(d) == 6:
        d = ("19" if int(d[:2]) >= 30 else "20") + d
    year, month, day = d[:4], d[4:6], d[6:8]
    if month == "00":
        return year
    if day == "00":
        return f"{year}-{month}"
    return f"{year}-{month}-{day}"


# The dictionary's version (CountryInfo.140130): an open "after" restriction is known to hold
# until then, and no later.
PHOENIX_AS_OF = "2014-01-30"


def _phoenix_post(code: str, when: str | None, title: str) -> Post | None:
    state = code[:3]
    if when is None:
        return None
    if when.startswith(">"):
        return Post(title, state, start=_phoenix_date(when[1:]), attested=(PHOENIX_AS_OF,))
    if when.startswith("<"):
        return Post(title, state, attested=(_phoenix_date(when[1:]),))
    a, _, b = when.partition("-")
    start, end = _phoenix_date(a), _phoenix_date(b)
    return Post(title, state, start=start, end=end) if start <= end else None


def _underscored(line: str) -> str:
    return re.split(r"[#\[;]", line, maxsplit=1)[0].replace("_", " ").strip()


def _read_codes(holder: Holder, line: str, heading: str | None) -> None:
    """The dated codes of one line: every code's state, and a post where the code is the
    government's own (`RUSGOV`, not the elite `RUSELI` or a sector `RUSGOVBUS`) and the line's
    comment or the section heading names it."""
    comment = line.split("#", 1)[1] if "#" in line else ""
    for m in _CODE.finditer(line.split("#", 1)[0]):
        code, when = m.group("code"), m.group("when")
        holder.states.add(code[:3])
        if len(code) != 6 or code[3:] != "GOV":
            continue
        title = (_phoenix_title(comment) if comment.strip() else None) or heading
        post = _phoenix_post(code, when, title) if title else None
        if post is not None:
            holder.posts.append(post)


def phoenix_persons(lines: Iterable[str]) -> Iterator[Holder]:
    """Persons of Phoenix.Countries.actors.txt: the entries the CountryInfo lists contributed
    (their first line says so); an entry's `+` lines are its spellings. A section heading that
    names a post ("# Chancellors") holds until the next heading or blank line."""
    heading: str | None = None
    current: Holder | None = None
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip():
            heading = None
        elif line.startswith("#"):
            heading = _phoenix_title(line)
        elif line.startswith(("\t", " ")):
            if current is not None:
                _read_codes(current, line, heading)
        elif line.startswith("+"):
            if current is not None:
                current.aliases.append(clean_name(_underscored(line[1:])))
        else:
            if current is not None:
                yield current
            current = None
            if "CountryInfo" in line:
                current = Holder(clean_name(_underscored(line)), set(), source="phoenix")
                _read_codes(current, line.replace("CountryInfo", ""), heading)
    if current is not None:
        yield current


@dataclass(frozen=True, slots=True)
class PhoenixOrg:
    name: str
    acronyms: tuple[str, ...]
    code: str


_ORG_HEAD = re.compile(
    r"\b(?:organi[sz]ation|agency|bank|fund|council|commission|union|court|tribunal|programme"
    r"|program|institute|association|league|community|conference|forum|office|secretariat"
    r"|cooperation|treaty|alliance|movement|federation|assembly|parliament)\b",
    re.I,
)
_SMALL = frozenset("of the and for on in at to de".split())


def _org_case(name: str) -> str:
    words = name.split()
    return " ".join(
        w.lower() if i and w.lower() in _SMALL else _cap(w) for i, w in enumerate(words)
    )


def _headed(name: str) -> bool:
    """An organisation's name: its last head noun ends it or takes a complement ("Arab Monetary
    Fund for ..."), unlike a project named after a body ("World Bank Family Network ...")."""
    heads = list(_ORG_HEAD.finditer(name))
    if not heads:
        return False
    rest = name[heads[-1].end() :].split()
    return not rest or rest[0].lower() in ("of", "for", "on", "in")


def phoenix_orgs(lines: Iterable[str]) -> list[PhoenixOrg]:
    """International organisations of Phoenix.International.actors.txt: an entry whose name has
    an organisation's head noun, with the acronyms that are the only other entry of its code
    ("IAEA" and "INTERNATIONAL ATOMIC ENERGY AGENCY" are both IGOUNOIAE)."""
    by_code: dict[str, list[str]] = {}
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith(("#", "+", "\t", " ")):
            continue
        m = _CODE.search(line)
        name = _underscored(line)
        if m is None or not name or not m.group("code").startswith("IGO"):
            continue
        by_code.setdefault(m.group("code"), []).append(name)
    out = []
    for code, names in by_code.items():
        full = [n for n in names if " " in n and _headed(n) and not n.startswith("THE ")]
        acronyms = [n for n in names if re.fullmatch(r"[A-Z]{3,8}", n)]
        if len(full) != 1 or len(code) < 9:
            continue  # several bodies share the code (or none is named): no reliable pairing
        out.append(
            PhoenixOrg(_org_case(full[0]), tuple(acronyms) if len(acronyms) == 1 else (), code)
        )
    return out


# --- Phoenix country blocks: the places that code as their state ------------------------------------

_COUNTRY_HEAD = re.compile(r"^(?P<name>[A-Z][A-Z_.'-]*?)_?\s+\[(?P<code>[A-Z]{3})\]\s*$")
# Forms of a person or a people, not of a place ("Scotsman", "Welsh", "Afghan", "Filipina").
_DEMONYM_END = re.compile(
    r"(?:MAN|MEN|WOMAN|WOMEN|ISH|ESE|IAN|IANS|ANS|INA|INO|I|ER|ERS)$|^(?:THE|AN?)\s"
)


@dataclass(frozen=True, slots=True)
class PhoenixPlace:
    name: str
    state: str  # the dictionary's state code


def phoenix_places(lines: Iterable[str]) -> Iterator[PhoenixPlace]:
    """The `+` forms of each state's own entry in Phoenix.Countries.actors.txt ("PHILIPPINES_
    [PHL]" lists "+MANILA_", "+MINDANAO_", "+DAVAO_REGION_") that are neither a spelling of
    the state's name nor a demonym: its cities, provinces and regions. Spellings, foreign names
    and nicknames of the state are told apart by the caller, which knows the state's names."""
    state: str | None = None
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("+"):
            if state is not None:
                name = _underscored(line[1:])
                if name and "(" not in name and not _DEMONYM_END.search(name):
                    yield PhoenixPlace(_org_case(name), state)
            continue
        if line.startswith(("\t", " ")):
            continue
        m = _COUNTRY_HEAD.match(line.split("#", 1)[0].rstrip())
        state = m.group("code") if m else None
