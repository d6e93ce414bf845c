"""`export --format ftm`: every line a FollowTheMoney entity that the library validates, every
reference resolving to a line of the same export, posts as Position and Occupancy."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from bilateral.ftm import export_ftm, ftm_id
from bilateral.store import Store

ftm_model = pytest.importorskip("followthemoney").model


def _lines(db: Path) -> list[dict[str, Any]]:
    out = io.StringIO()
    with Store(db) as store:
        n = export_ftm(store, out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert n == len(lines)
    return lines


def test_every_line_of_the_seeds_is_a_valid_ftm_entity(seeds_db: Path) -> None:
    from followthemoney.exc import InvalidData

    lines = _lines(seeds_db)
    ids = {line["id"] for line in lines}
    assert len(ids) == len(lines)
    for line in lines:
        schema = ftm_model.get(line["schema"])
        assert schema is not None and not schema.abstract, line["schema"]
        assert set(line["properties"]) <= set(schema.properties), line
        try:
            schema.validate(line)
        except InvalidData as exc:
            pytest.fail(f"{line['schema']} {line['id']}: {exc.errors}")
        proxy = ftm_model.get_proxy(line, cleaned=False)
        for name, values in line["properties"].items():
            # The library's cleaning changes nothing: the values are already FtM's own.
            assert sorted(proxy.get(name)) == sorted(values), (line["schema"], name)
            prop = schema.properties[name]
            if prop.type.name == "entity":
                assert set(values) <= ids, (line["schema"], name)
                ranges = {ftm_model.get(x["schema"]) for x in lines if x["id"] in values}
                assert all(r is not None and r.is_a(prop.range) for r in ranges), name
    schemata = {line["schema"] for line in lines}
    assert {"PlainText", "Person", "PublicBody", "Organization", "Position"} <= schemata
    assert {"Occupancy", "Event", "Documentation"} <= schemata


def test_states_posts_and_events(seeds_db: Path) -> None:
    lines = _lines(seeds_db)
    by_id = {line["id"]: line for line in lines}
    russia = by_id[ftm_id("country:RUS")]
    assert russia["schema"] == "PublicBody"
    assert russia["properties"]["country"] == ["ru"]
    occupancy = next(x for x in lines if x["schema"] == "Occupancy")
    holder = by_id[occupancy["properties"]["holder"][0]]
    post = by_id[occupancy["properties"]["post"][0]]
    assert (holder["schema"], post["schema"]) == ("Person", "Position")
    assert by_id[occupancy["properties"]["proof"][0]]["schema"] == "PlainText"
    event = next(x for x in lines if x["schema"] == "Event")
    assert event["properties"]["summary"] and event["properties"]["proof"]
