"""Document metadata from the text itself: title, own date, type, publisher, language, speakers.

Everything here reads the top and bottom of a document (and the metadata that came with it),
never the body at large: a date mentioned in the body is an event's date, not the document's.
The cues are tables of patterns, tried in order; the first that fits decides.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from bilateral.ingest.clean import normalise_line
from bilateral.ingest.segment import Marker, person_name, split_sentences
from bilateral.ingest.text import RawDocument
from bilateral.kb.doc_types import TypeRule, load_doc_types
from bilateral.kb.publishers import load_publishers
from bilateral.model import Span


@dataclass(frozen=True, slots=True)
class Meta:
    title: str | None
    published: str | None
    precision: str | None
    doc_type: str
    publisher: str | None
    language: str
    original_language: str | None
    speakers: tuple[str, ...]
    main_speaker: str | None  # the one who speaks first and most: owns opening remarks
    header: int  # paragraphs at the top that are title, date and labels, not content


# -- dates --------------------------------------------------------------------------------------
_MONTHS = {
    **{m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)},
    "sept": 9,
    **{
        m: i
        for i, m in enumerate(
            "january february march april may june july august september october november "
            "december".split(),
            1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            "января февраля марта апреля мая июня июля августа сентября октября ноября "
            "декабря".split(),
            1,
        )
    },
    **{
        m: i
        for i, m in enumerate(
            "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша "
            "желтоқсан".split(),
            1,
        )
    },
}
_EN_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_RU_MONTH = r"(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)"
_KK_MONTH = (
    r"(?:қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)"
)
_DATE = (
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_EN_MONTH}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_EN_MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2})"
    r"|(?P<d4>\d{1,2})[./](?P<m4>\d{1,2})[./](?P<y4>\d{4})"
    rf"|[«\"]?(?P<d5>\d{{1,2}})[»\"]?\s+(?P<m5>{_RU_MONTH})\s+(?P<y5>\d{{4}})(?:\s*(?:года|г\.?))*"
    rf"|(?P<y6>\d{{4}})\s+жыл(?:ғы|дың)?\s+(?P<d6>\d{{1,2}})\s+(?P<m6>{_KK_MONTH})\w*"
    rf"|(?P<m7>{_EN_MONTH})\s+(?P<y7>\d{{4}}))"
)
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)"
# The clock time after a date, after a comma, "at" or a separator bar ("May 3, 2021 | 10:15").
_TIME = r"(?:(?:\s*[|•·]\s*|,?\s+)(?:at\s+)?[0-2]?\d[:.][0-5]\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*\([^)]{1,20}\))?)"
_PLACE = r"[A-ZА-ЯЁ][\w’'\-]+(?:[ -][A-ZА-ЯЁ][\w’'\-]+){0,3}"
# A paragraph that is a date and nothing else (a stamp, a place, a label around it).
_DATE_LINE = re.compile(
    rf"(?:(?:Publication date|Published|Date|Dated|Issued|Release date)\s*:?\s*)?"
    rf"(?:(?:Done|Signed|Adopted)?\s*(?:at|in)\s+)?(?:{_PLACE},\s+)?{_WEEKDAY}?{_DATE}{_TIME}?"
    rf"(?:\s*[,–—-]\s*{_PLACE})?(?:\s*[,–—-]\s*{_PLACE})?\.?",
    re.IGNORECASE,
)
# A delivery line that goes on past its date: "Delivered on Wednesday, 23 September 2020, at the
# 6th meeting of the General Assembly" (UN records).
# The same for an adopted or signed text: "Adopted on September 24, 2019 in New York, USA".
_DELIVERED = re.compile(
    rf"(?:Delivered|Pronounced|Given|Adopted|Signed|Done|Issued|Released|Made)\s+(?:on\s+)?"
    rf"{_WEEKDAY}?{_DATE}\b"
)
# A title that names its year in brackets: "UN General Debate, session 76 (2021): ...".
_TITLE_YEAR = re.compile(r"\((?P<year>(?:19|20)\d\d)\)")
_TITLE_DATE = re.compile(rf"[,–—-]\s*{_WEEKDAY}?{_DATE}\.?$")
_DATELINE = re.compile(rf"[A-ZА-ЯЁ][A-ZА-ЯЁ .\-]{{1,40}},\s+{_DATE}\s*[-–—]")
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?")
# A date the page labels as its own, wherever the label stands in a run-on paragraph (pages whose
# markup was flattened to one line): "Дата публикации: 4 марта 2025 года, 16:30".
_LABELLED = re.compile(
    rf"(?:Publication date|Date of publication|Published on|Дата публикации|Опубликовано)"
    rf"\s*:?\s*{_WEEKDAY}?{_DATE}"
)
# A date stamped with its clock time near the head: "... визитом. 4 марта 2025 года 16:30 Москва".
# A body date has no clock time beside it; a page's own stamp has.
_STAMP = re.compile(rf"(?<![\w.,])(?:{_DATE})(?:\s*,)?\s+[0-2]?\d:[0-5]\d(?![\d:])")
_HEAD_CHARS = 1500


def _valid(y: int, m: int | None = None, d: int | None = None) -> bool:
    if not 1900 <= y <= 2100:
        return False
    try:
        date(y, m or 1, d or 1)
    except ValueError:
        return False
    return True


def parse_date(m: re.Match[str]) -> tuple[str, str] | None:
    """ISO value and precision from a match of the date pattern."""
    g = m.groupdict()
    for n in "123456":
        if g.get(f"y{n}"):
            y, mon, d = int(g[f"y{n}"]), g[f"m{n}"], int(g[f"d{n}"])
            month = int(mon) if mon.isdigit() else _MONTHS.get(mon.lower().rstrip("."))
            if n == "4" and month is not None and month > 12 and d <= 12:
                month, d = d, month  # a US-style 04/30/2024
            if month is None or not _valid(y, month, d):
                return None
            return f"{y:04d}-{month:02d}-{d:02d}", "day"
    if g.get("y7"):
        y, month = int(g["y7"]), _MONTHS.get(g["m7"].lower().rstrip("."))
        if month is None or not _valid(y, month):
            return None
        return f"{y:04d}-{month:02d}", "month"
    return None


def parse_iso(value: str) -> tuple[str, str] | None:
    """A metadata date ("2001", "2019-01", "2020-06-09T17:46:00+03:00") at its precision."""
    m = _ISO.fullmatch(value.strip())
    if m is None:
        found = re.search(_DATE, value)
        return parse_date(found) if found else None
    y, mon, d = int(m.group(1)), m.group(2), m.group(3)
    if d and _valid(y, int(mon), int(d)):
        return f"{y:04d}-{int(mon):02d}-{int(d):02d}", "day"
    if mon and _valid(y, int(mon)):
        return f"{y:04d}-{int(mon):02d}", "month"
    return (f"{y:04d}", "year") if _valid(y) else None


def _date_line(text: str, p: Span) -> tuple[str, str] | None:
    if p.end - p.start > 90:
        return None
    m = _DATE_LINE.fullmatch(text, p.start, p.end)
    if m is None:
        line = text[p.start : p.end].strip("*_ ")
        m = _DATE_LINE.fullmatch(line) or _DELIVERED.match(line)
    return parse_date(m) if m else None


def published(
    raw: RawDocument, text: str, paras: tuple[Span, ...], title: str | None
) -> tuple[str | None, str | None]:
    """The date the document carries as its own, or (None, None): never a date from the body."""
    # 1. Metadata that came with the document (page markup, a corpus record).
    if raw.date:
        found = parse_iso(raw.date)
        if found:
            return found
    # 2. A title that ends with its date: "..., Moscow, April 11, 2023".
    for t in (title, text[paras[0].start : paras[0].end] if paras else None):
        if t:
            m = _TITLE_DATE.search(t)
            if m and (found := parse_date(m)):
                return found
    # 3. A date line among the first paragraphs (a stamp, a circulation or delivery date).
    for p in paras[:15]:
        if found := _date_line(text, p):
            return found
    # 4. A news dateline: "AMMAN, 6 April 2019 – The forum ...".
    for p in paras[:3]:
        m = _DATELINE.match(text, p.start, p.end)
        if m and (found := parse_date(m)):
            return found
    # 5. A date line at the end (a signature, an article's date).
    for p in paras[-5:]:
        if found := _date_line(text, p):
            return found
    # 6. A labelled publication date in the first or last paragraphs, then a date stamped with
    # its clock time at the head of the text.
    for p in (*paras[:3], *paras[-3:]):
        m = _LABELLED.search(text, p.start, p.end)
        if m and (found := parse_date(m)):
            return found
    m = _STAMP.search(text, 0, min(len(text), _HEAD_CHARS))
    if m and (found := parse_date(m)):
        return found
    # 7. A year in brackets in the title: the session or edition it records, at year precision.
    if title and (m := _TITLE_YEAR.search(title)) and _valid(int(m.group("year"))):
        return m.group("year"), "year"
    return None, None


# -- title --------------------------------------------------------------------------------------
_LABEL_LINE = re.compile(r"[\w ]{1,30}:\s*\S{1,30}|[A-Z]{2,}(?: [A-Z]{2,})?|[\w./-]*\d[\w./-]*")


@functools.cache
def _kind_words() -> re.Pattern[str]:
    """A word that names a kind of document ("Statement", "Remarks"): a title holds one."""
    words = "|".join(re.escape(w) for w in load_doc_types().kind_words)
    return re.compile(rf"\b(?:{words})", re.IGNORECASE)


def _heading_like(text: str, p: Span) -> bool:
    n = p.end - p.start
    line = text[p.start : p.end]
    # A sentence that ends inside its quotation ('... in terms of economics.”') is body, not a title.
    end = line.rstrip("”\"’'»)")
    if end.endswith(".") and re.search(r"\b(?:[A-Z]\.){2,}$", end):
        end = end[:-1]  # "... visit to Washington, D.C."
    if not 10 <= n <= 400 or end[-1:] in ".,;:!":
        return False
    if " " not in line or _LABEL_LINE.fullmatch(line) or _date_line(text, p):
        return False
    return len(split_sentences(text, p.start, p.end)) == 1  # a title is one sentence


def find_title(
    raw: RawDocument, text: str, paras: tuple[Span, ...], markers: tuple[Marker, ...] = ()
) -> str | None:
    if raw.title:
        return normalise_line(raw.title) or None
    turn_openings = {m.paragraph for m in markers}
    candidates = []
    for i, p in enumerate(paras[:12]):
        if (
            i in turn_openings
            or not _heading_like(text, p)
            or _BYLINE.fullmatch(text, p.start, p.end)
        ):
            continue
        line = text[p.start : p.end]
        # A teaser cut from the body ("...build up our integration") is not a title.
        if text.find(line + " ", p.end) >= 0 or text.find(line + ",", p.end) >= 0:
            continue
        candidates.append(line)
    cue = _kind_words()
    for line in candidates:
        if cue.search(line):
            return line
    return candidates[0] if candidates else None


def header_size(text: str, paras: tuple[Span, ...], title: str | None) -> int:
    """How many paragraphs at the top are title, date and label lines."""
    n = 0
    for p in paras[:15]:
        line = text[p.start : p.end]
        if line == title or _date_line(text, p) or _LABEL_LINE.fullmatch(line):
            n += 1
            continue
        break
    return n


# -- type ---------------------------------------------------------------------------------------
# The cues are data (kb/data/doc_types.yaml): rules tried in order, each a set of patterns over
# the title, the labels, the lead and the source, or a test of the document's shape named there.
_BYLINE = re.compile(r"By\s+[A-Z][\w.’'\-]*(?:\s+(?:of\s+)?[A-Z][\w.’'\-]*){0,6},?")
_TOP_PARAGRAPHS = 12


@dataclass(frozen=True, slots=True)
class _Typed:
    """What the type rules look at: the title and labels, the lead, the source; never the body."""

    raw: RawDocument
    title: str
    head: str
    first: str
    text: str
    paras: tuple[Span, ...]
    markers: tuple[Marker, ...]
    header: int
    publisher: str | None

    def top(self) -> Iterator[str]:
        """The heading-like paragraphs near the top: one line, no final full stop."""
        for p in self.paras[:_TOP_PARAGRAPHS]:
            if p.end - p.start <= 200:
                line = self.text[p.start : p.end].rstrip()
                if line[-1:] not in ".!?;":
                    yield line

    def sources(self) -> Iterator[str]:
        return (s for s in (self.raw.url, self.raw.source, self.raw.external_id) if s)


def _questions_opening(d: _Typed) -> int | None:
    """Characters of remarks before the first question, or None when no one asks."""
    questions = [m for m in d.markers if m.question]
    if not questions:
        return None
    return sum(d.paras[i].end - d.paras[i].start for i in range(d.header, questions[0].paragraph))


def _structure(name: str, d: _Typed) -> str | bool | None:
    if name == "byline":
        return len(d.first) < 120 and _BYLINE.fullmatch(d.first) is not None
    if name == "dateline":
        return any(_DATELINE.match(d.text, p.start, p.end) for p in d.paras[:2])
    if name in ("questions_first", "remarks_then_questions"):
        # A question first: an interview; remarks first, then questions: a press conference.
        opening = _questions_opening(d)
        return opening is not None and (opening > 400) == (name == "remarks_then_questions")
    if name == "turns":
        return len({m.speaker for m in d.markers if m.named}) >= 2
    if name == "publisher":
        return load_publishers().default_type(d.publisher)
    if name == "voice":
        return _voice_type(d.title or None, d.text, d.paras, d.header)
    raise ValueError(f"unknown document structure {name!r}")


def _holds(rule: TypeRule, d: _Typed) -> str | None:
    """The type the rule gives this document, or None when it does not hold."""
    if rule.title and not rule.title.search(d.title):
        return None
    if rule.title_start and not rule.title_start.match(d.title):
        return None
    if rule.head and not rule.head.search(d.head):
        return None
    if rule.lead_start and not rule.lead_start.match(d.first):
        return None
    if rule.text_start and not rule.text_start.match(d.text, 0, 200):
        return None
    for pattern, within in rule.text:
        if not pattern.search(d.text, 0, within):
            return None
    if rule.source and not any(rule.source.search(s) for s in d.sources()):
        return None
    if rule.top and not any(rule.top.search(line) for line in d.top()):
        return None
    if rule.structure is None:
        return rule.type
    found = _structure(rule.structure, d)
    if isinstance(found, str):
        return found
    return rule.type if found else None


def find_doc_type(
    raw: RawDocument,
    title: str | None,
    text: str,
    paras: tuple[Span, ...],
    markers: tuple[Marker, ...],
    header: int,
    publisher: str | None = None,
) -> str:
    t = title or ""
    d = _Typed(
        raw=raw,
        title=t,
        # The title and the lines around it; never the body, where any word may appear.
        head="\n".join([t, *(text[p.start : p.end] for p in paras[:header])]),
        first=text[paras[header].start : paras[header].end] if header < len(paras) else "",
        text=text,
        paras=paras,
        markers=markers,
        header=header,
        publisher=publisher,
    )
    for rule in load_doc_types().rules:
        if found := _holds(rule, d):
            return found
    return "other"


_DAY_DATE = re.compile(_DATE)


def _voice_type(title: str | None, text: str, paras: tuple[Span, ...], header: int) -> str | None:
    """Plain text with no label, no source and no known publisher: the opening's voice decides."""
    types = load_doc_types()
    voice = types.voice
    salutation = types.rule("salutation").text_start
    if title is None or header == 0:
        if any(_BYLINE.fullmatch(text, p.start, p.end) for p in paras[:2]):
            return "article"
        # No headline: a statement from the UN floor opens straight into the speech.
        if voice["un_floor"].search(text) and voice["first_person"].search(text):
            return "speech"
        return None
    if header >= len(paras):
        return None
    p = paras[header]
    lead = voice["quoted"].sub("", text[p.start : p.end][:600])
    if voice["message"].match(lead):
        return "statement"
    if voice["first_person"].search(lead):
        # A headline over a long first-person text that greets no one: an op-ed without its
        # byline ("Finding the Energy for Increased Cooperation").
        greets = salutation is not None and salutation.match(lead)
        return "article" if len(text) - p.start > 2000 and not greets else None
    # A headline (a clause, not a topic's name, unless the lead says on which day) over a
    # third-person lead that reports at once: a news item (or the site's release of it).
    dated = any(m.group("d1") or m.group("d2") for m in _DAY_DATE.finditer(lead, 0, 300))
    if (len(title.split()) >= 4 or dated) and voice["reporting"].search(lead, 0, 300):
        return "news"
    return None


