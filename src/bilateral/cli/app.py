"""What every command shares: the ``main`` group, the ``App`` each command receives (the database,
opened on first use), one-line errors with their exit codes, JSON output, date checks and the
progress bar. The command modules import it; ``cli/__init__`` imports them to register them.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, NoReturn

import click

from bilateral.settings import setting
from bilateral.store import Store, StoreError

EXIT_PARTIAL = 1
EXIT_USAGE = 2
# A shell reports a writer killed by SIGPIPE (``bilateral ... | head``) as 128 + 13.
EXIT_PIPE = 141


def fail(message: str, code: int = EXIT_PARTIAL) -> NoReturn:
    click.echo(f"bilateral: error: {message}", err=True)
    sys.exit(code)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=None))


def check_date(value: str | None, flag: str) -> str | None:
    from bilateral.query.filters import is_date

    if value is not None and not is_date(value):
        fail(
            f"{flag} {value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD (a real month and day)",
            EXIT_USAGE,
        )
    return value


def check_doc_type(value: str | None) -> str | None:
    from bilateral.kb.doc_types import load_doc_types

    names = load_doc_types().names
    if value is not None and value not in names:
        fail(f"--type {value!r} is not a document type: use {', '.join(names)}", EXIT_USAGE)
    return value


def nothing_found(what: str) -> NoReturn:
    """What was asked for is not there: said on stderr, exit 1 (as ``grep`` does)."""
    click.echo(f"bilateral: {what}", err=True)
    sys.exit(EXIT_PARTIAL)


def listing(
    header: list[str], rows: list[list[str]], as_json: bool, items: Any, empty: str
) -> None:
    """A listing command's output: ``items`` as JSON, or ``rows`` as columns under ``header``;
    nothing found is said on stderr with exit code 1 either way."""
    if as_json:
        emit_json(items)
    elif rows:
        aligned([header, *rows])
    if not rows:
        nothing_found(empty)


def aligned(rows: list[list[str]], widths: list[int] | None = None) -> None:
    """Print rows as columns padded to their widest cell, or to ``widths`` (the last column is
    left ragged)."""
    if not rows:
        return
    if widths is None:
        widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for r in rows:
        cells = [c.ljust(w) for c, w in zip(r, widths, strict=False)] + [r[-1]]
        click.echo("  ".join(cells).rstrip())


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


class Group(click.Group):
    """The command group, quiet when the reader of its output goes away (``| head``)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # Python flushes stdout once more on the way out; pointed at /dev/null, that flush
            # cannot fail again and print "Exception ignored ... BrokenPipeError".
            with suppress(OSError, ValueError):  # no file descriptor (a test's runner)
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_PIPE)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
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
