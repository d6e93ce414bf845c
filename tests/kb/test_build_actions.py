"""The verb lexicon of coded actions is generated from the lexicons, and the committed file is
what the script writes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bilateral.kb import build_actions

SHARED = Path("/work/shared")
pytestmark = pytest.mark.skipif(
    not (SHARED / "lexicons/petrarch2/CAMEO.2.0.txt").is_file(), reason="lexicons not at hand"
)


def test_the_committed_lexicon_is_the_scripts_output() -> None:
    built = build_actions.build(SHARED)
    committed = json.loads((build_actions.ROOT / build_actions.OUT_NAME).read_text("utf-8"))
    assert committed == json.loads(json.dumps(built))


def test_forms_codes_and_the_plover_table() -> None:
    built = build_actions.build(SHARED)
    assert {"block": "BLAME", "code": "112", "before": [], "after": []} in built["forms"]["accused"]
    assert built["codes"]["1722"] == {
        "plover": "COERCE",
        "mode": "ban",
        "context": ["pro_autocracy"],
    }
    assert built["codes"]["0871"]["plover"] == "RETREAT"
    # Regular forms of a verb, in PETRARCH's manner.
    assert build_actions.verb_forms("deny") == ["deny", "denies", "denied", "denying"]
