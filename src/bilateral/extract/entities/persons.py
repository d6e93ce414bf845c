"""Persons named by part of their name: whom a surname after a title, a transcript's speaker
label or a spouse's honorific names.

- ``kb_holder``: the KB person a surname alone names, in office at the document's date. The KB's
  surname index holds only the officials typed by hand; a surname after a title ("President
  Iohannis") may also name a generated official (UN General Debate speakers), but only the one of
  that surname holding that post at that date, so namesakes stay out.
- ``speaker_labels``: "PRESIDENT IOHANNIS:", "PRIME MINISTER ABE:", "MS. JEAN-PIERRE:" name the
  person who speaks; the label is a mention of that person, resolved like a titled surname.
- ``titled_surnames``: "President Herzog" where nothing else explained "Herzog": a person, who
  joins the full name the document gives him (stage step 5) or else stands as a new person.
- ``spouses``: "Prime Minister Shinzo Abe and Madam Abe": a wife's honorific and the leader's
  surname name the spouse, another person.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from bilateral.extract.entities.patterns import (
    GENERIC,
    HONORIFICS,
    NAME_PARTICLES,
    TITLE_WORDS,
    not_a_name_word,
    sentence_initial,
    title_case,
)
from bilateral.extract.text.lines import line_end, line_start
from bilateral.extract.text.occurrences import occurs_in_lower_case
from bilateral.extract.text.spans import Taken
from bilateral.kb import KBEntity, KnowledgeBase, normalize_name
from bilateral.kb.vocabulary import posts
from bilateral.model import Document


@dataclass(frozen=True, slots=True)
class Link:
    """A mention before entities exist: a KB id, or a cluster key for a name the KB lacks."""

    start: int
    end: int
    key: str  # KB id, or "<type>|<normalised name>"
    type: str
    name: str  # the clean name this mention gives (for clusters)
    source: str  # kb, pattern or ner
    # A surname alone linked to the KB: a full name of this surname in the same document wins.
    partial: bool = False


def free(start: int, end: int, links: Iterable[Link]) -> bool:
    return all(lk.end <= start or lk.start >= end for lk in links)


@functools.lru_cache(maxsize=4)
def person_words(kb: KnowledgeBase) -> frozenset[str]:
    """Every word of a Latin-script name of a KB person (normalised): first names, surnames,
    particles; a title-case fragment with none of them is rarely a person."""
    return frozenset(
        w
        for e in kb.entities.values()
        if e.type == "person"
        for form in (e.name, *e.aliases)
        if form.isascii()
        for w in normalize_name(form).split()
    )


# --- office holders ------------------------------------------------------------------------------


_TERM_YEARS = 5


def _holds(e: KBEntity, date: str, title: str | None, margin: int = 0) -> bool:
    """In office at `date` (in the post `title`, where given). A generated term is attested only
    in the years its holder spoke at the UN: a year between two attested ones is in office too,
    and so is one within `margin` years of them."""
    if not date[:4].isdigit():
        return False
    year = int(date[:4])
    for t in e.terms:
        if title is not None and title not in t.title:
            continue
        if t.covers(date):
            return True
        undated = t.start is None and t.end is None and bool(t.attested)
        first, last = (int(min(t.attested)[:4]), int(max(t.attested)[:4])) if undated else (0, 0)
        if undated and first - margin <= year <= last + margin:
            return True
    return False


@functools.lru_cache(maxsize=4)
def _officials(kb: KnowledgeBase) -> Mapping[str, tuple[KBEntity, ...]]:
    """Generated persons with posts, by the last word of their name."""
    index: dict[str, list[KBEntity]] = defaultdict(list)
    for e in kb.entities.values():
        if e.type == "person" and e.generated and e.terms:
            for form in {e.name, *e.aliases}:
                ws = normalize_name(form).split()
                if len(ws) > 1 and e not in index[ws[-1]]:
                    index[ws[-1]].append(e)
    return {k: tuple(v) for k, v in index.items()}


def kb_holder(
    kb: KnowledgeBase,
    surname: str,
    date: str | None,
    title: str | None = None,
    initial: str | None = None,
) -> KBEntity | None:
    """The one KB person a surname alone names: the only bearer (of that first initial, where
    the text gives one), or, among several, the only one in office at the document's date (in
    the post of the title before the surname, where there is one). A title before the surname
    is a post held at the date: "President Herzog" in 2023 is not the president of the 1990s.
    Failing the officials typed by hand, the one generated official of that surname holding
    the post at the date."""
    people = [e for e in kb.lookup_surname(surname) if e.type == "person"]
    if initial is not None:
        people = [
            e
            for e in people
            if any(normalize_name(f)[:1] == initial.lower() for f in (e.name, *e.aliases))
        ]
    if date is None or not people:
        if people or date is None or title is None:
            return people[0] if len(people) == 1 else None
        officials = _officials(kb).get(normalize_name(surname), ())
        held = [e for e in officials if _holds(e, date, title)]
        # A generated term is attested only in the years its holder spoke at the UN: failing
        # a holder at the date, the one official of that surname attested in that post within
        # a term's length of it ("President Duterte" in 2016, attested from 2020).
        held = held or [e for e in officials if _holds(e, date, title, _TERM_YEARS)]
        return held[0] if len(held) == 1 else None
    in_office = [e for e in people if any(t.covers(date) for t in e.terms)]
    if title is not None:
        held = [e for e in in_office if any(t.covers(date) and title in t.title for t in e.terms)]
        in_office = held or in_office
        if not in_office and all(e.terms for e in people):
            return None
    people = in_office if len(people) > 1 and in_office else people
    return people[0] if len(people) == 1 else None


# --- speaker labels ------------------------------------------------------------------------------

# "PRESIDENT IOHANNIS:", "PRIME MINISTER ABE (As interpreted):", "MS. JEAN-PIERRE:".
_LABEL = re.compile(r"(?P<label>[A-Z][A-Z.’'\- \t\xa0]{0,60}?)[ \t\xa0]*(?:\([^)\n]{0,40}\))?:")
_LABEL_WORD = re.compile(r"[A-Z][A-Z.’'-]*")


def _title_word(w: str) -> bool:
    t = w.title()
    return (
        w in HONORIFICS or t in HONORIFICS or w in TITLE_WORDS or t in TITLE_WORDS or t in GENERIC
    )


def speaker_labels(doc: Document, kb: KnowledgeBase, links: list[Link]) -> list[Link]:
    """The name in each turn's label, linked: to the person of that surname the KB gives at the
    document's date (a full name of the document wins later, step 5), else a new person."""
    text, out = doc.text, list[Link]()
    taken = Taken(links)
    for turn in doc.turns:
        m = _LABEL.match(text, turn.start)
        if m is None or m.end() > turn.end:
            continue
        words = list(_LABEL_WORD.finditer(text, m.start("label"), m.end("label")))
        titles = []
        while words and _title_word(words[0].group(0)):
            titles.append(words.pop(0).group(0).title())
        names = [w for w in words if len(w.group(0).strip(".")) > 1]
        if not names or len(names) != len(words) or len(names) > 4:
            continue  # "Q", "THE PRESIDENT", or no name at all
        start, end = names[0].start(), names[-1].end()
        if not taken.free(start, end):
            continue
        name = title_case(text[start:end])
        title = " ".join(t for t in titles if t in TITLE_WORDS and t not in HONORIFICS) or None
        holder = kb_holder(kb, name.split()[-1], doc.published, title) if title else None
        if holder is None and len(names) == 1 and title is None:
            holder = kb_holder(kb, name, doc.published)
        if holder is not None:
            out.append(Link(start, end, holder.id, "person", holder.name, "kb", True))
        else:
            out.append(
                Link(start, end, f"person|{normalize_name(name)}", "person", name, "pattern")
            )
        taken.add(out[-1])
    return out


