"""The person a post's holder is, where the text names him only in part.

A readout writes "Prime Minister Mustafa al-Kadhimi of Iraq" and the name reader may stop at
"Mustafa"; "Director Yang" is the "Yang Jiechi" named before; "Jose Rene D. Almendras" is the
KB's "Jose Rene Almendras". A role must be held by the person the document means, so a person
mention whose words (initials aside) are all words of one other person named in the document, with
more words or known to the KB, stands for that person; where the text goes on with the rest of his
name ("Mustafa" + " al-Kadhimi"), the mention takes it in, so that what follows the whole name
("... of Iraq") is read after it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from bilateral.kb import normalize_name
from bilateral.model import Mention

_INITIAL = re.compile(r"\A\w\.?\Z")


def _words(name: str) -> tuple[str, ...]:
    return tuple(w for w in normalize_name(name).replace("-", " ").split() if not _INITIAL.match(w))


def resolve_persons(
    text: str, mentions: Sequence[Mention], in_kb: Mapping[str, bool]
) -> list[Mention]:
    """The mentions with each partly named person's mention given to the person he is."""
    names: dict[str, set[tuple[str, ...]]] = {}  # a person -> the word lists he is named by
    said: dict[str, tuple[str, ...]] = {}  # a mention's text -> its words
    for m in mentions:
        if m.type == "person":
            if m.text not in said:
                said[m.text] = _words(m.text)
            names.setdefault(m.entity, set()).add(said[m.text])
    # A word -> the persons named with it, in the order of ``names``: a fuller name holds every
    # word of the mention, so only the persons named with its rarest word are looked at (all of
    # them each time made the stage quadratic in the persons of a document).
    with_word: dict[str, list[str]] = {}
    for pid, ws in names.items():
        for w in set().union(*ws):
            with_word.setdefault(w, []).append(pid)
    out = []
    for m in mentions:
        if m.type != "person":
            out.append(m)
            continue
        own = said[m.text]
        rarest = min((with_word.get(w, []) for w in own), key=len, default=[])
        fuller = {
            pid: max(names[pid], key=len)
            for pid in rarest
            if pid != m.entity
            and any(
                set(own) <= set(w)
                and (len(w) > len(own) or (in_kb.get(pid, False) and not in_kb.get(m.entity)))
                for w in names[pid]
            )
        }
        if len(fuller) != 1:
            out.append(m)
            continue
        pid, words = next(iter(fuller.items()))
        end = _rest_of_name(text, m, own, words)
        out.append(replace(m, entity=pid, end=end, text=text[m.start : end]))
    return out


def _rest_of_name(text: str, m: Mention, own: tuple[str, ...], full: tuple[str, ...]) -> int:
    """Where the whole name ends, when the text goes on with the words the mention left out."""
    if not own or full[: len(own)] != own or len(full) == len(own):
        return m.end
    rest = r"[ \t\xa0-]+".join(re.escape(w) for w in full[len(own) :])
    after = re.compile(rf"[ \t\xa0-]+{rest}\b", re.IGNORECASE).match(text, m.end)
    return after.end() if after is not None else m.end
