"""Coded actions: every verb of a sentence that the CAMEO verb dictionary codes (accuse, reject,
demand, threaten, sanction, protest, arrest, attack, aid, concede, withdraw, mobilize, cooperate,
agree, support, meet ...), with its PLOVER category, mode and contexts, its CAMEO code, and who
acts on whom.

The stage reads the document as a numbered cascade:

1. Keep the sentences with a verb form of the lexicon that can code something: only they are
   parsed, as one batch (most sentences of a diplomatic text have none).
2. Code each parsed sentence (``coder.code_sentence``): verbs, governing verbs, mood.
3. Resolve the actor's and the recipient's phrases to the entity mentions inside them; the words
   stay too, for actors the knowledge base does not know ("Afghan rebel leaders").
   "We" and "I" (and "us", "our") are whom positions take them for: the speaker of the
   transcript turn (and the state he speaks for), else the author or the publishing state, a
   joint statement's signatories (``positions.holders.speaker_of``).
4. Date the action by the date expression of its sentence nearest the verb, else by the
   document's own date (event data date a report by its story where the text gives no date).

Events (meetings, visits, signings) stay the events stage's; an action is what a verb does, and
one sentence may hold both ("rejected an invitation to attend a meeting").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from bilateral.context import PARSE_CHUNK, Context, Deadline, parse_sentence, prefetch_parses
from bilateral.extract.actions.coder import Coded, code_sentence
from bilateral.extract.actions.lexicon import Lexicon, lexicon
from bilateral.extract.events.reading import Reading
from bilateral.extract.positions.holders import speaker_of
from bilateral.extract.text.spans import ByOffset
from bilateral.extract.text.units import ACTOR_TYPES
from bilateral.model import Action, Document, Evidence, Mention, TimeExpr, content_id

__all__ = ["find_actions", "stage", "wants"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# An actor phrase that is the speaker: "we", "I", "us", "our side", "my government".
_SPEAKER = re.compile(r"^(?:we|i|us|our|my)\b", re.IGNORECASE)
_NAME_RUN = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*\b")
_OPENERS = frozenset(
    "The A An In On At As For From With By After Before During Since Some This That These "
    "Those It Its There Their They He She His Her We Our I But And Or If When While".split()
)
_WE = re.compile(r"\b(?:[Ww]e|I|[Oo]ur)\b")


def stage(doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]) -> dict[str, Any]:
    mentions, times = got.get("mentions", ()), got.get("times", ())
    reading: list[Reading] = []

    def speaker(at: int) -> tuple[str, ...]:
        if not reading:  # read the document only where a "we" acts
            reading.append(
                Reading.of(doc, mentions, times, got.get("roles", ()), (), getattr(ctx, "kb", None))
            )
        return tuple(dict.fromkeys(speaker_of(reading[0], at)))

    return {"actions": find_actions(doc, mentions, times, speaker, ctx.deadline)}


def wants(doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]) -> list[str]:
    """The sentences the stage will parse (step 1), for an earlier stage's batch of parses."""
    spans = _candidates(doc, got.get("mentions", ()), lexicon(), we=True)
    return [doc.text[a:b] for a, b in spans]


def _candidates(
    doc: Document, mentions: Sequence[Mention], lex: Lexicon, *, we: bool
) -> list[tuple[int, int]]:
    # The parse is what coding costs: it is spent only on a sentence where a form of the lexicon
    # can code (outside a name: "United" in "the United Nations" is no verb) and that names at
    # least two actors, so that it can say who did what to whom. An actor is a mention of the
    # record, "we" (where the stage can tell who speaks), or a name the record does not know
    # ("Ghanaian authorities", "Kurdish rebels"): a run of capitalised words outside the
    # mentions, other than a sentence's first function word. (Any one actor: 2,240 of the 40
    # benchmark speeches' 2,561 sentences parsed, PLOVER GSR published half 0.722; two: 1,460,
    # 0.714.)
    actors = ByOffset((m for m in mentions if m.type in ACTOR_TYPES), key=lambda m: m.start)
    names = ByOffset(mentions, key=lambda m: m.start)
    out = []
    for a, b in _sentences(doc):
        text = doc.text[a:b]
        inside = [(m.start - a, m.end - a) for m in names.between(a, b) if m.end <= b]
        if not _candidate(text, lex, inside):
            continue
        n = sum(1 for m in actors.between(a, b) if m.end <= b)
        if n < 2 and we and _WE.search(text):
            n += 1
        if n < 2:
            n += _unknown_names(text, inside, 2 - n)
        if n >= 2:
            out.append((a, b))
    return out


