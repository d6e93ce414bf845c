"""PDF files through pypdf's text layer. Scanned PDFs (images only) are reported, not guessed at.

What only the reader can do, because the page structure is still known here:

1. Ligatures become their letters ("ﬁ" -> "fi", "Aﬀairs" -> "Affairs"): NFKC on the Latin
   ligature block only, where it is safe (NFKC elsewhere would rewrite superscripts, fractions
   and full-width forms that are the text).
2. Running lines go: a line that opens or closes most pages with the same text (a running title,
   "- 3 -", "Page 3 of 9"), and a browser's print furniture at a page's edge whatever the page
   count: the page's address with its counter ("file:///... 1/3", "https://... 2/5") and the
   print date and time ("5/3/21, 10:15 AM").
3. The pages' lines are joined into paragraphs across page breaks: a line break is a paragraph
   break only where the line could have gone on (the next word would have fitted), as in
   ingest/clean.py's unwrapping of hard-wrapped text; a PDF's text is hard-wrapped throughout.

Menus, cookie banners and footers are left to the cleaning cascade (ingest/clean.py with
kb/data/boilerplate.yaml), which treats them as it does for every format.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import warnings
from collections import Counter
from itertools import pairwise
from pathlib import Path

from bilateral.ingest.text import IngestError, RawDocument, read_bytes

_DIGITS = re.compile(r"\d+")
_LIGATURES = {c: unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
# A browser's print header and footer: the address with the page counter, the print time.
_PRINT_LINE = re.compile(
    r"(?:(?:file|https?)://\S*(?:\s+\d{1,3}/\d{1,3})?"
    r"|\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s.*)?"
    r"|\d{1,3}/\d{1,3})\s*"
)
_EDGE = 4  # lines at each end of a page where running lines and print furniture are looked for
_TERMINAL = '.!?:;…"”’»)]'
_NO_LINE_END = frozenset("a an the of to in on at and or for with by from as that".split())


_LETTERS = re.compile(r"[^\W\d_]")


def _page_key(line: str) -> str:
    # "- 3 -" and "- 4 -", "Page 3 of 9" and "Page 4 of 9" are the same running line; lines
    # with words must repeat exactly ("PC.DEL/272/24", a running title).
    line = line.strip()
    return _DIGITS.sub("#", line) if len(_LETTERS.findall(line)) <= 6 else line


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    def edge(n: int) -> set[int]:
        return {*range(min(_EDGE, n)), *range(max(0, n - _EDGE), n)}

    running: set[str] = set()
    if len(pages) >= 2:
        counts: Counter[str] = Counter()
        for lines in pages:
            counts.update({_page_key(lines[i]) for i in edge(len(lines)) if lines[i].strip()})
        # On two pages a line must open or close both; on more, most of them.
        least = 2 if len(pages) == 2 else max(3, len(pages) // 2)
        running = {k for k, n in counts.items() if n >= least and len(k) < 100}
    out = []
    for lines in pages:
        at_edge = edge(len(lines))
        out.append(
            [
                ln
                for i, ln in enumerate(lines)
                if i not in at_edge
                or (_page_key(ln) not in running and not _PRINT_LINE.fullmatch(ln.strip()))
            ]
        )
    return out


def _heading(line: str, width: int) -> bool:
    """A short line that ends without punctuation: a heading, a name, a menu entry."""
    return len(line) < 0.6 * width and not line.endswith(tuple(_TERMINAL))


def _paragraphs(pages: list[list[str]]) -> str:
    """The pages' lines joined into paragraphs, one a line (module docstring, step 3)."""
    lines: list[tuple[str, bool]] = []  # (line, the first of its page)
    for page in pages:
        kept = [ln.strip() for ln in page if ln.strip()]
        lines.extend((ln, i == 0) for i, ln in enumerate(kept))
    if not lines:
        return ""
    lengths = sorted(len(ln) for ln, _ in lines)
    # The wrap width: the longest lines but a few (a stray long line), all of them when few.
    width = lengths[(len(lengths) - 1) * 9 // 10] if len(lengths) >= 10 else lengths[-1]
    out = [lines[0][0]]
    for (last, _), (line, new_page) in pairwise(lines):
        fits = len(last) + 1 + len(line.split(" ", 1)[0])
        ended = last.endswith(tuple(_TERMINAL))
        if last.endswith("-") and last[-2:-1].isalpha() and line[0].isalpha():
            out[-1] += line  # a word broken at its hyphen: "fifty-\nthird"
        elif (
            line[0].islower()
            or last.endswith(",")
            or last.rsplit(" ", 1)[-1].lower() in _NO_LINE_END
            # The next word would not have fitted: the line was wrapped, not ended. A sentence
            # that ends a full line, or a page, may end its paragraph too: there the line must
            # have been quite full.
            or (not ended and fits > 0.8 * width)
            or (ended and not new_page and fits > width and not _heading(line, width))
        ):
            out[-1] += " " + line
        else:
            out.append(line)
    return "\n".join(out)


def _short_reason(exc: Exception) -> str:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return reason[:120]


def read_pdf(path: Path, limit: int | None = None) -> RawDocument:
    from pypdf import PdfReader

    source = str(path)
    data = read_bytes(path, limit)
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError(source, "not a readable PDF: no PDF header")
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)  # pypdf logs every recoverable quirk of a file
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise IngestError(source, "not a readable PDF: encrypted with a password")
            pages = [
                (page.extract_text() or "").translate(_LIGATURES).splitlines()
                for page in reader.pages
            ]
            title = None
            if reader.metadata is not None and reader.metadata.title:
                title = str(reader.metadata.title).strip() or None
    except IngestError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise IngestError(source, f"not a readable PDF: {_short_reason(exc)}") from None
    finally:
        pypdf_log.setLevel(level)
    kept = _drop_running_lines(pages)
    text = _paragraphs(kept)
    if not text.strip():
        raise IngestError(source, "no text layer (scanned PDF?)")
    return RawDocument(source, text, "pdf", title=title)
