"""Ingest and extraction on a real local dask.distributed cluster (two worker processes): the same
record as a local run, and a worker killed in the middle of a run loses no document."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bilateral.export import export_jsonl
from bilateral.store import Store, StoreError
from bilateral.workflow import ingest, reextract


def _export(store: Store, path: Path) -> bytes:
    with path.open("w", encoding="utf-8") as f:
        export_jsonl(store, f)
    return path.read_bytes()


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    from dask.distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
    ) as local:
        yield local.scheduler_address


def test_cluster_specs_are_checked() -> None:
    from bilateral.cluster import parse_cluster

    assert parse_cluster("local:2") == ("local", 2)
    assert parse_cluster("tcp://10.0.0.5:8786") == ("tcp://10.0.0.5:8786", 0)
    with pytest.raises(StoreError, match="local:N"):
        parse_cluster("local:0")
    with pytest.raises(StoreError, match="tcp://HOST:PORT"):
        parse_cluster("10.0.0.5")


def test_the_last_documents_go_largest_first() -> None:
    from bilateral.cluster import largest_first_at_end

    assert list(largest_first_at_end([5, 1, 9, 2, 7, 3], lambda x: x, 3)) == [5, 1, 9, 7, 3, 2]
    assert list(largest_first_at_end([1, 5], lambda x: x, 3)) == [5, 1]
    assert list(largest_first_at_end([], lambda x: x, 3)) == []


def test_a_local_cluster_starts_its_workers_after_the_preload_is_registered(
    tmp_path: Path,
) -> None:
    """``local:N`` registers the context's build before any worker exists and starts the
    workers without waiting: each builds the context as it joins, and the record is the
    same as a run without a cluster."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Talks\n\nThe foreign minister of Chile met the prime minister of Norway in Oslo on "
        "2 May 2022.\n"
    )
    with Store(tmp_path / "plain.db") as store:
        assert ingest(store, [str(tmp_path / "in")], extract=True, workers=1).added == 1
        expected = _export(store, tmp_path / "plain.jsonl")
    with Store(tmp_path / "local.db") as store:
        summary = ingest(store, [str(tmp_path / "in")], extract=True, cluster="local:1")
        assert (summary.added, summary.errors) == (1, [])
        assert store.load_extraction(store.document_ids()[0]).entities
        assert _export(store, tmp_path / "local.jsonl") == expected


def test_a_clustered_ingest_and_extraction_store_the_same_record(
    cluster: str, seeds_dir: Path, seeds_db: Path, tmp_path: Path
) -> None:
    with Store(seeds_db) as lite:
        expected = _export(lite, tmp_path / "local.jsonl")
    with Store(tmp_path / "clustered.db") as store:
        summary = ingest(store, [str(seeds_dir)], extract=True, cluster=cluster)
        assert (summary.added, summary.errors) == (5, [])
        assert _export(store, tmp_path / "clustered.jsonl") == expected
        assert reextract(store, store.document_ids()[:2], cluster=cluster) == 2
        assert _export(store, tmp_path / "again.jsonl") == expected


def test_the_time_budget_reaches_the_workers(
    cluster: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workers are other processes: the budget the writer reads goes to them with the
    worker plugin, and the next run's budget replaces it."""
    (tmp_path / "a.txt").write_text(
        "Talks\n\nThe prime minister met the foreign minister in Vienna on 4 June 2021.\n"
    )
    monkeypatch.setenv("BILATERAL_TIME_BUDGET", "0.000001")
    with Store(tmp_path / "short.db") as store:
        assert ingest(store, [str(tmp_path)], extract=True, cluster=cluster).added == 1
        assert store.load_extraction(store.document_ids()[0]).skipped
    monkeypatch.delenv("BILATERAL_TIME_BUDGET")
    with Store(tmp_path / "whole.db") as store:
        assert ingest(store, [str(tmp_path)], extract=True, cluster=cluster).added == 1
        assert store.load_extraction(store.document_ids()[0]).skipped == ()


def test_a_worker_killed_during_a_clustered_ingest_loses_no_document(
    cluster: str, seeds_dir: Path, seeds_db: Path, pg_url: str, tmp_path: Path
) -> None:
    """One worker is killed while it extracts a document: the scheduler gives that document to
    the other, and the record (in PostgreSQL here) is whole, each document once."""
    from dask.distributed import Client

    killed: list[str] = []

    def kill_a_busy_worker() -> None:
        with Client(cluster) as client:
            pids = client.run(os.getpid)
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                busy = [w for w, tasks in client.processing().items() if tasks]
                if busy:
                    time.sleep(0.3)  # well inside the document's extraction
                    os.kill(pids[busy[0]], signal.SIGKILL)
                    killed.append(busy[0])
                    return
                time.sleep(0.05)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    with Store(pg_url) as store:
        summary = ingest(store, [str(seeds_dir)], extract=True, cluster=cluster)
        killer.join()
        assert killed
        assert (summary.added, summary.errors) == (5, [])
        assert store.count_documents() == 5
        with Store(seeds_db) as lite:
            assert _export(store, tmp_path / "pg.jsonl") == _export(lite, tmp_path / "lite.jsonl")