# --- a title and a surname -----------------------------------------------------------------------

# The name is matched ahead (a lookahead), so that a title's own second word is tried as a
# title too: "Prime Minister Olmert" is "Minister" + "Olmert", not "Prime" + "Minister".
_TITLED = re.compile(
    r"(?<![\w’'-])(?P<title>[A-Z][\w-]*)[ \t\xa0]+"
    r"(?=(?P<name>[A-Z][a-z][\w’'-]*?)(?:[’']s)?(?![\w’'-]))"
)
# "Ambassadors Kavanagh and Mahiga": a title in the plural before two coordinated surnames.
_AND_NAME = re.compile(r"[ \t\xa0]+and[ \t\xa0]+(?P<name>[A-Z][a-z][\w’'-]*?)(?:[’']s)?(?![\w’'-])")
_NEXT_NAME = re.compile(r"[ \t\xa0]+(?:[A-Z]|(?:\w+)[ \t\xa0]+[A-Z])")
FORMER = frozenset("First Former former late Late ex".split())
# The words that end a post's title right before its holder's surname ("Foreign Minister X",
# "Secretary-General X"); modifiers ("Foreign", "Deputy", "His") are no title on their own.
_HOLDER_TITLES = frozenset(
    "President Vice-President Minister Premier Chancellor Secretary Secretary-General Ambassador"
    " Envoy Consul Chairman Chairwoman Chair Chairperson Speaker King Queen Prince Princess Emir"
    " Sheikh Sultan Governor Mayor Senator Director Representative Commissioner Spokesperson"
    " Spokesman Adviser Advisor Colonel Imam Mufti Patriarch Archbishop Mediator Negotiator"
    " Rapporteur Coordinator Superintendent"
    " Bishop Cardinal Rabbi Congressman Congresswoman Taoiseach Tanaiste Tánaiste".split()
)


