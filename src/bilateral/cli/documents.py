"""Documents in and out: ingest, docs, show, search, extract."""

from __future__ import annotations

import sys

import click

from bilateral.cli.app import (
    EXIT_PARTIAL,
    EXIT_USAGE,
    App,
    aligned,
    check_date,
    check_doc_type,
    emit_json,
    fail,
    listing,
    main,
    nothing_found,
    pass_app,
    progress_bar,
)
from bilateral.settings import setting


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
    for warning in summary.warnings:
        click.echo(f"bilateral: warning: {warning}", err=True)
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
                "warnings": summary.warnings,
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
        doc_type=check_doc_type(doc_type),
        date_from=check_date(date_from, "--from"),
        date_to=check_date(date_to, "--to"),
        limit=limit,
    )
    listing(
        ["id", "published", "type", "language", "title"],
        [
            [
                r["id"],
                r["published"] or "—",
                r["doc_type"],
                r["language"],
                _cut(r["title"] or "", 70),
            ]
            for r in rows
        ],
        as_json,
        rows,
        "no documents found",
    )


@main.command()
@click.argument("doc_ref")
@click.option("--json", "as_json", is_flag=True)
@click.option("--sentences", is_flag=True, help="One sentence a line with its offsets and speaker.")
@pass_app
def show(app: App, doc_ref: str, as_json: bool, sentences: bool) -> None:
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
    text = view["text"]
    turns = view["turns"]
    click.echo(
        f"{len(view['paragraphs'])} paragraphs, {len(view['sentences'])} sentences, "
        f"{len(turns)} speaker turns (start–end are character offsets into the text)"
    )
    if turns:
        click.echo("\nturns:")
        aligned(
            [["#", "start–end", "speaker", "role"]]
            + [
                [str(i), f"{t['start']}–{t['end']}", t["speaker"] or "—", t["role"] or "—"]
                for i, t in enumerate(turns, 1)
            ]
        )
    if sentences:
        click.echo("\nsentences:")
        for i, s in enumerate(view["sentences"], 1):
            who = f"  [{s['speaker']}]" if s["speaker"] else ""
            click.echo(
                f"{i} {s['start']}–{s['end']}{who}  {' '.join(text[s['start'] : s['end']].split())}"
            )
        return
    click.echo("")
    # A paragraph names its speaker where a new turn begins in it.
    said: int | None = None
    for i, p in enumerate(view["paragraphs"], 1):
        turn = next((n for n, t in enumerate(turns) if t["start"] <= p["start"] < t["end"]), None)
        who = ""
        if turn is not None and turn != said and turns[turn]["speaker"]:
            who = f"  turn {turn + 1}, {turns[turn]['speaker']}:"
        said = turn
        click.echo(f"¶{i} {p['start']}–{p['end']}{who}")
        click.echo(text[p["start"] : p["end"]])
        click.echo("")


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
    from bilateral.query.errors import QueryError
    from bilateral.query.search import search as run_search

    try:
        hits = run_search(
            app.store,
            query,
            limit=limit,
            date_from=check_date(date_from, "--from"),
            date_to=check_date(date_to, "--to"),
            doc_type=check_doc_type(doc_type),
        )
    except QueryError as exc:
        fail(str(exc), EXIT_USAGE)
    if as_json:
        emit_json([h.as_dict() for h in hits])
    elif hits:
        style = sys.stdout.isatty()
        click.echo(f"{'doc':16}  {'score':>7}  {'published':10}  title / best passage")
        for h in hits:
            click.echo(f"{h.doc}  {h.score:7.2f}  {h.published or '—':10}  {(h.title or '')[:60]}")
            click.echo("    " + _highlight(h.snippet, h.start, h.highlights, style))
    if not hits:
        nothing_found(f"no documents match {query!r}")


def _cut(text: str, width: int) -> str:
    """One line of at most ``width`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


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
