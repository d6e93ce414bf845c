"""What every command shares: the ``main`` group, the ``App`` each command receives (the database,
opened on first use), one-line errors with their exit codes, JSON output, date checks and the
progress bar. The command modules import it; ``cli/__init__`` imports them to register them.
"""

from __future__ import annotations

import json
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
    help="The record: a SQLite file, or a postgresql://USER@HOST:PORT/DB URL.",
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
