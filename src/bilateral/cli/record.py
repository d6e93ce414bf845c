"""The record: entities, timeline, events, claims, agreements, export, eval."""

from __future__ import annotations

import sys
from typing import Any

import click

from bilateral.cli.app import (
    EXIT_USAGE,
    App,
    aligned,
    check_date,
    emit_json,
    fail,
    listing,
    main,
    nothing_found,
    pass_app,
)

# -- the record: entities, timeline, claims, events, agreements, export, eval --------------------
ENTITY_TYPE_CHOICE = click.Choice(("person", "country", "organization", "place"))
EXPORT_FORMATS = ("jsonl", "csv", "plover", "graphml", "ftm")


def _entity_ref(app: App, name: str) -> str:
    from bilateral.query.records import find_entity

    entity_id = find_entity(app.store, name)
    if entity_id is None:
        fail(f"no entity {name!r}: see `bilateral entities` for names and ids")
    return entity_id


def _names(items: list[dict[str, Any]]) -> str:
    return ", ".join(i["name"] for i in items)


def _cut(text: str, width: int) -> str:
    """One line of at most ``width`` characters, so one long name does not widen a column."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _reported(n: int) -> str:
    return f"{n} doc" if n == 1 else f"{n} docs"


EVENT_HEADER = ["date", "type", "status", "place", "reported", "participants"]


def _event_rows(items: list[dict[str, Any]]) -> list[list[str]]:
    """An event a line: date, type, status, place, the documents reporting it, participants."""
    return [
        [
            e["date"] or "—",
            e["type"],
            e["status"],
            _cut(e["location"] or "—", 30),
            _reported(e.get("reports", 1)),
            _names(e["participants"]),
        ]
        for e in items
    ]


@main.command("entities")
@click.option("--type", "entity_type", type=ENTITY_TYPE_CHOICE, default=None)
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def entities_cmd(app: App, entity_type: str | None, limit: int | None, as_json: bool) -> None:
    """List entities, most mentioned first (mentions, documents, id, name)."""
    from bilateral.query.records import list_entities

    rows = list_entities(app.store, type=entity_type, limit=limit)
    listing(
        ["mentions", "docs", "type", "id", "name"],
        [[str(r["n_mentions"]), str(r["n_docs"]), r["type"], r["id"], r["name"]] for r in rows],
        as_json,
        rows,
        "no entities found",
    )


@main.command("entity")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def entity_cmd(app: App, name: str, as_json: bool) -> None:
    """Show one entity (by id, name or alias): posts over time, events, documents, related."""
    from bilateral.query.profiles import entity_profile

    profile = entity_profile(app.store, _entity_ref(app, name))
    if as_json:
        emit_json(profile)
        return
    click.echo(f"{profile['name']}  ({profile['type']}, {profile['id']})")
    if profile["aliases"]:
        click.echo(f"aliases: {'; '.join(profile['aliases'])}")
    if profile["wikidata"]:
        click.echo(f"wikidata: {profile['wikidata']}")
    click.echo(f"{profile['n_mentions']} mentions in {profile['n_docs']} documents")
    for label, key, who in (("posts", "roles", "of"), ("posts held here", "holders", "person")):
        if profile[key]:
            click.echo(f"\n{label}:")
            aligned(
                [["as of", "post", "of" if who == "of" else "holder", "term", "doc"]]
                + [
                    [
                        r["as_of"] or "—",
                        r["title"],
                        (r[who] or {}).get("name", "—"),
                        _term(r),
                        r["doc"],
                    ]
                    for r in profile[key]
                ]
            )
    if profile["events"]:
        click.echo(f"\nevents ({profile['n_events']}):")
        aligned([EVENT_HEADER, *_event_rows(profile["events"])])
    if profile["documents"]:
        click.echo("\ndocuments:")
        aligned(
            [["doc", "mentions", "published", "title"]]
            + [
                [d["id"], str(d["mentions"]), d["published"] or "—", (d["title"] or "")[:70]]
                for d in profile["documents"]
            ]
        )
    if profile["related"]:
        click.echo("\nnamed with:")
        aligned(
            [["docs", "type", "name"]]
            + [[str(r["docs"]), r["type"], r["name"]] for r in profile["related"]]
        )


@main.command("timeline")
@click.option("--entity", "entity_name", default=None, help="Only events it took part in.")
@click.option("--from", "date_from", default=None, help="On or after (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", default=None, help="On or before.")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def timeline_cmd(
    app: App, entity_name: str | None, date_from: str | None, date_to: str | None, as_json: bool
) -> None:
    """Events in date order (undated last), each once however many documents report it: date,
    type, status, place, the number of documents reporting it, participants, and under each
    the quote that states it (document and offsets)."""
    from bilateral.query.records import timeline

    check_date(date_from, "--from")
    check_date(date_to, "--to")
    entity_id = _entity_ref(app, entity_name) if entity_name else None
    items = timeline(app.store, entity=entity_id, date_from=date_from, date_to=date_to)
    if as_json:
        emit_json(items)
    elif items:
        # Each event's line, then the words that state it: a timeline a reader can check.
        rows = _event_rows(items)
        widths = [max(len(r[i]) for r in [EVENT_HEADER, *rows]) for i in range(len(rows[0]) - 1)]
        aligned([EVENT_HEADER], widths)
        for event, row in zip(items, rows, strict=True):
            aligned([row], widths)
            for ev in event["evidence"][:1]:
                click.echo(
                    f"    “{_cut(ev['quote'], 160)}” ({ev['doc']} {ev['start']}–{ev['end']})"
                )
    if not items:
        nothing_found("no events found")


@main.command("events")
@click.option("--type", "event_type", default=None, help="meeting, visit, phone_call, ...")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def events_cmd(app: App, event_type: str | None, limit: int | None, as_json: bool) -> None:
    """List events in date order, each once however many documents report it ("3 docs"),
    with their participants; --json gives ``reports`` and the ``documents``."""
    from bilateral.kb.vocabulary import event_types
    from bilateral.query.records import list_events

    ids = event_types().ids
    if event_type is not None and event_type not in ids:
        fail(f"--type {event_type!r} is not an event type: use {', '.join(ids)}", EXIT_USAGE)
    items = list_events(app.store, type=event_type, limit=limit)
    listing(EVENT_HEADER, _event_rows(items), as_json, items, "no events found")


@main.command("claims")
@click.option("--indicator", default=None, help="Indicators containing this text (any case).")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def claims_cmd(app: App, indicator: str | None, limit: int | None, as_json: bool) -> None:
    """List quantitative claims: indicator, value, unit, period, subject."""
    from bilateral.query.records import list_claims

    items = list_claims(app.store, indicator=indicator, limit=limit)
    listing(
        ["indicator", "value", "unit", "period", "subject"],
        [
            [
                _cut(c["indicator"], 50),
                f"{c['value']:,.15g}",
                c["unit"],
                c["period"] or "—",
                _names(c["subject"]) or "—",
            ]
            for c in items
        ],
        as_json,
        items,
        "no claims found",
    )


@main.command("positions")
@click.option("--holder", default=None, help="Positions held by this entity (name, alias or id).")
@click.option("--stance", default=None, help="One stance: support, welcome, praise, oppose, ...")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def positions_cmd(
    app: App, holder: str | None, stance: str | None, limit: int | None, as_json: bool
) -> None:
    """List positions: holder, stance, target, topic."""
    from bilateral.kb.vocabulary import stances
    from bilateral.query.records import list_positions

    ids = stances().ids
    if stance is not None and stance not in ids:
        fail(f"--stance {stance!r} is not a stance: use {', '.join(ids)}", EXIT_USAGE)
    holder_id = _entity_ref(app, holder) if holder else None
    items = list_positions(app.store, holder=holder_id, stance=stance, limit=limit)
    listing(
        ["holder", "stance", "target", "topic"],
        [
            [
                _cut(p["holder"]["name"], 30),
                p["stance"],
                _cut(p["target"]["name"] if p["target"] else "—", 30),
                _cut(p["topic"], 70),
            ]
            for p in items
        ],
        as_json,
        items,
        "no positions found",
    )


@main.command("plans")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def plans_cmd(app: App, limit: int | None, as_json: bool) -> None:
    """List plans: due, status, holders, action."""
    from bilateral.query.records import list_plans

    items = list_plans(app.store, limit=limit)
    listing(
        ["due", "status", "holders", "action"],
        [
            [
                p["due"] or "—",
                p["status"],
                _cut(_names(p["holders"]) or "—", 40),
                _cut(p["action"], 70),
            ]
            for p in items
        ],
        as_json,
        items,
        "no plans found",
    )


@main.command("agreements")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def agreements_cmd(app: App, limit: int | None, as_json: bool) -> None:
    """List agreements named in the documents: signed, type, name, parties."""
    from bilateral.query.records import list_agreements

    items = list_agreements(app.store, limit=limit)
    listing(
        ["signed", "type", "name", "parties"],
        [
            [a["signed"] or "—", a["type"], _cut(a["name"], 70), _names(a["parties"]) or "—"]
            for a in items
        ],
        as_json,
        items,
        "no agreements found",
    )


@main.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True
)
@click.option(
    "--out",
    default=None,
    help="File to write (stdout if none); for csv without --table, the folder of its tables.",
)
@click.option(
    "--table",
    default=None,
    metavar="NAME",
    help="csv: only this table (events, merged_events, claims, agreements, roles, entities), "
    "written to --out as a file, or to stdout.",
)
@click.option(
    "--merged",
    is_flag=True,
    help="plover: one line per merged event (reported in N documents, every report's "
    "evidence) instead of one per report.",
)
@pass_app
def export_cmd(app: App, fmt: str, out: str | None, table: str | None, merged: bool) -> None:
    """Export the record: jsonl (the contract of docs/export.md), csv, plover, graphml or ftm
    (FollowTheMoney entities, for Aleph).

    csv writes one file per table into the folder --out names; with --table it writes that one
    table, to the file --out names or to stdout."""
    from bilateral import export

    if table is not None and fmt != "csv":
        fail(f"--table is for --format csv, not {fmt}", EXIT_USAGE)
    if fmt == "csv" and table is None:
        if out is None:
            fail(
                "--format csv writes several tables: give --out FOLDER, or --table NAME", EXIT_USAGE
            )
        if out.lower().endswith(".csv"):
            fail(
                f"--out {out} names a file, but --format csv writes several tables: give "
                "--table NAME for one table, or --out FOLDER for all",
                EXIT_USAGE,
            )
    target: Any = out if out is not None else sys.stdout
    try:
        if fmt == "jsonl":
            summary = f"{export.export_jsonl(app.store, target)} lines"
        elif fmt == "plover":
            from bilateral.plover import write_plover

            written, undated = write_plover(app.store, target, merged=merged)
            summary = f"{written} events" + (
                f" ({undated} left out: no day date, which PLOVER requires)" if undated else ""
            )
        elif fmt == "ftm":
            from bilateral.ftm import export_ftm

            summary = f"{export_ftm(app.store, target)} FollowTheMoney entities"
        elif fmt == "graphml":
            nodes, edges = export.export_graphml(app.store, target)
            summary = f"{nodes} nodes, {edges} edges"
        elif table is not None:
            summary = f"{_one_table(app, table, out)} rows of {table}"
        else:
            counts = export.export_csv(app.store, target)
            summary = ", ".join(f"{n} rows in {name}" for name, n in counts.items())
    except export.ExportError as exc:
        fail(str(exc))
    except BrokenPipeError:
        raise  # the reader went away: the command group ends quietly
    except OSError as exc:
        fail(f"cannot write {out or 'to stdout'}: {exc.strerror or exc}")
    if out is not None:
        click.echo(f"bilateral: wrote {summary} to {out}", err=True)


def _one_table(app: App, table: str, out: str | None) -> int:
    """One CSV table to the file ``out`` (or stdout): the export writes its folder of tables
    somewhere temporary and the one asked for is copied out. Returns its rows."""
    import shutil
    import tempfile
    from pathlib import Path

    from bilateral import export

    name = table.removesuffix(".csv")
    with tempfile.TemporaryDirectory(prefix="bilateral-csv-") as tmp:
        counts = export.export_csv(app.store, tmp)
        if f"{name}.csv" not in counts:
            known = ", ".join(sorted(c.removesuffix(".csv") for c in counts))
            fail(
                f"--table {table!r} is not a table of the csv export: use one of {known}",
                EXIT_USAGE,
            )
        source = Path(tmp) / f"{name}.csv"
        if out is None:
            with source.open(encoding="utf-8", newline="") as fh:
                shutil.copyfileobj(fh, sys.stdout)
            sys.stdout.flush()
        else:
            shutil.copyfile(source, out)
        return counts[f"{name}.csv"]


@main.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="The whole report, misses included.")
@click.option(
    "--misses",
    is_flag=True,
    help="Per document, every missed and every extra item with the sentence that states it.",
)
@click.option("--by-publisher", is_flag=True, help="Scores per publisher as well.")
@pass_app
def eval_cmd(
    app: App, gold: tuple[str, ...], as_json: bool, misses: bool, by_publisher: bool
) -> None:
    """Score the record against gold files (one JSON line per document)."""
    from bilateral.eval import EvalError, evaluate

    try:
        report = evaluate(app.store, list(gold))
    except EvalError as exc:
        fail(str(exc), EXIT_USAGE)
    if as_json:
        emit_json(report.as_dict())
        return
    for line in report.lines(misses=misses, by_publisher=by_publisher):
        click.echo(line)


def _term(role: dict[str, Any]) -> str:
    """ "held", "planned", "former" and the post's own dates where the text gives them:
    "former 2005–2007", "held since 2019-03"."""
    start, end, status = role.get("start"), role.get("end"), role.get("status") or "held"
    if start and end:
        return f"{status} {start}–{end}"
    if start:
        return f"{status} since {start}"
    if end:
        return f"{status} until {end}"
    return status
