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
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from bilateral.context import Spans
from bilateral.extract.agreements.found import Found
from bilateral.extract.agreements.record import TRIM
from bilateral.extract.text.spans import ByOffset, Taken
from bilateral.extract.text.units import Word, squash, words
from bilateral.kb.vocabulary import agreement_types

if TYPE_CHECKING:
    from spacy.language import Language

    from bilateral.model import Mention, TimeExpr

# (texts, batch size) -> each text's entity spans: ``ShippedModels.entities`` of this model
Recognise = Callable[[list[str], int], Iterable[Spans]]
NAME = "agreements"
LABEL = "AGREEMENT"
_CANDIDATE = re.compile(r"\s[A-Z0-9]")
_LEADING_THE = re.compile(r"(?:the|The)\s+")
# A learned name ends in a capitalised word, a number or a bracket ("Agenda 2063", "(XV)"), or in
# a lower-case head word ("South Asia strategy").
_ACRONYM_OR_QUOTE = re.compile(r"\b[A-Z]{3,}[a-z]?\b|[“\"«]")
_TAIL = frozenset("as at by from that which what who is are was were".split())
_NAME_END = re.compile(r"[A-Z0-9)]|[a-z]+[A-Z]")


def model_spans(
    nlp: Language | None, texts: Sequence[str], recognise: Recognise | None = None
) -> list[list[tuple[int, int]]]:
    """Per text, the (start, end) character offsets of the agreement names the model finds
    (through ``recognise``, ``ShippedModels.entities`` of the model, when given: a long
    document's batches are then shared with the helper process)."""
    out: list[list[tuple[int, int]]] = [[] for _ in texts]
    if nlp is None:
        return out
    todo = [i for i, t in enumerate(texts) if _CANDIDATE.search(t)]
    chosen = [texts[i] for i in todo]
    if recognise is not None:
        found: Iterable[Spans] = recognise(chosen, 64)
    else:
        found = (
            [(e.start_char, e.end_char, e.label_) for e in d.ents]
            for d in nlp.pipe(chosen, batch_size=64)
        )
    for i, ents in zip(todo, found, strict=True):
        out[i] = [(a, b) for a, b, label in ents if label == LABEL]
    return out


def names(
    text: str,
    spans: Sequence[tuple[int, int]],
    found: Sequence[Found],
    mentions: Sequence[Mention],
    model: Language | None,
    unit_words: Mapping[tuple[int, int], Sequence[Word]],
    times: Sequence[TimeExpr] = (),
    recognise: Recognise | None = None,
) -> list[Found]:
    """Names the learned recogniser finds where no rule did: not inside a name already found,
    not an entity's own mention (a body or a state is no agreement), not running into a
    person's name ("... on the Peace Process Jesus"), and ending before a date the model ran
    into ("... General Assembly on December")."""
    if model is None:
        return []
    vocab = agreement_types()
    head_type = vocab.head_type
    # The model reads only the units a name can be in: with a head word of any kind, an acronym
    # or a quotation (a cheap filter; the model decides what and where the name is).
    cues = head_type.keys() | vocab.named_type.keys() | vocab.titled_type.keys()
    spans = [
        (a, b)
        for a, b in spans
        if _ACRONYM_OR_QUOTE.search(text, a, b) or any(w.low in cues for w in unit_words[a, b])
    ]
    out = []
    by_start = Taken(mentions)
    # Looked up once per name the model finds: a scan of every date, name and unit each time
    # made the stage quadratic in the length of a document.
    dates = ByOffset(times, key=lambda t: t.start)
    rules = Taken(found)
    unit_of = ByOffset(spans, key=lambda u: u[0])
    for (s, _), hits in zip(
        spans, model_spans(model, [text[a:b] for a, b in spans], recognise), strict=True
    ):
        for a, b in hits:
            a, b = s + a, s + b
            b = min([b, *(t.start for t in dates.between(a + 1, b))])
            lead = _LEADING_THE.match(text, a, b)
            if lead:
                a = lead.end()
            ws = words(text, a, b)
            while ws and (
                ws[-1].low in TRIM or ws[-1].low in _TAIL or ws[-1].text == "I"
            ):  # "... Forum and the", "the United Nations I should ...": the model overran
                ws.pop()
            if not ws or (not _NAME_END.match(ws[-1].text) and ws[-1].low not in head_type):
                continue
            a, b = ws[0].start, ws[-1].end
            over = by_start.overlapping(a, b)
            if b - a < 3 or any(m.start <= a and b <= m.end for m in over):
                continue  # a state, body, place or person is no agreement
            if any(m.type == "person" and (m.start < a or b < m.end) for m in over):
                continue  # the span runs into a person's name: the model misread the phrase
            if rules.overlapping(a, b):
                continue
            name = squash(text[a:b])
            types = [head_type[w.low] for w in ws if w.low in head_type]
            unit = unit_of.last_before(a)  # units are disjoint: the one that can hold it
            sentence = unit if unit is not None and b <= unit[1] else (a, b)
            out.append(Found(a, b, name, types[-1] if types else "other", sentence))
    return out
