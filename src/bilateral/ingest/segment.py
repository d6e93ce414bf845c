"""Segmentation of clean text: paragraphs, speaker turns and sentences, as offsets.

Every span is ``text[start:end]`` with no white space at either edge. Sentences never cross a
paragraph; a cut-off line without final punctuation is a sentence that ends where its paragraph
ends. The sentence splitter is a regex over the whole text plus a short look at the word before
each candidate boundary (abbreviations, initials), so it runs at the speed of the regex engine.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bilateral.model import Sentence, Span, Turn

# -- paragraphs ---------------------------------------------------------------------------------


def paragraphs(text: str) -> tuple[Span, ...]:
    """Blocks separated by blank lines, without their edge white space."""
    out = []
    pos = 0
    for block in text.split("\n\n"):
        end = pos + len(block)
        stripped = block.strip()
        if stripped:
            start = pos + (len(block) - len(block.lstrip()))
            out.append(Span(start, start + len(stripped)))
        pos = end + 2
    return tuple(out)


# -- speaker turns ------------------------------------------------------------------------------
# Words of posts and forms of address: a name is what follows the last of them.
_TITLE_WORDS = frozenset(
    """president prime minister foreign affairs deputy first vice ambassador secretary general
    state spokeswoman spokesman spokesperson chairman chairwoman chairperson chair head
    permanent representative mr mr. mrs mrs. ms ms. dr dr. h.e. h.e his her excellency majesty
    highness king queen emir prince director senator governor mayor consul envoy special
    executive acting former official under assistant principal plenipotentiary extraordinary
    commissioner chancellor speaker leader delegation ministry mfa professor prof. prof sir
    madam dame lord mme shaikh sheikh""".split()
)
_NOT_NAME = frozenset(
    """meeting council organisation organization union ministry committee assembly countries
    states nations group forum summit conference commission office department government
    republic federation kingdom embassy mission club prize party university agency bank fund
    treaty cooperation parliament parliaments day week session ceremony""".split()
)


def _capitalised_runs(tokens: list[str]) -> list[tuple[list[str], bool]]:
    """Runs of capitalised tokens, each with whether "of" comes right before it."""
    runs: list[tuple[list[str], bool]] = []
    current: list[str] = []
    after_of = False
    for i, tok in enumerate(tokens):
        if tok[:1].isupper():
            if not current:
                after_of = i > 0 and tokens[i - 1].lower() == "of"
            current.append(tok)
        elif current:
            runs.append((current, after_of))
            current = []
    if current:
        runs.append((current, after_of))
    return runs


def _is_title_word(token: str) -> bool:
    return token.lower().strip(".,") in _TITLE_WORDS


def person_name(rest: str) -> str | None:
    """A person's name from "the President of Kazakhstan Kassym-Jomart Tokayev" and the like.

    The name is the last run of capitalised words, after its last title word ("Minister",
    "Mr."). A run right after "of" is the post's country or body ("of Kazakhstan"), unless it
    goes on into a name ("of Kazakhstan Kassym-Jomart Tokayev", "of State Michael Pompeo").
    """
    for run, after_of in reversed(_capitalised_runs(rest.split())):
        # A title word as the last token is a surname ("Mr KING"), not a title.
        cut = max((i + 1 for i, t in enumerate(run[:-1]) if _is_title_word(t)), default=0)
        name = run[cut:]
        if after_of and cut == 0:
            if len(name) < 3:
                continue  # "of Kazakhstan": look further left for the name
            name = name[1:]
        if len(name) > 7 or any(_is_title_word(t) for t in name[:-1]):
            return None
        if any(t.lower().strip(".,") in _NOT_NAME or t.endswith(("’s", "'s", "s’")) for t in name):
            return None
        joined = " ".join(name).strip(".,")
        return joined.title() if joined.isupper() else joined
    return None


QUESTION_LABELS = frozenset(
    "question q вопрос сұрақ journalist correspondent reporter interviewer moderator".split()
)
ANSWER_LABELS = frozenset("answer a ответ жауап".split())
# "Label:" openings that are not speakers.
_NOT_SPEAKERS = frozenset(
    """original source sources note notes nb ps subject date dates time place venue location
    tags tag photo photos video attention agenda theme topic topics summary re ref reference
    references translation contact contacts tel phone fax email e-mail website web address
    category section published updated author authors editor keywords geography persons text
    link links related background context status result results goal goals objective example
    examples warning important update conclusion conclusions introduction part chapter article
    annex appendix quote caption credit credits copyright disclaimer priority priorities total
    also however therefore first second third finally today yesterday tomorrow""".split()
)
# "Mr. President:", "Excellencies:": the audience addressed, not a speaker.
_ADDRESSES = frozenset(
    """mr ms mrs madam madame dear president chairman chairperson chair secretary-general
    secretary general excellencies excellency colleagues friends delegates distinguished
    honourable honorable ladies gentlemen your his her sir""".split()
)
# "Question:", "Sergey Lavrov:", "President of Russia Vladimir Putin:", "Question (TASS):".
_MARKER = re.compile(
    r"(?P<label>(?:(?:Mr|Ms|Mrs|Dr)\.? )?[A-ZА-ЯЁ][\w’'.\-]*"
    r"(?: (?:of (?:the )?)?[A-ZА-ЯЁ][\w’'.\-]*){0,6})"
    r"(?: \([^()\n]{1,60}\))?:(?: |$)"
)


@dataclass(frozen=True, slots=True)
class Marker:
    """A paragraph that opens a turn: "Question: ...", "Sergey Lavrov: ..."."""

    paragraph: int
    label: str  # as written
    speaker: str  # the person's name where the label has one ("Vladimir Putin"), else the label
    question: bool
    start: int | None = None  # where it opens inside its paragraph (an inline marker)

    @property
    def named(self) -> bool:
        """A named speaker's turn (not a question, not a bare "Answer:")."""
        return not self.question and _label_key(self.label) not in ANSWER_LABELS