# -- publisher ----------------------------------------------------------------------------------
# The table is data (kb/data/publishers.yaml): hosts first, then names printed on the page.
_LABEL_SOURCE = re.compile(r"(?P<head>.+?)\s*\((?P<paren>[^()]+)\)$")
_MEDIUM = re.compile(r"youtube|facebook|twitter|video|page|post|website", re.IGNORECASE)


def _site_name(label: str) -> str | None:
    """The site named by a source label: "RTVM (YouTube)" is RTVM; "A Title (Agency)" is Agency."""
    label = normalise_line(label)
    if label.islower():
        return None  # a template's placeholder ("article title (source)"), not a name
    m = _LABEL_SOURCE.fullmatch(label)
    if m is None:
        return label
    head, paren = m.group("head"), m.group("paren")
    if _MEDIUM.search(paren):
        return head
    return paren if len(head.split()) > 5 else label


def find_publisher(raw: RawDocument, title: str | None) -> str | None:
    table = load_publishers()
    if entry := table.by_url(raw.url):
        return entry.name
    if raw.publisher and (name := _site_name(raw.publisher)):
        # The page's own site name wins; the table only gives it its usual short form.
        entry = table.by_text(name)
        return entry.name if entry else name
    for probe in (raw.source, title, raw.text[:3000], raw.text[-2000:]):
        if probe and (entry := table.by_text(probe)):
            return entry.name
    return None


