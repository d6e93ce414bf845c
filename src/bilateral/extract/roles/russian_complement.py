"""What a Russian title is of when the vocabulary does not know those words: "Министром природных
ресурсов и экологии Козловым", "ректором университета Юрием Боровиковым", "генеральному
директору группы компаний «Геоскан» Павлу Степанову".

A title's complement is a run of words in the genitive (with "и" between two of them and quoted
names), the way Russian says what a post is of. The run belongs to the title only where a
person's name follows it in the title's own case: a name in apposition agrees with its title in
case ("Министром ... Козловым", both instrumental), which a name that starts a new clause or
stands in another role does not ("доклад министра экономики Иван Петров сделал" has none).

The English words of the run come from the ``bodies`` section of ``kb/data/ru_glossary.yaml``
(``russian_bodies.english_body``); a run with a word the glossary lacks adds nothing to the
English title, which keeps its head ("Rector"), as the gold's matching by head noun allows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from bilateral.extract.roles.russian_bodies import english_body
from bilateral.lang.ru import RussianLayer, RuToken
from bilateral.model import Mention

RUN_MAX = 8  # tokens: a title's complement is short; a longer run is a clause
_QUOTES = {"«": "»", "“": "”", '"': '"', "„": "“"}
_DECLINED = frozenset(("NOUN", "ADJF", "PRTF", "NUMR"))


def _genitive(t: RuToken, ru: RussianLayer) -> bool:
    if str(t.pos) not in _DECLINED and str(t.pos) != "UNKN":
        return False
    if "gent" in t.tag:
        return True
    return any(
        p.tag.case in ("gent", "gen2") for p in ru.readings(t.text) if str(p.tag.POS) in _DECLINED
    )


def complement_run(
    toks: Sequence[RuToken],
    k: int,
    ru: RussianLayer,
    at: Mapping[int, Mention],
    titled: Callable[[int], bool] = lambda j: False,
) -> int | None:
    """The index of the first mention after a run of genitive words starting at token ``k``
    (quoted names and "и" between two such words included); None where the run holds another
    word or a title (``titled``: "командира батальона Героя России": a second post, not what
    the first is of), is empty, is too long, or no mention ends it."""
    j = k
    while j < len(toks) and j - k <= RUN_MAX:
        if toks[j].start in at:
            return j if j > k else None
        if titled(j):
            return None
        t = toks[j]
        close = _QUOTES.get(t.text)
        if close is not None:
            end = next(
                (n for n in range(j + 1, min(len(toks), j + RUN_MAX)) if toks[n].text == close),
                None,
            )
            if end is None:
                return None
            j = end + 1
            continue
        if t.text.lower() == "и" and j > k and j + 1 < len(toks) and _genitive(toks[j + 1], ru):
            j += 1
            continue
        if not _genitive(t, ru):
            return None
        j += 1
    return None


def word_forms(
    ru: RussianLayer, word: str, pos: frozenset[str] | None = None
) -> set[tuple[str, str]]:
    """(case, number) of each reading of a word."""
    return {
        (str(p.tag.case), str(p.tag.number))
        for p in ru.readings(word)
        if p.tag.case is not None and (pos is None or str(p.tag.POS) in pos)
    }


_TITLE_POS = frozenset(("NOUN", "PRTF"))


def agrees(title: RuToken, person: Mention, ru: RussianLayer, number: bool = True) -> bool:
    """A name in apposition to a title: its first word can be in a case (and, for a title in
    the singular, a number) the title's noun is in; "ректора" is no plural nominative before
    "Юрий"."""
    words = person.text.split()
    if not words:
        return False
    own = word_forms(ru, title.text, _TITLE_POS)
    theirs = word_forms(ru, words[0])
    if not number:
        return bool({c for c, _ in own} & {c for c, _ in theirs})
    return bool(own & theirs)


def complement_english(toks: Sequence[RuToken]) -> str | None:
    """The English of a complement's words ("природных ресурсов и экологии" -> "Natural
    Resources and Ecology"), a quoted name left out; None where a word is not in the
    glossary."""
    words: list[RuToken] = []
    close: str | None = None  # the mark that ends the quoted name being read
    for t in toks:
        if close is None and t.text in _QUOTES:
            close = _QUOTES[t.text]
        elif close is not None:
            close = None if t.text == close else close
        else:
            words.append(t)
    return english_body(words, {}) if words else None
