"""Reading and extraction on a dask.distributed cluster, writing in this process.

The work per document is independent and CPU-bound, so it goes to the cluster's workers; the
results come back to the one writer here in input order, so that a clustered run stores the same
record as a local one. A worker that dies takes its running documents with it: the scheduler
gives them to another worker (up to ``distributed.scheduler.allowed-failures`` times), and as each
result is read once and documents are keyed by content, none is lost or stored twice.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from bilateral.store import StoreError

if TYPE_CHECKING:
    from dask.distributed import Client

T = TypeVar("T")
R = TypeVar("R")


def parse_cluster(spec: str) -> tuple[str, int]:
    """``local:N`` -> ("local", N); ``tcp://HOST:PORT`` (any scheduler address) -> (it, 0)."""
    if spec.startswith("local:"):
        n = spec.removeprefix("local:")
        if not n.isdigit() or int(n) < 1:
            raise StoreError(f"--cluster {spec!r}: give local:N with N workers, N at least 1")
        return "local", int(n)
    if "://" not in spec:
        raise StoreError(f"--cluster {spec!r}: give a scheduler address tcp://HOST:PORT or local:N")
    return spec, 0


# A local cluster's workers do nothing but extract: dask's sampling profiler (a thread that walks
# the running stack every 10 ms) cost them a sixth of their CPU time on extraction's deep stacks,
# and the scheduler's 20 ms tick and half-second system monitor cost the writer, which shares
# the machine with them, as much again as its own batch writes.
_LEAN = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "2s",
}


@contextmanager
def cluster_client(spec: str, build: Callable[[], None] | None = None) -> Iterator[Client]:
    """A client of the scheduler at ``spec``, or of a local cluster of N worker processes (one
    thread each: extraction holds the interpreter lock) that ends with the block. ``build`` (the
    extraction context) runs on every worker before its first task (``preload``).

    A local cluster's workers are started, not waited for: they spawn and build their context
    while this process reads on, and tasks wait at the scheduler until a worker has joined."""
    import dask
    from dask.distributed import Client, LocalCluster

    address, n = parse_cluster(spec)
    if address == "local":
        with (
            dask.config.set(_LEAN),  # for the whole block: a worker that replaces one keeps it
            # The scheduler's HTTP server on a free loopback port: with None it still tries
            # 8787 and fails to start when another cluster's dashboard holds it.
            LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=0, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
            ) as cluster,
            Client(cluster) as client,  # type: ignore[no-untyped-call]
        ):
            if build is not None:
                preload(client, build)  # no worker yet: each one runs it as it joins
            cluster.scale(n)
            yield client
        return
    try:
        client = Client(address, timeout="20s")  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise StoreError(f"--cluster {spec}: no scheduler answers there ({exc})") from None
    with client:
        if build is not None:
            preload(client, build)
        yield client


class _Preload:
    """A worker plugin: ``build`` (the extraction context) run once per worker process as it
    joins, and again in a worker that replaces a dead one, not on its first document."""

    name = "bilateral-preload"
    # A long-running cluster keeps it from the first run on: what differs between runs (the
    # time budget) travels with each task.
    idempotent = True

    def __init__(self, build: Callable[[], None]) -> None:
        self.build = build

    def setup(self, worker: Any) -> None:
        self.build()

    def teardown(self, worker: Any) -> None:
        return None


def preload(client: Client, build: Callable[[], None]) -> None:
    from dask.distributed import WorkerPlugin

    plugin = type("Preload", (_Preload, WorkerPlugin), {})(build)
    client.register_plugin(plugin, name=_Preload.name)


def map_ordered(
    client: Client,
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    window: int,
    on_lost: Callable[[T, BaseException], R],
    on_done: Callable[[R], None] | None = None,
    size: Callable[[T], int] | None = None,
) -> Iterator[R]:
    """``fn`` over ``items`` on the cluster, in input order, at most ``window`` in flight (the
    input may be larger than memory). A document whose task fails for good (it killed every
    worker that took it) becomes ``on_lost(item, error)``, and the run goes on. ``on_done``
    sees each result as its future completes (a progress bar), before it waits its turn.
    ``size`` (a task's cost) orders the input's last items largest first (``largest_first_at_end``)."""
    from dask.distributed import as_completed

    source: Iterator[tuple[int, T]] = enumerate(items)
    if size is not None:
        source = largest_first_at_end(source, lambda pair: size(pair[1]), max(1, window // 4))
    held: dict[Any, tuple[int, T]] = {}
    done: dict[int, R] = {}
    queue = as_completed()  # type: ignore[no-untyped-call]
    next_out = 0

    def submit() -> bool:
        for i, item in source:
            future = client.submit(fn, item, pure=False, key=f"bilateral-{i}-{id(held)}")
            held[future.key] = (i, item)
            queue.add(future)  # type: ignore[no-untyped-call]
            return True
        return False

    for _ in range(window):
        if not submit():
            break
    for future in queue:
        i, item = held.pop(future.key)
        try:
            done[i] = future.result()
        except Exception as exc:
            done[i] = on_lost(item, exc)
        future.release()
        if on_done is not None:
            on_done(done[i])
        submit()
        while next_out in done:
            yield done.pop(next_out)
            next_out += 1


def largest_first_at_end(items: Iterable[T], size: Callable[[T], int], tail: int) -> Iterator[T]:
    """``items`` in order, but the last ``tail`` of them largest first. The scheduler starts
    tasks in the order they come: a long document started last keeps one worker busy while the
    others have nothing left, and started early among the last it overlaps their work."""
    ahead: deque[T] = deque()
    for item in items:
        ahead.append(item)
        if len(ahead) > tail:
            yield ahead.popleft()
    yield from sorted(ahead, key=size, reverse=True)
