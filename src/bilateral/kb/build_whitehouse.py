"""Officials of the United States from the titles of the White House archive (for kb/build.py).

A White House title names the official who speaks or acts with his post before his name:
"Statement by NSC Spokesperson Emily Horne on National Security Advisor Jake Sullivan’s Meeting
with Foreign Minister Retno Marsudi of Indonesia", "Press Briefing by Press Secretary Jen Psaki".
The archive names another state's officials with their state after the name ("... of
Indonesia"), so a post and full name that no "of" follows, written where the title says who
speaks ("by", "from") or whose meeting or call it reports ("X’s Meeting"), is a post of the
United States, attested for the item's year. Heads of state and government and ministers are
left out: the archive gives them to foreign leaders without a state often enough ("Prime
Minister Modi's visit"), and the UN titles know the President's. The held-out evaluation items
(``ho*`` sets of the manifest) are left out.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from bilateral.kb.sources import Holder, Post
from bilateral.kb.vocabulary import posts

# Titles a state confers on its officials that the archive also gives foreign leaders.
_LEADERS = re.compile(
    r"\b(?:president|prime|minister|premier|king|queen|chancellor|emir|sultan|taoiseach)\b",
    re.IGNORECASE,
)
_MOURNING = re.compile(r"\b(?:Passing|Death|Life and Legacy|Memory|Funeral)\b")
_WORD = r"[A-Z][a-z][\w-]*(?:[’'][A-Z][\w-]*)?"  # "O’Brien", not "Sullivan’s"
_NAME = rf"{_WORD}(?:[ \t\xa0]+[A-Z]\.)?(?:[ \t\xa0]+{_WORD}){{1,2}}"


@functools.lru_cache(maxsize=1)
def _heads() -> tuple[str, ...]:
    """The last words of the titles of ``posts.yaml`` that are no leader's and no rank's (a rank
    word ends names of other things: "Major Economies Forum"), longest first."""
    heads = {
        t.name.split()[-1]
        for t in posts().titles
        if not _LEADERS.search(t.name) and not t.needs_name
    }
    return tuple(sorted((h for h in heads if h[:1].isupper()), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _official() -> re.Pattern[str]:
    """Where the title says who speaks ("by", "from") or acts: a post of capitalised words ending
    in a title of ``posts.yaml``, a full name, then a possessive, a clause's word or the end."""
    head = "|".join(re.escape(h) for h in _heads())
    return re.compile(
        rf"(?:^|\b(?:by|from|of|on|and)[ \t\xa0]+)(?:the[ \t\xa0]+)?"
        rf"(?P<post>(?:[A-Z][\w.&-]*[ \t\xa0]+(?:(?:for|to|the)[ \t\xa0]+)*){{0,5}}(?:{head}))"
        rf"[ \t\xa0]+(?P<name>{_NAME})(?=[’']s\b|[ \t\xa0]+(?:on|and|at|to|in)\b|,|[ \t\xa0]*\Z)"
    )


def officials(title: str, foreign: frozenset[str] = frozenset()) -> Iterator[tuple[str, str]]:
    """(post, name) of the United States' officials a White House title names; ``foreign``: the
    words that name another state or body before a post ("Korea National Security Advisor",
    "NATO Secretary General"), folded."""
    title = " ".join(title.split())
    if _MOURNING.search(title):
        return  # "on the Passing of Senator X": no post held that year
    heads = {h.casefold() for h in _heads()}
    for m in _official().finditer(title):
        post, name = m.group("post"), m.group("name")
        words = post.split()
        if (
            _LEADERS.search(post)
            or re.match(r"[ \t\xa0]+of\b", title[m.end("name") :])
            or words[0].casefold() in ("former", "late", "passing", "readout", "retirement")
            or any(w.casefold() in foreign for w in words)
            or any(w.casefold() in heads for w in name.split())  # "Chief Medical Advisor"
        ):
            continue
        yield post, name


def _front_matter(path: Path) -> dict[str, object]:
    text = path.read_text(encoding="utf-8", errors="replace")
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    try:
        meta = yaml.safe_load(text[3:end]) if end > 0 else None
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def whitehouse_holders(
    root: Path, foreign: frozenset[str] = frozenset(), skip: frozenset[str] = frozenset()
) -> Iterator[Holder]:
    """The officials of every item under ``root`` (the corpus's ``whitehouse`` folder) whose path
    from the corpus (``whitehouse/...``) is not in ``skip``. One person's post written with and
    without its seat ("White House Press Secretary", "Press Secretary") is one post, the form
    the archive uses most."""
    found: list[tuple[str, str, str]] = []
    for path in sorted(root.rglob("*.md")):
        if f"{root.name}/{path.relative_to(root).as_posix()}" in skip:
            continue
        meta = _front_matter(path)
        year = str(meta.get("date") or "")[:4]
        if year.isdigit():
            found += [
                (name, post, year) for post, name in officials(str(meta.get("title")), foreign)
            ]
    titles: dict[str, Counter[str]] = {}
    for name, post, _ in found:
        titles.setdefault(name, Counter())[post] += 1
    for name, post, year in found:
        forms = titles[name]
        same = [t for t in forms if t == post or _seated(t, post) or _seated(post, t)]
        usual = max(same, key=lambda t: (forms[t], -len(t)))
        yield Holder(name, {"USA"}, posts=[Post(usual, "USA", attested=(year,))], source="wh")


def _seated(longer: str, shorter: str) -> bool:
    """Whether ``longer`` is ``shorter`` with words before it ("White House Press Secretary")."""
    return longer.endswith(" " + shorter)


def foreign_words(hand: Mapping[str, Any]) -> frozenset[str]:
    """Words that name another state or an international body before a post, from the
    hand-written files: the one-word names, aliases and adjectives of the states other than the
    United States (and the last word of longer names: "Korea"), the acronyms of bodies of no
    state ("NATO")."""
    out: set[str] = set()
    for e in hand["countries.yaml"]["entities"]:
        if e["id"] == "country:USA":
            continue
        for form in [e["name"], *(e.get("aliases") or ()), *(e.get("adjectives") or ())]:
            out.add(str(form).split()[-1].casefold())
    for e in hand["organizations.yaml"]["entities"]:
        if e.get("country") is None:
            out.update(a.casefold() for a in e.get("aliases") or () if a.isupper())
    return frozenset(out)
