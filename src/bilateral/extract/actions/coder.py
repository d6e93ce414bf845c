"""Code one parsed sentence: which verbs are actions, their CAMEO code and PLOVER category, and
the phrases of their actor and recipient.

In the manner of PETRARCH, on spaCy's dependency parse:

1. A verb of the lexicon (its inflected form, the words of a multi-word verb around it) is coded
   by its most specific pattern whose words stand after it (its objects and phrases) and before it
   (its subject), else by its own code, else by its block's.
2. A verb that governs another ("threatened to ban", "demanded that X forsake", "agreed to
   share", "refused to deploy", "accused X of violating") codes the pair with its own category,
   refined by the governed verb's root (CAMEO 03x, 10x, 12x); a verb that only says or tries
   ("said", "announced", "continued to send") hands its clause on.
3. The mood of the clause turns the code, as PLOVER and CAMEO read it: a future cooperative act is
   an intention (AGREE, 03x), a future hostile one a threat (THREATEN, 13x), "must"/"should" a
   demand (REQUEST, 10x), a refused cooperative act a rejection (REJECT, 12x).
4. The actor is the subject (the agent of a passive), or the subject of the governing verb; the
   recipient the object, the dative or a "to/with/against/on" phrase (the subject of a passive).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bilateral.extract.actions.lexicon import INTENT_ADJECTIVES, Code, Form, Lexicon, Pattern

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Coded", "code_sentence", "has_candidate"]

# Roots whose verbs govern the verb they take ("agreed to ...", "demanded that ...").
_GOVERNING = frozenset({"03", "09", "10", "11", "12", "13"})
# Roots of cooperative and of hostile acts, for the mood of step 3.
_COOPERATIVE = frozenset({"04", "05", "06", "07", "08"})
_HOSTILE = frozenset({"14", "15", "16", "17", "18", "19", "20"})
# A governing root refined by the governed act's root: "promised military aid" is 033.
# A promise or an intention of a hostile act is a threat (PLOVER THREATEN: "threats ... of
# future action"), so "vowed to fight on" is CAMEO 13x, not 03x.
_REFINE = {
    "03": {
        "04": "036",
        "05": "032",
        "06": "031",
        "07": "033",
        "08": "035",
        **{r: "138" for r in ("15", "18", "19", "20")},
        "14": "133",
        "16": "131",
        "17": "132",
    },
    "10": {"04": "106", "05": "102", "06": "101", "07": "103", "08": "105"},
    "12": {"04": "125", "05": "120", "06": "121", "07": "122", "08": "124"},
    "13": {"14": "133", "15": "138", "16": "131", "17": "132", "18": "138", "19": "138"},
}
_FUTURE = {"03": "030", **{r: _REFINE["03"][r] for r in _REFINE["03"]}}
_THREAT = {
    "14": "133",
    "15": "138",
    "16": "131",
    "17": "132",
    "18": "138",
    "19": "138",
    "20": "138",
}
_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
_DEMAND_AUX = frozenset({"must", "should", "ought"})
# Dependents whose subtrees are other clauses, not the arguments of this verb.
_CLAUSES = frozenset(
    {
        "conj",
        "advcl",
        "ccomp",
        "xcomp",
        "relcl",
        "parataxis",
        "csubj",
        "acl",
        "cc",
        "punct",
        "mark",
        "aux",
        "auxpass",
        "neg",
    }
)
_RECIPIENT_PREPS = frozenset({"to", "with", "against", "on", "from", "for"})
# Where a verb states an act of the sentence, not a circumstance of a noun ("the ruling party",
# "a force aimed at ...", "who overran it"): main and coordinated predicates and complements.
_PREDICATE = frozenset({"ROOT", "conj", "ccomp", "xcomp", "advcl", "parataxis", "pcomp"})
# Subordinate clauses that set a condition or a time, not an act of their own.
_CIRCUMSTANCE = frozenset(
    {
        "if",
        "unless",
        "until",
        "after",
        "before",
        "because",
        "as",
        "while",
        "when",
        "since",
        "although",
        "though",
        "whether",
        "once",
    }
)


@dataclass(frozen=True, slots=True)
class Coded:
    """A coded clause of one sentence: offsets are into the sentence."""

    code: Code
    verb_start: int
    verb_end: int
    actor: tuple[int, int] | None  # the actor's phrase
    recipient: tuple[int, int] | None
    future: bool


def has_candidate(words: list[str], lex: Lexicon) -> bool:
    """Whether a sentence holds a form of the lexicon that can code something (so it is worth
    parsing)."""
    return any(w in lex.forms for w in words)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("es") and word[:-2].endswith(("s", "x", "ch", "sh")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _subsequence(words: tuple[str, ...], elements: tuple[tuple[tuple[str, ...], ...], ...]) -> bool:
    """Whether the pattern's elements occur in order among the words (phrases consecutive);
    each element is its alternatives, each alternative its words."""
    at = 0
    for alts in elements:
        found = False
        while at < len(words) and not found:
            for parts in alts:
                if words[at : at + len(parts)] == parts:
                    at += len(parts)
                    found = True
                    break
            else:
                at += 1
        if not found:
            return False
    return True


Prepared = tuple[tuple[tuple[str, ...], ...], ...]


@functools.cache
def _prepared(p: Pattern) -> tuple[Prepared, Prepared, tuple[frozenset[str], ...]]:
    """A pattern's elements as `_subsequence` reads them (alternatives singular, split into
    words), built once per pattern, and per element the first words that can start it (a
    sentence lacking all of them cannot match; an element with an empty alternative has none)."""

    def words(elements: tuple[tuple[str, ...], ...]) -> Prepared:
        return tuple(tuple(tuple(_singular(a).split()) for a in alts) for alts in elements)

    post, pre = words(p.post), words(p.pre)
    firsts = tuple(
        frozenset(parts[0] for parts in alts)
        for alts in (*pre, *post)
        if all(parts for parts in alts)
    )
    return pre, post, firsts


def _region(verb: Token) -> tuple[list[str], list[str]]:
    """The words of the verb's own arguments, before and after it (not its other clauses), with
    their singular forms so that a pattern's "SANCTION" meets "sanctions"."""
    keep: list[Token] = []
    stack = [c for c in verb.children if c.dep_ not in _CLAUSES]
    while stack:
        t = stack.pop()
        keep.append(t)
        stack.extend(c for c in t.children if c.dep_ not in {"relcl", "advcl", "ccomp", "acl"})
    keep.sort(key=lambda t: t.i)
    before = [_singular(t.lower_) for t in keep if t.i < verb.i]
    after = [_singular(t.lower_) for t in keep if t.i > verb.i]
    return before, after


