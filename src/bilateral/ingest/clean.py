"""Cleaning: from extracted text to the clean text that every offset in the record refers to.

The clean text is a sequence of paragraphs separated by exactly one blank line ("\\n\\n") and
holds no other line breaks; runs of spaces are single spaces; Unicode is NFC. The cascade, in
order, and why:

1. Normalise characters: NFC, no-break and other spaces to " ", zero-width characters, BOMs and
   control characters removed, every kind of line break to "\\n". Typographic quotes and dashes
   stay as they are: they are the text.
2. Markdown emphasis goes (``**bold**``, ``*italic*``); a bold run spread over several lines is
   one heading, so its lines are joined.
3. Glued stamps ("9 June 202017:46") get their space back.
4. Residue lines are marked for removal: web page furniture (menus, share bars, language
   switchers, breadcrumbs, site titles) and print furniture (page numbers, UN job numbers and
   document symbols). A line is residue only when the WHOLE line matches; a sentence never is.
5. Hard-wrapped lines are joined back into paragraphs: always before a lower-case continuation
   or after a word broken by a hyphen ("Counter- Terrorism" is one word too); and, in documents that are hard-wrapped throughout (UN
   records, PDF text), wherever the line could not have ended (the next word would have fit).
   Lines cut off by scraping (a place name lost at the end) are NOT joined to the next line in
   documents that are not hard-wrapped: their sentence ends at the paragraph end.
6. Every remaining line break becomes a paragraph break; a short heading or name card printed
   twice in a row is kept once.

``clean(clean(x)) == clean(x)``: where a join brings something new into view (emphasis markers
paired across lines, two lines that together read as residue), the cascade runs again.
Speed matters (the whole corpus is 200 MB): every step is a regex or a string method over the
whole text, and Python looks only at the few places those find.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata

from bilateral.kb.boilerplate import load_boilerplate

# -- 1. characters -------------------------------------------------------------------------------
_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\ufffe"
_LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_CONTROLS = "".join(chr(c) for c in (*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, 0x7F))
_REPLACEMENT = {
    **dict.fromkeys(_SPACES, " "),
    **dict.fromkeys(_LINE_BREAKS, "\n"),
    **dict.fromkeys(_INVISIBLE + _CONTROLS, ""),
}
_SPECIAL = re.compile(f"[{re.escape(_SPACES + _INVISIBLE + _LINE_BREAKS + _CONTROLS)}]")
_MULTISPACE = re.compile(r"  +")

# -- 2. markdown emphasis -----------------------------------------------------------------------
_BOLD = re.compile(r"\*\*(?=[^*\s])([^*\n]*+(?:(?:\n(?!\n)|\*(?!\*))[^*\n]*+)*?)\*\*")
# The literal first, its look-behind after it (the same test on the character before the
# asterisk): a pattern that opens with a look-behind is tried at every character.
_ITALIC = re.compile(r"\*(?<![\w*]\*)(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")

# -- 3. glued stamps ----------------------------------------------------------------------------
_MONTHS_EN = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_GLUED_STAMP = re.compile(
    rf"(\b(?:\d{{1,2}}\s+{_MONTHS_EN}|{_MONTHS_EN}\s+\d{{1,2}},?)\s+(?:19|20)\d\d"
    rf"|\b\d{{1,2}}[./]\d{{1,2}}[./](?:19|20)\d\d)([0-2]?\d:[0-5]\d)\b"
)
_GLUED_HINT = re.compile(r":(?<=\d{5}:)\d")

# -- 4. residue ---------------------------------------------------------------------------------
RESIDUE = "\x01"  # marks a removed line until the joins have seen it (a page break, say)

# Print furniture, by its form in any document series: page numbers ("4", "5/32", "- 4 -",
# "Page 2 of 9"), and reference codes alone on a line: document symbols (series letters and
# numbers joined by slashes: "A/60/PV.5", "S/2020/123", "PC.DEL/12/24", with the date they carry)
# and print job numbers ("06-52879 (E) *0652879*"). A bare date stays: it is the document's.
_PAGE = r"\d{1,3}(?:/\d{1,3})?|[-–—]\s*\d{1,3}\s*[-–—]|Page \d{1,4}(?: of \d{1,4})?"
_SYMBOL = r"(?=[A-Z][A-Z.]*/\S*\d)[A-Z][A-Z.]*(?:/[A-Za-z0-9.\-]*[A-Za-z0-9])+"
_PRINT_NUMBER = r"\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s*\*\d+\*)?"
_CODE = rf"(?:{_SYMBOL}|{_PRINT_NUMBER})"
_CODE_DATE = r"\d{2}/\d{2}/\d{4}"
# A code with a page number, a date or a print number beside it is a running head or foot; a
# symbol alone on a line is one too, except near the top, where it is the document's own
# reference (printed once under its heading; it names the series and so the publisher).
_REF_TOKEN = rf"(?:{_CODE}|{_PAGE}|{_CODE_DATE})"
_REFERENCE_LINE = (
    rf"(?=[\d\-–—A-Z])(?:{_PAGE}|{_PRINT_NUMBER}"  # alone, or two or more with a code among them
    rf"|(?:(?:{_PAGE}|{_CODE_DATE}) )*{_CODE}(?: {_REF_TOKEN})+"
    rf"|(?:(?:{_PAGE}|{_CODE_DATE}) )+{_CODE})"
)
_SYMBOL_LINE = re.compile(rf"\n{_SYMBOL}(?=\n)")
_HEAD_LINES = 6  # lines with text at the top where a symbol line is the document's own reference


@functools.cache
def _residue_line() -> re.Pattern[str]:
    """Whole lines that are page or print furniture (the vocabulary: kb/data/boilerplate.yaml).

    Every line pattern starts with a literal "\\n" (the text is padded with one at each end
    while lines are handled): the regex engine then jumps from line to line instead of trying
    every character, which keeps cleaning at hundreds of MB/s. Each branch is guarded by a cheap
    look at the line's first characters or length, so that an ordinary line fails within a few
    steps.
    """
    data = load_boilerplate()
    menu = "|".join(data.menu_lines)
    tokens = sorted((*data.language_codes, *data.language_names), key=len, reverse=True)
    language = rf"(?:[a-z]{{2}}-[A-Z]{{2}}\d*|{'|'.join(map(re.escape, tokens))})"
    firsts = "".join(sorted({re.escape(t[0]) for t in tokens}))
    sites = "|".join(data.site_lines)
    return re.compile(
        r"\n(?:"
        rf"(?=[A-ZА-ЯЁ][^\n]{{0,44}}\n)(?:{menu}|{menu.upper()})"
        rf"|(?=[•·|]|[a-z]{{2}}-[A-Z]|[{firsts}])"
        rf"(?:[•·|]\s*)?{language}(?:\s*[•·|/]?\s*{language}){{1,7}}"  # language switcher
        rf"|(?i:{sites})"
        rf"|{_REFERENCE_LINE}"
        r"|[\W_]+"  # rules, bullets and other lines without a letter or digit
        r")(?=\n)"
    )


# Breadcrumbs: "Transcripts /", "Home / News / Item". Found from their separators (rare in
# prose), then the whole line is checked: a look at every line would cost more than all else.
_BREADCRUMB = re.compile(
    r"(?:[^\W\d][\w’'.\- ]{0,40}?\s*[/›»>]\s*)+"
    r"|[^\W\d][\w’'\- ]{0,30}(?:\s[/›»>]\s[^\W\d][\w’'\- ]{0,30}){2,}"
)
_BREADCRUMB_SEPARATORS = "/›»>"
# What follows a separator in a breadcrumb: the line's end or the next word. (Each separator
# is found with str.find: a regex that starts with a character class tries every character.)
_BREADCRUMB_AFTER = re.compile(r" ?\n| [^\W\d]")
# A heading or name card printed twice in a row ("Sergey Lavrov\nSergey Lavrov").
_DUPLICATE_PARAGRAPH = re.compile(r"\n\n([^\n]{1,80}+)(?<![.!?,;:])(?:\n\n\1(?=\n))+")

# -- 5. joins -----------------------------------------------------------------------------------
_LOWER = "a-zа-яёәғқңөұүһі"
_HYPHEN_BREAK = re.compile(r"-(?<=[^\W\d_]-)\n[\n\x01]*(?=[^\W\d_])")
# A word broken at its hyphen by a line break that was then made a space ("UN Office of Counter-
# Terrorism", "Nuclear-Weapon- Free Zone"): a capital after "- " continues the word; a lower-case
# word does not ("pre- and post-war").
# The literal comes first: the regex engine then scans for it instead of trying a look-behind
# at every character.
_HYPHEN_SPACE = re.compile(r"- (?<=[^\W\d_]{2}- )(?=[A-Z][a-z])")
_LOWER_BREAK = re.compile(rf"\n(?<=[^\n\x01]\n)[\n\x01]*(?=[{_LOWER}])")
_ABBREVIATIONS = ("Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Messrs", "Mme", "H.E", "No")
# The literal ".\n" first: the engine scans for it, and tries the look-behinds only there.
_ABBREV_BREAK = re.compile(
    r"\.\n(?:" + "|".join(rf"(?<=\W{re.escape(a)}\.\n)" for a in _ABBREVIATIONS) + r")(?=[A-Z0-9])"
)
_CAPS_LINE = re.compile(r"[^a-z\n]*[A-Z][^a-z\n]*[A-Z][^a-z\n]*")
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")
_CAPS_BREAK = re.compile(r"\n(?<=[A-Z0-9,)]\n)(?=[A-Z0-9(])")
_TERMINAL = '.!?:;…"”’»)]'
_OPEN_END = re.compile(rf"\n(?<=[^{re.escape(_TERMINAL)}\n\x01]\n)")
# Lower-case continuations are left to _LOWER_BREAK, which needs no look at the line.
_OPEN_BREAK = re.compile(rf"\n(?<=[^{re.escape(_TERMINAL)}\n\x01]\n)[\n\x01]*(?=[^\s\x01{_LOWER}])")
_PARAGRAPH_BREAKS = re.compile(r"\n\n\n+")
_MARKER_AHEAD = re.compile(r"(?:[A-ZА-ЯЁ][\w.’'-]*(?: [A-ZА-ЯЁ][\w.’'-]*){0,3}|Q|A): ")
_FUNCTION_WORDS = frozenset(
    """a an the of to in on at by for from with and or nor but as than that which who whom whose
    is are was were be been being has have had will would shall should can could may might must
    this these those its their our his her your my into onto upon between among about against
    during without within through over under towards toward per via not no such both either
    neither each every all any some whether if when where while because although though""".split()
)


def _normalise(text: str) -> str:
    first = _SPECIAL.search(text)
    if first:
        # Each character has its own replacement, so each can be replaced on its own, by
        # str.replace, once a pass has found which are there (str.translate, and a regex with
        # a lookup per character, cost more: most documents hold none, or only tabs).
        found = set(_SPECIAL.findall(text, first.start()))
        if "\r" in found:
            text = text.replace("\r\n", "\n")
        for char in found:
            text = text.replace(char, _REPLACEMENT[char])
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _spaces(text)


def normalise_line(text: str) -> str:
    """Characters normalised as in the clean text, white space folded: for titles and labels."""
    return " ".join(_normalise(text).split())


def _spaces(text: str) -> str:
    if "  " in text:
        text = _MULTISPACE.sub(" ", text)
    # After folding, at most one space sits on either side of a line break.
    if " \n" in text:
        text = text.replace(" \n", "\n")
    if _NEWLINE_SPACE.search(text):
        text = text.replace("\n ", "\n")
    return text


# (The regex engine looks for the rare line break and then at what follows; ``in`` looks at
# every space, the needle's last character, first.)
_NEWLINE_SPACE = re.compile("\n ")


def _emphasis(text: str) -> str:
    if "*" not in text:
        return text
    text = _BOLD.sub(lambda m: m.group(1).replace("\n", " "), text)
    return _spaces(_ITALIC.sub(r"\1", text))


def _head_end(text: str) -> int:
    """Where the first _HEAD_LINES lines with text end (-1 if the text is no longer)."""
    pos, seen = 0, 0
    while seen < _HEAD_LINES:
        nxt = text.find("\n", pos + 1)
        if nxt < 0:
            return -1
        if text[pos + 1 : nxt].strip(" " + RESIDUE):
            seen += 1
        pos = nxt
    return pos


def _mark_breadcrumbs(text: str) -> str:
    lines: dict[int, int] = {}
    seen: set[int] = set()
    for sep in _BREADCRUMB_SEPARATORS:
        pos = text.find(sep)
        while pos >= 0:
            if _BREADCRUMB_AFTER.match(text, pos + 1):
                start = text.rfind("\n", 0, pos) + 1
                if start not in seen:
                    seen.add(start)
                    end = text.find("\n", pos)
                    if end - start <= 130 and _BREADCRUMB.fullmatch(text, start, end):
                        lines[start] = end
            pos = text.find(sep, pos + 1)
    if not lines:
        return text
    out = []
    pos = 0
    for start, end in sorted(lines.items()):
        out.append(text[pos:start])
        out.append(RESIDUE)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _wrap_width(text: str) -> int:
    """The line width of a hard-wrapped text, or 0 when the text is not hard-wrapped.

    Hard-wrapped: most lines are nearly as long as the longest ones (the wrap width), and
    many end without final punctuation. A web page's lines vary far more in length.
    """
    if text.count("\n") < 10:
        return 0
    # The lengths of the lines with text: empty lines and lines of page furniture (RESIDUE
    # alone, one character long) left out of the sorted lengths of all lines.
    parts = text.split("\n")
    lengths = sorted(map(len, parts))
    lengths = lengths[bisect.bisect_right(lengths, 0) + parts.count(RESIDUE) :]
    n = len(lengths)
    if n < 8:
        return 0
    width = lengths[(n - 1) * 9 // 10]
    if not 30 <= width <= 130:
        return 0
    full = n - bisect.bisect_left(lengths, 0.7 * width)
    if full < 0.6 * n:
        return 0
    open_ends = len(_OPEN_END.findall(text))
    return width if open_ends >= 0.4 * n else 0


def _unwrap(text: str, width: int) -> str:
    """Join the lines of a hard-wrapped text where a line could not have ended."""

    def join(m: re.Match[str]) -> str:
        brk = m.group(0)
        if "\n\n" in brk and RESIDUE not in brk:
            return brk  # a blank line and no page furniture between: a paragraph ends here
        start, nxt = m.start(), m.end()
        if text[start - 1] == "-" and text[start - 2].isalpha() and text[nxt].isalpha():
            return ""  # a word broken at its hyphen: "fifty-\nthird"
        if _MARKER_AHEAD.match(text, nxt):
            return brk  # "Question:" or "Sergey Lavrov:" opens a turn
        prev = text[text.rfind("\n", 0, start) + 1 : start]
        word_end = text.find(" ", nxt, nxt + 40)
        next_word = (word_end if word_end >= 0 else nxt + 10) - nxt
        if len(prev) + 1 + next_word > 0.8 * width:
            return " "  # the next word would have fitted had the line ended here
        last = prev.rsplit(" ", 1)[-1]
        if last.endswith(",") or last.lower() in _FUNCTION_WORDS:
            return " "  # no line ends on "the" or a comma
        return brk

    return _OPEN_BREAK.sub(join, text)


def _is_caps(line: str) -> bool:
    return _CAPS_LINE.fullmatch(_ORDINAL.sub("", line)) is not None  # "AT THE 1465th MEETING"


def _caps_join(text: str) -> str:
    """Join a heading in capitals that runs over several lines."""

    def join(m: re.Match[str]) -> str:
        start, end = m.start(), m.end()
        prev = text[text.rfind("\n", 0, start) + 1 : start]
        nxt_end = text.find("\n", end)
        nxt = text[end : nxt_end if nxt_end >= 0 else len(text)]
        return " " if _is_caps(prev) and _is_caps(nxt) else "\n"

    return _CAPS_BREAK.sub(join, text)


def clean(text: str) -> str:
    """Extracted text to clean text (see the module docstring for the cascade)."""
    out, again = _clean_once(text)
    for _ in range(4):
        if not again:
            break
        # Emphasis removed after the joins can bring a line's start or end into view for a
        # join ("*a\nb*"), and joined lines can look like residue: run the cascade again (it
        # settles at once on real text).
        out, again = _clean_once(out)
    return out


def _clean_once(text: str) -> tuple[str, bool]:
    """One run of the cascade, and whether a second run could change its result."""
    text = _normalise(text)
    # No step adds an asterisk: a text without one needs no second look for emphasis (each
    # look is a pass over the whole text).
    starred = "*" in text
    if starred:
        text = _emphasis(text)
    text = text.strip(" \n")
    if _GLUED_HINT.search(text):
        text = _GLUED_STAMP.sub(r"\1 \2", text)
    text = _residue_line().sub("\n" + RESIDUE, f"\n{text}\n")
    if "/" in text:
        head = _head_end(text)
        if head > 0:
            text = text[:head] + _SYMBOL_LINE.sub("\n" + RESIDUE, text[head:])
    text = _mark_breadcrumbs(text)
    width = _wrap_width(text)
    if width:
        text = _unwrap(text, width)
    if "-\n" in text:
        text = _HYPHEN_BREAK.sub("-", text)
    if "- " in text:
        text = _HYPHEN_SPACE.sub("-", text)
    text = _LOWER_BREAK.sub(" ", text)
    if ".\n" in text:
        text = _ABBREV_BREAK.sub(". ", text)
    text = _caps_join(text)
    text = text.replace(RESIDUE, "").strip(" \n")
    if starred:
        text = text.replace("\n", "\n\n")
        # Joins can pair emphasis markers that were on different lines: once more, per
        # paragraph.
        plain = _emphasis(text)
        changed = plain != text
        text = _PARAGRAPH_BREAKS.sub("\n\n", f"\n\n{plain}\n\n")
    else:
        # Every line a paragraph, blank lines dropped: what doubling every line break and
        # folding the runs of more than two does, in one pass.
        changed = False
        text = "\n\n" + "\n\n".join(filter(None, text.split("\n"))) + "\n\n"
    text = _DUPLICATE_PARAGRAPH.sub(r"\n\n\1", text).strip("\n")
    return text, changed or _joined_into_residue(text)


def _joined_into_residue(text: str) -> bool:
    """Did joining lines make one that looks like residue ("Read\nmore", "A / B\nc / D")?"""
    for para in text.split("\n\n"):
        if len(para) <= 130:
            line = f"\n{para}\n"
            m = _residue_line().match(line)
            if (m and m.end() == len(line) - 1) or _BREADCRUMB.fullmatch(para):
                return True
    return False
