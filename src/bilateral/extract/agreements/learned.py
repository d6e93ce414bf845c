"""The learned agreement-name recogniser: a small spaCy NER trained here on the team's annotations.

The rules of ``stage.py`` find names built on a known head word ("... Treaty", "Convention on ...");
what they miss is open-ended: "Helsinki Final Act", "2030 Agenda", "Partnership for Global
Infrastructure and Investment", a strategy named in lower case. A word list cannot close that set,
so a model trained on annotated sentences (``train/agreements/train.py``; its data, its
leave-one-publisher-out scores and the training time are in ``models/agreements/training.json``)
proposes the spans the rules did not find. It reads only the units with a capitalised word or a
digit after their first word: no other unit holds a name.

The weights ship inside the package (``Context.models``); nothing is downloaded. Without them the
stage runs on its rules alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

NAME = "agreements"
LABEL = "AGREEMENT"
_CANDIDATE = re.compile(r"\s[A-Z0-9]")


def model_spans(nlp: Language | None, texts: Sequence[str]) -> list[list[tuple[int, int]]]:
    """Per text, the (start, end) character offsets of the agreement names the model finds."""
    out: list[list[tuple[int, int]]] = [[] for _ in texts]
    if nlp is None:
        return out
    todo = [i for i, t in enumerate(texts) if _CANDIDATE.search(t)]
    for i, doc in zip(todo, nlp.pipe((texts[i] for i in todo), batch_size=64), strict=True):
        out[i] = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == LABEL]
    return out
