"""`bilateral serve` as a user starts it: loopback by default, one process or several."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    with urllib.request.urlopen(url, timeout=5) as resp:
        return resp.status, json.loads(resp.read())


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_answers_on_loopback(seeds_db: Path, workers: int, tmp_path: Path) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "bilateral", "--db", str(seeds_db), "serve"]
    command += ["--port", str(port), "--workers", str(workers)]
    log = tmp_path / "serve.log"
    with (
        log.open("w") as err,
        subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err) as server,
    ):
        if workers == 2 and sys.platform.startswith("linux"):
            _check_processes(server, port, log)
        _check(server, port, log)


def _check_processes(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    """Each process listens on a socket of its own (SO_REUSEPORT), and the server says when all
    of them answer (the caller stops the server)."""
    deadline = time.monotonic() + 30
    while "ready, 2 server processes" not in log.read_text():
        if time.monotonic() > deadline or server.poll() is not None:
            server.terminate()
            pytest.fail(f"not ready: {log.read_text()!r}")
        time.sleep(0.1)
    listening = subprocess.run(
        ["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True, check=False
    ).stdout
    assert len(listening.splitlines()) in (0, 2)  # 0: no `ss` here


def _check(server: subprocess.Popen[bytes], port: int, log: Path) -> None:
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                status, body = _get(base + "/api/search?q=Caspian&limit=2")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(
                        f"server did not start: {server.stderr.read() if server.stderr else ''!r}"
                    )
                time.sleep(0.2)
        assert status == 200 and body["total"] >= 1 and body["items"][0]["snippet"]
        # Bound to loopback only (what `ss` lists as listening on the port, where it exists).
        listening = subprocess.run(
            ["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True, check=False
        ).stdout
        if listening:
            assert all("127.0.0.1:" in line for line in listening.splitlines())
    finally:
        server.terminate()
        server.wait(timeout=15)
