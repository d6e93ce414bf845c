"""The workbench: serve, ask, report."""

from __future__ import annotations

import os

import click

from bilateral.cli.app import (
    EXIT_USAGE,
    App,
    check_date,
    emit_json,
    fail,
    main,
    pass_app,
)
from bilateral.settings import setting
from bilateral.store import StoreError, is_postgres


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Server processes, each answering on its own core (default: cores, at most 4).",
)
@pass_app
def serve(app: App, host: str, port: int, workers: int | None) -> None:
    """Serve the analyst workbench (pages, JSON API under /api, downloads) over the database.

    Read-only unless BILATERAL_TOKEN is set, which enables POST /api/documents for clients
    sending that token; bodies past BILATERAL_MAX_BODY bytes are refused.
    """
    from pathlib import Path

    import uvicorn

    from bilateral.web.app import create_app

    postgres = is_postgres(app.db_path)
    if not postgres and not Path(app.db_path).is_file():
        fail(f"no database at {app.db_path}: run `bilateral --db {app.db_path} ingest FILES` first")
    raw_limit = setting("max_body").value() or "5000000"
    if not raw_limit.isdigit():
        fail(f"BILATERAL_MAX_BODY {raw_limit!r} is not a number of bytes", EXIT_USAGE)
    try:
        web = create_app(app.db_path, token=setting("token").value(), max_body=int(raw_limit))
    except StoreError as exc:
        fail(str(exc))
    click.echo(f"bilateral: serving {app.db_path} on http://{host}:{port}/", err=True)
    if not is_loopback(host):
        writes = (
            "POST /api/documents needs the token"
            if setting("token").value()
            else "writes are refused (no BILATERAL_TOKEN)"
        )
        click.echo(
            f"bilateral: warning: {host} is reachable beyond this machine: anyone who can reach "
            f"port {port} reads the whole record; {writes}",
            err=True,
        )
    # One process is bound to one core by the interpreter lock; searches are CPU work, so a
    # process per core is what keeps answers quick when several people (or programs) ask.
    workers = workers or max(1, min(4, os.cpu_count() or 1))
    if workers == 1:
        uvicorn.run(web, host=host, port=port, log_level="warning")
        return
    # Several processes need an import string and the configuration in the environment.
    os.environ[setting("db").env] = app.db_path if postgres else str(Path(app.db_path).resolve())
    os.environ[setting("max_body").env] = raw_limit
    from bilateral.web.serving import reuse_port_supported, serve_reuse_port

    if reuse_port_supported():
        # A listening socket per process: the kernel spreads the connections evenly.
        environ = {
            name: os.environ[name]
            for name in (setting(key).env for key in ("db", "max_body", "token"))
            if name in os.environ
        }
        try:
            serve_reuse_port(
                host,
                port,
                workers,
                environ,
                lambda: click.echo(f"bilateral: ready, {workers} server processes", err=True),
            )
        except OSError as exc:
            fail(f"cannot listen on {host}:{port} ({exc.strerror or exc})")
        return
    uvicorn.run(
        "bilateral.web.app:app_from_environment",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
    )


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this machine only (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name that resolves elsewhere: say so rather than guess


@main.command("ask")
@click.argument("question")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def ask_cmd(app: App, question: str, as_json: bool) -> None:
    """Answer a question from the record, quoting the sentences it rests on."""
    from bilateral.query.answer import ask
    from bilateral.query.errors import QueryError

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
