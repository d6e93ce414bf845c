"""The cue rules are tested alone: the shipped classifier is switched off here (its own tests
give the stage a stub, or ask the shipped model directly)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _rules_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BILATERAL_POSITIONS_CLASSIFIER", "off")
