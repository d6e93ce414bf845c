"""Positions and plans: what states say of each other and what they undertake, per sentence.

The stage reads the document as a numbered cascade:

1. Read the document as the events stage does: its mentions and times in order, the speaker that
   "we" and "I" mean, the two parties that "they" and "the leaders" mean.
2. Find the cues of each sentence (``cues``, from ``kb/data/stances.yaml``): stance phrases,
   plan phrases, and courtesy formulas, inside which no stance is taken ("thanked him for the
   warm hospitality").
   2b. Ask the sentence classifier (``learned``: logistic regressions over multilingual e5
   vectors, English and Russian in one space) about every sentence: a cue whose sentence it
   finds very unlikely to state that stance group (or a plan) is dropped; where no stance cue
   (or no plan cue) fires and it is sure, the sentence's main verb stands for the cue of its
   stance group or plan. Its thresholds (``models/positions/training.json``) are chosen by
   cross-validation across publishers; Russian positions and plans pass the same filter.
3. Parse the sentences that carry a cue (one batch) and read, per cue, its holder (the subject of
   the cue's clause) and target (``holders``).
4. Emit one position per stance group of a sentence (support, opposition, concern, call): a
   sentence that welcomes and praises is one approving position, one that also calls for
   something is a second; a negated support ("does not support") is opposition.
5. Emit one plan per sentence with a plan cue: its holders, its due date (the first time of the
   sentence not before the document's own date, at its precision) and its status (in progress
   words make it under_way, completion words done, else planned).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from bilateral.context import PARSE_CHUNK, Context, Deadline, parse_sentence, prefetch_parses
from bilateral.extract.events.reading import Reading
from bilateral.extract.positions.cues import (
    Cue,
    courtesy_spans,
    discourse_spans,
    negated,
    plan_cues,
    stance_cues,
)
from bilateral.extract.positions.holders import (
    Holding,
    hold,
    plain_hold,
    said_of,
    speaker_of,
)
from bilateral.extract.positions.learned import active, adds, classifier
from bilateral.extract.positions.russian import find_positions_ru
from bilateral.extract.positions.wording import due as _due
from bilateral.extract.positions.wording import label as _label
from bilateral.extract.text.units import ACTOR_TYPES, iso, published
from bilateral.kb.vocabulary import stances
from bilateral.model import (
    Document,
    Evidence,
    Mention,
    Plan,
    Position,
    TimeExpr,
    content_id,
)

_MIN_WORDS = 4
# "we will not hide our attitude": what a cue says will not be done is no plan ("will not only
# ..." still is, and so is "will never give up until ...").
_NOT_AFTER = re.compile(r"\s*(?:not|n[’']t)\b(?!\s+only\b)", re.I)
_BARE_FUTURE = frozenset(("will", "shall"))
_PROPOSAL = re.compile(r"(?:initiative|proposal|suggestion)s?$", re.I)
_EXPECT = re.compile(
    r"\b(?:we|i)\s+(?:\w+\s+){0,2}?(?:expect|hope|anticipate|count on|(?:am|are) (?:sure|confident"
    r"|certain))\b",
    re.I,
)
_STATUS_ORDER = ("done", "under_way", "planned")
# An indirect question states no stance: "As for whether we are worried about X, ...".
# "X was invited to join Y": Y invites, unless the passive names the inviter ("by Z").
_INVITED = re.compile(r"invited to (?:join|become)", re.I)
_WHETHER = re.compile(r"\bwhether\s+(?:[\w’']+\s+){0,3}$", re.I)
# "against" after fighting in its clause is what is fought, no stance said: "fought side by side
# against the invaders", "our joint efforts in the fight against terrorism".
_FIGHT = re.compile(
    r"\b(?:fight|fights|fighting|fought|struggle|struggles|combat|battle)\b[^.;:,]*$", re.I
)


def stage(doc: Document, ctx: Context, got: Mapping[str, tuple[Any, ...]]) -> dict[str, Any]:
    if doc.language == "ru":
        positions, plans = find_positions_ru(
            doc,
            got.get("mentions", ()),
            got.get("times", ()),
            got.get("roles", ()),
            getattr(ctx, "kb", None),
            ctx.ru,
        )
        return dict(zip(("positions", "plans"), _kept(positions, plans), strict=True))
    positions, plans = find_positions(
        doc,
        got.get("mentions", ()),
        got.get("times", ()),
        got.get("roles", ()),
        kb=getattr(ctx, "kb", None),
        deadline=getattr(ctx, "deadline", None),
    )
    return {"positions": positions, "plans": plans}


def find_positions(
    doc: Document,
    mentions: Sequence[Mention],
    times: Sequence[TimeExpr],
    roles: Sequence[Any] = (),
    kb: Any = None,
    deadline: Deadline | None = None,
) -> tuple[tuple[Position, ...], tuple[Plan, ...]]:
    # 1.
    rd = Reading.of(doc, mentions, times, roles, (), kb)
    text = doc.text
    # 2.
    found: list[tuple[int, int, list[Cue], list[Cue]]] = []
    unsaid: list[tuple[int, int, bool, bool]] = []
    for s in doc.sentences:
        start, end = _trimmed(text, s.start, s.end)
        sentence = text[start:end]
        if len(sentence.split()) < _MIN_WORDS or _asked(doc, start, sentence):
            continue
        idle = discourse_spans(sentence)
        polite = courtesy_spans(sentence) + idle
        said = _stated(
            sentence,
            [c for c in stance_cues(sentence) if not _inside(c, polite) and not _idle(sentence, c)],
        )
        # "had not intended to", "will not": what is not undertaken is no plan.
        planned = [
            c
            for c in plan_cues(sentence)
            if not _inside(c, idle)
            and not negated(sentence, c.start)
            and not _NOT_AFTER.match(sentence, c.end)
        ]
        if not planned and not _asked(doc, start, sentence):
            # "X's attendance of the ceremonies in Moscow on June 24" in a text of June 9: what
            # a sentence dates after its document is to come.
            ahead = _ahead(rd, doc, start, end)
            if ahead is not None and not _inside(ahead, idle):
                planned = [ahead]
        if said or planned:
            found.append((start, end, said, planned))
        if (not said and not polite) or not planned:
            unsaid.append((start, end, not said and not polite, not planned))
    # 2b. A sentence that no stance cue (or no plan cue) fires on states the stance group (or
    # the plan) the learned classifier gives it, where it is sure (``learned``): "X is the
    # linchpin of ...", "interest in holding ...", "preparations for ...".
    found = _learned(text, found, unsaid, deadline)

    # 3. A short plain subject before each cue is read as it stands; only the other sentences
    # are parsed, in one batch.
    # A sentence that names no actor needs no parse either: its holder can only be the speaker
    # (or the parties) and its target no one.
    # Each cue's plain reading (or None: a parse is needed), worked out once for the batch of
    # parses and for the holders below.
    plain: dict[tuple[int, int, int, bool], Holding | None] = {}
    posts = _posts(rd)
    for a, b, said, planned in found:
        inside = rd.mentions_in(a, b)
        sentence = text[a:b]
        for c in [*said, *_heads(sentence, planned)]:
            if _PROPOSAL.match(sentence, c.start, c.end):
                # a proposal noun's author is read from the parse ("holders")
                plain[a, c.start, c.end, c.said_of] = None
            elif c.said_of:
                plain[a, c.start, c.end, c.said_of] = said_of(rd, a + c.start, a + c.end, inside)
            elif not any(m.type in ACTOR_TYPES for m in inside):
                # Its subject is no actor and no pronoun of the speaker ("The building will be
                # ..."): a stance there is the speaker's; a future there is no one's undertaking.
                # A post the document gives someone ("The Vice President and Prime Minister
                # pledged") is read from the parse.
                held = plain_hold(rd, text, a, a + c.start, a + c.end, inside)
                if held is None and posts.search(sentence, 0, c.start):
                    plain[a, c.start, c.end, c.said_of] = None
                    continue
                plain[a, c.start, c.end, c.said_of] = held or Holding(
                    tuple(speaker_of(rd, a + c.start)), "other", None
                )
            else:
                plain[a, c.start, c.end, c.said_of] = plain_hold(
                    rd, text, a, a + c.start, a + c.end, inside
                )

    def holding(start: int, end: int, cue: Cue) -> Holding:
        known = plain.get((start, cue.start, cue.end, cue.said_of))
        if known is not None:
            return known
        parsed = parse_sentence(text[start:end])
        inside = rd.mentions_in(start, end)
        return hold(rd, parsed, start, start + cue.start, start + cue.end, inside)

    def prefetch(chunk: Sequence[tuple[int, int, Any, Any]]) -> None:
        prefetch_parses(
            text[a:b]
            for a, b, said, planned in chunk
            if any(
                plain.get((a, c.start, c.end, c.said_of)) is None
                for c in [*said, *_heads(text[a:b], planned)]
            )
        )

    vocab = stances()
    positions: list[Position] = []
    plans: list[Plan] = []
    for i, (start, end, said, planned) in enumerate(found):
        if deadline is not None and deadline.over():
            break  # out of time: the positions and plans read so far stand
        if i % PARSE_CHUNK == 0:  # parsed in batches that the bounded parse cache can hold
            prefetch(found[i : i + PARSE_CHUNK])
        sentence = text[start:end]
        evidence = (Evidence.of(doc, start, end),)
        # 4.
        for cue in said:
            stance = cue.label
            if negated(sentence, cue.start):
                if vocab.group(stance) != "A":
                    continue
                stance = "oppose"
            h = holding(start, end, cue)
            if _INVITED.search(sentence, cue.start, cue.end):
                h = _inviter(rd, start, start + cue.start, start + cue.end, end) or h
            if not h.holders:
                continue
            positions.append(
                Position(
                    id=content_id("position", doc.id, start, cue.start, stance, h.holders[0]),
                    holder=h.holders[0],
                    stance=stance,
                    target=h.target,
                    topic=_label(sentence, cue.end),
                    evidence=evidence,
                )
            )
        # 5.
        for clause in _clauses(sentence, planned):
            cue = clause[0]
            h = holding(start, end, cue)
            holders = _plan_holders(rd, h)
            due = _due(rd, doc, start, end, start + cue.start, times)
            # "The headquarters will be located ...", "it will provide ...": a future that no
            # actor undertakes and no date schedules is no plan.
            # A plan word of its own ("is expected to", "it is planned to hold", "pledged to")
            # schedules or undertakes even where its subject is no actor.
            worded = any(sentence[c.start : c.end].lower() not in _BARE_FUTURE for c in clause)
            # "We expect that three more schools will open": the speaker expects it of his side.
            expected = _EXPECT.search(sentence, 0, cue.start) is not None
            if holders and (
                h.said_by not in ("other", "modifier") or due is not None or worded or expected
            ):
                status = min((c.label for c in clause), key=_STATUS_ORDER.index)
                plans.append(
                    Plan(
                        id=content_id("plan", doc.id, start, cue.start),
                        holders=holders,
                        action=_label(sentence, cue.end),
                        due=due,
                        status=status,
                        evidence=evidence,
                    )
                )
    return tuple(positions), tuple(plans)


def _ahead(rd: Reading, doc: Document, start: int, end: int) -> Cue | None:
    """A cue on the first time of the sentence after the document's own date (at the time's
    precision: "2025" in a text of 2024, "June 24" in one of June 9), or None."""
    own = published(doc)
    if own is None:
        return None
    for t in rd.times_in(start, end):
        found = iso(t)
        if found is None:
            continue
        # compared at the coarser of the two precisions ("2021-02-10" is not after "2021")
        n = min(len(found[0]), len(own[0]))
        if found[0][:n] > own[0][:n]:
            return Cue(t.start - start, t.end - start, "planned")
    return None


def _posts(rd: Reading) -> re.Pattern[str]:
    """The posts the document gives its persons, as one pattern ("President", "Prime Minister")."""
    titles = sorted({r.title for r in rd.roles if r.title}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in titles or ["(?!)"]) + r")\b", re.I)


def _kept(
    positions: tuple[Position, ...], plans: tuple[Plan, ...]
) -> tuple[tuple[Position, ...], tuple[Plan, ...]]:
    """The Russian reading's positions and plans less those whose sentence the classifier finds
    very unlikely to state that stance group, or a plan (the filter of step 2b)."""
    model, thresholds = classifier()
    if thresholds["keep_stance"] <= 0.0 and thresholds["keep_plan"] <= 0.0:
        return positions, plans
    items: list[Position | Plan] = [*positions, *plans]
    quotes = sorted({e.quote for x in items for e in x.evidence[:1]})
    scored = dict(zip(quotes, model.scores(quotes), strict=True))
    vocab = stances()
    return tuple(
        p
        for p in positions
        if scored[p.evidence[0].quote][vocab.group(p.stance)] >= thresholds["keep_stance"]
    ), tuple(p for p in plans if scored[p.evidence[0].quote]["PLAN"] >= thresholds["keep_plan"])


_SCORED_BATCH = 64
_DEFAULT_STANCE = {"A": "support", "B": "oppose", "C": "concern", "D": "call"}


def _learned(
    text: str,
    found: list[tuple[int, int, list[Cue], list[Cue]]],
    unsaid: list[tuple[int, int, bool, bool]],
    deadline: Deadline | None = None,
) -> list[tuple[int, int, list[Cue], list[Cue]]]:
    """What the classifier changes: a cue whose sentence it finds very unlikely to state that
    stance group (or a plan) goes; a sentence no cue fires on that it is sure of gains one. The
    added cue is the sentence's main verb (from the parse), so that the holder is read from its
    subject as for any cue; a stance stated with "be" ("X is the linchpin of ...") is said of its
    subject by the speaker."""
    model, thresholds = classifier()
    if not active(thresholds):
        return found
    # The cues' sentences first (the filter), then the others (additions), in batches: out of
    # time, the sentences not yet scored keep what the rules found.
    # Without additions (``filter``) only the cues' sentences are embedded.
    cued = sorted({(a, b) for a, b, _, _ in found})
    spans = cued
    if adds(thresholds):
        spans = cued + sorted({(a, b) for a, b, _, _ in unsaid} - set(cued))
    scored: dict[tuple[int, int], dict[str, float]] = {}
    for at in range(0, len(spans), _SCORED_BATCH):
        if deadline is not None and deadline.over():
            break
        batch = spans[at : at + _SCORED_BATCH]
        scored.update(zip(batch, model.scores([text[a:b] for a, b in batch]), strict=True))
    vocab = stances()
    out: dict[tuple[int, int], tuple[int, int, list[Cue], list[Cue]]] = {}
    for a, b, said, planned in found:
        score = scored.get((a, b))
        if score is None:
            out[a, b] = (a, b, said, planned)
            continue
        said = [c for c in said if score[vocab.group(c.label)] >= thresholds["keep_stance"]]
        if score["PLAN"] < thresholds["keep_plan"]:
            planned = []
        if said or planned:
            out[a, b] = (a, b, said, planned)
    at_stance, at_plan = thresholds["stance"], thresholds["plan"]
    for a, b, stance_free, plan_free in unsaid:
        score = scored.get((a, b))
        if score is None:
            continue
        group = max(_DEFAULT_STANCE, key=lambda g: score[g])
        add_stance = stance_free and score[group] >= at_stance
        add_plan = plan_free and score["PLAN"] >= at_plan
        if not add_stance and not add_plan:
            continue
        root = _root(text[a:b])
        if root is None:
            continue
        at, to, copula = root
        said, planned = out.get((a, b), (a, b, [], []))[2:]
        if add_stance:
            said = [*said, Cue(at, to, _DEFAULT_STANCE[group], said_of=copula)]
        if add_plan:
            planned = sorted([*planned, Cue(at, to, "planned")], key=lambda c: c.start)
        out[a, b] = (a, b, said, planned)
    return sorted(out.values())


_COPULA = frozenset("is are was were be been remains remain".split())


def _root(sentence: str) -> tuple[int, int, bool] | None:
    """The sentence's main verb (offsets) and whether it is "be" with a subject that is not the
    speaker ("X is a vital partner", not "we are ready")."""
    parsed = parse_sentence(sentence)
    root = next((t for t in parsed if t.dep_ == "ROOT"), None)
    if root is None:
        return None
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    copula = (
        root.text.lower() in _COPULA
        and subject is not None
        and subject.text.lower() not in ("we", "i")
    )
    return root.idx, root.idx + len(root.text), copula


# Where one undertaking ends and the next begins: "will open a school, and the ministry will
# train teachers" is two plans; "will prepare and sign" one, and so is "The forum, scheduled for
# May, will gather mayors".
_NEXT_CLAUSE = re.compile(
    r"[;:]|,\s+(?:and|but|while|whereas|including|as well as)\b"
    r"|(?:,|\band)\s+(?:the|a|an|its|their|our|we|they|it|both|he|she|i|to)\b",
    re.I,
)


def _clauses(sentence: str, planned: list[Cue]) -> list[list[Cue]]:
    """The sentence's plan cues grouped by clause, each group led by its first cue."""
    out: list[list[Cue]] = []
    for c in planned:
        if out and not _NEXT_CLAUSE.search(sentence, out[-1][-1].end, c.start):
            out[-1].append(c)
        else:
            out.append([c])
    return out


