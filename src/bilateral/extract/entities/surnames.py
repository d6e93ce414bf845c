"""Entities, step 2: persons named by part of their name. A surname after an honorific or a title
("Mr Lavrov", "President Tokayev"), or alone once the full name has appeared; a state's bodies named
by the publisher's home words; first name plus patronymic through the KB's full forms."""

from __future__ import annotations

import re
from collections import defaultdict

from bilateral.extract.entities.patterns import HONORIFICS, NOT_BODY_HEADS, TITLE_WORDS
from bilateral.extract.entities.persons import FORMER, Link, kb_holder
from bilateral.extract.text.spans import Taken
from bilateral.kb import KBEntity, KnowledgeBase, normalize_name
from bilateral.kb.normalize import fold_word

# --- 2. persons by part of their name ---------------------------------------------------------------

_WORD = re.compile(r"(?<![\w’'-])[A-Z][\w’'-]*[\w]")


def surname(name: str) -> str:
    return name.split()[-1] if name.split() else name


def _after_title(text: str, start: int) -> bool:
    m = re.search(r"(\S+)[ \t\xa0]+\Z", text[max(0, start - 40) : start])
    return m is not None and (m.group(1) in HONORIFICS or m.group(1) in TITLE_WORDS)


_REGNAL = re.compile(r"[ \t\xa0]+(?:I{1,3}|IV|VI{0,3}|IX|X)\b")


def _current_title(text: str, start: int) -> str | None:
    """The title word right before a surname, where it names a post held at the document's
    date ("President Herzog"; not "First President Nazarbayev" or "former Minister X")."""
    m = re.search(r"(?:(\S+)[ \t\xa0]+)?(\S+)[ \t\xa0]+\Z", text[max(0, start - 60) : start])
    if m is None or m.group(2) not in TITLE_WORDS or m.group(1) in FORMER:
        return None
    return m.group(2)


_INITIAL_BEFORE = re.compile(r"(?<![\w.])(?P<initial>[A-Z])\.[ \t\xa0]?\Z")


def persons_by_surname(
    text: str, kb: KnowledgeBase, links: list[Link], date: str | None = None
) -> list[Link]:
    named: dict[str, str] = {}  # surname -> KB person id, for persons named in full
    for lk in links:
        if lk.type == "person" and " " in text[lk.start : lk.end].strip():
            named.setdefault(surname(text[lk.start : lk.end]).lower(), lk.key)
    out: list[Link] = []
    taken = Taken(links)
    for m in _WORD.finditer(text):
        word = m.group(0)
        bare = re.sub(r"[’']s\Z", "", word)
        end = m.start() + len(bare)
        if (bare.isupper() and len(bare) < 4) or _REGNAL.match(text, end):
            continue  # "King Abdullah II" is not Abdullah Abdullah
        pid = named.get(bare.lower())
        # A surname of a full name found so far: the nearest full name before it wins (step 5).
        partial, start = pid is not None, m.start()
        initial = _INITIAL_BEFORE.search(text, max(0, start - 3), start)
        if pid is None and bare not in TITLE_WORDS and initial is not None:
            # "E.Kazykhanov", "N. Yermekbayev": an initial and a surname, of one KB bearer.
            holder = kb_holder(kb, bare, date, initial=initial.group("initial"))
            pid, partial = (holder.id if holder is not None else None), True
            start = initial.start() if holder is not None else start
        elif pid is None and bare not in TITLE_WORDS and _after_title(text, start):
            holder = kb_holder(kb, bare, date, _current_title(text, start))
            pid, partial = (holder.id if holder is not None else None), True
        if pid is not None and taken.free(start, end):
            e = kb.get(pid)
            if e is not None and _other_first_name(text, m.start(), e):
                continue  # "Isaac Herzog" is not the "Chaim Herzog" named elsewhere
            name = e.name if e else bare
            out.append(Link(start, end, pid, "person", name, "kb", partial))
            taken.add(out[-1])
    return out


# "Congress", "the Senate": a legislature named without its state.
_BARE_BODY = re.compile(
    r"(?<![\w’'.-])(?P<word>Congress|Senate)\b"
    r"(?![ \t\xa0]+(?:of|on)\b)(?![ \t\xa0]+[A-Z])"
)


def home_bodies(text: str, kb: KnowledgeBase, links: list[Link]) -> list[Link]:
    """A legislature named without its state is the one of the state this document names
    most among those whose legislature the KB calls so ("US Congress" for the United States);
    a document naming no such state names no such body."""
    counts: dict[str, int] = defaultdict(int)
    for lk in links:
        if lk.type == "country":
            counts[lk.key] += 1
    out: list[Link] = []
    taken = Taken(links)
    for m in _BARE_BODY.finditer(text):
        word = m.group("word")
        bodies: dict[str, KBEntity] = {}
        for cid in counts:
            state = kb.get(cid)
            for form in (state.name, *state.aliases) if state is not None else ():
                for e in kb.lookup(f"{form} {word}"):
                    if e.type == "organization" and e.country == cid:
                        bodies[cid] = e
        before = re.search(r"(\S+)[ \t\xa0]+\Z", text[max(0, m.start() - 30) : m.start()])
        if before is not None and before.group(1)[0].isupper() and before.group(1) != "The":
            continue  # "Philippine Senate", "National Congress": another name
        named = re.search(
            r"([A-Z][\w’'-]*)[ \t\xa0]+of[ \t\xa0]+\Z", text[max(0, m.start() - 30) : m.start()]
        )
        if named is not None and named.group(1) not in NOT_BODY_HEADS:
            continue  # "Library of Congress"; but "a Joint Meeting of Congress" is Congress
        if not bodies or not taken.free(m.start(), m.end()):
            continue
        best = max(bodies, key=lambda c: counts[c])
        e = bodies[best]
        out.append(Link(m.start("word"), m.end("word"), e.id, "organization", e.name, "kb"))
        taken.add(out[-1])
    return out


_BEFORE = re.compile(r"(?<![\w’'-])([A-Z][\w’'-]*\w)[ \t\xa0]+\Z")


def _other_first_name(text: str, start: int, e: KBEntity) -> bool:
    """Whether the surname at `start` follows a capitalised word that is no title and no word
    of the person's forms (transliterations folded): then it is someone else's surname ("Isaac
    Herzog"), while "Abdel Fattah Al Sisi" and "Kasym-Jomart Tokayev" are the person's own."""
    m = _BEFORE.search(text, max(0, start - 40), start)
    if m is None or m.group(1) in HONORIFICS or m.group(1) in TITLE_WORDS:
        return False
    words = {fold_word(w) for f in (e.name, *e.aliases) for w in normalize_name(f).split()}
    return not all(fold_word(w) in words for w in normalize_name(m.group(1)).split())