def _form_fits(tok: Token, form: Form) -> bool:
    doc = tok.doc
    n, m = len(form.before), len(form.after)
    if tok.i - n < 0 or tok.i + 1 + m > len(doc):
        return False
    if [t.lower_ for t in doc[tok.i - n : tok.i]] != list(form.before):
        return False
    after = [t.lower_ for t in doc[tok.i + 1 : tok.i + 1 + m]]
    return after == list(form.after)


def _raw_code(tok: Token, lex: Lexicon) -> tuple[str | None, bool]:
    """(CAMEO code of the verb alone, whether the lexicon knows the verb at all)."""
    forms = [f for f in lex.forms.get(tok.lower_, ()) if _form_fits(tok, f)]
    if not forms:
        return None, False
    longest = max(len(f.before) + len(f.after) for f in forms)
    forms = [f for f in forms if len(f.before) + len(f.after) == longest]
    before, after = _region(tok)
    before_s = tuple(_singular(w) for w in before)
    after_s = tuple(_singular(w) for w in after)
    present = {*before_s, *after_s}
    best: Pattern | None = None
    for f in forms:
        block = lex.blocks.get(f.block)
        if block is None:
            continue
        for p in block.patterns:
            if (best is None or p.size > best.size) and _matches(p, before_s, after_s, present):
                best = p
    if best is not None:
        return best.code, True
    for f in forms:
        if f.code:
            return f.code, True
    for f in forms:
        block = lex.blocks.get(f.block)
        if block is not None and block.code:
            return block.code, True
    return None, True


