"""Stored rows and the frozen records they hold: one converter per table, shared by the store and
its cross-document steps (merged events, links)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from bilateral.model import (
    Action,
    Agreement,
    Claim,
    Event,
    Evidence,
    Mention,
    Plan,
    Position,
    Role,
    TimeExpr,
)


def evidence_json(items: Sequence[Evidence]) -> str:
    return json.dumps([e.as_dict() for e in items], ensure_ascii=False)


def evidence_load(raw: str) -> tuple[Evidence, ...]:
    return tuple(Evidence(**e) for e in json.loads(raw))


def event_row(r: Any) -> Event:
    return Event(
        r["id"],
        r["type"],
        r["date"],
        r["date_precision"],
        r["status"],
        r["location"],
        r["modality"],
        tuple(json.loads(r["participants"])),
        r["plover"],
        r["cameo"],
        evidence_load(r["evidence"]),
    )


def action_row(r: Any) -> Action:
    return Action(
        r["id"],
        r["plover"],
        r["cameo"],
        r["mode"],
        tuple(json.loads(r["context"])),
        tuple(json.loads(r["actors"])),
        tuple(json.loads(r["recipients"])),
        r["actor_text"],
        r["recipient_text"],
        r["date"],
        r["status"],
        Evidence(**json.loads(r["trigger"])),
        evidence_load(r["evidence"]),
    )


def agreement_row(r: Any) -> Agreement:
    return Agreement(
        r["id"],
        r["name"],
        r["type"],
        r["signed"],
        tuple(json.loads(r["parties"])),
        evidence_load(r["evidence"]),
        r["name_original"],
    )


def claim_row(r: Any) -> Claim:
    return Claim(
        r["id"],
        r["indicator"],
        r["value"],
        r["unit"],
        r["qualifier"],
        r["period"],
        tuple(json.loads(r["subject"])),
        r["speaker"],
        evidence_load(r["evidence"]),
        r["said_in"],
    )


def position_row(r: Any) -> Position:
    return Position(
        r["id"],
        r["holder"],
        r["stance"],
        r["target"],
        r["topic"],
        evidence_load(r["evidence"]),
    )


def plan_row(r: Any) -> Plan:
    return Plan(
        r["id"],
        tuple(json.loads(r["holders"])),
        r["action"],
        r["due"],
        r["status"],
        evidence_load(r["evidence"]),
    )


# -- writing: one row per extracted item, table by table --------------------------------------------
def _mention_values(m: Mention, doc: str, stage: str) -> tuple[Any, ...]:
    return (doc, m.entity, m.start, m.end, m.text, m.type, m.source, stage)


def _time_values(t: TimeExpr, doc: str, stage: str) -> tuple[Any, ...]:
    return (doc, t.start, t.end, t.text, t.value, t.precision, int(t.relative), stage)


def _role_values(r: Role, doc: str, stage: str) -> tuple[Any, ...]:
    return (
        doc, r.person, r.title, r.of, r.as_of, r.source, evidence_json(r.evidence), stage,
        r.start, r.end, r.status,
    )  # fmt: skip


def _event_values(e: Event, doc: str, stage: str) -> tuple[Any, ...]:
    return (
        e.id, doc, e.type, e.date, e.date_precision, e.status, e.location, e.modality,
        json.dumps(list(e.participants)), e.plover, e.cameo, evidence_json(e.evidence), stage,
    )  # fmt: skip


def _agreement_values(a: Agreement, doc: str, stage: str) -> tuple[Any, ...]:
    return (
        a.id, doc, a.name, a.type, a.signed, json.dumps(list(a.parties)),
        evidence_json(a.evidence), stage, a.name_original,
    )  # fmt: skip


def _claim_values(c: Claim, doc: str, stage: str) -> tuple[Any, ...]:
    return (
        c.id, doc, c.indicator, c.value, c.unit, c.qualifier, c.period,
        json.dumps(list(c.subject)), c.speaker, c.said_in, evidence_json(c.evidence), stage,
    )  # fmt: skip


def _position_values(p: Position, doc: str, stage: str) -> tuple[Any, ...]:
    return (p.id, doc, p.holder, p.stance, p.target, p.topic, evidence_json(p.evidence), stage)


def _plan_values(p: Plan, doc: str, stage: str) -> tuple[Any, ...]:
    return (
        p.id, doc, json.dumps(list(p.holders)), p.action, p.due, p.status,
        evidence_json(p.evidence), stage,
    )  # fmt: skip


def _action_values(a: Action, doc: str, stage: str) -> tuple[Any, ...]:
    return (
        a.id, doc, a.plover, a.cameo, a.mode, json.dumps(list(a.context)),
        json.dumps(list(a.actors)), json.dumps(list(a.recipients)), a.actor_text,
        a.recipient_text, a.date, a.status, json.dumps(a.trigger.as_dict(), ensure_ascii=False),
        evidence_json(a.evidence), stage,
    )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Table:
    """Where one kind of extracted item is stored: the table, the Extraction field that holds the
    items, the stage whose versioned name each row records, and the row an item becomes."""

    name: str
    field: str
    stage: str
    insert: str
    values: Callable[[Any, str, str], tuple[Any, ...]]


# In write order (rowid order is reading order for positions and plans).
EXTRACTION_TABLES = (
    Table("mentions", "mentions", "entities",
          "INSERT INTO mentions (doc, entity, start, end, text, type, source, stage)"
          " VALUES (?,?,?,?,?,?,?,?)", _mention_values),
    Table("times", "times", "times",
          "INSERT INTO times (doc, start, end, text, value, precision, relative, stage)"
          " VALUES (?,?,?,?,?,?,?,?)", _time_values),
    Table("roles", "roles", "roles",
          "INSERT INTO roles (doc, person, title, of, as_of, source, evidence, stage,"
          " start_date, end_date, status) VALUES (?,?,?,?,?,?,?,?,?,?,?)", _role_values),
    Table("events", "events", "events",
          "INSERT OR REPLACE INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", _event_values),
    Table("agreements", "agreements", "agreements",
          "INSERT OR REPLACE INTO agreements VALUES (?,?,?,?,?,?,?,?,?)", _agreement_values),
    Table("claims", "claims", "claims",
          "INSERT OR REPLACE INTO claims VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", _claim_values),
    Table("positions", "positions", "positions",
          "INSERT OR REPLACE INTO positions VALUES (?,?,?,?,?,?,?,?)", _position_values),
    Table("plans", "plans", "positions",
          "INSERT OR REPLACE INTO plans VALUES (?,?,?,?,?,?,?,?)", _plan_values),
    Table("actions", "actions", "actions",
          "INSERT OR REPLACE INTO actions VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", _action_values),
)  # fmt: skip
