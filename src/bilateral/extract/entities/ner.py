"""Names the knowledge base and the patterns lack: the spaCy NER model, then its filters.

The statistical model is the weakest link: on diplomatic prose it tags honorifics ("H.E. Mr.")
and headings as organisations, demonyms as places, and treaty titles as bodies. So it runs last,
only on the sentences where a capitalised word is left that neither the KB nor a pattern
explains (about a fifth of a UN speech), and everything it returns passes the filters below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bilateral.context import Context
from bilateral.extract.entities.patterns import (
    GENERIC,
    HEAD_WORDS,
    HONORIFICS,
    LINKS,
    NAME_PARTICLES,
    NOT_BODY_HEADS,
    PORTFOLIO_WORDS,
    TITLE_WORDS,
    Found,
    clean_span,
    generic,
    headline,
    sentence_initial,
    title_case,
    without_verb,
)
from bilateral.extract.entities.persons import person_words, post_word
from bilateral.extract.text.lines import line_end, line_start
from bilateral.extract.text.occurrences import occurrences, occurs_in_lower_case
from bilateral.extract.text.sentences import bounded
from bilateral.kb import KnowledgeBase, normalize_name
from bilateral.model import Document

# A capitalised word, or an acronym the KB does not know ("OCSE", a misspelling, is a body too).
_CAP_WORD = re.compile(r"(?<![\w’'-])(?:[A-Z][a-z][\w’'-]*|[A-Z]{2,6}\b)")
_LABELS = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}


def worth_ner(text: str, covered: bytearray, offset: int, kb: KnowledgeBase) -> bool:
    """Whether a chunk holds a capitalised word inside a sentence that nothing explains yet."""
    for m in _CAP_WORD.finditer(text):
        if covered[offset + m.start()]:
            continue
        word = m.group(0).removesuffix("’s").removesuffix("'s")
        if word in GENERIC or word in TITLE_WORDS or kb.country_by_adjective(word) is not None:
            continue
        if sentence_initial(text, m.start()):
            continue
        return True
    return False


def chunks(doc: Document) -> list[tuple[int, int]]:
    """Spans to give the model: sentences when the document has them, else its lines (a long
    one cut into pieces the model takes)."""
    if doc.sentences:
        return [(s.start, s.end) for s in doc.sentences]
    out, pos = [], 0
    for line in doc.text.split("\n"):
        if line.strip():
            out.extend(bounded(pos, pos + len(line), doc.text))
        pos += len(line) + 1
    return out


def ner_found(
    doc: Document, ctx: Context, spans: Iterable[tuple[int, int]], kb: KnowledgeBase
) -> list[Found]:
    """Run spaCy over the given spans (batched) and keep what survives the filters."""
    spans = list(spans)
    if not spans:
        return []
    text = doc.text
    out = []
    # Batches of 128 sentences: a sixth less CPU than batches of 16, the same entities.
    for (offset, _), parsed in zip(
        spans, ctx.nlp.pipe((text[a:b] for a, b in spans), batch_size=128), strict=True
    ):
        if ctx.deadline.over():
            break  # out of time: the names found so far stand
        for ent in parsed.ents:
            etype = _LABELS.get(ent.label_)
            if etype is None:
                continue
            found = _filter(text, offset + ent.start_char, offset + ent.end_char, etype, kb)
            if found is not None:
                out.append(found)
    return out


def _filter(text: str, start: int, end: int, etype: str, kb: KnowledgeBase) -> Found | None:
    """The model's span cleaned, or None when it is one of the model's known errors."""
    nl = text.find("\n", start, end)
    if nl >= 0:  # names do not cross lines; keep the first line's part
        end = nl
    start, end = clean_span(text, start, end)
    if text[start:end].endswith("ís") and _capitalised_inside(text, text[start : end - 2]):
        end -= 2  # "Councilís": a typographic apostrophe read in the wrong encoding
    # Leading honorifics and titles ("H.E. Mr. Murat", "President Tokayev"), trailing link words.
    titled = False
    while start < end:
        m = re.match(r"(\S+)[ \t\xa0]+", text[start:end])
        if m is None or (m.group(1) not in HONORIFICS and m.group(1) not in TITLE_WORDS):
            break
        start += m.end()
        titled = True
    span = text[start:end].strip(' \t\xa0,.;:*•()[]"“”')
    while span.split() and (span.split()[-1] in LINKS or span.split()[-1] in HONORIFICS):
        span = span[: span.rstrip().rfind(" ")].rstrip() if " " in span.strip() else ""
    if not span or span in TITLE_WORDS or span + "." in TITLE_WORDS:
        return None  # "Sgt." alone: a title, no one's name
    start = text.index(span, start)
    end = start + len(span)
    if headline(text, start):
        start, end = without_verb(text, start, end)
        if start >= end:
            return None
        span = text[start:end]
    if etype == "person":
        # "Jake Sullivan’s Phone" in a title-case headline: a person's name ends at a possessive.
        poss = _POSSESSIVE_INSIDE.search(text, start, end)
        if poss is not None:
            end = poss.start()
            span = text[start:end].rstrip()
            if not span:
                return None
    elif _OPENS_A_DOCUMENT.match(span):
        return None  # "Readout of National Security Advisor": a headline, no body
    elif etype == "organization":
        # "Indian National Security Advisor Ajit Doval" read as a body: the plain name after
        # a post's title word is its holder; a body's name ends in no post ("... Advisor").
        ws = list(re.finditer(r"\S+", span))
        last = max((i for i, w in enumerate(ws) if post_word(w.group(0))), default=-1)
        if last >= 0 and not any(w.group(0) in HEAD_WORDS for w in ws[:last]):
            rest = [w.group(0) for w in ws[last + 1 :]]
            if not rest:
                return None
            if _plain_name(rest, kb):
                start, titled, etype = start + ws[last + 1].start(), True, "person"
                span = text[start:end]
    # "Taoiseach Micheál Martin" read as a body: a plain name after a title is a person, the
    # title inside the model's span or right before it ("Ssg. Jane Roe Jr.").
    before = _WORD_BEFORE.search(text, max(0, start - 20), start)
    titled = titled or (before is not None and before.group(1) in TITLE_WORDS)
    if titled and etype != "person" and _plain_name(span.split(), kb):
        etype = "person"
    # "Taguig City", "Scarborough Shoal" read as a person or body: a geographic head makes a
    # place.
    if etype != "place" and len(span.split()) > 1 and span.split()[-1] in _PLACE_HEADS:
        etype = "place"
    # "hostages in Sulu", "people from Jolo": one word after a preposition of place that no
    # person of the KB bears in a name is a place the model took for a person.
    if (
        etype == "person"
        and " " not in span
        and _LOCATIVE.search(text, max(0, start - 12), start) is not None
        and normalize_name(span) not in person_words(kb)
    ):
        etype = "place"
    if _model_error(text, start, end, etype, kb):
        return None
    name = title_case(span) if etype == "person" else span
    return Found(start, end, etype, " ".join(name.split()), "ner")


def _model_error(text: str, start: int, end: int, etype: str, kb: KnowledgeBase) -> bool:
    span = text[start:end]
    ws = span.split()
    if etype == "organization" and _body_of_post(text, start, end, ws):
        return False  # "Jane Roe, President and CEO, National Urban League": the post's body
    if etype == "organization" and _portfolio_of_post(text, start, ws):
        return True  # "Senior Director of Cabinet Affairs": the post's portfolio, no body
    if etype == "organization" and _post_lead(text, end, ws, kb):
        return True  # "Kazakh Healthcare Vice Minister": a state and a portfolio, no body
    if not span[0].isupper() or any(ch.isdigit() for ch in span) or len(ws) > 8:
        return True
    if span.isupper() and (len(ws) > 1 or etype != "organization" or len(span) < 2):
        return True  # headings ("RUSSIAN FEDERATION") and stray capitals ("MR")
    # Lists ("Pushkin, Lermontov"), references ("AHG/Res"), other scripts (the model is English).
    if any(c in span for c in ",/") or re.search(r"[\u0400-\u04ff]", span):
        return True
    if span.count("(") != span.count(")"):
        return True  # "LEU) Bank": cut through a bracketed acronym
    if all(generic(w) or w in LINKS for w in ws) or generic(_head(span)):
        return True  # "the Organization", "Ministers for Foreign Affairs"
    lower = any(_lower_inside(w) for w in ws[:-1]) or _lower_inside(ws[-1], last=True)
    if etype != "person" and lower:
        return True  # "Internationalisation of the efforts": names are capitalised
    demonym = [_demonym(w, kb) for w in ws]
    if all(demonym) or (etype == "person" and any(demonym)):
        return True  # "Kazakh", "Uzbeks", "Kazakh-American"; a person's name holds no demonym
    if len(ws) == 1 and (
        _common_noun(text, start, span)
        or span.endswith(("ism", "phobia", "ians", "anis", "ese", "ists"))
        or _whole_line(text, start, end)
        or _next_to_number(text, start, end)
        or _portfolio(text, start, end)
        or _fragment(text, start, end)
        or (sentence_initial(text, start) and not _capitalised_inside(text, span))
        or (etype == "organization" and _rare_word(text, span))
        or (etype == "place" and _rare_word(text, span) and not _after_place_word(text, start))
    ):
        return True
    if etype == "person":
        return (
            not all(w[0].isupper() or w in NAME_PARTICLES for w in ws)
            or all(w.rstrip(".").lower() in ("jr", "sr") for w in ws)  # "Biden, Jr": a suffix
            or any(
                w in NOT_BODY_HEADS or w.removesuffix("s") in NOT_BODY_HEADS or w in PORTFOLIO_WORDS
                for w in ws
            )
            or _not_a_person(text, start, ws, kb)
        )
    if etype == "organization" and _inside_title(text, start, end):
        return True
    if (
        etype == "organization"
        and len(ws) == 1
        and span.isupper()
        and _names_no_body(text, span, kb)
    ):
        return True
    return _head(span) in NOT_BODY_HEADS or ws[0] in GENERIC


_PLACE_HEADS = frozenset(
    "City Town Village Province Island Islands Bay Shoal Shoals Reef Sea Strait Gulf Peninsula"
    " River Lake Valley Bridge Airport Stadium Harbor Harbour Canal Tunnel Dam Highway".split()
)
# A possessive that ends a word inside a span: the name is the words before it.
_POSSESSIVE_INSIDE = re.compile(r"[’']s(?=[ \t\xa0])")
# Headlines the model reads as bodies: "Readout of ...", "Statement by ...", "Remarks by ...".
_OPENS_A_DOCUMENT = re.compile(
    r"(?:Readout|Statement|Remarks|Transcript|Fact[ \t\xa0]+Sheet|Message)[ \t\xa0]+"
    r"(?:of|by|on|from|at|to|for)\b"
)
_LOWER_PART = re.compile(r"-[a-z]")  # "Arleigh Burke-class"
_CAPS_WORD = re.compile(r"[A-Z]{2,}\Z")  # "USS John S. McCain"
_REGNAL = frozenset("II III IV VI VII VIII IX XI XII".split())
# Auxiliaries and copulas: a title-case clause ("As May Be Deemed Necessary"), never a name.
_AUXILIARIES = frozenset(
    "be been being is are was were am has have had shall will would should can could must"
    " does did not".split()
)


# A ship's prefix: "USS John S. McCain" names a ship after a person.
_VESSEL = r"(?<![\w-])(?:USS|USNS|USCGC|HMS|HMAS|HMCS|HMNZS|BRP|INS|RFS|ROKS|TCG|KRI)[ \t\xa0]+"
_VESSEL_BEFORE = re.compile(_VESSEL + r"(?:[A-Z][\w.]*[ \t\xa0]+){0,3}\Z")


def _has_vessel(text: str) -> bool:
    return any(
        occurrences(text, p)
        for p in (
            "USS",
            "USNS",
            "USCGC",
            "HMS",
            "HMAS",
            "HMCS",
            "HMNZS",
            "BRP",
            "INS",
            "RFS",
            "ROKS",
            "TCG",
            "KRI",
        )
    )


def _not_a_person(text: str, start: int, ws: list[str], kb: KnowledgeBase) -> bool:
    """Title-case fragments the model calls persons: a class of ship ("Burke-class"), a vessel
    ("USS ..."), a title-case clause with an auxiliary ("May Be Deemed"), or words none of
    which any person of the KB bears in a name, where one of them is a word the document also
    writes in lower case ("Delivers Speech" in a headline, "the speech") or a single word in
    the plural ("Houthis", "Berliners")."""
    if any(_LOWER_PART.search(w) for w in ws):
        return True
    if _VESSEL_BEFORE.search(text, max(0, start - 40), start) is not None:
        return True
    if _has_vessel(text) and re.search(
        _VESSEL + rf"(?:[A-Z][\w.]*[ \t\xa0]+){{0,3}}{re.escape(ws[-1])}\b", text
    ):
        return True  # "The McCain crew": the ship named "USS John S. McCain" elsewhere
    if any(_CAPS_WORD.match(w) and w not in _REGNAL for w in ws):
        return True
    before = re.search(r"(\w+)[ \t\xa0]+\Z", text[max(0, start - 12) : start])
    if any(w.lower() in _AUXILIARIES for w in ws) or (
        before is not None and before.group(1).lower() in _AUXILIARIES
    ):
        return True
    known = person_words(kb)
    if any(normalize_name(w) in known for w in ws):
        return False
    if len(ws) == 1 and ws[0].endswith("s"):
        return True
    return any(occurs_in_lower_case(text, w) for w in ws)


def _plain_name(ws: list[str], kb: KnowledgeBase) -> bool:
    return 2 <= len(ws) <= 4 and not any(
        generic(w) or w in HEAD_WORDS or w in NOT_BODY_HEADS or w in LINKS or kb.lookup(w)
        for w in ws
    )


def _lower_inside(word: str, last: bool = False) -> bool:
    """A lower-case word that is no link word; a body's head noun may stay lower case at the end
    ("the Democratic party")."""
    if not word[0].islower() or word in LINKS or word in NAME_PARTICLES:
        return False
    return not (last and word.capitalize() in HEAD_WORDS)


def _demonym(word: str, kb: KnowledgeBase) -> bool:
    parts = word.split("-")
    return all(
        kb.country_by_adjective(p) is not None or kb.country_by_adjective(p.removesuffix("s"))
        for p in parts
    )


def _rare_word(text: str, word: str) -> bool:
    """A one-word body the model saw once ("Commemorative", "Philharmonic") is usually a
    mistake; an acronym in the plural ("CBMs") is no body either."""
    if re.fullmatch(r"[A-Z]{2,}s", word):
        return True
    if word.isupper():
        return False  # an acronym the KB lacks ("OCSE", "IGAD") names a body even once
    return len(occurrences(text, word)) < 2


_WORD_BEFORE = re.compile(r"(\S+)[ \t\xa0]+\Z")
_LOCATIVE = re.compile(r"\b(?:in|from|near|across|throughout|inside)[ \t\xa0]+\Z")
_PLACE_BEFORE = re.compile(r"\b(?:in|of|from|to|near|across|throughout)[ \t\xa0]+\Z")


def _after_place_word(text: str, start: int) -> bool:
    """ "of California", "in Wisconsin": a name seen once is still a place after a preposition
    that takes one (and never after "the", which a body takes)."""
    return _PLACE_BEFORE.search(text, max(0, start - 12), start) is not None


def _head(name: str) -> str:
    """The head noun of a name: the last word before "of"/"for"/"on", else the last word
    ("Review Conference of the Parties" -> Conference; "Dayton Agreements" -> Agreement)."""
    core = re.split(r"\s+(?:of|for|on|to)\s+", name, maxsplit=1)[0].split()
    word = core[-1] if core else name
    return word if word in NOT_BODY_HEADS else word.removesuffix("s")


def _common_noun(text: str, start: int, word: str) -> bool:
    """ "the Territory", "the Powers": a common noun the document also writes in lower case."""
    if not re.search(r"\b(?:the|The)[ \t\xa0]+\Z", text[max(0, start - 5) : start]):
        return False
    return occurs_in_lower_case(text, word)


def _portfolio(text: str, start: int, end: int) -> bool:
    """ "Commerce Secretary Ross", "Secretary of Commerce": a portfolio, not a body."""
    m = re.match(r"[ \t\xa0]+(\S+)", text[end : end + 30])
    if m is not None and m.group(1) in TITLE_WORDS:
        return True
    m = re.search(
        r"(\S+)[ \t\xa0]+(?:of|for)[ \t\xa0]+(?:the[ \t\xa0]+)?\Z", text[max(0, start - 40) : start]
    )
    return m is not None and m.group(1) in TITLE_WORDS


def _fragment(text: str, start: int, end: int) -> bool:
    """One word of a longer capitalised name the model split ("Murat" of "Murat Abugaliuly")."""
    after = re.match(r" ([A-Z][a-z])", text[end : end + 3])
    before = re.search(r"([A-Z][\w’'-]*) \Z", text[max(0, start - 30) : start])
    if before is not None and sentence_initial(text, start - len(before.group(0))):
        before = None
    return after is not None or (before is not None and before.group(1) not in GENERIC)


def _names_no_body(text: str, acronym: str, kb: KnowledgeBase) -> bool:
    """ "Memorandum of Understanding (MOU)", "Trans-Pacific Partnership (TPP)", "South China
    Sea (SCS)": an acronym the text defines in brackets after a document, a programme or a place
    stands for that, not for a body."""
    for at in occurrences(text, acronym):
        if text[at - 1 : at] != "(" or text[at + len(acronym) : at + len(acronym) + 1] != ")":
            continue
        words: list[str] = []
        for w in reversed(text[max(0, at - 160) : at - 1].split()):
            if not (w[:1].isupper() or w in LINKS) or len(words) > len(acronym) + 3:
                break
            words.insert(0, w)
        while words and words[0] in LINKS:
            words.pop(0)
        if not words:
            continue
        name = " ".join(words)
        if _head(name) in NOT_BODY_HEADS or _head(name) == "Memorandum":
            return True
        tails = (" ".join(words[i:]) for i in range(len(words)))
        return any(e.type in ("place", "country") for t in tails for e in kb.lookup(t))
    return False


def _capitalised_inside(text: str, word: str) -> bool:
    """Whether `word` also stands capitalised somewhere no sentence starts."""
    return any(not sentence_initial(text, at) for at in occurrences(text, word))


def _whole_line(text: str, start: int, end: int) -> bool:
    """A lone word on its own line is a menu item or heading ("Transcripts", "Settings")."""
    a, b = line_start(text, start), line_end(text, end)
    if (b if b >= 0 else len(text)) - a > 4 * (end - start) + 80:
        return False  # a line with room for more words (and no need to read it all)
    line = text[a : b if b >= 0 else len(text)]
    return re.sub(r"[\W_]+", "", line) == re.sub(r"[\W_]+", "", text[start:end])


def _next_to_number(text: str, start: int, end: int) -> bool:
    """Currency codes and units ("USD 28 billion") stand next to a number."""
    return bool(re.match(r"[\s\xa0]*\d", text[end : end + 3])) or bool(
        re.search(r"\d[\s\xa0]*\Z", text[max(0, start - 3) : start])
    )


# A post's title word and what sets its body off: "President, ...", "CEO of the ...".
_POST_BEFORE = re.compile(
    r"([A-Z][\w-]*)(?:[ \t\xa0]*,|[ \t\xa0]+(?:of|at))[ \t\xa0]+(?:the[ \t\xa0]+)?\Z"
)


def _body_of_post(text: str, start: int, end: int, ws: list[str]) -> bool:
    """Whether the model's body is the one a post right before it is of ("Vice President of GE
    Healthcare", "Jane Roe, President and CEO, National Urban League"): a name of two words or more,
    capitalised throughout, one of them no generic word, ending the line or clause. A name in that
    place is a body whatever generic words it holds ("National", "League")."""
    if (
        len(ws) < 2
        or not all(w[0].isupper() or w in LINKS for w in ws)
        or any(c in text[start:end] for c in ",/")
    ):
        return False
    if all(generic(w) or w in LINKS for w in ws) or ws[-1] in PORTFOLIO_WORDS:
        return False  # "Minister of Foreign Affairs": a portfolio, no body
    before = _POST_BEFORE.search(text, max(0, start - 40), start)
    if before is None or not post_word(before.group(1)):
        return False
    return re.match(r"[ \t\xa0]*(?:[\n.;,)]|\Z)", text[end : end + 2]) is not None


def _portfolio_of_post(text: str, start: int, ws: list[str]) -> bool:
    """Whether the model's body is a portfolio a post is "of" ("Director of Cabinet Affairs",
    "Vice President of Public Relations"): a field's word ends it and no body's word is in it."""
    if ws[-1] not in PORTFOLIO_WORDS or any(w in HEAD_WORDS for w in ws):
        return False
    before = _POST_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and post_word(before.group(1)) and "," not in before.group(0)


# The rest of a post's title after its lead: up to two modifiers and the title word.
_TITLE_AFTER = re.compile(r"(?:[ \t\xa0]+[A-Z][\w-]*){1,3}")


def _post_lead(text: str, end: int, ws: list[str], kb: KnowledgeBase) -> bool:
    """Whether the model's body is a demonym and a portfolio before a post's title ("Kazakh
    Healthcare Vice Minister", "Lebanese Defense Minister"): the state's minister, no body's."""
    if len(ws) < 2 or not _demonym(ws[0], kb) or any(w in HEAD_WORDS for w in ws):
        return False
    after = _TITLE_AFTER.match(text, end)
    return after is not None and any(post_word(w) for w in after.group(0).split())


def _inside_title(text: str, start: int, end: int) -> bool:
    """Whether the span is part of a capitalised agreement or event title around it ("Concept of
    Cooperation of the SCO Member States on the Development of Remote ...", "Biological and
    Toxin Weapons Convention")."""
    left = text[max(0, start - 160) : start].split()
    for w in reversed(left[-14:]):
        w = w.strip('“”"')
        if w in NOT_BODY_HEADS:
            return True
        if not w or w[-1] in ",;:()" or not (w[0].isupper() or w in LINKS):
            break
    for w in text[end : end + 120].split()[:10]:
        bare = w.strip(',;:.()“”"')
        if bare in NOT_BODY_HEADS:
            return True
        if not bare or bare != w or not (bare[0].isupper() or bare in LINKS):
            break
    return False
