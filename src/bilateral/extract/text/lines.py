"""Where the line around an offset begins and ends, found by a binary search over the text's line
breaks (listed once per text) rather than by a scan to the nearest break. A text of one long
paragraph has no break near anything: a scan per question (``text.rfind("\\n", 0, pos)``) read
the whole text each time, so a stage that asks it of every name or number was quadratic in the
length of such a text."""

from __future__ import annotations

import bisect
from functools import lru_cache


@lru_cache(maxsize=2)
def _breaks(text: str) -> list[int]:
    out, at = [], text.find("\n")
    while at >= 0:
        out.append(at)
        at = text.find("\n", at + 1)
    return out


def line_start(text: str, pos: int) -> int:
    """``text.rfind("\\n", 0, pos) + 1``: where the line holding ``pos`` begins."""
    breaks = _breaks(text)
    i = bisect.bisect_left(breaks, pos)
    return breaks[i - 1] + 1 if i else 0


def line_end(text: str, pos: int) -> int:
    """``text.find("\\n", pos)``: the line break at or after ``pos``, -1 where there is none."""
    breaks = _breaks(text)
    i = bisect.bisect_left(breaks, max(pos, 0))
    return breaks[i] if i < len(breaks) else -1


def only_before(text: str, start: int, pos: int, chars: str | None = None) -> bool:
    """``not text[start:pos].strip(chars)``, reading back from ``pos`` only as far as the
    characters go (not the whole line of a long paragraph)."""
    i = pos
    while i > start and (text[i - 1].isspace() if chars is None else text[i - 1] in chars):
        i -= 1
    return i <= start
