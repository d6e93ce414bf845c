"""The Russian language layer: tokens with offsets, lemmas, names, and a dependency parse on
demand, for the stages that read a document whose ``language`` is ``"ru"``.

One `RussianLayer` lives in the `Context` (``ctx.ru``); nothing of natasha, slovnet or pymorphy3
is imported before a Russian document asks for it, and each model is loaded once per process.

    text = ctx.ru.read(doc)            # RussianText, computed once per document (cached)
    for sent in text.sentences:        # the document's own sentences (doc.sentences)
        for tok in text.tokens[sent.first : sent.last]:
            tok.start, tok.end         # offsets into doc.text
            tok.text, tok.lemma        # "Путиным", "путин" (lower case, ё read as е)
            tok.pos, tok.tag           # "NOUN", "NOUN,anim,masc,Sgtm,Surn sing,ablt" (OpenCorpora)
            tok.key                    # stem of the lemma: the form names are matched by
    text.between(start, end)           # the tokens inside [start, end)
    ctx.ru.names(doc)                  # natasha's NER: RuName(start, end, type, text, normal)
    ctx.ru.names(doc, spans)           # ... only over these spans of its text
    ctx.ru.nominative("Эмомали Рахмоном", "PER")    # "Эмомали Рахмон"
    ctx.ru.parse(sentence_text)        # natasha morph + syntax: RuWord(start, end, text, lemma,
                                       #   pos (UD), feats, head, rel); slow (about 1,000
                                       #   words/s), so parse only the sentences a stage reads

Lemmas are pymorphy3's first reading of the word out of context (the tagger that chooses in
context costs twenty times more); `key` (the Snowball stem of the lemma) absorbs the usual
mistakes of that choice ("Лаврова" -> lemma "лавров" or "лавр", key "лавр" either way).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bilateral.lang.stem import stem_word
from bilateral.model import Document


@dataclass(frozen=True, slots=True)
class RuToken:
    start: int
    end: int
    text: str
    lemma: str
    pos: str  # OpenCorpora part of speech ("NOUN", "ADJF", "VERB", "PREP"...), or "PNCT",
    # "NUMB", "LATN", "UNKN" for what is no Russian word
    tag: str  # the whole OpenCorpora tag of that reading
    key: str  # stem of the lemma (Cyrillic words) or the lower-cased text


@dataclass(frozen=True, slots=True)
class RuSentence:
    start: int
    end: int
    first: int  # index of its first token in RussianText.tokens
    last: int  # one past its last token


@dataclass(frozen=True, slots=True)
class RuName:
    """A name natasha's NER finds: ``type`` PER, LOC or ORG; ``normal`` the nominative form
    ("Эмомали Рахмоном" -> "Эмомали Рахмон"; for LOC and ORG only the words up to the first
    noun change: "Министерства иностранных дел" -> "Министерство иностранных дел")."""

    start: int
    end: int
    type: str
    text: str
    normal: str


@dataclass(frozen=True, slots=True)
class RuWord:
    """A word of a parsed sentence (natasha's morphology and syntax, Universal Dependencies);
    offsets into the sentence text given to `RussianLayer.parse`; ``head`` the index of the
    head word in the same tuple, -1 for the root."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str
    feats: tuple[tuple[str, str], ...]
    head: int
    rel: str


@dataclass(frozen=True, slots=True)
class RussianText:
    text: str
    tokens: tuple[RuToken, ...]
    sentences: tuple[RuSentence, ...]

    def between(self, start: int, end: int) -> tuple[RuToken, ...]:
        """The tokens that lie inside [start, end)."""
        starts = [t.start for t in self.tokens]
        lo = bisect.bisect_left(starts, start)
        hi = lo
        while hi < len(self.tokens) and self.tokens[hi].end <= end:
            hi += 1
        return self.tokens[lo:hi]


_Reading = tuple[str, str, str, str]  # lemma, pos, tag, key


class RussianLayer:
    """natasha and pymorphy3, loaded on first use, with the caches that make them fast enough:
    a word form's reading is computed once per process (texts repeat their words), a document's
    `RussianText` once per document."""

    CACHE_WORDS = 200_000
    CACHE_DOCS = 8
    CACHE_PARSES = 2048

    def __init__(self) -> None:
        self._morph: Any = None
        self._emb: Any = None
        self._ner: Any = None
        self._syntax: Any = None
        self._threads: Any = None
        self._readings: dict[str, _Reading] = {}
        self._all: dict[str, list[Any]] = {}  # word -> every reading, for names' inflection
        self._normal: dict[tuple[str, str], str] = {}
        self._name_keys: dict[str, str] = {}
        self._texts: OrderedDict[tuple[str, int], RussianText] = OrderedDict()
        self._parses: OrderedDict[str, tuple[RuWord, ...]] = OrderedDict()

    # --- tokens and lemmas -------------------------------------------------------------------

    def analyzer(self) -> Any:
        """pymorphy3's MorphAnalyzer (for stages that need other readings than the first)."""
        if self._morph is None:
            import pymorphy3

            self._morph = pymorphy3.MorphAnalyzer()
        return self._morph

    def version(self) -> str:
        """What a word's key depends on: the dictionary's revision (keys computed under another
        revision, such as those the knowledge-base build stores, may differ)."""
        meta = self.analyzer().dictionary.meta
        return f"opencorpora {meta.get('source_revision')}, snowball"

    def reading(self, word: str) -> _Reading:
        """(lemma, pos, tag, key) of one word form, out of context."""
        low = word.lower().replace("ё", "е")
        got = self._readings.get(low)
        if got is None:
            if len(self._readings) >= self.CACHE_WORDS:
                self._readings.clear()
            got = self._readings[low] = self._read(low)
        return got

    def _read(self, low: str) -> _Reading:
        p = self.analyzer().parse(low)[0]
        lemma = p.normal_form.replace("ё", "е")
        pos = p.tag.POS or str(p.tag).split(",", 1)[0].split(" ", 1)[0]
        cyrillic = any("а" <= c <= "я" for c in lemma)
        return lemma, pos, str(p.tag), stem_word(lemma) if cyrillic else low

    def readings(self, word: str) -> list[Any]:
        """Every pymorphy3 reading of a word as written (cached)."""
        got = self._all.get(word)
        if got is None:
            if len(self._all) >= self.CACHE_WORDS:
                self._all.clear()
            got = self._all[word] = self.analyzer().parse(word)
        return got

    def index_keys(self, text: str) -> str:
        """The key of every Cyrillic word of `text`, space-separated, in text order: what the
        full-text index's ``stems`` column holds and a Cyrillic query word is looked up by.
        Keys, not bare Snowball stems, because a stem alone splits a surname's forms
        ("Лавров" -> "лавр", "Лаврова" -> "лавров") where the lemma's stem joins them."""
        reading = self.reading
        return " ".join(reading(w)[3] for w in _CYRILLIC_WORD.findall(text))

    def name_key(self, word: str) -> str:
        """The key of a word of a person's name: the stem of its lemma as a first name, surname
        or patronymic where the dictionary reads it so, else of the word itself where it ends as
        a surname in the nominative does ("Колокольцев", which the dictionary reads as a
        plural of "колоколец"), else its usual key. The case forms of one surname then share
        a key ("Колокольцев", "Колокольцева", "Колокольцеву")."""
        got = self._name_keys.get(word)
        if got is None:
            if len(self._name_keys) >= self.CACHE_WORDS:
                self._name_keys.clear()
            got = self._name_keys[word] = self._name_key(word)
        return got

    def _name_key(self, word: str) -> str:
        low = word.lower().replace("ё", "е")
        if not any("а" <= c <= "я" for c in low):
            return low
        for p in self.readings(word):
            if any(t in p.tag for t in _NAME_TAGS) and p.tag.number != "plur":
                return stem_word(p.normal_form.replace("ё", "е"))
        if low.endswith(_SURNAME_END):
            return stem_word(low)
        return self.reading(word)[3]

    def lemma(self, word: str) -> str:
        return self.reading(word)[0]

    def keys(self, phrase: str) -> tuple[str, ...]:
        """The matching keys of a phrase's words ("Объединённых Арабских Эмиратов" and
        "Объединённые Арабские Эмираты" give the same)."""
        from razdel import tokenize

        return tuple(self.reading(t.text)[3] for t in tokenize(phrase) if _wordlike(t.text))

    def read(self, doc: Document) -> RussianText:
        """The document's tokens and sentences (computed once, kept for the next stages)."""
        cache_key = (doc.id, len(doc.text))
        got = self._texts.get(cache_key)
        if got is None:
            got = self._tokenize(doc)
            self._texts[cache_key] = got
            while len(self._texts) > self.CACHE_DOCS:
                self._texts.popitem(last=False)
        self._texts.move_to_end(cache_key)
        return got

    def _tokenize(self, doc: Document) -> RussianText:
        from razdel import tokenize

        text = doc.text
        spans = [(s.start, s.end) for s in doc.sentences] or _sentences(text)
        tokens: list[RuToken] = []
        sentences: list[RuSentence] = []
        reading = self.reading
        for a, b in spans:
            first = len(tokens)
            for t in tokenize(text[a:b]):
                lemma, pos, tag, key = reading(t.text)
                tokens.append(RuToken(a + t.start, a + t.stop, t.text, lemma, pos, tag, key))
            sentences.append(RuSentence(a, b, first, len(tokens)))
        return RussianText(text, tuple(tokens), tuple(sentences))

    # --- names ---------------------------------------------------------------------------------

    def _one_thread(self) -> Any:
        """natasha's models multiply matrices in numpy: one BLAS thread for them. OpenBLAS's
        second thread halves no wall time on these small products but doubles the CPU they
        take (it spins while it waits), CPU a worker process on the other core needs."""
        if self._threads is None:
            from threadpoolctl import ThreadpoolController

            self._threads = ThreadpoolController()
        return self._threads.limit(limits=1, user_api="blas")

    def _embedding(self) -> Any:
        if self._emb is None:
            from natasha import NewsEmbedding

            self._emb = NewsEmbedding()
        return self._emb

    def names(
        self, doc: Document, spans: Iterable[tuple[int, int]] | None = None
    ) -> tuple[RuName, ...]:
        """natasha's NER over the document's sentences, or only over the given spans of its
        text (the model reads about 6,000 words/s: run it where something is unexplained)."""
        if self._ner is None:
            from natasha import NewsNERTagger

            self._ner = NewsNERTagger(self._embedding())
        if spans is None:
            parts = [(s.start, s.end) for s in self.read(doc).sentences]
        else:
            parts = sorted(spans)
        # One text for the model, the parts joined by line breaks: a long sequence runs
        # about four times faster through it than the same words as a batch of sentences.
        joined, shifts = _joined(doc.text, parts)
        out: list[RuName] = []
        if not joined.strip():
            return ()
        with self._one_thread():
            found = self._ner(joined).spans
        for span in found:
            i = bisect.bisect_right(shifts, (span.start, 1 << 62)) - 1
            shift = shifts[i][1]
            a, b = span.start + shift, span.stop + shift
            surface = doc.text[a:b]
            out.append(RuName(a, b, span.type, surface, self.nominative(surface, span.type)))
        return tuple(out)

    def nominative(self, name: str, kind: str = "PER") -> str:
        """A name put in the nominative: every word of a person's name, in the gender its first
        name (or the first word that shows one) has; for places and bodies the words up to the
        first noun ("Республики Союз Мьянма" -> "Республика Союз Мьянма")."""
        got = self._normal.get((name, kind))
        if got is None:
            if len(self._normal) >= self.CACHE_WORDS:
                self._normal.clear()
            got = self._normal[(name, kind)] = self._nominative(name, kind)
        return got

    def _nominative(self, name: str, kind: str) -> str:
        # "Касым-Жомартом", "Диас-Канелем": in a person's name the last part carries the case.
        heads, words = [], []
        for w in name.split():
            head, dash, last = w.rpartition("-") if kind == "PER" else ("", "", w)
            heads.append(head + dash)
            words.append(last or w)
        parses = [self.readings(w) for w in words]
        gender = _gender(parses) if kind == "PER" else _head_gender(parses)
        out: list[str] = []
        inflect = True
        for word, readings in zip(words, parses, strict=True):
            if not inflect:
                out.append(word)
                continue
            new, noun = _nominative(word, readings, gender, person=kind == "PER")
            out.append(new)
            if noun and kind != "PER":
                inflect = False
        return " ".join(h + w for h, w in zip(heads, out, strict=True))

    def plain_word(self, word: str) -> bool:
        """Whether the dictionary knows `word` only as a common word, never as a name, surname,
        place, body or abbreviation ("Переговоры", "Родина", "Вами"; not "Шараа", "Мьянмы")."""
        readings = self.readings(word)
        if not readings or not all(p.is_known for p in readings):
            return False
        return not any(any(g in p.tag for g in _PROPER) for p in readings)

    # --- syntax --------------------------------------------------------------------------------

    def parse(self, sentence: str) -> tuple[RuWord, ...]:
        """natasha's morphology and dependency parse of one sentence (cached)."""
        got = self._parses.get(sentence)
        if got is not None:
            self._parses.move_to_end(sentence)
            return got
        if self._syntax is None:
            from natasha import NewsMorphTagger, NewsSyntaxParser

            emb = self._embedding()
            self._syntax = (NewsMorphTagger(emb), NewsSyntaxParser(emb))
        from razdel import tokenize

        morph, syntax = self._syntax
        toks = list(tokenize(sentence))
        words = [t.text for t in toks]
        if not words:
            return ()
        with self._one_thread():
            tagged = next(iter(morph.map([words])))
            parsed = next(iter(syntax.map([words])))
        out = []
        for tok, mt, st in zip(toks, tagged.tokens, parsed.tokens, strict=True):
            feats = tuple(sorted((mt.feats or {}).items()))
            lemma = self.lemma(tok.text)
            head = int(st.head_id) - 1
            out.append(RuWord(tok.start, tok.stop, tok.text, lemma, mt.pos, feats, head, st.rel))
        got = tuple(out)
        self._parses[sentence] = got
        while len(self._parses) > self.CACHE_PARSES:
            self._parses.popitem(last=False)
        return got


# A run of Cyrillic letters (hyphenated words are two words, as FTS5's tokenizer reads them).
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+")


_STARTS: dict[int, tuple[Mapping[tuple[str, ...], Any], frozenset[str]]] = {}


def phrase_starts(table: Mapping[tuple[str, ...], Any]) -> frozenset[str]:
    """The lemmas a phrase of ``table`` (lemma tuples, a vocabulary's) can start with, kept per
    table: a lookup asks this before building a tuple of lemmas for every length at a token."""
    got = _STARTS.get(id(table))
    if got is None or got[0] is not table:
        got = (table, frozenset(key[0] for key in table if key))
        _STARTS[id(table)] = got
    return got[1]


@functools.lru_cache(maxsize=1)
def shared_layer() -> RussianLayer:
    """One Russian layer for the code outside the extraction stages (the store's index, the
    search), which have no `Context`."""
    return RussianLayer()


def _joined(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """The spans' texts joined by line breaks, and (offset in the joined text, shift to add to
    reach the offset in `text`) for each span, in order."""
    parts: list[str] = []
    shifts: list[tuple[int, int]] = []
    at = 0
    for a, b in spans:
        shifts.append((at, a - at))
        parts.append(text[a:b].replace("\n", " "))
        at += b - a + 1
    return "\n".join(parts), shifts


def _wordlike(token: str) -> bool:
    return any(c.isalnum() for c in token)


def _sentences(text: str) -> list[tuple[int, int]]:
    from razdel import sentenize

    return [(s.start, s.stop) for s in sentenize(text)] or [(0, len(text))]


_NAME_TAGS = ("Name", "Surn", "Patr")
# A masculine surname in the nominative ("Колокольцев", "Бортников", "Пушкин").
_SURNAME_END = ("ов", "ев", "ин", "ын")
_PROPER = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Init")


def _gender(parses: list[Any]) -> str | None:
    """The gender of a person's name: of a first name the dictionary knows, else masculine
    where a word ends as a masculine name does in the instrumental ("Хурэлсухом")."""
    for readings in parses:
        for p in readings:
            if p.is_known and "Name" in p.tag and p.tag.gender in ("masc", "femn"):
                return str(p.tag.gender)
    for readings in parses:
        if readings and readings[0].word.endswith(("ом", "ем", "ём", "ым", "им")):
            return "masc"
    return None


# Particles of names that never decline ("Мухаммед Аль Нахайян", "Мухаммед бен Сальман").
_PARTICLES = frozenset("аль ал эль бен бин ибн ван фон де ди да дос дель ла ле".split())
# Foreign names ending in these vowels do not decline ("Моди", "Нетаньяху", "Абэ").
_INDECLINABLE_END = tuple("иуюоеэ")


def _head_gender(parses: list[Any]) -> str | None:
    """The gender of the first noun of a place's or body's name, which its adjectives take
    ("Большого Кремлёвского дворца": masculine)."""
    for readings in parses:
        nouns = [p for p in readings if p.tag.POS == "NOUN"]
        if nouns and not any(p.tag.POS == "ADJF" for p in readings):
            return str(nouns[0].tag.gender) if nouns[0].tag.gender else None
    return None


def _nominative(
    word: str, readings: list[Any], gender: str | None, person: bool
) -> tuple[str, bool]:
    """(the word in the nominative, whether it is a noun) from its readings: for a person's
    name a reading as a name, surname or patronymic of the name's gender comes first."""

    def rank(p: Any) -> tuple[int, int]:
        named = any(t in p.tag for t in _NAME_TAGS)
        fits = gender is None or "ms-f" in p.tag or p.tag.gender in (gender, None)
        return (0 if (named or not person) and fits else 1, 0 if p.tag.number != "plur" else 1)

    unknown = not any(p.is_known for p in readings)
    if person and (
        word.lower() in _PARTICLES or (unknown and word.lower().endswith(_INDECLINABLE_END))
    ):
        return word, True
    if person and unknown and gender == "masc" and word.endswith("ом") and len(word) > 4:
        return word[:-2], True  # "Хурэлсухом": a consonant stem in the instrumental
    candidates = [p for p in readings if p.tag.POS in ("NOUN", "ADJF", "PRTF")]
    if not candidates or "-" in word:
        return word, bool(candidates)
    best = min(candidates, key=rank)
    if person and unknown and rank(best)[0]:
        return word, True  # no guess of the name's gender: leave the word as written
    wanted = {"nomn"} if best.tag.number == "plur" and not person else {"nomn", "sing"}
    if not person and gender and best.tag.POS in ("ADJF", "PRTF") and best.tag.number != "plur":
        wanted.add(gender)
    new = best.inflect(wanted)
    noun = best.tag.POS == "NOUN"
    if new is None:
        return word, noun
    return _cased(new.word, word), noun


def _cased(new: str, like: str) -> str:
    """`new` in the capitals of `like`: "путин" like "Путиным" -> "Путин"; "оаэ" like "ОАЭ"."""
    if like.isupper() and len(like) > 1:
        return new.upper()
    if like[:1].isupper():
        return new[:1].upper() + new[1:]
    return new
