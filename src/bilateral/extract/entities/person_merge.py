"""Step 5 of the entities stage, for persons: one entity per person per document. Spelling
variants of a KB person join it, a surname or a shorter form joins the fullest form it fits,
initials join the name they abbreviate."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict

from bilateral.extract.entities.fuzzy import same_name, same_word, surname_index
from bilateral.extract.entities.persons import Link
from bilateral.extract.entities.surnames import surname
from bilateral.extract.text.spans import Taken
from bilateral.kb import KnowledgeBase, normalize_name


def spelling_variants(links: list[Link], kb: KnowledgeBase) -> list[Link]:
    """A person's name outside the KB that spells another person's name of this document, or
    else a KB person's, with a letter changed ("Nursultan Nazerbayev") is that person."""
    # Each distinct (key, name) once: a name repeated through a long document is compared once.
    full = dict.fromkeys(
        (lk.key, lk.name) for lk in links if lk.type == "person" and len(lk.name.split()) > 1
    )
    found: dict[tuple[str, str], set[str]] = {}
    out = []
    for lk in links:
        if lk.type == "person" and "|" in lk.key and len(lk.name.split()) > 1:
            keys = found.get((lk.key, lk.name))
            if keys is None:
                near = {k for k, n in full if k != lk.key and same_name(lk.name, n)}
                known = {k for k in near if "|" not in k}
                keys = known or near or {e.id for e in surname_index(kb).variants(lk.name)}
                found[(lk.key, lk.name)] = keys
            if len(keys) == 1:
                key = next(iter(keys))
                e = kb.get(key)
                lk = Link(lk.start, lk.end, key, "person", e.name if e else lk.name, lk.source)
        out.append(lk)
    return out


# "Michael D. Smith" where the KB or the document knows "Michael Smith": a first name and middle
# initials right before a person's surname; "Jr.", "Sr.", "II" right after it.
_FIRST_INITIALS = re.compile(
    r"(?<![\w’'.-])(?P<first>[A-Z][a-z][\w’'-]*)(?:[ \t\xa0]+[A-Z]\.)+[ \t\xa0]+\Z"
)
_SUFFIX_WORDS = frozenset("jr sr ii iii iv".split())
_SUFFIX = re.compile(r",?[ \t\xa0]+(?:Jr\.|Sr\.|Jr\b|Sr\b|II|III|IV)(?![\w’'-])")


def whole_names(links: list[Link], text: str) -> list[Link]:
    """A person's mention spans the whole name the text writes: the first name and middle
    initials before the surname where the first name is the person's ("Michael D. Smith" of
    Michael Smith), and a generational suffix after it ("Leoncio Evasco Jr."), so that the
    mention's words are the fullest form of the name the document gives."""
    taken = Taken(links)
    out = []
    for lk in links:
        start, end = lk.start, lk.end
        if lk.type == "person":
            firsts = {normalize_name(w) for w in lk.name.split()[:1]}
            m = _FIRST_INITIALS.search(text, max(0, start - 40), start)
            if m is not None and normalize_name(m.group("first")) in firsts:
                start = m.start()
            m = _SUFFIX.match(text, end)
            if m is not None:
                end = m.end()
            elif text.endswith(("Jr", "Sr"), start, end) and text.startswith(".", end):
                end += 1  # the model leaves the suffix's full stop out
        if (start, end) != (lk.start, lk.end) and all(
            (o.start, o.end) == (lk.start, lk.end) for o in taken.overlapping(start, end)
        ):
            lk = Link(start, end, lk.key, lk.type, lk.name, lk.source, lk.partial)
        out.append(lk)
    return out


def cluster_persons(links: list[Link], text: str) -> list[Link]:
    """A one-word person joins the full name that ends with it ("Lukashevich"), else the one
    that starts with it ("Zaira" -> "Zaira Sadvokasova"). A surname the KB step gave to its
    bearer in office ("President Herzog") joins a full name of this document instead
    ("Isaac Herzog"): the document names whom it means. Of several such full names, the
    nearest before the surname wins (a father and a son)."""
    links = _join_compound_surnames(_join_initials(links))
    last: dict[str, list[Link]] = defaultdict(list)
    first: dict[str, set[str]] = defaultdict(set)
    for lk in links:
        if lk.type == "person" and len(text[lk.start : lk.end].split()) > 1:
            last[normalize_name(surname(lk.name))].append(lk)
            first[normalize_name(lk.name.split()[0])].add(lk.key)
    # Surnames the KB step gave to their bearer in office ("President Duterte"): where the
    # document gives no full name, "Mr. Duterte" and "Duterte" are that person too.
    held: dict[str, set[str]] = defaultdict(set)
    for lk in links:
        if lk.type == "person" and lk.partial and "|" not in lk.key:
            held[normalize_name(text[lk.start : lk.end].split()[-1])].add(lk.key)
    bearers: dict[str, _Bearers] = {}  # per word, the full names it may stand for
    out = []
    for lk in links:
        bare = len(text[lk.start : lk.end].split()) == 1
        if lk.type == "person" and bare and ("|" in lk.key or lk.partial):
            word = normalize_name(surname(lk.name) if lk.partial else lk.name)
            if word not in bearers:
                bearers[word] = _Bearers(
                    last.get(word)
                    or [f for w, fs in last.items() if same_word(word, w) for f in fs]
                )
            full = bearers[word]
            # A first name alone joins only names outside the KB: "Vladimir" is not Putin.
            firsts = {k for k in first.get(word, set()) if "|" in k} if not lk.partial else set()
            if not full and not firsts and len(held.get(word, ())) == 1:
                firsts = held[word]
            key = _nearest(lk, full) if full else (next(iter(firsts)) if len(firsts) == 1 else None)
            if key is not None and key != lk.key:
                lk = Link(lk.start, lk.end, key, "person", lk.name, lk.source)
        out.append(lk)
    return out