# "Prime Minster Rabuka": a long title word with one letter dropped is still the title (a
# typing slip the official sources make); short words are left alone, where a slip makes a name.
_SLIP_OF = {
    w[:i] + w[i + 1 :]: w
    for w in sorted(_HOLDER_TITLES)
    if len(w) >= 8
    for i in range(1, len(w) - 1)
}
_SLIPS = frozenset(_SLIP_OF) - _HOLDER_TITLES


def spelled_title(words: Iterable[str]) -> str:
    """The title the words write, their slips mended ("Prime Minster" -> "Prime Minister")."""
    return " ".join(_SLIP_OF[w] if w in _SLIPS else w for w in words)


def is_title_word(word: str) -> bool:
    """A post's title word or its plural ("Ambassadors"), never a word of a name."""
    return (
        word in TITLE_WORDS
        or word in _HOLDER_TITLES
        or word in _SLIPS
        or (word.endswith("s") and (word[:-1] in _HOLDER_TITLES or word[:-1] in TITLE_WORDS))
    )


@functools.lru_cache(maxsize=1)
def _post_heads() -> frozenset[str]:
    """The last word of every title of kb/data/posts.yaml ("Coordinator", "Admiral", "CEO")."""
    return frozenset(t.name.split()[-1] for t in posts().titles)


def post_word(word: str) -> bool:
    """A word that ends a post's title ("Advisor", "Coordinator", "Admiral"; not a modifier such
    as "Foreign" or "Chief"): a holder's title word or the head of a title the posts vocabulary
    lists; a name that follows it is its holder's."""
    return word in _HOLDER_TITLES or word in _SLIPS or word in _post_heads()


def titled_surnames(text: str, kb: KnowledgeBase, covered: bytearray) -> list[Link]:
    """ "President Herzog of Israel": one capitalised word after a post's title, which nothing
    else explained, is a person's surname; it joins the document's full name of that surname
    in step 5, else stands as a new person."""
    out = []
    for m in _TITLED.finditer(text):
        title = m.group("title")
        plural = title.endswith("s") and title[:-1] in _HOLDER_TITLES
        if title not in _HOLDER_TITLES and not plural:
            continue
        before = re.search(r"(\S+)[ \t\xa0]+\Z", text[max(0, m.start() - 30) : m.start()])
        if before is not None and before.group(1) in FORMER:
            continue
        names = [m]
        if plural:
            more = _AND_NAME.match(text, m.end("name"))
            names += [more] if more is not None else []
        for n in names:
            a, b = n.start("name"), n.end("name")
            if _surname_here(text, kb, covered, n.group("name"), b):
                key = f"person|{normalize_name(n.group('name'))}"
                out.append(Link(a, b, key, "person", n.group("name"), "pattern"))
    return out


# "Evasco, the Secretary of the Cabinet": a surname with a post in apposition after it.
_APPOSED = re.compile(
    r"(?<![\w’'.-])(?P<name>[A-Z][a-z][\w’'-]*),[ \t\xa0]+(?:the[ \t\xa0]+)?"
    r"(?:[A-Z][\w-]*[ \t\xa0]+){0,2}(?P<title>[A-Z][\w-]*)[ \t\xa0]+(?:of|for|to)\b"
)


def apposed_surnames(text: str, kb: KnowledgeBase, covered: bytearray) -> list[Link]:
    """One capitalised word, not at a sentence's start, with a post in apposition after it
    ("from Evasco, the Secretary of the Cabinet"): a person's surname; it joins the document's
    full name of that surname in step 5, else stands as a new person."""
    out = []
    for m in _APPOSED.finditer(text):
        name, a, b = m.group("name"), m.start("name"), m.end("name")
        if m.group("title") not in _HOLDER_TITLES or sentence_initial(text, a):
            continue
        if _surname_here(text, kb, covered, name, b) and name not in TITLE_WORDS:
            out.append(Link(a, b, f"person|{normalize_name(name)}", "person", name, "pattern"))
    return out


