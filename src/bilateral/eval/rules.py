"""The matching rules of the gold README: name normalisation, one-to-one pairing, and when a
system item answers a gold one (dates, periods, values, titles, agreement names)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from bilateral.kb.vocabulary import event_types, stances
from bilateral.lang.stem import has_cyrillic, stem_word

KINDS = ("published", "doc_type", "entities", "roles", "events", "agreements", "claims")
# Scored only where a gold line carries them (the positions files of the gold README), with the
# two diagnostics on matched pairs: target accuracy of positions, status accuracy of plans.
STATEMENT_KINDS = ("positions", "plans", "position_targets", "plan_status")
# Scored where a gold file has link lines (``{"from", "to", "relation"}``), with relation accuracy
# on matched pairs.
LINK_KINDS = ("links", "link_relations")
ACCURACY, RECALL, PRF = "accuracy", "recall", "prf"
METRIC = {
    "published": ACCURACY,
    "doc_type": ACCURACY,
    "entities": PRF,
    "roles": RECALL,
    "events": PRF,
    "agreements": RECALL,
    "claims": PRF,
    "positions": PRF,
    "plans": PRF,
    "position_targets": ACCURACY,
    "plan_status": ACCURACY,
    "links": PRF,
    "link_relations": ACCURACY,
}
ENTITY_TYPES = frozenset(("person", "country", "organization", "place"))
STOPWORDS = frozenset(
    "a an and as at by for from in into of on the to with "
    # Russian prepositions and conjunctions, as `normalize` spells them ("й" folds to "и").
    "и в во на о об обо по с со к ко от для между из при у".split()
)
# Words that follow the head noun of a title ("Ambassador Extraordinary and Plenipotentiary",
# "Secretary General"): the head is the word before them.
_POSTPOSITIVE = frozenset("extraordinary plenipotentiary general designate elect emeritus".split())
# A title's head noun is the last content word before its first preposition ("Minister of
# Foreign Affairs" -> minister, "Permanent Representative ... to the OSCE" -> representative).
_PREPOSITIONS = frozenset("of for to at in on with".split())
AGREEMENT_SHARE = 0.6
CLAIM_TOLERANCE = 0.01
_SPACES = re.compile(r"\s+")
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
QUOTE_CHARS = 160
SHARED_RUN = 25  # characters two spans must share, after folding, to overlap
# Quote marks fold to one: gold quotes come from the files as written, system quotes from the
# clean text, which may differ in typography.
_QUOTE_MARKS = str.maketrans({c: "'" for c in "\"'`´‘’‚‛“”„‟«»‹›"})


class EvalError(ValueError):
    """The gold file cannot be read; the message names the line and what is wrong."""


# -- names ----------------------------------------------------------------------------------------
def normalize(text: str) -> str:
    """The README's name key: lower-case, no diacritics or punctuation, no leading "the".

    >>> normalize("The  Co-operation of Côte d’Ivoire, U.S.")
    'cooperation of cote divoire us'
    """
    out = []
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch) or unicodedata.category(ch).startswith("P"):
            continue
        out.append(ch.lower())
    folded = _SPACES.sub(" ", "".join(out)).strip()
    if folded.startswith("the "):
        folded = folded[4:]
    return folded


def content_words(text: str) -> list[str]:
    """The name's words without stop words; Russian words as their stems, so that the forms of
    one name match ("соглашения о сотрудничестве" and "соглашение о сотрудничестве")."""
    return [_stem(w) for w in normalize(text).split() if w not in STOPWORDS]


def _stem(word: str) -> str:
    return stem_word(word) if has_cyrillic(word) else word


def head_noun(title: str) -> str | None:
    """The title's head: "Deputy Prime Minister" -> minister, "Minister of Foreign Affairs" ->
    minister, "Ambassador Extraordinary and Plenipotentiary" -> ambassador."""
    words: list[str] = []
    for w in normalize(title).split():
        if w in _PREPOSITIONS and words:
            break
        if w not in STOPWORDS:
            words.append(w)
    while len(words) > 1 and words[-1] in _POSTPOSITIVE:
        words.pop()
    return words[-1] if words else None


def name_keys(names: Iterable[object]) -> frozenset[str]:
    return frozenset(k for k in (normalize(n) for n in names if isinstance(n, str)) if k)


# -- matching -------------------------------------------------------------------------------------
def max_matching(n_system: int, n_gold: int, fits: Callable[[int, int], bool]) -> dict[int, int]:
    """The largest one-to-one pairing system -> gold among the pairs that ``fits`` allows
    (augmenting paths, Kuhn's algorithm; iterative so long documents cannot hit the recursion
    limit). Ties go to the earlier items, so the result is deterministic."""
    edges = [[g for g in range(n_gold) if fits(s, g)] for s in range(n_system)]
    gold_of: dict[int, int] = {}  # system -> gold
    system_of: dict[int, int] = {}  # gold -> system
    for root in range(n_system):
        if not edges[root]:
            continue
        seen: set[int] = set()
        reached_from: dict[int, int] = {}  # gold -> the system item that reached it
        stack = [(root, iter(edges[root]))]
        free = -1
        while stack and free < 0:
            s, options = stack[-1]
            for g in options:
                if g in seen:
                    continue
                seen.add(g)
                reached_from[g] = s
                if g not in system_of:
                    free = g
                else:
                    nxt = system_of[g]
                    stack.append((nxt, iter(edges[nxt])))
                break
            else:
                stack.pop()
        g = free
        while g >= 0:
            s = reached_from[g]
            previous = gold_of.get(s, -1)
            gold_of[s] = g
            system_of[g] = s
            g = previous if s != root else -1
    return gold_of


# -- the rules ------------------------------------------------------------------------------------
def type_group(event_type: str) -> str:
    """Event types that score as one (the README's "meeting group") are the consult group of
    event_types.yaml."""
    return "meeting" if event_type in event_types().in_group("consult") else event_type


def date_matches(gold: str | None, system: str | None) -> bool:
    """Same date at the gold's precision; an interval compares by its start."""
    if gold is None:
        return True
    if not system:
        return False
    g = gold.split("/", 1)[0].strip()
    s = system.split("/", 1)[0].strip()
    return len(s) >= len(g) and s[: len(g)] == g


def _iso_span(value: str) -> tuple[str, str] | None:
    """An ISO date or interval as (first day, last day) at day precision, else None."""
    parts = value.split("/")
    if len(parts) > 2:
        return None
    bounds = []
    for i, part in enumerate(parts):
        m = _ISO.match(part.strip())
        if m is None:
            return None
        y, mo, d = m.groups()
        if mo is None:
            bounds.append((f"{y}-01-01", f"{y}-12-31"))
        elif d is None:
            bounds.append((f"{y}-{mo}-01", f"{y}-{mo}-31"))
        else:
            bounds.append((f"{y}-{mo}-{d}",) * 2)
        if i == 0 and len(parts) == 1:
            bounds.append(bounds[0])
    return bounds[0][0], bounds[1][1]


def period_matches(gold: object, system: str | None) -> bool:
    """No gold period accepts any; else the system's must equal one spelling, or the same ISO
    interval ("2024" and "2024-01/2024-12")."""
    if gold is None or gold == []:
        return True
    if not system:
        return False
    spellings = [g for g in (gold if isinstance(gold, list) else [gold]) if isinstance(g, str)]
    s = system.strip()
    if any(s == g.strip() for g in spellings):
        return True
    span = _iso_span(s)
    return span is not None and any(_iso_span(g) == span for g in spellings)


def value_matches(gold: object, system: float) -> bool:
    if not isinstance(gold, int | float) or isinstance(gold, bool):
        return False
    return abs(system - gold) <= CLAIM_TOLERANCE * abs(gold)


def title_matches(gold: str, system: str) -> bool:
    head = head_noun(gold)
    if head is None or head != head_noun(system):
        return False
    gold_words = content_words(gold)
    have = set(content_words(system))
    return 2 * sum(w in have for w in gold_words) >= len(gold_words)


def agreement_matches(gold: str, system: str) -> bool:
    g, s = normalize(gold), normalize(system)
    if g and g == s:
        return True
    words = content_words(gold)
    if not words:
        return False
    have = set(content_words(system))
    return sum(w in have for w in words) >= AGREEMENT_SHARE * len(words)


def agreement_fits(gold: Mapping[str, Any], name: str, original: str | None) -> bool:
    """A gold agreement against a system one: the gold's English ``name`` against the system's
    (English) name, the gold's ``name_ru`` against the name as the Russian text words it
    (``original``; a record extracted before migration 0012 held it in ``name``), each by
    ``agreement_matches``."""
    if agreement_matches(str(gold.get("name") or ""), name):
        return True
    ru = gold.get("name_ru")
    return bool(ru) and agreement_matches(str(ru), original or name)


# -- positions and plans --------------------------------------------------------------------------
def fold_span(text: str) -> str:
    """A quote for comparison: quote marks folded to one, white space to single spaces."""
    return _SPACES.sub(" ", text.translate(_QUOTE_MARKS)).strip()


def spans_overlap(a: str, b: str, run: int = SHARED_RUN) -> bool:
    """Two quotes overlap when one contains the other or both share a run of at least ``run``
    characters, after folding quote marks and white space (the gold README's span rule).

    >>> spans_overlap("We support the “plan”.", 'support the "plan"')
    True
    """
    x, y = fold_span(a), fold_span(b)
    if not x or not y:
        return False
    if x in y or y in x:
        return True
    if len(x) < run or len(y) < run:
        return False
    short, long_ = (x, y) if len(x) <= len(y) else (y, x)
    return any(short[i : i + run] in long_ for i in range(len(short) - run + 1))


def stance_group(stance: str) -> str:
    """The README's stance groups (A support, B opposition, C concern, D call), from
    ``kb/data/stances.yaml``."""
    return stances().group(stance)


def due_matches(gold: object, system: str | None) -> bool:
    """No gold due accepts any; else the system's must be given and start with it."""
    if not isinstance(gold, str) or not gold:
        return True
    return bool(system) and str(system).startswith(gold)