# -- language -----------------------------------------------------------------------------------
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_KAZAKH = re.compile(r"[әғқңөұүһӘҒҚҢӨҰҮҺ]")
_STOPWORDS = {
    "en": frozenset("the of and to in is that for with on are this".split()),
    "fr": frozenset("le la les des et est que pour dans une du sur".split()),
    "es": frozenset("el la los las de que y en por para una con".split()),
    "de": frozenset("der die das und ist nicht mit für den von zu auf".split()),
}
_WORD = re.compile(r"[a-zà-ÿ]+")
_LANGUAGE_NAMES = {
    "english": "en",
    "russian": "ru",
    "french": "fr",
    "spanish": "es",
    "arabic": "ar",
    "chinese": "zh",
    "german": "de",
    "kazakh": "kk",
    "portuguese": "pt",
    "italian": "it",
    "japanese": "ja",
    "turkish": "tr",
    "ukrainian": "uk",
    "uzbek": "uz",
    "persian": "fa",
    "farsi": "fa",
    "korean": "ko",
    "английский": "en",
    "русский": "ru",
    "французский": "fr",
}
_ORIGINAL = re.compile(
    r"(?:Original|ORIGINAL|Оригинал)\s*:\s*([A-Za-zА-Яа-я]+)|\(spoke in ([A-Za-z]+)\)"
    r"|[Tt]ranslat(?:ed|ion) from (?:the )?([A-Z][a-z]+)"
)
_ORIGINAL_HINTS = ("riginal", "RIGINAL", "ригинал", "spoke in", "ranslat")


