"""Settings as one table: name, environment variable, default, help. It drives flags and docs."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    env: str
    default: str | None
    help: str

    def value(self) -> str | None:
        return os.environ.get(self.env, self.default)


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db",
        "BILATERAL_DB",
        "bilateral.db",
        "the record: a SQLite file, or a postgresql://USER@HOST:PORT/DB URL",
    ),
    Setting(
        "workers",
        "BILATERAL_WORKERS",
        None,
        "worker processes for ingest (default: cores, at most 4)",
    ),
    Setting(
        "token", "BILATERAL_TOKEN", None, "token that enables POST /api/documents (off when unset)"
    ),
    Setting(
        "time_budget",
        "BILATERAL_TIME_BUDGET",
        "45",
        "seconds one document's extraction may take; later stages are skipped and the document"
        " marked incomplete (0: no limit)",
    ),
    Setting(
        "positions_classifier",
        "BILATERAL_POSITIONS_CLASSIFIER",
        "off",
        "on: the positions stage's sentence classifier (e5 vectors, about 60 ms of CPU a"
        " sentence, 2.6x the CPU of an English ingest) filters the cue rules and adds sentences"
        " they miss; +0.02 F1 with the publisher left out; filter: only the filter (only the"
        " cues' sentences are embedded); off: the cue rules alone",
    ),
    Setting(
        "events_recogniser",
        "BILATERAL_EVENTS_RECOGNISER",
        "off",
        "on: the events stage's learned sentence recogniser vetoes the triggers of sentences it"
        " finds no interaction in; -0.011 events F1 with the publisher left out; off: the"
        " trigger rules alone",
    ),
    Setting(
        "max_body", "BILATERAL_MAX_BODY", "5000000", "largest HTTP request body accepted, in bytes"
    ),
)


def setting(name: str) -> Setting:
    for s in SETTINGS:
        if s.name == name:
            return s
    raise KeyError(name)