def _heads(sentence: str, planned: list[Cue]) -> list[Cue]:
    return [clause[0] for clause in _clauses(sentence, planned)]


def _inviter(rd: Reading, start: int, cue: int, after: int, end: int) -> Holding | None:
    """Who invites in "X was invited to join Y": the body to be joined, named first after the
    cue; the invited, named last before it, is the target."""
    actors = [m for m in rd.mentions_in(start, end) if m.type in ACTOR_TYPES]
    joined = [m for m in actors if m.start >= after]
    if not joined:
        return None
    invited = [m.entity for m in actors if m.end <= cue and m.entity != joined[0].entity]
    return Holding((joined[0].entity,), "subject", invited[-1] if invited else None)


def _idle(sentence: str, cue: Cue) -> bool:
    """A cue inside an indirect question, or an "against" of what is fought."""
    lead = sentence[max(0, cue.start - 60) : cue.start]
    if _WHETHER.search(lead):
        return True
    return sentence[cue.start : cue.end].lower() == "against" and _FIGHT.search(lead) is not None


def _inside(cue: Cue, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= cue.start < b for a, b in spans)


# An infinitive right before a later cue: "stressed the need to take measures to ... prevent",
# "consulted on the need to deliver aid and to support": the later cue is part of what the first
# one says, not a stance of its own.
_INFINITIVE = re.compile(r"\bto\s+(?:\w+ly\s+)?$", re.I)


def _stated(sentence: str, cues: list[Cue]) -> list[Cue]:
    """The cues that state a stance of their own: a frame ("we believe", "reaffirmed") gives way
    to a stance cue after it, and a cue inside the complement of an earlier one is not a second
    stance."""
    out: list[Cue] = []
    for i, c in enumerate(cues):
        if c.frame and any(not later.frame for later in cues[i + 1 :]):
            continue
        lead = sentence[max(0, c.start - 20) : c.start]
        if out and _INFINITIVE.search(lead) and not c.said_of:
            continue
        out.append(c)
    return out


def _asked(doc: Document, start: int, sentence: str) -> bool:
    """A question takes no stance and undertakes nothing. (The rest of an interviewer's turn
    may well report what a state said or plans: "As of now, X is ready to ...".)"""
    return sentence.rstrip().endswith("?") or sentence.lstrip().lower().startswith("question:")


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _plan_holders(rd: Reading, h: Holding) -> tuple[str, ...]:
    holders = list(h.holders)
    # What "we" or "the sides" undertake, both parties undertake.
    if h.said_by in ("speaker", "parties", "default", "other"):
        holders += list(rd.mains)
    return tuple(dict.fromkeys(holders))