def find_language(text: str) -> str:
    """en, ru or kk (fr, es, de when their function words clearly outnumber English ones)."""
    sample = text[:5000]
    # Only a text with Cyrillic among its first 300 characters can be found to open with it
    # (below): most hold none, and looking there is cheaper than counting the whole sample.
    if not sample.isascii() and _CYRILLIC.search(text, 0, 300):
        cyrillic = len(_CYRILLIC.findall(sample))
        # A bilingual page is in the language it opens with (an English item, then its Russian).
        opening = text[:300]
        cyrillic_first = len(_CYRILLIC.findall(opening)) > len(_LATIN.findall(opening))
        if cyrillic > 0.25 * len(sample) and cyrillic_first:
            return "kk" if len(_KAZAKH.findall(sample)) > 0.01 * cyrillic else "ru"
    head = sample[:2000]
    if head.count(" the ") + head.count(" of ") >= 8:
        return "en"  # the common case, without counting words
    words = Counter(_WORD.findall(head.lower()))
    scores = {lang: sum(words[w] for w in stop) for lang, stop in _STOPWORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 1.5 * scores["en"] else "en"


def find_original_language(text: str) -> str | None:
    """From "Original: RUSSIAN", "(spoke in French)" or "Translated from Kazakh"."""
    m = None
    for part in (text[:5000], text[-2000:]):
        if any(h in part for h in _ORIGINAL_HINTS) and (m := _ORIGINAL.search(part)):
            break
    if m is None:
        return None
    name = next(g for g in m.groups() if g)
    return _LANGUAGE_NAMES.get(name.lower())


# -- speakers -----------------------------------------------------------------------------------
_BY = re.compile(
    r"\b(?:statement|article|address|speech|remarks|interview|op-ed|message|greetings|comment"
    r"|lecture|toast|letter|op-ed)\s+(?:by|of|from)\s+(?:the\s+)?(?P<rest>[^,;:(\n]+)",
    re.IGNORECASE,
)
_BY_STOP = re.compile(
    r"\s(?:at|in|on|to|before|during|for|with|following|after|about|regarding|concerning)\s"
)
_POSSESSIVE = re.compile(
    r"(?P<name>(?:[A-Z][\w.\-]+ ){1,4}[A-Z][\w\-]+)[’']s?\s+(?:opening |introductory |closing )?"
    r"(?:remarks|statement|speech|address|answers|comments?|interview|article)\b"
)
_UN_SPEAKER = re.compile(r"General Debate[^—]*—\s*(?P<name>[^,\n]+)")


def title_speakers(title: str | None, first_paragraph: str) -> list[str]:
    """Who speaks, as the title or the byline names them."""
    parts: list[str] = []
    if title:
        if m := _UN_SPEAKER.search(title):
            parts = [m.group("name")]
        elif m := _BY.search(title):
            rest = _BY_STOP.split(" " + m.group("rest").strip() + " ", maxsplit=1)[0].strip()
            if rest[:1].isupper():
                parts = re.split(r"\s+and\s+(?:the\s+)?", rest)
        elif m := _POSSESSIVE.search(title):
            parts = [m.group("name")]
    if not parts and len(first_paragraph) < 120 and _BYLINE.fullmatch(first_paragraph):
        parts = [first_paragraph[3:].split(",")[0]]
    return [name for part in parts if (name := person_name(part))]


def surnames(names: list[str] | tuple[str, ...]) -> dict[str, str]:
    """ "Nazarbayev" -> "Nursultan Nazarbayev": a turn labelled by surname is the full name's."""
    return {n.split()[-1]: n for n in names if " " in n}


def find_speakers(
    title_names: list[str], markers: tuple[Marker, ...], doc_type: str
) -> tuple[tuple[str, ...], str | None]:
    """Named speakers (title's first, then turns') and the main one."""
    names: list[str] = []
    if doc_type != "joint_statement":
        names.extend(title_names)
    counts = Counter(m.speaker for m in markers if m.named)
    for speaker in counts:
        if speaker not in names and speaker not in surnames(names):
            names.append(speaker)
    main = names[0] if title_names and names else None
    main = main or (counts.most_common(1)[0][0] if counts else None)
    return tuple(names), main


def describe(
    raw: RawDocument, text: str, paras: tuple[Span, ...], markers: tuple[Marker, ...]
) -> Meta:
    title = find_title(raw, text, paras, markers)
    header = header_size(text, paras, title)
    value, precision = published(raw, text, paras, title)
    publisher = find_publisher(raw, title)
    doc_type = find_doc_type(raw, title, text, paras, markers, header, publisher)
    first = text[paras[header].start : paras[header].end] if header < len(paras) else ""
    speakers, main = find_speakers(title_speakers(title, first), markers, doc_type)
    return Meta(
        title=title,
        published=value,
        precision=precision,
        doc_type=doc_type,
        publisher=publisher,
        language=find_language(text),
        original_language=find_original_language(text),
        speakers=speakers,
        main_speaker=main,
        header=header,
    )