_ABBREVIATED = re.compile(r"\.[ \t\xa0]+[A-Z]")


def _headline(text: str, at: int) -> bool:
    """Whether `at` lies in a line whose every longer word is capitalised: a heading, where any
    word may stand after a title."""
    a, b = line_start(text, at), line_end(text, at)
    if (b if b >= 0 else min(len(text), at + 300)) - a >= 300:
        return False  # no heading (and no need to read the whole line)
    line = text[a : b if b >= 0 else min(len(text), at + 300)]
    long = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    return len(long) >= 4 and len(line) < 300 and all(w[0].isupper() for w in long)


def _surname_here(text: str, kb: KnowledgeBase, covered: bytearray, name: str, end: int) -> bool:
    """Whether `name`, ending at `end` right after a title, is a surname nothing else explained."""
    if any(covered[end - len(name) : end]):
        return False
    if not_a_name_word(name, kb) or name in HONORIFICS or kb.lookup(name):
        return False
    if kb.country_by_adjective(name) is not None or "-" in name:
        return False
    if occurs_in_lower_case(text, name):
        return False  # a common noun the document writes in lower case ("General Debate")
    if len(name) <= 2 and _ABBREVIATED.match(text, end):
        return False  # "Ma. Cristina Reyes": an abbreviated first name
    if normalize_name(name) not in person_words(kb) and _headline(text, end):
        return False  # "Secretary Remarks at the Reception": a title-case heading
    nxt = _NEXT_NAME.match(text, end)
    # "President Isaac Herzog", "Sheikh Tamim bin Hamad": a longer name.
    return nxt is None or not (
        nxt.group(0).split()[0] in NAME_PARTICLES or nxt.group(0).strip()[:1].isupper()
    )


# --- spouses -------------------------------------------------------------------------------------

_WIFE = r"(?:Mrs\.?|Madam|Madame|Mme\.?|MRS\.?|MADAM)"
_WIFE_NAME = re.compile(rf"(?<![\w.])(?P<hon>{_WIFE})[ \t\xa0]+(?P<name>[A-Z][\w’'-]*[a-z])\b")
_HUSBAND = r"(?:Mr\.?|MR\.?|Mister|King|Prince|Emir|Sultan|Sheikh|His[ \t\xa0]+Excellency)"


def spouses(text: str, links: list[Link]) -> list[Link]:
    """ "Mrs. Abe" or "Madam Abe" where the document names a man of that surname: coordinated
    with him ("Prime Minister Shinzo Abe and Madam Abe", "Mr. and Mrs. Abe"), or called "Mr."
    or a male title elsewhere. The spouse is another person, named with her honorific."""
    wives: set[str] = set()  # surnames whose bearer's wife the document names
    persons = [lk for lk in links if lk.type == "person"]
    for m in _WIFE_NAME.finditer(text):
        surname = m.group("name")
        if surname in TITLE_WORDS or surname in GENERIC or surname in HONORIFICS:
            continue  # "Madam President"
        word = normalize_name(surname)
        bearers = [
            lk
            for lk in persons
            if normalize_name(text[lk.start : lk.end]).split()[-1:] == [word]
            and not (m.start() <= lk.start < m.end())
        ]
        if not bearers:
            continue
        s = re.escape(surname)
        coordinated = re.search(
            rf"{s}(?:[’']s)?[ \t\xa0]+(?:and|&)[ \t\xa0]+\Z",
            text[max(0, m.start() - 60) : m.start()],
        ) or re.search(
            rf"{_HUSBAND}[ \t\xa0]+(?:and|&)[ \t\xa0]+\Z", text[max(0, m.start() - 20) : m.start()]
        )
        male = re.search(
            rf"(?<![\w.]){_HUSBAND}[ \t\xa0]+(?:[A-Z][\w’'-]*[ \t\xa0]+){{0,3}}{s}\b", text
        )
        if coordinated is not None or male is not None:
            wives.add(surname)
    # Once the wife is named so, every "Mrs." or "Madam" of that surname is she.
    out = []
    for m in _WIFE_NAME.finditer(text):
        if m.group("name") in wives:
            hon = m.group("hon").title().rstrip(".")
            name = f"{'Mrs.' if hon == 'Mrs' else hon} {m.group('name')}"
            key = f"person|spouse of {normalize_name(m.group('name'))}"
            out.append(Link(m.start(), m.end(), key, "person", name, "pattern"))
    return out
