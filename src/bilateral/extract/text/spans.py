"""Items looked up by where they start, in time logarithmic in their number. Stages ask "which
mentions, dates, countries lie between a and b" once per post (roles) or once per coded phrase
(actions); a scan of every item each time made them quadratic in the length of a document (a long
repetitive text took minutes)."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class ByOffset(Generic[T]):
    """Items sorted by an offset (their start, or their end), each lookup a binary search."""

    __slots__ = ("_items", "_keys")

    def __init__(self, items: Iterable[T], key: Callable[[T], int]) -> None:
        pairs = sorted(((key(i), n, i) for n, i in enumerate(items)), key=lambda p: p[:2])
        self._keys = [k for k, _, _ in pairs]
        self._items = [i for _, _, i in pairs]

    def between(self, lo: int, hi: int) -> Sequence[T]:
        """The items whose offset is in [lo, hi), in order."""
        a = bisect.bisect_left(self._keys, lo)
        b = bisect.bisect_left(self._keys, hi, a)
        return self._items[a:b]

    def last_before(self, hi: int) -> T | None:
        """The item with the greatest offset below or at ``hi``."""
        i = bisect.bisect_right(self._keys, hi)
        return self._items[i - 1] if i else None

    def __len__(self) -> int:
        return len(self._items)