def _label_key(label: str) -> str:
    return label.lower().rstrip(".")


def _with_colon(text: str, paras: tuple[Span, ...]) -> Sequence[int]:
    """The paragraphs that hold a colon, which every marker has: in most documents a few of
    them, found by the colons rather than by trying the marker at every paragraph."""
    if text.count(":") >= len(paras):
        return range(len(paras))
    starts = [p.start for p in paras]
    out: list[int] = []
    pos = text.find(":")
    while pos >= 0:
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and pos < paras[i].end:
            out.append(i)
            pos = text.find(":", paras[i].end)
        else:
            pos = text.find(":", pos + 1)
    return out


def find_markers(text: str, paras: tuple[Span, ...]) -> tuple[Marker, ...]:
    """Turn openings, kept only when the document is evidently a dialogue."""
    found: list[tuple[int, str, str]] = []
    for i in _with_colon(text, paras):
        p = paras[i]
        m = _MARKER.match(text, p.start, p.end)
        if m is None:
            continue
        label = m.group("label")
        key = _label_key(label)
        words = key.replace(".", "").split()
        if key in _NOT_SPEAKERS or words[0] in _NOT_SPEAKERS or set(words) <= _ADDRESSES:
            continue
        if m.end() >= p.end and i + 1 == len(paras):
            continue
        if key in QUESTION_LABELS or key in ANSWER_LABELS:
            speaker = label
        elif (name := person_name(label)) is not None:
            speaker = name
        elif len(words) > 4:
            continue  # a long label that names nobody: a heading with a colon
        else:
            speaker = label
        found.append((i, label, speaker))
    if not found:
        return ()
    counts = Counter(speaker for _, _, speaker in found)
    dialogue = any(_label_key(label) in QUESTION_LABELS for _, label, _ in found) or any(
        n >= 2 for n in counts.values()
    )
    if not dialogue:
        return ()
    out: list[Marker] = []
    for i, label, speaker in found:
        key = _label_key(label)
        if key in QUESTION_LABELS:
            out.append(Marker(i, label, "Question", True))
        elif (
            key in ANSWER_LABELS
            or counts[speaker] >= 2
            or (out and out[-1].question)
            # Once, in a dialogue: a full name, or a name after a title ("PRESIDENT NAZARBAYEV").
            or " " in speaker
            or speaker != label
        ):
            out.append(Marker(i, label, speaker, False))
    return tuple(out) if len(out) >= 2 else ()