def _unknown_names(text: str, inside: Sequence[tuple[int, int]], enough: int) -> int:
    """Runs of capitalised words outside the mentions (up to ``enough``)."""
    n = 0
    for m in _NAME_RUN.finditer(text):
        if m.group() in _OPENERS or _within(m.start(), inside):
            continue
        n += 1
        if n >= enough:
            break
    return n


def _within(at: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= at < b for a, b in spans)


def _sentences(doc: Document) -> list[tuple[int, int]]:
    spans = [(s.start, s.end) for s in doc.sentences]
    if not spans and doc.text.strip():
        spans = [(0, len(doc.text))]
    out = []
    for a, b in spans:
        chunk = doc.text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            out.append((a + lead, a + trail))
    return out


def _candidate(text: str, lex: Lexicon, inside: Sequence[tuple[int, int]] = ()) -> bool:
    """Whether a form of the lexicon that can code something stands here, outside the names
    (``inside``, offsets into ``text``), with the words it needs after it (the coder reads the
    same words off the parse)."""
    found = list(_WORD.finditer(text))
    words: list[str] = []
    for i, m in enumerate(found):
        needs = lex.coding_after.get(m.group().lower())
        if needs is None or (inside and _within(m.start(), inside)):
            continue
        if not needs:
            return True
        words = words or [x.group().lower() for x in found]
        if any(words[i + 1 : i + 1 + len(n)] == list(n) for n in needs):
            return True
    return False


def find_actions(
    doc: Document,
    mentions: Sequence[Mention],
    times: Sequence[TimeExpr] = (),
    speaker: Callable[[int], tuple[str, ...]] | None = None,
    deadline: Deadline | None = None,
) -> tuple[Action, ...]:
    lex = lexicon()
    # 1.
    spans = _candidates(doc, mentions, lex, we=speaker is not None)
    by_start = ByOffset(mentions, key=lambda m: m.start)
    times_at = ByOffset(times, key=lambda t: t.start)
    out: list[Action] = []
    taken: set[str] = set()
    for i, (a, b) in enumerate(spans):
        if deadline is not None and deadline.over():
            break  # out of time: the actions coded so far stand
        if i % PARSE_CHUNK == 0:  # in batches the bounded parse cache can hold
            prefetch_parses(doc.text[x:y] for x, y in spans[i : i + PARSE_CHUNK])
        # 2.
        for c in code_sentence(parse_sentence(doc.text[a:b]), lex):
            action = _action(doc, a, b, c, by_start, times_at, speaker)
            if action.id not in taken:
                taken.add(action.id)
                out.append(action)
    return tuple(out)


def _entities(mentions: ByOffset[Mention], lo: int, hi: int) -> tuple[str, ...]:
    """3. The entities named inside a phrase, in order, each once."""
    return tuple(dict.fromkeys(m.entity for m in mentions.between(lo, hi) if m.end <= hi))


def _date(doc: Document, times: ByOffset[TimeExpr], a: int, b: int, verb: int) -> str | None:
    """4."""
    inside = [t for t in times.between(a, b) if t.end <= b]
    if inside:
        return min(inside, key=lambda t: abs(t.start - verb)).value
    return doc.published


def _action(
    doc: Document,
    a: int,
    b: int,
    c: Coded,
    mentions: ByOffset[Mention],
    times: ByOffset[TimeExpr],
    speaker: Callable[[int], tuple[str, ...]] | None = None,
) -> Action:
    actor = (a + c.actor[0], a + c.actor[1]) if c.actor else None
    recipient = (a + c.recipient[0], a + c.recipient[1]) if c.recipient else None
    trigger = Evidence.of(doc, a + c.verb_start, a + c.verb_end)
    code = c.code
    actors = _entities(mentions, *actor) if actor else ()
    if actor and not actors and speaker and _SPEAKER.match(doc.text[actor[0] : actor[1]]):
        actors = speaker(actor[0])
    return Action(
        id=content_id("action", doc.id, trigger.start, code.cameo),
        plover=code.plover,
        cameo=code.cameo,
        mode=code.mode or None,
        context=code.context,
        actors=actors,
        recipients=_entities(mentions, *recipient) if recipient else (),
        actor_text=doc.text[actor[0] : actor[1]] if actor else None,
        recipient_text=doc.text[recipient[0] : recipient[1]] if recipient else None,
        date=_date(doc, times, a, b, trigger.start),
        status="planned" if c.future and code.plover in {"AGREE", "THREATEN"} else "occurred",
        trigger=trigger,
        evidence=(Evidence.of(doc, a, b),),
    )