def _matches(
    p: Pattern, before: tuple[str, ...], after: tuple[str, ...], present: set[str]
) -> bool:
    """Whether the pattern fits the verb's arguments; `present` holds all their words."""
    pre, post, firsts = _prepared(p)
    if any(present.isdisjoint(f) for f in firsts):
        return False
    return _subsequence(after, post) and _subsequence(before, pre)


def _predicate(tok: Token) -> bool:
    """Whether the verb states an act: a main, coordinated or complement predicate, up to the
    root, not inside a noun's modifier or a conditional or temporal clause."""
    for _ in range(8):
        if tok.dep_ not in _PREDICATE:
            return False
        if tok.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in _CIRCUMSTANCE for c in tok.children
        ):
            return False
        if tok.dep_ == "ROOT" or tok.head is tok:
            return True
        tok = tok.head
    return False


def _aux(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass"}}


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"never", "not", "n't"} for c in tok.children)


def _complements(tok: Token) -> Iterator[Token]:
    """The verbs this one governs: its clausal complements, an infinitive of purpose ("summoned
    X to complain"), and a gerund in its phrase ("accused X of violating")."""
    for c in tok.children:
        if c.dep_ in {"xcomp", "ccomp"} or (
            c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")
        ):
            yield c
        elif c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pcomp" and g.tag_ == "VBG":
                    yield g
        elif c.dep_ in {"dobj", "attr"}:  # "reiterated its demand that ...", "an ultimatum to"
            for g in c.children:
                if g.dep_ in {"acl", "ccomp"} and g.pos_ == "VERB":
                    yield g


def _with_conjuncts(tok: Token) -> Iterator[Token]:
    """The verb and the verbs coordinated with it ("to democratize and establish")."""
    yield tok
    for c in tok.children:
        if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}:
            yield from _with_conjuncts(c)


def _accompanies(tok: Token, coded: dict[int, str]) -> bool:
    """Whether a coded verb only accompanies another coded act of its sentence, as the event
    coders read a sentence (one event for the act it reports):

    - it stands in a participial clause hung on a coded verb ("staged rallies ..., saying he
      must resign", "rejected the offer, urging them to sign", "expelled two diplomats, adding
      to ..."): the participle comments on the act, it is not a second one;
    - it is a contact or cooperation verb whose purpose is a coded act ("summoned the
      ambassador to complain", "sent experts to investigate"): the purpose is the act.
    """
    t = tok
    for _ in range(8):
        if t.head is t:
            break
        if (
            t.dep_ == "advcl"
            and t.tag_ == "VBG"
            and not any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in t.children)
            and t.head.i in coded
            and t.head.i != tok.i
        ):
            return True
        t = t.head
    code = coded.get(tok.i, "")
    if code[:2] in {"04", "06"}:
        return any(
            c.dep_ in {"advcl", "xcomp"} and c.i in coded and _infinitive(c) for c in tok.children
        )
    return False


def _infinitive(tok: Token) -> bool:
    return any(a.lower_ == "to" for a in tok.children if a.dep_ == "aux")


def _span(tok: Token) -> tuple[int, int]:
    """An argument's phrase: its subtree without the clauses hanging on it."""
    toks = [tok]
    stack = [c for c in tok.children if c.dep_ not in {"relcl", "acl", "advcl", "punct", "cc"}]
    while stack:
        t = stack.pop()
        toks.append(t)
        stack.extend(c for c in t.children if c.dep_ not in {"relcl", "acl", "advcl"})
    lo = min(t.idx for t in toks)
    hi = max(t.idx + len(t.text) for t in toks)
    return lo, hi