# A turn opened inside a paragraph, as transcripts whose line breaks were lost show them: an
# initial glued to the surname ("В.Путин:", "А.Лукашенко :"), then perhaps the name again and
# the post ("У.Хурэлсух Хурэлсух Ухнагийн Президент Монголии (как переведено) :"), after the
# end of a sentence or a heading.
_INTERPRETER_NOTES = ("как переведено", "в переводе", "as interpreted", "through an interpreter")
_INLINE_MARKER = re.compile(
    r"(?<!\S)(?P<label>[A-ZА-ЯЁ]\.(?:[A-ZА-ЯЁ]\.)?(?P<surname>[A-ZА-ЯЁ][a-zа-яё]+"
    r"(?:-[A-ZА-ЯЁ]?[a-zа-яё]+)?))"
    r"(?: [\w-]+){0,8}?(?: \([^()\n]{1,40}\))? ?:(?= )"
    # ... or a name with the interpreter's note ("Ван И (как переведено) :")
    r"|(?<=[.!?…] )(?P<name>[A-ZА-ЯЁ][\w-]*(?: [A-ZА-ЯЁ][\w-]*){0,3})"
    rf" \((?:{'|'.join(_INTERPRETER_NOTES)})\) ?:(?= )"
    # ... or, in a transcript that has such markers, a Russian name in full after the end of a
    # sentence ("... видеть. Берл Лазар: Спасибо"), the surname last
    r"|(?<=[.!?…] )(?P<full>[А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)?(?: [А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)?){1,2})"
    r" ?:(?= )"
)
# Capitalised words that open a heading or a post, not a name: "Дата Публикации:" never occurs
# capitalised so, but "Президент России:" might.
_NOT_NAME_RU = frozenset(
    "президент председатель премьер-министр министр губернатор глава вопрос ответ примечание "
    "россия москва кремль".split()
)
# What every inline marker holds: an initial glued to a name, or an interpreter's note. Most
# documents have neither, and looking for these is far cheaper than trying the marker (which
# opens with a look-behind) at every character; the period comes first, so that the engine
# scans for it.
_INITIAL_GLUED = re.compile(r"\.(?<=[A-ZА-ЯЁ]\.)(?:[A-ZА-ЯЁ]\.)?[A-ZА-ЯЁ][a-zа-яё]")
# An interpreter's note in brackets: one scan for the bracket, not one per note.
_NOTE = re.compile(rf"\((?:{'|'.join(map(re.escape, _INTERPRETER_NOTES))})\)")


def find_inline_markers(text: str, paras: tuple[Span, ...]) -> tuple[Marker, ...]:
    """Turn openings inside paragraphs ("... Москва, Кремль В.Путин : Уважаемый ..."): the
    speaker is the surname, which the record's mentions of the person contain in every case."""
    if not _INITIAL_GLUED.search(text) and not _NOTE.search(text):
        return ()
    out: list[Marker] = []
    for i, p in enumerate(paras):
        for m in _INLINE_MARKER.finditer(text, p.start, p.end):
            full = m.group("full")
            if full is not None:
                if any(w.lower() in _NOT_NAME_RU for w in full.split()):
                    continue
                out.append(Marker(i, full, full.split()[-1], False, m.start()))
                continue
            name = m.group("surname") or m.group("name")
            out.append(Marker(i, m.group("label") or name, name, False, m.start()))
    return tuple(out)


_TERMINAL_END = re.compile(r"[.!?…:;,\"”’»)\]]$")


def _ends_prose(text: str, p: Span) -> bool:
    return _TERMINAL_END.search(text, p.start, p.end) is not None


def build_turns(
    text: str,
    paras: tuple[Span, ...],
    markers: tuple[Marker, ...],
    *,
    opening_speaker: str | None = None,
    skip: int = 0,
    aliases: Mapping[str, str] | None = None,
) -> tuple[Turn, ...]:
    """Turns from markers; ``opening_speaker`` owns the prose before the first question.

    ``skip`` paragraphs at the top (the title, date lines) belong to no turn; ``aliases`` maps a
    label's name to the speaker's full name ("Nazarbayev" to "Nursultan Nazarbayev").
    """
    aliases = aliases or {}
    if not markers:
        return ()
    has_questions = any(m.question for m in markers)
    answerer = opening_speaker
    if answerer is None:
        names = Counter(m.speaker for m in markers if m.named)
        answerer = names.most_common(1)[0][0] if names else None
    turns: list[Turn] = []
    first = markers[0].paragraph
    if opening_speaker and markers[0].question and first > skip:
        # Opening remarks: from the first paragraph of prose after the header to the question.
        start_para = next(
            (
                i
                for i in range(skip, first)
                if _ends_prose(text, paras[i]) or paras[i].end - paras[i].start > 300
            ),
            first,
        )
        if start_para < first:
            turns.append(
                Turn(paras[start_para].start, paras[first - 1].end, opening_speaker, "remarks")
            )
    for n, m in enumerate(markers):
        nxt = markers[n + 1] if n + 1 < len(markers) else None
        if m.start is not None or (nxt is not None and nxt.start is not None):
            # Inline markers: the turn runs from its marker to the next one (or to the end of
            # the last paragraph of prose).
            begin = m.start if m.start is not None else paras[m.paragraph].start
            if nxt is not None:
                finish = nxt.start if nxt.start is not None else paras[nxt.paragraph - 1].end
            else:
                finish = paras[_last_prose(text, paras, m.paragraph)].end
            speaker = aliases.get(m.speaker, m.speaker)
            turns.append(Turn(begin, finish, speaker, "remarks"))
            continue
        if n + 1 < len(markers):
            last = markers[n + 1].paragraph - 1
        else:
            # The last turn runs to the last paragraph of prose: not into a footer or a byline.
            last = m.paragraph
            for j in range(len(paras) - 1, m.paragraph, -1):
                if _ends_prose(text, paras[j]) and not _is_footer(text, paras[j]):
                    last = j
                    break
        if m.question:
            speaker, role = m.speaker, "question"
        elif m.named:
            speaker = aliases.get(m.speaker, m.speaker)
            role = "answer" if has_questions else "remarks"
        else:
            speaker, role = answerer or m.label, "answer"
        turns.append(Turn(paras[m.paragraph].start, paras[last].end, speaker, role))
    return tuple(turns)


