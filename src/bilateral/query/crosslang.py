"""A search in one language finds documents in the other, through the record's entities.

A query that names an entity ("Lavrov", "Sergey Lavrov", "Лавров", "Лаврова") is widened to that
entity's names in the other script: its English name and English surname for a Cyrillic query,
its Russian forms (the surname for a person) for a Latin one. The entities table holds, for a
knowledge-base entity, every alias the knowledge base gives it, Russian ones included.

A Cyrillic word of a query is looked up by its key (the stem of its lemma, lang/ru.py) in the
index's ``stems`` column, which holds the key of every word of a Russian document (migration
0010): every inflected form matches ("товарооборот" finds "товарооборота"), and only those
("мир" does not find "мировой"), where FTS5's Porter stemmer knows English only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bilateral.lang.ru import shared_layer
from bilateral.lang.stem import has_cyrillic, stem_word
from bilateral.store import Store

# Longer queries are questions or phrases, not names.
_MAX_WORDS = 4
# Of a state's or body's many names in the other script, the few shortest carry the search.
_MAX_FORMS = 4


def _words(form: str) -> list[str]:
    return form.replace("-", " ").replace(".", " ").split()


def _same(a: str, b: str) -> bool:
    """Two words alike, a Cyrillic pair by stem ("Лаврова", "Лавров"), one stem opening the
    other: Snowball reads "-ов" of "Лавров" as an ending ("лавр") but not of "Лаврова"."""
    if has_cyrillic(a) and has_cyrillic(b):
        x, y = sorted((stem_word(a), stem_word(b)), key=len)
        return y.startswith(x) and len(x) >= min(4, len(y))
    return a.lower() == b.lower()


def _names(query: str, forms: Iterable[str], person: bool) -> bool:
    """Whether the query is one of the forms, or, for a person, the surname of one of them."""
    q = _words(query)
    for form in forms:
        w = _words(form)
        if len(w) == len(q) and all(_same(a, b) for a, b in zip(w, q, strict=True)):
            return True
        if (
            person
            and len(q) == 1
            and _surname(form) is not None
            and _same(_surname(form) or "", q[0])
        ):
            return True
    return False


def _surname(form: str) -> str | None:
    """The surname of a full name: its last word, or its first before initials ("Лавров С.
    В."); None for a name of one word."""
    w = _words(form)
    if len(w) < 2:
        return None
    named = [x for x in w if len(x) > 1]
    if len(named) == 1:
        return named[0]
    return w[-1] if len(w[-1]) > 1 else None


Named = tuple[str, str, list[str]]  # an entity's type, name and aliases


@dataclass(frozen=True)
class Bilingual:
    """The entities named in both scripts: the only ones ``other_language_forms`` can widen a
    query to, each with its names joined (as they are, and lower-cased) for a quick test."""

    entities: tuple[tuple[str, str, Named], ...]

    def like(self, probe: str, limit: int = 50) -> list[Named]:
        """As ``Store.entity_names_like``: a name contains ``probe``, ASCII letters in any case
        (SQLite's LIKE)."""
        if probe.isascii():
            low = probe.lower()
            found = [e for lowered, _, e in self.entities if low in lowered]
        else:
            found = [e for _, joined, e in self.entities if probe in joined]
        return found[:limit]


def bilingual_entities(store: Store) -> Bilingual:
    """Read once per change of the database by a server, and passed to every search, rather
    than scanning every entity's names on every search."""
    entities = []
    for etype, name, aliases in store.entity_names_like("", limit=-1):
        forms = (name, *aliases)
        if len({has_cyrillic(f) for f in forms}) == 2:
            joined = "\n".join(forms)
            entities.append((joined.lower(), joined, (etype, name, aliases)))
    return Bilingual(tuple(entities))


def other_language_forms(store: Store, query: str, entities: Bilingual | None = None) -> list[str]:
    """The names in the other script of the entities the query names (none for a query that
    is not a name); ``entities``, when given, are the candidates (``bilingual_entities``)."""
    words = _words(query)
    if not words or len(words) > _MAX_WORDS or '"' in query:
        return []
    if any(w in ("AND", "OR", "NOT") for w in words):
        return []
    cyrillic = has_cyrillic(query)
    # SQLite's LIKE folds case for ASCII only: a Cyrillic name is probed capitalised.
    probe = stem_word(words[-1]).capitalize() if cyrillic else words[-1]
    candidates = store.entity_names_like(probe) if entities is None else entities.like(probe)
    out: list[str] = []
    for etype, name, aliases in candidates:
        forms = [name, *aliases]
        if not _names(query, forms, etype == "person"):
            continue
        other = [f for f in forms if has_cyrillic(f) != cyrillic]
        if not other:
            continue
        # A person by the surname of its full names ("Лавров" finds "Лаврова"); anything else
        # by its names in the other script, the shortest first.
        surnames = [x for x in map(_surname, other) if x]
        if etype == "person" and surnames:
            chosen = [max(set(surnames), key=surnames.count)]
        else:
            chosen = sorted(dict.fromkeys(other), key=len)[:_MAX_FORMS]
        out.extend(f for f in chosen if f not in out)
    return out


def _within(words: Sequence[str], name: Sequence[str]) -> bool:
    n = len(words)
    return any(list(name[i : i + n]) == list(words) for i in range(len(name) - n + 1))


def agreement_forms(store: Store, query: str) -> list[str]:
    """The names in the other language of the agreements a query names: a query whose words
    run inside the English name of an agreement a Russian document names ("Treaty on
    Friendship") finds that document by the name as it words it, its words by their keys in
    any inflection; a Cyrillic query inside that name finds the English name. A query of one
    word, or with operators, names no agreement."""
    text = query.strip()
    if len(text) > 1 and text[0] == text[-1] == '"':
        text = text[1:-1]
    words = _words(text)
    if len(words) < 2 or '"' in text or any(w in ("AND", "OR", "NOT") for w in words):
        return []
    if any(w.startswith("-") or w.endswith("*") for w in words):
        return []
    cyrillic = has_cyrillic(text)

    def keys(s: str) -> list[str]:
        if cyrillic:
            return shared_layer().index_keys(s).split()
        return [w.lower().strip(",;:()«»“”") for w in _words(s)]

    wanted = keys(text)
    # SQLite's LIKE folds ASCII only, and a stem may hold "е" where the name has "ё": a
    # Cyrillic query is probed by a word after its first, up to its first "е".
    probe = max(words[1:] if cyrillic else words, key=len)
    if cyrillic:
        probe = stem_word(probe).split("е")[0]
    if len(probe) < 3:
        return []
    out: list[str] = []
    for name, original in store.agreement_names_like(probe):
        if _within(wanted, keys(original if cyrillic else name)):
            out.append(name if cyrillic else original)
    return sorted(dict.fromkeys(out), key=len)[:_MAX_FORMS]


def fts_phrase(form: str) -> str:
    """An FTS5 phrase for a word or a name: a Cyrillic one as the phrase of its words' keys in
    the ``stems`` column, any other as written."""
    words = _words(form)
    if all(has_cyrillic(w) for w in words):
        return f'stems : "{shared_layer().index_keys(form)}"'
    return '"' + " ".join(w.replace('"', "") for w in words) + '"'


def index_keys(words: Iterable[str]) -> frozenset[str]:
    """The keys of the Cyrillic query words, for telling which words of a text match them."""
    return frozenset(k for w in words for k in shared_layer().index_keys(w).split())
