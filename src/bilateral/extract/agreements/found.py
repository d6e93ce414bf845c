"""A name the agreements stage found, before names are merged into agreements."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Found:
    start: int  # the name's offsets in the document
    end: int
    name: str
    type: str
    sentence: tuple[int, int]
    own: bool = False  # the document itself, signed on its own date