def _last_prose(text: str, paras: tuple[Span, ...], first: int) -> int:
    for j in range(len(paras) - 1, first, -1):
        if _ends_prose(text, paras[j]) and not _is_footer(text, paras[j]):
            return j
    return first


_FOOTER = re.compile(r"(?:Source|Sources|Photo|Tags|Published)\s*:", re.IGNORECASE)


def _is_footer(text: str, p: Span) -> bool:
    return _FOOTER.match(text, p.start, p.end) is not None


# -- sentences ----------------------------------------------------------------------------------
_UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
# Never the end of a sentence: titles before a name, and a few others.
_NEVER_FINAL = frozenset(
    """mr mrs ms dr prof st messrs mme mlle gen col lt capt cmdr sgt maj adm rev hon sen rep gov
    amb h.e h.h h.m sect cf viz vs ibid""".split()
)
# The end of a sentence only when a digit does not follow: "No. 5", "Art. 3", "Jan. 12".
_BEFORE_NUMBER = frozenset(
    """no nos art arts vol vols fig figs p pp para paras sec ch op jan feb mar apr jun jul aug sep
    sept oct nov dec tel ext approx ca""".split()
)
# A candidate boundary: a final mark or a closing quote or bracket, one space, and what can open
# a sentence (a capital, a digit, an opening quote or bracket). Clean text has single spaces.
# Most candidates are decided by the regex alone: a period after three lower-case letters that
# do not end an abbreviation above (group "sure"), or "!", "?", "…" (group "mark"). Two more
# groups save ``_is_boundary`` most of its work, for the same answers: a period after four
# digits (group "year": an end) and after a line's first one to three digits (group "number":
# a paragraph's number, no end), each with a check on where the sentence starts. The pattern
# opens with a character class, which the regex engine scans for quickly; the look-behinds
# come after that first character.
_CLOSERS = "\"'”’»)]"
_FINALS = ".!?…"
# One look-behind per length of ending (a look-behind has a fixed width): one per word made the
# engine try dozens at every period.
_ENDINGS = sorted({w[-4:] for w in _NEVER_FINAL | _BEFORE_NUMBER if len(w) >= 3 and w.isalpha()})
_NOT_ABBREVIATION = "".join(
    f"(?<!(?i:{'|'.join(re.escape(e) for e in _ENDINGS if len(e) == n)})\\.)" for n in (3, 4)
)
_BOUNDARY = re.compile(
    r"[.!?…\"'”’»)\]]"
    rf"(?:(?<=[a-z]{{3}}\.){_NOT_ABBREVIATION}(?P<sure>)|(?<=[!?…])(?P<mark>)"
    r"|(?<=\d{4}\.)(?P<year>)|(?:(?<=\n\d\.)|(?<=\n\d\d\.)|(?<=\n\d\d\d\.))(?P<number>))?"
    r"[.!?…]*[\"'”’»)\]]* "
    rf"(?=[\"'“‘«(\[]?[{_UPPER}0-9])"
)
_DECIDED = ("sure", "mark")  # the groups that are a sentence end whatever the sentence
_INITIALISM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_ENUMERATOR = re.compile(r"(?:\d{1,3}|[IVXLC]{1,6}|[a-zA-Z])")
# Words that open a new sentence after an abbreviation such as "U.S." or "etc.".
_OPENERS = frozenset(
    """The This That These Those It Its We Our I In On At As He She They Their There But And
    However Moreover Furthermore Therefore Thus Today Yesterday Now Then Since If When While
    After Before Both All Some Many Most Such A An""".split()
)
_OPENING_PUNCT = "\"'“‘«(["