def _join_compound_surnames(links: list[Link]) -> list[Link]:
    """A name of several words outside the KB that ends a longer name of this document, and
    ends no other, is that person: "Dela Rosa" after "Jose Dela Rosa", "Al Hussein" after "Zeid
    Ra'ad Al Hussein" (a compound surname the one-word rule below cannot see)."""
    names = {(lk.key, normalize_name(lk.name)) for lk in links if lk.type == "person" and lk.name}
    out = []
    for lk in links:
        words = normalize_name(lk.name).split() if lk.type == "person" else []
        if len(words) > 1 and "|" in lk.key:
            tail = " " + " ".join(words)
            keys = {k for k, n in names if k != lk.key and n.endswith(tail)}
            if len(keys) == 1:
                key = next(iter(keys))
                lk = Link(lk.start, lk.end, key, "person", lk.name, lk.source)
        out.append(lk)
    return out


class _Bearers:
    """The full names a one-word name may stand for, by where they end: a surname repeated
    through a long document finds the nearest full name before it by a binary search."""

    def __init__(self, full: list[Link]) -> None:
        self.full = full
        # By end, and of equal ends the first listed last: it is the one `max` would pick.
        order = sorted(range(len(full)), key=lambda i: (full[i].end, -i))
        self._ends = [full[i].end for i in order]
        self._by_end = [full[i] for i in order]
        self.keys = {f.key for f in full}
        self.first = min(full, key=lambda f: f.start).key if full else None

    def __bool__(self) -> bool:
        return bool(self.full)

    def last_before(self, at: int) -> Link | None:
        i = bisect.bisect_right(self._ends, at)
        return self._by_end[i - 1] if i else None


def _nearest(lk: Link, full: _Bearers) -> str | None:
    """The key of the full name nearest before `lk` (else the first after it); None when the
    full names before it disagree and none is the nearest."""
    before = full.last_before(lk.start)
    if before is not None:
        return before.key
    if lk.key in full.keys:
        return lk.key
    return full.first


_INITIAL_WORD = re.compile(r"[^\W\d_]\.?\Z")


def _fits_middle(short: list[str], long: list[str]) -> bool:
    """Whether the middle words `short` leave out or abbreviate some of `long`, in order
    ("D." of "David"; nothing of "Roa")."""
    i = 0
    for w in long:
        if i < len(short) and (short[i] == w or (len(short[i]) == 1 and w.startswith(short[i]))):
            i += 1
    return i == len(short)


def _join_initials(links: list[Link]) -> list[Link]:
    """ "William H. Moser" and "William Moser", "Rodrigo Roa Duterte" and "Rodrigo Duterte" are
    one person: names of this document with the same first and last words whose middle names
    or initials differ only by leaving some out are one person, the KB's where the KB knows one
    of them, else the fullest name's. Two middles that disagree ("John A. Smith", "John B.
    Smith") keep their persons apart."""
    groups: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(dict)
    names: list[tuple[Link, list[str]]] = []
    firsts: dict[str, set[str]] = defaultdict(set)  # a surname -> the first names it comes with
    as_written: dict[str, bool] = {}  # a person -> whether his first name is the longest variant
    for lk in links:
        ws = normalize_name(lk.name).split()
        while len(ws) > 2 and ws[-1] in _SUFFIX_WORDS:
            ws.pop()  # "Leoncio Evasco Jr." and "Leoncio Evasco"
        if lk.type == "person" and len(ws) >= 2:
            names.append((lk, ws))
            firsts[ws[-1]].add(ws[0])
    for lk, ws in names:
        # A first name misspelt by one letter ("Perfect R. Yasay", "Perfecto R. Yasay") is the
        # same first name: the longest of its variants stands for them all.
        first = max((f for f in firsts[ws[-1]] if same_word(f, ws[0])), key=lambda f: (len(f), f))
        groups[(first, ws[-1])].setdefault(lk.key, ws[1:-1])
        as_written.setdefault(lk.key, ws[0] == first)
    target: dict[str, str] = {}
    for forms in groups.values():
        if len(forms) < 2:
            continue
        fullest = max(forms.values(), key=lambda m: (len(m), sum(len(w) for w in m)))
        if not all(_fits_middle(m, fullest) for m in forms.values()):
            continue
        known = [k for k in forms if "|" not in k]
        if len(known) > 1:
            continue
        key = (
            known[0]
            if known
            else max((k for k, m in forms.items() if m == fullest), key=lambda k: as_written[k])
        )
        target.update((k, key) for k in forms if k != key)
    return [
        Link(lk.start, lk.end, target[lk.key], lk.type, lk.name, lk.source, lk.partial)
        if lk.key in target
        else lk
        for lk in links
    ]
