"""Instruments' full names grown from the corpus: ``python -m bilateral.kb.build_agreements``.

    python -m bilateral.kb.build_agreements [--shared ../shared] [--out src/bilateral/kb/data]

Reads the texts of ``corpus/diplomatic-11k.jsonl.gz`` and the Markdown files under
``corpus/whitehouse/`` and ``corpus/philippines/`` (the held-out evaluation documents left out, as
``kb/build.py`` leaves them out) and writes ``agreements.generated.json``:

- ``names``: capitalised names with an instrument's head word ("United Nations Millennium
  Declaration", "Rome Statute of the International Criminal Court") and in how many documents
  each is written so, kept where at least ``MIN_DOCS`` documents write it;
- ``acronyms``: a short form defined beside such a name, "Full Name (ACRONYM)", kept where the
  documents that define it agree on one name.

The agreements stage renames a short mention to the full name the corpus writes most, and
finds the full names and acronyms where its head-word rules do not (extract/agreements/
full_names.py). Nothing of the texts is copied but the names.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from bilateral.kb import KnowledgeBase, load_kb
from bilateral.kb.held_out import build_arguments, held_out_ids
from bilateral.kb.vocabulary import agreement_types

OUT = "agreements.generated.json"
MIN_DOCS = 3  # a name written so in fewer documents is not kept
MIN_ACRONYM_DOCS = 2

# Words that link a name's capitalised words: "Treaty on the Non-Proliferation of Nuclear
# Weapons", "Biological and Toxin Weapons Convention".
_LINK = r"(?:of|on|for|the|and|to|in|against|between|concerning|relating|regarding|at)"
_CAP = r"(?:[A-Z][\w’'.&/-]*[\w]|[A-Z]|\d{4}|\d+(?:/\d+)+)"
_RUN = re.compile(rf"{_CAP}(?:(?:\s+{_LINK})*\s+{_CAP}|-{_CAP})*")
_ACRONYM = re.compile(r"\s*\((?:the\s+)?([A-Z][A-Za-z0-9&+-]{0,10}[A-Z][a-z]?)\)")
# After a name with a complement, words that say the complement went on in lower case: the name
# as cut ("Convention on the Rights of Persons" with Disabilities) is not kept.
_CUT = re.compile(r"\s+(?:with|of|on|for|against|from|to)\s")
# Words that open a sentence or a run without being a name's: "In", "Our", "This".
_OPENERS = frozenset(
    "a an the in on at by for from to with of and or as our their its his her this that these "
    "those we they it i he she you under since during after before while when where today "
    "now also but so if mr ms mrs dr president minister secretary".split()
)


def _heads() -> frozenset[str]:
    at = agreement_types()
    return frozenset([*at.head_type, *at.named_type])


def _texts(shared: Path, skip: frozenset[str]) -> Iterator[str]:
    """Every document's text (the title too), the held-out ones left out."""
    corpus = shared / "corpus"
    jsonl = corpus / "diplomatic-11k.jsonl.gz"
    if jsonl.is_file():
        with gzip.open(jsonl, "rt", encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                if doc.get("id") not in skip:
                    yield f"{doc.get('title') or ''}\n\n{doc.get('text') or ''}"
    for folder in ("whitehouse", "philippines"):
        for path in sorted((corpus / folder).rglob("*.md")):
            if str(path.relative_to(corpus)) not in skip:
                yield path.read_text(encoding="utf-8", errors="replace")


# Links that open a name's complement: the word before the first is the name's head noun
# ("Treaty" in "Treaty on the Non-Proliferation of ...").
_COMPLEMENT = frozenset("of on for to in against between concerning relating regarding at".split())
# Capitalised words that do not tell one instrument from another of its kind.
_GENERIC = frozenset(
    "united nations international general joint comprehensive strategic final additional "
    "national global regional new bilateral multilateral framework action understanding "
    "cooperation republic continuing economic development security peace trade".split()
)


def head_of(words: list[str]) -> str:
    """The name's head noun: the word before its complement, else its last word."""
    for i, w in enumerate(words):
        if w in _COMPLEMENT and i > 0:
            return words[i - 1]
    return words[-1]


def distinctive(name: str, heads: frozenset[str]) -> bool:
    """Whether a capitalised word of the name tells which instrument it is: "Rome", "Paris",
    "Millennium"; not "Memorandum of Understanding", "Final Act", "Programme of Action"."""
    return any(
        w[:1].isupper() and w.lower() not in heads and w.lower() not in _GENERIC
        for w in name.split()
    )


def names_in(text: str, heads: frozenset[str], bodies: frozenset[str]) -> Iterator[tuple[str, int]]:
    """Each capitalised name whose head noun is an instrument's (no opener before it, no body
    word after the head: "North Atlantic Treaty Organization"; no two names joined: "... and
    the Charter") and where it ends."""
    for m in _RUN.finditer(text):
        words = m[0].split()
        while words and words[0].lower() in _OPENERS:
            words = words[1:]
        lows = [w.lower().strip(".,") for w in words]
        if len(words) > 2 and head_of(lows) not in heads:
            # "Chapter IV of the Lisbon Treaty": the name after the other noun's complement
            cut = next((i for i, w in enumerate(lows) if w in _COMPLEMENT), len(lows))
            while cut < len(lows) and (lows[cut] in _COMPLEMENT or lows[cut] == "the"):
                cut += 1
            words, lows = words[cut:], lows[cut:]
        if len(words) < 2 or head_of(lows) not in heads or any(w in bodies for w in lows):
            continue
        if " and the " in " ".join(lows) or not distinctive(" ".join(words), heads):
            continue
        yield " ".join(words), m.end()


def _abbreviates(short: str, name: str) -> bool:
    """Whether the letters of ``short`` are the initials of ``name``'s words in order, the first
    word's first: "TAC" for "Treaty of Amity and Cooperation"; not "ICC" for "Rome Statute"."""
    initials = [w[0].upper() for w in re.findall(r"[A-Za-z]+", name)]
    letters = [c for c in short if c.isupper()]
    if not letters or not initials or letters[0] != initials[0]:
        return False
    i = 0
    for c in letters:
        while i < len(initials) and initials[i] != c:
            i += 1
        if i == len(initials):
            return False
        i += 1
    return True


def collect(texts: Iterator[str], kb: KnowledgeBase) -> tuple[dict[str, int], dict[str, str]]:
    heads = _heads()
    bodies = agreement_types().body_words
    docs: Counter[str] = Counter()
    cut: Counter[str] = Counter()
    defined: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        seen: set[str] = set()
        for name, end in names_in(text, heads, bodies):
            seen.add(name)
            if _CUT.match(text, end) and head_of(name.lower().split()) != name.split()[-1].lower():
                cut[name] += 1
            given = _ACRONYM.match(text, end)
            if given is not None and _abbreviates(given[1], name):
                defined[given[1]][name] += 1
        docs.update(seen)

    def a_body(name: str) -> bool:  # "United Nations Development Programme" is an agency
        return any(e.type != "country" for e in kb.lookup(name))

    names = {
        n: c for n, c in sorted(docs.items()) if c >= MIN_DOCS and cut[n] * 2 < c and not a_body(n)
    }
    acronyms = {}
    for short, full in sorted(defined.items()):
        (name, count), *rest = full.most_common()
        if a_body(short) or a_body(name) or count < MIN_ACRONYM_DOCS or name not in names:
            continue
        # Another name the short form is defined beside, unless one of the two holds the other
        # ("Indo-Pacific Economic Framework [for Prosperity]"), is another instrument.
        rivals = [c for n, c in rest if n not in name and name not in n]
        if not rivals or rivals[0] * 3 <= count:
            acronyms[short] = name
    return names, acronyms


def build(shared: Path, out: Path, skip: frozenset[str]) -> tuple[int, int]:
    names, acronyms = collect(_texts(shared, skip), load_kb())
    lines = ['{"version": 1,', ' "names": {']
    lines += [f"  {json.dumps(n, ensure_ascii=False)}: {c}," for n, c in names.items()]
    lines[-1] = lines[-1].rstrip(",")
    lines += [" },", ' "acronyms": {']
    lines += [
        f"  {json.dumps(a, ensure_ascii=False)}: {json.dumps(n, ensure_ascii=False)},"
        for a, n in acronyms.items()
    ]
    lines[-1] = lines[-1].rstrip(",")
    lines.append(" }}")
    (out / OUT).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(names), len(acronyms)


def main(argv: list[str] | None = None) -> int:
    args = build_arguments(__doc__.splitlines()[0], argv)
    if args is None:
        return 2
    n, a = build(args.shared, args.out, held_out_ids(args.hold_out))
    print(f"{n} instrument names, {a} acronyms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