def _actor(tok: Token) -> tuple[int, int] | None:
    for c in tok.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return _span(p)
    for c in tok.children:
        if c.dep_ == "nsubj" and c.pos_ != "PRON":
            return _span(c)
    # A controlled or pronoun subject: the governing verb's ("Syria says it will ...").
    head = tok
    for _ in range(3):
        if head.head is head:
            break
        head = head.head
        for c in head.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ != "PRON":
                return _span(c)
    for c in tok.children:
        if c.dep_ == "nsubj":
            return _span(c)
    return None


def _recipient(tok: Token) -> tuple[int, int] | None:
    for c in tok.children:
        if c.dep_ in {"dobj", "dative"}:
            return _span(c)
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS:
            for p in c.children:
                if p.dep_ == "pobj":
                    return _span(p)
    for c in tok.children:
        if c.dep_ == "nsubjpass":
            return _span(c)
    return None


def _mood(code: str, tok: Token, governed: bool) -> str:
    """Step 3: the code as the clause's mood turns it."""
    root = code[:2]
    aux = _aux(tok)
    if _negated(tok) and root in _COOPERATIVE | {"03"}:
        return _REFINE["12"].get(root, "120")
    if aux & _DEMAND_AUX and (root in _COOPERATIVE or root in _HOSTILE or root == "03"):
        return _REFINE["10"].get(root, "100")
    if aux & _FUTURE_AUX and not governed:
        if root in _COOPERATIVE:
            return _FUTURE.get(root, "030")
        if root in _HOSTILE:
            return _THREAT.get(root, "130")
    return code


def code_sentence(sdoc: Doc, lex: Lexicon) -> list[Coded]:
    """The coded clauses of a parsed sentence, in order."""
    raw: dict[int, str | None] = {}
    known: set[int] = set()
    for tok in sdoc:
        if tok.pos_ == "VERB" and _predicate(tok):
            code, is_known = _raw_code(tok, lex)
            if is_known:
                known.add(tok.i)
                raw[tok.i] = code
        elif (
            tok.pos_ == "ADJ"
            and tok.lower_ in INTENT_ADJECTIVES
            and _predicate(tok.head)
            and any(c.dep_ == "xcomp" for c in tok.children)
        ):
            known.add(tok.i)
            raw[tok.i] = "030"
    # Step 2: governing verbs take their complements; a complement of a null verb stands alone.
    absorbed: set[int] = set()
    final: dict[int, str] = {}
    for i in sorted(known):
        code = raw.get(i)
        if not code or code[:2] not in _GOVERNING:
            continue
        tok = sdoc[i]
        for comp in _complements(tok):
            # "accused X of violating ..., ignoring ... and sending": the governed verbs and
            # the verbs coordinated with them are the one accusation's content.
            inner: str | None = None
            for verb in _with_conjuncts(comp):
                absorbed.add(verb.i)
                inner = inner or raw.get(verb.i)
                for deeper in _complements(verb):
                    for d in _with_conjuncts(deeper):
                        absorbed.add(d.i)
                        inner = inner or raw.get(d.i)
            if inner and code[:2] == "11" and _infinitive(comp):
                # "swore to fight", "vowed to": the allegation verbs that take an infinitive
                # pledge it (CAMEO 03x), which step 3 and the refinement turn by its act.
                code = "030"
            if inner and code[:2] in _REFINE and len(code) == 3 and code.endswith("0"):
                code = _REFINE[code[:2]].get(inner[:2], code)
        final[i] = code
    for i in absorbed:
        final.pop(i, None)
    for i in sorted(known):
        if i in absorbed or i in final:
            continue
        code = raw.get(i)
        if code:
            final[i] = code
    # The act of the sentence is its main clause's: drop what only accompanies a coded act.
    for i in [i for i in final if _accompanies(sdoc[i], final)]:
        final.pop(i, None)
    out: list[Coded] = []
    for i in sorted(final):
        tok = sdoc[i]
        governed = i in absorbed
        code = _mood(final[i], tok if tok.pos_ != "ADJ" else tok.head, governed)
        c = lex.code(code)
        if not c.plover:
            continue
        future = bool(_aux(tok) & _FUTURE_AUX)
        out.append(Coded(c, tok.idx, tok.idx + len(tok.text), _actor(tok), _recipient(tok), future))
    return out
