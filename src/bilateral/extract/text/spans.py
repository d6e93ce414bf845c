"""Items looked up by where they start, in time logarithmic in their number. Stages ask "which
mentions, dates, countries lie between a and b" once per post (roles) or once per coded phrase
(actions); a scan of every item each time made them quadratic in the length of a document (a long
repetitive text took minutes)."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from typing import Generic, Protocol, TypeVar

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


class Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=Spanned)


class Taken(Generic[S]):
    """Spans (anything with a start and an end) kept by where they start, so that "which of them
    overlap [a, b)" costs a binary search plus the few spans near a. The entities stage asks it
    of every candidate name against every name found so far; a scan of the whole list each time
    made the stage quadratic in the length of a document."""

    __slots__ = ("_longest", "_spans", "_starts")

    def __init__(self, spans: Iterable[S] = ()) -> None:
        self._starts: list[int] = []
        self._spans: list[S] = []
        self._longest = 0
        for span in spans:
            self.add(span)

    def add(self, span: S) -> None:
        i = bisect.bisect_right(self._starts, span.start)
        self._starts.insert(i, span.start)
        self._spans.insert(i, span)
        self._longest = max(self._longest, span.end - span.start)

    def remove(self, span: S) -> None:
        """Take out this very object (not an equal one)."""
        i = bisect.bisect_left(self._starts, span.start)
        while self._spans[i] is not span:
            i += 1
        del self._starts[i], self._spans[i]

    def overlapping(self, start: int, end: int) -> list[S]:
        """The spans that share a character with [start, end) (or, for an empty one, hold it
        strictly inside), in order of their start."""
        a = bisect.bisect_right(self._starts, start - self._longest)
        b = bisect.bisect_left(self._starts, end, a)
        return [s for s in self._spans[a:b] if s.end > start]

    def free(self, start: int, end: int) -> bool:
        """Whether no span overlaps [start, end): ``persons.free`` over all of them."""
        a = bisect.bisect_right(self._starts, start - self._longest)
        b = bisect.bisect_left(self._starts, end, a)
        return all(s.end <= start for s in self._spans[a:b])


class InOrder(Generic[S]):
    """Spans (times, mentions, figures) looked up by where they lie, each answer in the order the
    spans were given: what a scan of them all would keep, for a binary search and the few near.
    A stage that asks once per figure or per agreement which times or mentions its sentence holds
    is then linear in the length of a document, not quadratic."""

    __slots__ = ("_by", "_longest")

    def __init__(self, spans: Iterable[S]) -> None:
        items = list(enumerate(spans))
        self._by = ByOffset(items, key=lambda p: p[1].start)
        self._longest = max((x.end - x.start for _, x in items), default=0)

    def starting(self, start: int, end: int) -> list[S]:
        """Those that start in [start, end)."""
        return [x for _, x in sorted(self._by.between(start, end), key=lambda p: p[0])]

    def starting_in(self, spans: Iterable[tuple[int, int]]) -> list[S]:
        """Those that start in any of these spans."""
        found = {i: x for a, b in spans for i, x in self._by.between(a, b)}
        return [found[i] for i in sorted(found)]

    def over(self, start: int, end: int) -> list[S]:
        """Those that start in [start, end) or run into it from before."""
        near = self._by.between(start - self._longest, end)
        return [x for _, x in sorted(near, key=lambda p: p[0]) if x.start >= start or x.end > start]
