"""Document metadata from the text itself: title, own date, type, publisher, language, speakers.

Everything here reads the top and bottom of a document (and the metadata that came with it),
never the body at large: a date mentioned in the body is an event's date, not the document's.
The cues are tables of patterns, tried in order; the first that fits decides.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from bilateral.ingest.clean import normalise_line
from bilateral.ingest.segment import Marker, person_name, split_sentences
from bilateral.ingest.text import RawDocument
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
_TIME = r"(?:,?\s+(?:at\s+)?[0-2]?\d[:.][0-5]\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s*\([^)]{1,20}\))?)"
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
    # 6. A year in brackets in the title: the session or edition it records, at year precision.
    if title and (m := _TITLE_YEAR.search(title)) and _valid(int(m.group("year"))):
        return m.group("year"), "year"
    return None, None


# -- title --------------------------------------------------------------------------------------
_TYPE_CUE = re.compile(
    r"\b(?:statement|press release|article|interview|remarks|speech|address|briefing|comment"
    r"|joint|declaration|communiqu|message|greetings|op-ed|transcript|conference|lecture"
    r"|заявление|интервью|статья|выступление|брифинг|пресс-релиз)",
    re.IGNORECASE,
)
_LABEL_LINE = re.compile(r"[\w ]{1,30}:\s*\S{1,30}|[A-Z]{2,}(?: [A-Z]{2,})?|[\w./-]*\d[\w./-]*")


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
    for line in candidates:
        if _TYPE_CUE.search(line):
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
_I = re.IGNORECASE
_UN_DEBATE = re.compile(r"\bGeneral Debate\b", _I)
_JOINT = re.compile(r"\bjoint (?:statement|declaration|communiqu|readout)|\bcommuniqu[eé]\b", _I)
# A government's release of what happened or what it decided: a readout of a call or meeting, a
# fact sheet, nominations sent to a legislature or announced.
_RELEASE_TITLE = re.compile(
    r"^(?:joint )?readout\b|\breadout (?:of|from|by)\b|\bfact sheet\b"
    r"|^nominations? (?:sent|and withdrawals|and appointments)\b"
    r"|\bannounc\w* (?:[\w’'-]+ ){0,3}(?:nominee|nominat|appoint|intent to (?:nominate|appoint))",
    _I,
)
_PRESS_RELEASE = re.compile(r"\b(?:press|news|media) release\b|\bпресс-релиз", _I)
_INTERVIEW = re.compile(r"\binterview|\bинтервью", _I)
_ARTICLE = re.compile(
    r"\barticle\b(?! \d)|\bop-?ed\b|\bopinion piece\b|\bcolumn by\b|\bnewspaper\b|\bmagazine\b"
    r"|\bстатья\b",
    _I,
)
_BYLINE = re.compile(r"By\s+[A-Z][\w.’'\-]*(?:\s+(?:of\s+)?[A-Z][\w.’'\-]*){0,6},?")
_TRANSCRIPT = re.compile(
    r"remarks and answers|answers? to (?:a |the )?(?:media |journalists’ |journalists' )?questions?"
    r"|\b(?:news|press) conference|\bbriefing by\b|\b(?:press|news|media) briefing\b"
    r"|\bstakeout\b|\bpress approach\b|\bpress statements\b|\bQ&A\b"
    r"|\b(?:press|media|conference) call\b|\bgaggle\b|\bbackground (?:briefing|call)\b"
    r"|\btranscript\b|\bбрифинг|пресс-конференц",
    _I,
)
_STATEMENT = re.compile(
    r"\bstatement\b|\bcomment (?:by|of|from)\b|\bPC\.DEL/|\bзаявление\b|\bкомментарий\b", _I
)
_STATEMENT_TITLE = re.compile(r"(?:joint )?statement (?:by|of)\b", _I)
_SPEECH = re.compile(
    r"\b(?:speech|address|remarks|lecture|toast|keynote|message|greetings|выступление|обращение)\b",
    _I,
)
_SALUTATION = re.compile(
    r"(?:Mr\.?|Madam|Madame) (?:President|Chairman|Chair|Secretary-General)\b|Excellenc|"
    r"Ladies and gentlemen|Dear (?:friends|colleagues|compatriots|participants)",
    _I,
)
_APPOINTED = re.compile(r"\b(?:was|has been|is) appointed\b|\bappointed as\b", _I)
_BORN = re.compile(r"\bborn (?:on|in)\b|\bwas born\b", _I)
_ARTICLE_SOURCE = re.compile(r"/(?:articles|op-?eds?|opinions?|columns?)/", _I)
_NEWS_SOURCE = re.compile(r"(?:/|#|:)(?:news|posts?|press|media|events)\b", _I)


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
    # The title and the lines around it; never the body, where any word may appear.
    head = "\n".join([t, *(text[p.start : p.end] for p in paras[:header])])
    first = text[paras[header].start : paras[header].end] if header < len(paras) else ""
    if _UN_DEBATE.search(t):
        return "speech"
    if _JOINT.search(t):
        return "joint_statement"
    if _PRESS_RELEASE.search(head) or _RELEASE_TITLE.search(t):
        return "press_release"
    if _INTERVIEW.search(t) or _INTERVIEW.match(first):
        return "interview"
    if _ARTICLE.search(t) or (len(first) < 120 and _BYLINE.fullmatch(first)):
        return "article"
    if _STATEMENT_TITLE.match(t):
        return "statement"  # "Statement by X at the briefing" is still a statement
    if _TRANSCRIPT.search(t):
        return "transcript"
    questions = [m for m in markers if m.question]
    if questions:
        # A question first: an interview; remarks first, then questions: a press conference.
        opening = sum(paras[i].end - paras[i].start for i in range(header, questions[0].paragraph))
        return "transcript" if opening > 400 else "interview"
    if len({m.speaker for m in markers if m.named}) >= 2 and _SPEECH.search(t):
        return "transcript"  # remarks by two or more who speak in turn: a record of the exchange
    if _STATEMENT.search(head) or "PC.DEL/" in text[:2000]:
        return "statement"
    if _SPEECH.search(t) or _SALUTATION.match(text, 0, 200):
        return "speech"
    if _APPOINTED.search(text, 0, 800) and _BORN.search(text, 0, 4000):
        return "biography"
    if re.search(r"\bbiograph", t, _I):
        return "biography"
    if any(_ARTICLE_SOURCE.search(p) for p in (raw.url, raw.source) if p):
        return "article"
    if any(_NEWS_SOURCE.search(p) for p in (raw.source, raw.url, raw.external_id) if p):
        return "news"
    if any(_DATELINE.match(text, p.start, p.end) for p in paras[:2]):
        return "news"
    # A readout on an official site ("Telephone conversation with ..."): its usual kind there.
    if default := load_publishers().default_type(publisher):
        return default
    return _voice_type(title, text, paras, header) or "other"


# Plain text with no label, no source and no known publisher: the opening's voice decides.
_QUOTED = re.compile(r"[“\"«][^”\"»]*[”\"»]")
_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]y|[Ww]e|[Oo]ur|[Uu]s)\b")
# Words said from the floor of the UN General Assembly (a General Debate statement).
_UN_FLOOR = re.compile(
    r"\bcongratulat\w*\b[^.]{0,200}?\belection\b|\bGeneral Assembly\b|\bthis (?:Assembly|rostrum)\b"
    r"|\b[Mm]y delegation\b|\bMr\.? President\b"
)
# A lead that reports: an attribution, an event verb in the past, or an announced event.
_REPORTING = re.compile(
    r"\b(?:reports?|reported|informed|announced|according to|press service|correspondent"
    r"|said|says|told|noted|stated|met|held|hosted|visited|paid|attended|participated|presented"
    r"|discussed|received|signed|opened|observed|established|launched|delivered|addressed|chaired"
    r"|took part|took place|won|(?:was|were) (?:\w+ly )?(?:held|appointed|sworn|elected|signed"
    r"|awarded|implemented|completed|adopted|opened|launched|received)"
    r"|has (?:been appointed|said|attended|visited|met)|(?:working|official|state) visit"
    r"|(?:is|are) preparing|plans? to|(?:will|to) (?:be held|take place|hold|host|visit|sign|send"
    r"|attend))\b"
)
# A first-person message under a headline: congratulations, condolences, a position.
_MESSAGE = re.compile(
    r"(?:On behalf of\b|Dear\b|I (?:\w+ly )?(?:congratulate|welcome|condemn|extend|express))"
)


def _voice_type(title: str | None, text: str, paras: tuple[Span, ...], header: int) -> str | None:
    if title is None or header == 0:
        if any(_BYLINE.fullmatch(text, p.start, p.end) for p in paras[:2]):
            return "article"
        # No headline: a statement from the UN floor opens straight into the speech.
        if _UN_FLOOR.search(text) and _FIRST_PERSON.search(text):
            return "speech"
        return None
    if header >= len(paras):
        return None
    p = paras[header]
    lead = _QUOTED.sub("", text[p.start : p.end][:600])
    if _MESSAGE.match(lead):
        return "statement"
    if _FIRST_PERSON.search(lead):
        # A headline over a long first-person text that greets no one: an op-ed without its
        # byline ("Finding the Energy for Increased Cooperation").
        return "article" if len(text) - p.start > 2000 and not _SALUTATION.match(lead) else None
    # A headline (a clause, not a topic's name) over a third-person lead that reports at once:
    # a news item (or the site's release of it).
    if len(title.split()) >= 4 and _REPORTING.search(lead, 0, 300):
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
    if not sample.isascii():
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
