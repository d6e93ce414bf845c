"""The command line: parses arguments, calls the library, prints. Errors go to stderr, one line.

Exit codes: 0 done; 1 done, but some inputs failed or the thing asked for is not there;
2 the command was used wrongly (bad flag, malformed query or date).
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import click

from bilateral.settings import setting
from bilateral.store import Store, StoreError

EXIT_PARTIAL = 1
EXIT_USAGE = 2
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def fail(message: str, code: int = EXIT_PARTIAL) -> NoReturn:
    click.echo(f"bilateral: error: {message}", err=True)
    sys.exit(code)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=None))


def check_date(value: str | None, flag: str) -> str | None:
    if value is not None and not _DATE.match(value):
        fail(f"{flag} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD", EXIT_USAGE)
    return value


class App:
    """What every command needs: the database path, opened on first use."""

    def __init__(self, db: str) -> None:
        self.db_path = db
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            try:
                self._store = Store(self.db_path)
            except StoreError as exc:
                fail(str(exc))
        return self._store


pass_app = click.make_pass_decorator(App)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    default=lambda: setting("db").value(),
    show_default="bilateral.db, or $BILATERAL_DB",
    help="SQLite database file of the record.",
)
@click.version_option(package_name="bilateral")
@click.pass_context
def main(ctx: click.Context, db: str) -> None:
    """Official diplomatic documents in, a cited, queryable record of relations out."""
    ctx.obj = App(db)


@contextmanager
def progress_bar(label: str, total: int | None) -> Iterator[Callable[[int], None]]:
    """A progress bar on a terminal only; scripts and CI see just the summary line."""
    if not sys.stderr.isatty():
        yield lambda n: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[mb]:.1f} MB"),
        TimeElapsedColumn(),
        console=__import__("rich.console").console.Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total, mb=0.0)
        chars = [0]

        def step(n: int) -> None:
            chars[0] += n
            bar.update(task, advance=1, mb=chars[0] / 1e6)

        yield step


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--no-extract", is_flag=True, help="Store and index text only (fast path).")
@click.option(
    "--workers", type=int, default=None, help="Worker processes (default: cores, at most 4)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_app
def ingest(
    app: App, paths: tuple[str, ...], no_extract: bool, workers: int | None, as_json: bool
) -> None:
    """Ingest files, folders (recursive) and - for stdin: txt, md, html, pdf, jsonl(.gz)."""
    from bilateral.workflow import ingest as run_ingest

    if workers is None and setting("workers").value():
        workers = int(setting("workers").value() or 1)
    with progress_bar("ingest", None) as step:
        summary = run_ingest(
            app.store,
            list(paths),
            extract=not no_extract,
            workers=workers,
            stdin=sys.stdin,
            on_item=step,
        )
    for error in summary.errors:
        click.echo(f"bilateral: skipped {error}", err=True)
    for doc, other, distance in summary.near_duplicates:
        click.echo(
            f"bilateral: {doc} is a near-duplicate of {other} (distance {distance})", err=True
        )
    if as_json:
        emit_json(
            {
                "read": summary.read,
                "added": summary.added,
                "existing": summary.existing,
                "errors": summary.errors,
                "near_duplicates": [
                    {"doc": d, "other": o, "distance": n} for d, o, n in summary.near_duplicates
                ],
                "chars": summary.chars,
                "seconds": round(summary.seconds, 3),
            }
        )
    else:
        click.echo(summary.line())
    if summary.errors:
        sys.exit(EXIT_PARTIAL)


@main.command()
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON lines-free list as one JSON array."
)
@click.option("--type", "doc_type", default=None, help="Only documents of this type.")
@click.option("--from", "date_from", default=None, help="Published on or after (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", default=None, help="Published on or before.")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@pass_app
def docs(
    app: App,
    as_json: bool,
    doc_type: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int | None,
) -> None:
    """List stored documents."""
    rows = app.store.document_rows(
        doc_type=doc_type,
        date_from=check_date(date_from, "--from"),
        date_to=check_date(date_to, "--to"),
        limit=limit,
    )
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        title = (r["title"] or "")[:70]
        click.echo(
            f"{r['id']}  {r['published'] or '—':10}  {r['doc_type']:14} {r['language']}  {title}"
        )


@main.command()
@click.argument("doc_ref")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def show(app: App, doc_ref: str, as_json: bool) -> None:
    """Show one document: metadata, text, paragraphs, sentences and speaker turns with offsets."""
    from bilateral.query.documents import document_view

    doc_id = app.store.resolve_doc_id(doc_ref)
    view = document_view(app.store, doc_id) if doc_id else None
    if view is None:
        fail(f"no document {doc_ref!r}: see `bilateral docs` for ids")
    if as_json:
        emit_json(view)
        return
    for key in (
        "id",
        "source",
        "title",
        "published",
        "doc_type",
        "publisher",
        "language",
        "original_language",
        "speakers",
        "n_chars",
    ):
        click.echo(f"{key}: {view[key]}")
    click.echo("")
    click.echo(view["text"])


@main.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True)
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--from", "date_from", default=None)
@click.option("--to", "date_to", default=None)
@click.option("--type", "doc_type", default=None)
@pass_app
def search(
    app: App,
    query: str,
    as_json: bool,
    limit: int,
    date_from: str | None,
    date_to: str | None,
    doc_type: str | None,
) -> None:
    """Full-text search with ranking and highlighted snippets."""
    from bilateral.query.search import QueryError
    from bilateral.query.search import search as run_search

    try:
        hits = run_search(
            app.store,
            query,
            limit=limit,
            date_from=check_date(date_from, "--from"),
            date_to=check_date(date_to, "--to"),
            doc_type=doc_type,
        )
    except QueryError as exc:
        fail(str(exc), EXIT_USAGE)
    if as_json:
        emit_json([h.as_dict() for h in hits])
        return
    style = sys.stdout.isatty()
    for h in hits:
        click.echo(f"{h.doc}  {h.score:7.2f}  {h.published or '—':10}  {(h.title or '')[:60]}")
        click.echo("    " + _highlight(h.snippet, h.start, h.highlights, style))
    if not hits:
        click.echo("no matches", err=True)


def _highlight(snippet: str, start: int, spans: tuple[tuple[int, int], ...], style: bool) -> str:
    out, pos = [], 0
    for a, b in spans:
        a, b = a - start, b - start
        word = snippet[a:b]
        out.append(snippet[pos:a])
        out.append(click.style(word, bold=True, fg="yellow") if style else f"[{word}]")
        pos = b
    out.append(snippet[pos:])
    return "".join(out).replace("\n", " ")


@main.command()
@click.argument("doc_refs", nargs=-1)
@click.option(
    "--stale",
    is_flag=True,
    help="Only documents whose stored stages are older than the pipeline's.",
)
@pass_app
def extract(app: App, doc_refs: tuple[str, ...], stale: bool) -> None:
    """Run extraction again on stored documents (all of them when none is named)."""
    from bilateral.pipeline import default_stages
    from bilateral.workflow import reextract

    store = app.store
    if doc_refs:
        ids = []
        for ref in doc_refs:
            doc_id = store.resolve_doc_id(ref)
            if doc_id is None:
                fail(f"no document {ref!r}: see `bilateral docs` for ids")
            ids.append(doc_id)
    else:
        ids = store.document_ids()
    if stale:
        current = [s.name for s in default_stages()]
        stages = store.extraction_stages()
        ids = [i for i in ids if stages.get(i) != current]
    with progress_bar("extract", len(ids)) as step:
        n = reextract(store, ids, on_item=step)
    click.echo(f"{n} documents extracted")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Server processes; each answers requests on its own core.",
)
@pass_app
def serve(app: App, host: str, port: int, workers: int) -> None:
    """Serve the analyst workbench (pages, JSON API under /api, downloads) over the database.

    Read-only unless BILATERAL_TOKEN is set, which enables POST /api/documents for clients
    sending that token; bodies past BILATERAL_MAX_BODY bytes are refused.
    """
    from pathlib import Path

    import uvicorn

    from bilateral.web.app import create_app

    if not Path(app.db_path).is_file():
        fail(f"no database at {app.db_path}: run `bilateral --db {app.db_path} ingest FILES` first")
    raw_limit = setting("max_body").value() or "5000000"
    if not raw_limit.isdigit():
        fail(f"BILATERAL_MAX_BODY {raw_limit!r} is not a number of bytes", EXIT_USAGE)
    try:
        web = create_app(app.db_path, token=setting("token").value(), max_body=int(raw_limit))
    except StoreError as exc:
        fail(str(exc))
    click.echo(f"bilateral: serving {app.db_path} on http://{host}:{port}/", err=True)
    if workers == 1:
        uvicorn.run(web, host=host, port=port, log_level="warning")
        return
    # Several processes need an import string and the configuration in the environment.
    os.environ[setting("db").env] = str(Path(app.db_path).resolve())
    os.environ[setting("max_body").env] = raw_limit
    uvicorn.run(
        "bilateral.web.app:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
    )


# -- the record: entities, timeline, claims, events, agreements, export, eval --------------------
ENTITY_TYPE_CHOICE = click.Choice(("person", "country", "organization", "place"))
EXPORT_FORMATS = ("jsonl", "csv", "plover", "graphml")


def _aligned(rows: list[list[str]]) -> None:
    """Print rows as columns padded to their widest cell (the last column is left ragged)."""
    if not rows:
        return
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for r in rows:
        cells = [c.ljust(w) for c, w in zip(r, widths, strict=False)] + [r[-1]]
        click.echo("  ".join(cells).rstrip())


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


def _event_rows(items: list[dict[str, Any]]) -> list[list[str]]:
    return [
        [
            e["date"] or "—",
            e["type"],
            e["status"],
            _cut(e["location"] or "—", 30),
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
    if as_json:
        emit_json(rows)
        return
    _aligned(
        [[str(r["n_mentions"]), str(r["n_docs"]), r["type"], r["id"], r["name"]] for r in rows]
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
            _aligned(
                [
                    [r["as_of"] or "—", r["title"], (r[who] or {}).get("name", "—"), r["doc"]]
                    for r in profile[key]
                ]
            )
    if profile["events"]:
        click.echo(f"\nevents ({profile['n_events']}):")
        _aligned(_event_rows(profile["events"]))
    if profile["documents"]:
        click.echo("\ndocuments:")
        _aligned(
            [
                [d["id"], str(d["mentions"]), d["published"] or "—", (d["title"] or "")[:70]]
                for d in profile["documents"]
            ]
        )
    if profile["related"]:
        click.echo("\nnamed with:")
        _aligned([[str(r["docs"]), r["type"], r["name"]] for r in profile["related"]])


@main.command("timeline")
@click.option("--entity", "entity_name", default=None, help="Only events it took part in.")
@click.option("--from", "date_from", default=None, help="On or after (YYYY[-MM[-DD]]).")
@click.option("--to", "date_to", default=None, help="On or before.")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def timeline_cmd(
    app: App, entity_name: str | None, date_from: str | None, date_to: str | None, as_json: bool
) -> None:
    """Events in date order (undated last): date, type, status, place, participants."""
    from bilateral.query.records import timeline

    check_date(date_from, "--from")
    check_date(date_to, "--to")
    entity_id = _entity_ref(app, entity_name) if entity_name else None
    items = timeline(app.store, entity=entity_id, date_from=date_from, date_to=date_to)
    if as_json:
        emit_json(items)
        return
    _aligned(_event_rows(items))


@main.command("events")
@click.option("--type", "event_type", default=None, help="meeting, visit, phone_call, ...")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def events_cmd(app: App, event_type: str | None, limit: int | None, as_json: bool) -> None:
    """List events in date order, with their participants."""
    from bilateral.model import EVENT_TYPES
    from bilateral.query.records import list_events

    if event_type is not None and event_type not in EVENT_TYPES:
        fail(
            f"--type {event_type!r} is not an event type: use {', '.join(EVENT_TYPES)}", EXIT_USAGE
        )
    items = list_events(app.store, type=event_type, limit=limit)
    if as_json:
        emit_json(items)
        return
    _aligned(_event_rows(items))


@main.command("claims")
@click.option("--indicator", default=None, help="Indicators containing this text (any case).")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def claims_cmd(app: App, indicator: str | None, limit: int | None, as_json: bool) -> None:
    """List quantitative claims: indicator, value, unit, period, subject."""
    from bilateral.query.records import list_claims

    items = list_claims(app.store, indicator=indicator, limit=limit)
    if as_json:
        emit_json(items)
        return
    _aligned(
        [
            [
                _cut(c["indicator"], 50),
                f"{c['value']:,.15g}",
                c["unit"],
                c["period"] or "—",
                _names(c["subject"]) or "—",
            ]
            for c in items
        ]
    )


@main.command("agreements")
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def agreements_cmd(app: App, limit: int | None, as_json: bool) -> None:
    """List agreements named in the documents: signed, type, name, parties."""
    from bilateral.query.records import list_agreements

    items = list_agreements(app.store, limit=limit)
    if as_json:
        emit_json(items)
        return
    _aligned(
        [
            [a["signed"] or "—", a["type"], _cut(a["name"], 70), _names(a["parties"]) or "—"]
            for a in items
        ]
    )


@main.command("export")
@click.option(
    "--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl", show_default=True
)
@click.option("--out", default=None, help="File to write (stdout if none); a folder for csv.")
@pass_app
def export_cmd(app: App, fmt: str, out: str | None) -> None:
    """Export the record: jsonl (the contract of docs/export.md), csv, plover or graphml."""
    from bilateral import export

    if fmt == "csv" and out is None:
        fail("--format csv writes several files: give --out FOLDER", EXIT_USAGE)
    target: Any = out if out is not None else sys.stdout
    try:
        if fmt == "jsonl":
            summary = f"{export.export_jsonl(app.store, target)} lines"
        elif fmt == "plover":
            summary = f"{export.export_plover(app.store, target)} events"
        elif fmt == "graphml":
            nodes, edges = export.export_graphml(app.store, target)
            summary = f"{nodes} nodes, {edges} edges"
        else:
            counts = export.export_csv(app.store, target)
            summary = ", ".join(f"{n} rows in {name}" for name, n in counts.items())
    except export.ExportError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write {out}: {exc.strerror or exc}")
    if out is not None:
        click.echo(f"bilateral: wrote {summary} to {out}", err=True)


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="The whole report, misses included.")
@pass_app
def eval_cmd(app: App, gold: str, as_json: bool) -> None:
    """Score the record against a gold file (one JSON line per document)."""
    from bilateral.eval import EvalError, evaluate

    try:
        report = evaluate(app.store, gold)
    except EvalError as exc:
        fail(str(exc), EXIT_USAGE)
    if as_json:
        emit_json(report.as_dict())
        return
    for line in report.lines():
        click.echo(line)


@main.command("ask")
@click.argument("question")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def ask_cmd(app: App, question: str, as_json: bool) -> None:
    """Answer a question from the record, quoting the sentences it rests on."""
    from bilateral.query.answer import ask
    from bilateral.query.search import QueryError

    try:
        result = ask(app.store, question)
    except QueryError as exc:
        fail(str(exc), EXIT_USAGE)
    if as_json:
        emit_json(result)
        return
    click.echo(result["answer"])
    for i, c in enumerate(result["citations"], 1):
        who = f", {c['speaker']}" if c.get("speaker") else ""
        quote = " ".join(c["quote"].split())
        click.echo(
            f"  [{i}] “{quote}” ({c['doc']} {c['start']}-{c['end']}, {c.get('published') or 'undated'}{who})"
        )


@main.command("report")
@click.option(
    "--between", nargs=2, required=True, metavar="A B", help="The two states (names or ids)."
)
@click.option("--from", "date_from", default=None)
@click.option("--to", "date_to", default=None)
@click.option("--format", "fmt", type=click.Choice(["html", "md"]), required=True)
@click.option("--out", default=None, help="File to write (default: stdout).")
@pass_app
def report_cmd(
    app: App,
    between: tuple[str, str],
    date_from: str | None,
    date_to: str | None,
    fmt: str,
    out: str | None,
) -> None:
    """A self-contained dossier of a relationship, every statement footnoted to its source."""
    from bilateral.kb import load_kb
    from bilateral.query.report import ReportError, build, render_html, render_markdown

    try:
        dossier = build(
            app.store,
            between[0],
            between[1],
            check_date(date_from, "--from"),
            check_date(date_to, "--to"),
            kb=load_kb(),
        )
    except ReportError as exc:
        fail(str(exc))
    text = render_html(dossier) if fmt == "html" else render_markdown(dossier)
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            fh.write(text)
        click.echo(f"wrote {out}")
    else:
        click.echo(text, nl=False)
