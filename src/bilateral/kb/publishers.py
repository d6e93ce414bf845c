"""Publishers as data: ``kb/data/publishers.yaml`` (hosts, name patterns, usual document type,
the state whose officials they are).

Loaded once into frozen objects; ``ingest/meta.py`` asks who issued a document from its URL's
host first (the surest sign), then from names printed on the page.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import yaml

__all__ = ["Publisher", "Publishers", "load_publishers"]

_FIELDS = frozenset(("name", "hosts", "patterns", "default_type", "country"))


@dataclass(frozen=True, slots=True)
class Publisher:
    name: str
    hosts: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    default_type: str | None
    country: str | None = None  # the KB id of the state the publisher speaks for


@dataclass(frozen=True, slots=True)
class Publishers:
    entries: tuple[Publisher, ...]

    def by_url(self, url: str | None) -> Publisher | None:
        """The publisher whose host (or a parent domain of it) the URL has."""
        if not url or "://" not in url:
            return None
        try:
            host = (urlsplit(url.strip()).hostname or "").lower()
        except ValueError:
            return None
        host = host.removeprefix("www.")
        for entry in self.entries:
            for known in entry.hosts:
                # "www.gov.ph" is that one site, not every site under gov.ph.
                if host == known.removeprefix("www.") or host.endswith("." + known):
                    return entry
        return None

    def by_text(self, probe: str) -> Publisher | None:
        """The first publisher one of whose patterns (or hosts) the text shows."""
        for entry in self.entries:
            if any(p.search(probe) for p in entry.patterns):
                return entry
            if any(_host_mention(h).search(probe) for h in entry.hosts if "." in h):
                return entry
        return None

    def default_type(self, name: str | None) -> str | None:
        for entry in self.entries:
            if entry.name == name:
                return entry.default_type
        return None

    def country(self, name: str | None) -> str | None:
        """The state a publisher speaks for (``country:USA`` for the White House), if any."""
        for entry in self.entries:
            if entry.name == name:
                return entry.country
        return None


@functools.cache
def _host_mention(host: str) -> re.Pattern[str]:
    # "mid.ru" in a path or a page footer, not inside "humid.rus".
    return re.compile(rf"(?<![\w.-]){re.escape(host.removeprefix('www.'))}\b", re.IGNORECASE)


def _strings(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"publishers.yaml: {where} must be a list of strings")
    return tuple(value)


def parse_publishers(text: str) -> Publishers:
    data = yaml.load(text, Loader=yaml.CSafeLoader)
    entries = []
    for item in data["publishers"]:
        unknown = set(item) - _FIELDS
        if unknown or "name" not in item:
            raise ValueError(f"publishers.yaml: {item.get('name')}: bad fields {sorted(unknown)}")
        name = str(item["name"])
        flags = re.IGNORECASE | re.MULTILINE
        entries.append(
            Publisher(
                name=name,
                hosts=tuple(h.lower() for h in _strings(item.get("hosts"), f"{name}: hosts")),
                patterns=tuple(
                    re.compile(p, flags)
                    for p in _strings(item.get("patterns"), f"{name}: patterns")
                ),
                default_type=item.get("default_type"),
                country=f"country:{item['country']}" if item.get("country") else None,
            )
        )
    return Publishers(tuple(entries))


@functools.cache
def load_publishers() -> Publishers:
    """The packaged publisher table, loaded once per process."""
    ref = importlib.resources.files("bilateral.kb") / "data" / "publishers.yaml"
    return parse_publishers(ref.read_text(encoding="utf-8"))
