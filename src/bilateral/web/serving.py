"""Several server processes, each with its own listening socket (SO_REUSEPORT).

uvicorn's own ``--workers`` shares one listening socket between its processes: whichever is
waiting in ``accept`` takes the next connection, so keep-alive clients pile up on one process
(15 and 5 of 20 connections were seen) while the other idles. Here every process listens on a
socket of its own, all bound to the same address with SO_REUSEPORT, and the kernel spreads new
connections over them by a hash of each connection's addresses.

The parent binds every socket before it starts a process (a port in use is reported at once),
starts one process per socket, waits until each has built its app and answers, says so on
stderr, and then only watches: a process that dies is started again on its socket; SIGTERM or
SIGINT stops them all.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from multiprocessing.synchronize import Event
from typing import Any


def reuse_port_supported() -> bool:
    return hasattr(socket, "SO_REUSEPORT") and sys.platform.startswith("linux")


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host.strip("[]"), port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _child(sock: socket.socket, ready: Event, environ: dict[str, str]) -> None:
    """One server process: the app from the environment, served on ``sock``."""
    import uvicorn

    os.environ.update(environ)

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started:
                ready.set()

    config = uvicorn.Config(
        "bilateral.web.app:app_from_environment", factory=True, log_level="warning"
    )
    Server(config).run(sockets=[sock])


def serve_reuse_port(
    host: str, port: int, workers: int, environ: dict[str, str], on_ready: Callable[[], None]
) -> None:
    """Serve with ``workers`` processes, each on its own SO_REUSEPORT socket, until a signal."""
    sockets = [_bind(host, port) for _ in range(workers)]
    ctx = mp.get_context("spawn")
    stopping = False

    def start(sock: socket.socket) -> tuple[Any, Event]:
        ready = ctx.Event()
        proc = ctx.Process(target=_child, args=(sock, ready, environ), daemon=False)
        proc.start()
        return proc, ready

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    previous = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
    procs = [start(sock) for sock in sockets]
    try:
        announced = False
        restarts = 0
        while not stopping:
            if not announced and all(r.is_set() for _, r in procs):
                on_ready()
                announced = True
            for i, (proc, _) in enumerate(procs):
                if not proc.is_alive() and not stopping:
                    if restarts >= 10 * workers:
                        raise SystemExit(
                            f"bilateral: server processes keep failing (exit {proc.exitcode})"
                        )
                    restarts += 1
                    procs[i] = start(sockets[i])
            time.sleep(0.05)
    finally:
        for proc, _ in procs:
            if proc.is_alive():
                proc.terminate()
        deadline = time.monotonic() + 10
        for proc, _ in procs:
            proc.join(max(0.1, deadline - time.monotonic()))
            if proc.is_alive():
                proc.kill()
                proc.join()
        for sock in sockets:
            sock.close()
        for s, handler in previous.items():
            signal.signal(s, handler)
