"""Page furniture as data: ``kb/data/boilerplate.yaml`` (menu labels, language switchers, site lines).

Loaded once into a frozen object; ``ingest/clean.py`` builds its whole-line residue rule from it.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from dataclasses import dataclass

import yaml

__all__ = ["Boilerplate", "load_boilerplate", "parse_boilerplate"]


@dataclass(frozen=True, slots=True)
class Boilerplate:
    menu_lines: tuple[str, ...]  # regular expressions, each a whole line
    language_codes: tuple[str, ...]
    language_names: tuple[str, ...]
    site_lines: tuple[str, ...]  # regular expressions, case-insensitive, each a whole line


def _strings(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError(f"boilerplate.yaml: {where} must be a list of strings")
    return tuple(value)


def _checked(patterns: tuple[str, ...], where: str, flags: int = 0) -> tuple[str, ...]:
    for p in patterns:
        try:
            re.compile(p, flags)
        except re.error as exc:
            raise ValueError(f"boilerplate.yaml: {where}: bad pattern {p!r} ({exc})") from None
    return patterns


def parse_boilerplate(text: str) -> Boilerplate:
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    menu = _checked(_strings(data["menu_lines"], "menu_lines"), "menu_lines")
    # The line rule looks only at lines that start with a capital: a menu label must too.
    lower = [m for m in menu if not m[0].isupper()]
    if lower:
        raise ValueError(f"boilerplate.yaml: menu_lines must start with a capital: {lower}")
    languages = data["languages"]
    return Boilerplate(
        menu_lines=menu,
        language_codes=_strings(languages["codes"], "languages: codes"),
        language_names=_strings(languages["names"], "languages: names"),
        site_lines=_checked(_strings(data["site_lines"], "site_lines"), "site_lines", re.I),
    )


@functools.cache
def load_boilerplate() -> Boilerplate:
    """The packaged page-furniture vocabulary, loaded once per process."""
    ref = importlib.resources.files("bilateral.kb") / "data" / "boilerplate.yaml"
    return parse_boilerplate(ref.read_text(encoding="utf-8"))