def _is_boundary(text: str, punct: int, nxt: int, sent_start: int) -> bool:
    """Is the candidate at ``punct`` (the first final mark) before ``nxt`` a sentence end?"""
    if text[punct] != ".":
        return True
    space = text.rfind(" ", sent_start, punct)
    word = text[space + 1 if space >= 0 else sent_start : punct].lstrip(_OPENING_PUNCT)
    if len(word) > 5 and "." not in word:
        return True  # the common case, decided without lower-casing anything
    key = word.lower()
    if key in _NEVER_FINAL:
        return False
    if key in _BEFORE_NUMBER:
        return not text[nxt].isdigit()
    if len(word) == 1 and word.isalpha():
        # An initial ("B. Sultanov", "Joseph R. Biden"), or "Plan B." at the end of a sentence.
        return word.islower()
    if _INITIALISM.fullmatch(word):
        # "U.S. President", "H.E. Mr": no end; "in the U.S. The": an end.
        return text[nxt : nxt + 20].split(" ", 1)[0].lstrip(_OPENING_PUNCT) in _OPENERS
    # Not an end after a paragraph's number: "79. I am happy", "IV. Conclusions".
    return not (space < sent_start and _ENUMERATOR.fullmatch(word))


def _ends_here(text: str, m: re.Match[str], s: int) -> bool:
    """Does the candidate ``m`` end the sentence that starts at ``s``?"""
    group = m.lastgroup
    if group is not None:
        if group == "year":
            if m.start() - 4 >= s:
                return True  # "in 2023.": the word before is no abbreviation or number
        elif group == "number":
            if text.rfind("\n", 0, m.start()) < s:
                return False  # "12. The": the sentence starts within the number
        else:
            return True  # decided by the regex: "word." or "!", "?", "…"
    i = m.end() - 2  # the last character before the space
    while i > s and text[i] in _CLOSERS:
        i -= 1
    if text[i] not in _FINALS:
        return False  # a quote closes, but no sentence ends inside it
    while i > s and text[i - 1] in _FINALS:
        i -= 1  # to the first of "...", "?!"
    return i > s and _is_boundary(text, i, m.end(), s)


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of ``text[start:end]`` (one paragraph) as (start, end) pairs."""
    out = []
    s = start
    for m in _BOUNDARY.finditer(text, start, end):
        if _ends_here(text, m, s):
            out.append((s, m.end() - 1))
            s = m.end()
    if s < end:
        out.append((s, end))
    return out


# A sentence as the store keeps it: (start, end, paragraph, turn). A text-only ingest needs no
# more, and building a Sentence object for each of the corpus's sentences cost more than
# finding them.
SentenceRow = tuple[int, int, int, int | None]


def sentence_rows(
    text: str, paras: tuple[Span, ...], turns: tuple[Turn, ...] = ()
) -> list[SentenceRow]:
    """``sentences`` as rows."""
    # One pass of the boundary regex over the whole text (a boundary needs a space, and
    # paragraphs are separated by newlines, so no match crosses a paragraph). A candidate
    # past the paragraph's end closes the paragraph (its rest is its last sentence); one before
    # the paragraph's start lies between paragraphs and is passed over.
    # Rows without their turn: most documents have no turns, and their rows are these.
    cuts: list[SentenceRow] = []
    cut = cuts.append
    if not paras:
        return []
    n = len(paras)
    pi = 0
    ps, pe = paras[0].start, paras[0].end
    s = ps
    for m in _BOUNDARY.finditer(text):
        start, end = m.span()
        while end > pe:
            if s < pe:
                cut((s, pe, pi, None))
            pi += 1
            if pi == n:
                break
            ps, pe = paras[pi].start, paras[pi].end
            s = ps
        else:
            if start >= ps and (m.lastgroup in _DECIDED or _ends_here(text, m, s)):
                cut((s, end - 1, pi, None))
                s = end
            continue
        break
    if pi < n:
        if s < pe:
            cut((s, pe, pi, None))
        for p in paras[pi + 1 :]:
            cut((p.start, p.end, pi := pi + 1, None))
    if not turns:
        return cuts
    out: list[SentenceRow] = []
    t = 0
    nturns = len(turns)
    for a, b, i, _ in cuts:
        while t < nturns and turns[t].end <= a:
            t += 1
        out.append((a, b, i, t if t < nturns and turns[t].start <= a else None))
    return out


def sentences(
    text: str, paras: tuple[Span, ...], turns: tuple[Turn, ...] = ()
) -> tuple[Sentence, ...]:
    """Every sentence, with its paragraph index and the index of the turn it starts in."""
    return tuple(Sentence(a, b, i, t) for a, b, i, t in sentence_rows(text, paras, turns))
