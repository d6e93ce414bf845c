"""Names the head-word rules of ``stage.py`` cannot reach from the head alone.

- A gathering's collective text: "the Chairman's Statement of the 19th ASEAN-Japan Summit" (a
  capitalised "Statement" is an instrument when a meeting of ``meetings`` issued it).
- A name whose short form stands between it and its head: "the Women, Peace and Security (WPS)
  Agenda", "the Secretary-General's Action for Peacekeeping Plus (A4P+) initiative".
- Two instruments sharing one complement: "the Memorandum of Implementation and Letter of
  Arrangement for the transfer of ..." names the Memorandum and the Letter, each "for the
  transfer of ...".
- A partnership between two named parties: "the strategic partnership between the Philippines
  and Japan" (a lower-case weak head names one only so: "a partnership" alone is none).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from bilateral.extract.agreements.found import Found
from bilateral.extract.text.units import squash
from bilateral.kb.vocabulary import agreement_types
from bilateral.model import Mention

_CAP = r"[A-Z0-9][\w’'.+-]*"
# Capitalised words joined by spaces, a series comma or a name's links ("Action for Peacekeeping
# Plus", "Women, Peace and Security").
_RUN = rf"{_CAP}(?:(?:,\s+|\s+(?:and|for|of|on|the|to)\s+|\s+){_CAP})*"


@functools.lru_cache(maxsize=1)
def _statement_of() -> re.Pattern[str]:
    meetings = "|".join(sorted(w.capitalize() for w in agreement_types().meetings))
    return re.compile(
        rf"\b(?:(?:Chairman|Chairperson|Chair)[’']s\s+)?(?:Joint\s+)?Statement\s+of\s+the\s+"
        rf"(?:{_CAP}\s+){{0,5}}?(?:{meetings})\b"
    )


@functools.lru_cache(maxsize=1)
def _short_form() -> re.Pattern[str]:
    return re.compile(rf"(?P<run>{_RUN})\s*\(\s*[A-Z][\w+&.-]{{0,10}}\s*\)\s+(?P<head>[A-Za-z]+)\b")


# "Memorandum of Implementation and Letter of Arrangement for the transfer of ...".
_PAIR = re.compile(
    rf"^(?P<one>{_CAP}\s+of\s+{_CAP}(?:\s+{_CAP})*)\s+and\s+"
    rf"(?P<two>{_CAP}\s+of\s+{_CAP}(?:\s+{_CAP})*)(?P<about>\s+(?:for|on|regarding)\s+.+)$"
)
_POSSESSIVE = re.compile(r"^.*[’']s\s+")


def find(
    text: str,
    spans: Sequence[tuple[int, int]],
    found: Sequence[Found],
    mentions: Sequence[Mention],
) -> list[Found]:
    """New names, none overlapping those found already."""
    out: list[Found] = []

    def free(a: int, b: int) -> bool:
        return not any(f.start < b and a < f.end for f in (*found, *out))

    vocab = agreement_types()
    for s, e in spans:
        for m in _statement_of().finditer(text, s, e):
            if m.start() > s and free(m.start(), m.end()):
                out.append(Found(m.start(), m.end(), squash(m[0]), "declaration", (s, e)))
        for m in _short_form().finditer(text, s, e):
            head = m["head"].lower()
            kind = vocab.head_type.get(head) or vocab.named_type.get(head)
            if kind is None:
                continue
            run = m["run"]
            a = m.start("run") + len(run) - len(_POSSESSIVE.sub("", run))
            if text.startswith(("the ", "The "), a):
                a += 4
            if not free(a, m.end()) or any(
                x.start <= a and m.start("run") + len(run) <= x.end and x.type != "organization"
                for x in mentions
            ):
                continue  # a name found already; "the Kazakhstan (KZ) plan": whose, not which
            if m["head"].islower() and any(
                x.start <= a and m.start("run") + len(run) <= x.end for x in mentions
            ):
                continue  # "the World Health Organization (WHO) programme": a body's work
            out.append(Found(a, m.end(), squash(text[a : m.end()]), kind, (s, e)))
    out.extend(_between(text, spans, found, mentions, out))
    return out


def split_pairs(found: Sequence[Found]) -> list[Found]:
    """Two instruments named with one shared complement become two names."""
    vocab = agreement_types()
    out: list[Found] = []
    for f in found:
        m = _PAIR.match(f.name)
        if m is None or f.own:
            out.append(f)
            continue
        two_head = m["two"].split()[0].lower()
        kind = vocab.head_type.get(two_head) or vocab.named_type.get(two_head) or "agreement"
        out.append(Found(f.start, f.end, m["one"] + m["about"], f.type, f.sentence))
        out.append(Found(f.start, f.end, m["two"] + m["about"], kind, f.sentence))
    return out


_BETWEEN = re.compile(
    r"\b(?:the|a|an|our|their|its)\s+(?P<name>(?:[a-z][\w-]+\s+(?:and\s+)?){1,3}"
    r"(?P<head>[a-z]+)\s+between\s+)"
)


def _between(
    text: str,
    spans: Sequence[tuple[int, int]],
    found: Sequence[Found],
    mentions: Sequence[Mention],
    new: Sequence[Found],
) -> list[Found]:
    """ "the strategic partnership between the Philippines and Japan": a modified weak head
    and a complement naming two parties."""
    named = agreement_types().named_type
    parties = sorted(
        (m for m in mentions if m.type in ("country", "organization")), key=lambda m: m.start
    )
    out: list[Found] = []
    for s, e in spans:
        for m in _BETWEEN.finditer(text, s, e):
            kind = named.get(m["head"])
            if kind is None:
                continue
            first = next((p for p in parties if p.start >= m.end()), None)
            if first is None or not re.fullmatch(r"(?:the\s+)?", text[m.end() : first.start]):
                continue
            second = next((p for p in parties if p.start >= first.end), None)
            if second is None or not re.fullmatch(
                r"\s+and\s+(?:the\s+)?", text[first.end : second.start]
            ):
                continue
            a, b = m.start("name"), second.end
            if any(f.start < b and a < f.end for f in (*found, *new, *out)):
                continue
            out.append(Found(a, b, squash(text[a:b]), kind, (s, e)))
    return out
