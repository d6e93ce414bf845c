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
4. Date the action by the date expression of its sentence nearest the verb, else by the
   document's own date (event data date a report by its story where the text gives no date).

Events (meetings, visits, signings) stay the events stage's; an action is what a verb does, and
one sentence may hold both ("rejected an invitation to attend a meeting").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from bilateral.context import Context, parse_sentence, prefetch_parses
from bilateral.extract.actions.coder import Coded, code_sentence
from bilateral.extract.actions.lexicon import Lexicon, lexicon
from bilateral.extract.text.units import ACTOR_TYPES
from bilateral.model import Action, Document, Evidence, Mention, TimeExpr, content_id

__all__ = ["find_actions", "stage", "wants"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def stage(doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]) -> dict[str, Any]:
    return {"actions": find_actions(doc, got.get("mentions", ()), got.get("times", ()))}


def wants(doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]) -> list[str]:
    """The sentences the stage will parse (step 1), for an earlier stage's batch of parses."""
    return [doc.text[a:b] for a, b in _candidates(doc, got.get("mentions", ()), lexicon())]


def _candidates(doc: Document, mentions: Sequence[Mention], lex: Lexicon) -> list[tuple[int, int]]:
    # Only a sentence that names an actor can say who did what; the parse, which is what coding
    # costs, is spent on those alone.
    actors = [m for m in mentions if m.type in ACTOR_TYPES]
    return [
        s
        for s in _sentences(doc)
        if any(s[0] <= m.start < s[1] for m in actors) and _candidate(doc.text[s[0] : s[1]], lex)
    ]


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


def _candidate(text: str, lex: Lexicon) -> bool:
    return any(w.lower() in lex.coding_forms for w in _WORD.findall(text))


def find_actions(
    doc: Document, mentions: Sequence[Mention], times: Sequence[TimeExpr] = ()
) -> tuple[Action, ...]:
    lex = lexicon()
    # 1.
    spans = _candidates(doc, mentions, lex)
    prefetch_parses(doc.text[a:b] for a, b in spans)
    out: list[Action] = []
    taken: set[str] = set()
    for a, b in spans:
        # 2.
        for c in code_sentence(parse_sentence(doc.text[a:b]), lex):
            action = _action(doc, a, b, c, mentions, times)
            if action.id not in taken:
                taken.add(action.id)
                out.append(action)
    return tuple(out)


def _entities(mentions: Sequence[Mention], lo: int, hi: int) -> tuple[str, ...]:
    """3. The entities named inside a phrase, in order, each once."""
    found = [m for m in mentions if lo <= m.start and m.end <= hi]
    return tuple(dict.fromkeys(m.entity for m in sorted(found, key=lambda m: m.start)))


def _date(doc: Document, times: Sequence[TimeExpr], a: int, b: int, verb: int) -> str | None:
    """4."""
    inside = [t for t in times if a <= t.start and t.end <= b]
    if inside:
        return min(inside, key=lambda t: abs(t.start - verb)).value
    return doc.published


def _action(
    doc: Document,
    a: int,
    b: int,
    c: Coded,
    mentions: Sequence[Mention],
    times: Sequence[TimeExpr],
) -> Action:
    actor = (a + c.actor[0], a + c.actor[1]) if c.actor else None
    recipient = (a + c.recipient[0], a + c.recipient[1]) if c.recipient else None
    trigger = Evidence.of(doc, a + c.verb_start, a + c.verb_end)
    code = c.code
    return Action(
        id=content_id("action", doc.id, trigger.start, code.cameo),
        plover=code.plover,
        cameo=code.cameo,
        mode=code.mode or None,
        context=code.context,
        actors=_entities(mentions, *actor) if actor else (),
        recipients=_entities(mentions, *recipient) if recipient else (),
        actor_text=doc.text[actor[0] : actor[1]] if actor else None,
        recipient_text=doc.text[recipient[0] : recipient[1]] if recipient else None,
        date=_date(doc, times, a, b, trigger.start),
        status="planned" if c.future and code.plover in {"AGREE", "THREATEN"} else "occurred",
        trigger=trigger,
        evidence=(Evidence.of(doc, a, b),),
    )
