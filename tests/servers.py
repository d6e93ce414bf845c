"""Throwaway servers for the tests and benchmarks: a PostgreSQL cluster in a temporary folder on a
free port (Debian's binaries, run as the ``postgres`` user when we are root, since initdb refuses
root), and nothing else to install.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


def _pg_bin() -> Path:
    """BILATERAL_PG_BIN, else the newest of Debian's /usr/lib/postgresql/N/bin."""
    if os.environ.get("BILATERAL_PG_BIN"):
        return Path(os.environ["BILATERAL_PG_BIN"])
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


def postgres_available() -> str | None:
    """None when a throwaway server can be started here, else why not."""
    if not (PG_BIN / "initdb").is_file():
        return f"no PostgreSQL binaries in {PG_BIN} (apt-get install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user to run initdb as"
    return None


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """A fresh PostgreSQL server; yields the URL of its database ``bilateral``."""
    why = postgres_available()
    if why:
        raise RuntimeError(why)
    base = Path(tempfile.mkdtemp(prefix="bilateral-pg-"))
    data = base / "data"
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        base.chmod(0o700)
    port = free_port()
    user = "postgres" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "check": True}
    subprocess.run(
        _as_postgres(
            [str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", user, "-E", "UTF8",
             "--locale=C.UTF-8", "--no-sync"]
        ),
        **quiet,  # type: ignore[arg-type]
    )  # fmt: skip
    options = (
        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
    )
    subprocess.run(
        _as_postgres(
            [str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(base / "log"),
             "-w", "-t", "60", "start"]
        ),
        **quiet,  # type: ignore[arg-type]
    )  # fmt: skip
    try:
        url = f"postgresql://{user}@127.0.0.1:{port}/postgres"
        _create_database(url, "bilateral")
        yield f"postgresql://{user}@127.0.0.1:{port}/bilateral"
    finally:
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(base, ignore_errors=True)


def _create_database(admin_url: str, name: str) -> None:
    import psycopg

    deadline = time.monotonic() + 30
    while True:
        try:
            with psycopg.connect(admin_url, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
                return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def fresh_database(url: str, name: str) -> str:
    """Another empty database on the server of ``url``; its URL."""
    base = url.rsplit("/", 1)[0]
    _create_database(base + "/postgres", name)
    return f"{base}/{name}"
