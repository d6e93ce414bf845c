"""The learned half of step 2: does a sentence report or announce an interaction, and of which
type? A bag of words and word pairs (spaCy TextCatBOW, ``train/events/train.py``) trained on the
sentences of the team's development documents that state a gold event, the other sentences of
those documents being negatives; shipped in ``extract/models/events``.

The rules of ``triggers`` decide which word names an occurrence; this model judges the sentence
as a whole. The stage can read its scores as a veto (a trigger in a sentence the model finds no
event in is dropped): the setting ``events_recogniser``, off by default. Measured with the
publisher left out (a model trained without it, ``train/events/README.md``), the veto dropped
more right events than wrong ones in every publisher group (events F1 0.733 without it, 0.722
with it; the held-out mix4 0.574 without, 0.560 with a model trained before it was read), and a
second source (a trigger for a sentence the model is sure of) gained nothing there either.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bilateral.settings import setting

if TYPE_CHECKING:
    from spacy.language import Language

    from bilateral.extract.events.reading import Reading
    from bilateral.extract.events.triggers import Trigger

NAME = "events"
EVENT = "EVENT"  # any interaction, whatever its type
_DIGITS = re.compile(r"\d")

Scores = dict[str, float]


def features(sentence: str) -> str:
    """The text the model reads: lower case, digits as 0 ("met on 12 May" and "met on 3 June"
    are one pattern), whitespace collapsed."""
    return _DIGITS.sub("0", " ".join(sentence.lower().split()))


def scorer(
    models: Callable[[str], Language | None] | None,
) -> Callable[[Sequence[str]], list[Scores]] | None:
    """A function from sentences to their label scores, or None when the model is not there
    (the stage then runs on its rules alone)."""
    nlp = models(NAME) if models is not None else None
    if nlp is None:
        return None

    def score(sentences: Sequence[str]) -> list[Scores]:
        return [dict(d.cats) for d in nlp.pipe(features(s) for s in sentences)]

    return score


# Below this score the recogniser is sure the sentence reports no interaction: a trigger there
# is a word used otherwise ("congratulating you on your election", "deliver your speech").
VETO = 0.03


def vetoing() -> bool:
    """Whether the stage asks the recogniser at all (the setting ``events_recogniser``)."""
    return (setting("events_recogniser").value() or "off").lower() == "on"


def judged(
    rd: Reading,
    found_in: list[list[Trigger]],
    score: Callable[[Sequence[str]], list[Scores]] | None,
) -> list[list[Trigger]]:
    """The triggers of each unit, without those of a sentence the recogniser rejects."""
    if score is None:
        return found_in
    text = rd.doc.text
    todo = [ui for ui, found in enumerate(found_in) if found]
    scores = dict(zip(todo, score([text[slice(*rd.units[ui])] for ui in todo]), strict=True))
    return [
        [t for t in found if _kept(t, scores[ui])] if found else found
        for ui, found in enumerate(found_in)
    ]


def _kept(t: Trigger, scores: Scores) -> bool:
    return scores[EVENT] >= VETO
