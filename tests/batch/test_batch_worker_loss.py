"""A worker killed mid-run: its partitions are redone elsewhere, nothing lost or doubled."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter

from distributed import Client

from bilat.batch import read_output, run
from tests.batch.conftest import processed


def test_batch_worker_killed_mid_run_loses_and_doubles_nothing(
        pipeline, input_jsonl, tmp_path, cluster):
    out = tmp_path / "out"
    outcome: dict = {}

    def batch() -> None:
        try:
            outcome["result"] = run([str(input_jsonl)], out, engine="dask",
                                    scheduler=cluster.scheduler_address, partition_size=1)
        except BaseException as e:  # noqa: BLE001 - reported by the assertion below
            outcome["error"] = e

    with Client(cluster) as client:
        thread = threading.Thread(target=batch)
        thread.start()
        # The first partition on a fresh worker loads the spaCy model (seconds), so a
        # worker with a task in hand is killed in the middle of it.
        deadline = time.monotonic() + 60
        busy: list[str] = []
        while not busy and time.monotonic() < deadline:
            busy = [w for w, keys in client.processing().items() if keys]
            time.sleep(0.02)
        assert busy, "no partition started"
        pids = client.run(os.getpid, workers=busy[:1])
        victim = pids[busy[0]]
        os.kill(victim, signal.SIGKILL)
        thread.join(timeout=120)
    assert "error" not in outcome, outcome.get("error")
    result = outcome["result"]

    items = [item.to_dict() for item in read_output(out)]
    ids = Counter(d.get("id") or d.get("source") for d in items)
    assert all(n == 1 for n in ids.values()), ids
    assert items == processed(pipeline, [str(input_jsonl)])
    assert result.partitions == 10 and result.articles == 8
    assert victim not in {m["pid"] for m in result.markers}
