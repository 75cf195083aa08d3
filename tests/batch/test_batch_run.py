"""bilat batch: the same records as ``bilat extract``, locally and on Dask; bad input set
aside; a rerun resumes; Parquet input."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from bilat.batch import SCHEMAS, TABLES, read_output, run
from bilat.batch.output import marker_path, table_path
from bilat.errors import BatchOutputError, UsageError
from tests.batch.conftest import N_ARTICLES, processed


def _dicts(out: Path) -> list[dict]:
    return [item.to_dict() for item in read_output(out)]


def test_batch_local_equals_extract(pipeline, input_jsonl, tmp_path):
    result = run([str(input_jsonl)], tmp_path / "out", engine="local", partition_size=3)
    assert _dicts(tmp_path / "out") == processed(pipeline, [str(input_jsonl)])
    assert result.articles == N_ARTICLES
    assert result.partitions == 4  # 10 items, 3 a partition
    assert sorted(p.name for p in (tmp_path / "out" / "events").iterdir()) == [
        f"part-0000{i}.parquet" for i in range(4)]


def test_batch_dask_equals_extract(pipeline, input_jsonl, tmp_path, cluster):
    result = run([str(input_jsonl)], tmp_path / "out", engine="dask",
                 scheduler=cluster.scheduler_address, partition_size=2)
    assert _dicts(tmp_path / "out") == processed(pipeline, [str(input_jsonl)])
    assert result.partitions == 5
    assert len({m["pid"] for m in result.markers}) == 2  # both workers took partitions


def test_batch_tables_have_explicit_schemas(input_jsonl, tmp_path):
    run([str(input_jsonl)], tmp_path / "out", engine="local", partition_size=4)
    for table in TABLES:
        for part in sorted((tmp_path / "out" / table).glob("*.parquet")):
            assert pq.read_schema(part).remove_metadata() == SCHEMAS[table]
    events = pq.read_table(tmp_path / "out" / "events")  # the folder reads as one dataset
    assert events.num_rows == sum(
        m["rows"]["events"] for m in json.loads((tmp_path / "out" / "manifest.json")
                                                .read_text())["partitions"])


def test_batch_sets_aside_bad_lines(input_jsonl, tmp_path):
    result = run([str(input_jsonl)], tmp_path / "out", engine="local", partition_size=3)
    rows = pq.read_table(tmp_path / "out" / "set_aside").to_pylist()
    assert [(r["source"], r["code"]) for r in rows] == [
        (f"{input_jsonl}:4", "BL-E006"), (f"{input_jsonl}:8", "BL-E007")]
    assert all(r["message"].startswith(f"[{r['code']}]") for r in rows)
    assert rows[1]["article_id"] == "no-text"
    assert result.set_aside == {"BL-E006": 1, "BL-E007": 1}


def test_batch_resumes_after_partial_run(pipeline, input_jsonl, tmp_path):
    out = tmp_path / "out"

    class Interrupted(Exception):
        pass

    def stop_after_two(marker, reused):
        if marker["index"] == 1:
            raise Interrupted

    with pytest.raises(Interrupted):
        run([str(input_jsonl)], out, engine="local", partition_size=3,
            on_partition=stop_after_two)
    with pytest.raises(BatchOutputError, match="did not finish"):
        list(read_output(out))
    # a writer killed mid-partition leaves a temporary file and part of the tables
    (out / "events" / ".part-00002.parquet.dead.tmp").write_bytes(b"half")

    seen = []
    run([str(input_jsonl)], out, engine="local", partition_size=3,
        on_partition=lambda m, reused: seen.append((m["index"], reused)))
    assert seen == [(0, True), (1, True), (2, False), (3, False)]
    assert _dicts(out) == processed(pipeline, [str(input_jsonl)])
    assert not list(out.rglob("*.tmp"))


def test_batch_redoes_a_partition_with_a_missing_file_or_changed_input(input_jsonl, tmp_path):
    out = tmp_path / "out"
    run([str(input_jsonl)], out, engine="local", partition_size=3)
    table_path(out, "figures", 1).unlink()
    seen = []
    run([str(input_jsonl)], out, engine="local", partition_size=3,
        on_partition=lambda m, reused: seen.append(reused))
    assert seen == [True, False, True, True]
    # a changed input changes its partitions' digests, so they are redone; fewer
    # partitions than before leave no stale files behind
    lines = input_jsonl.read_bytes().splitlines(keepends=True)
    input_jsonl.write_bytes(b"".join(lines[:4]))
    seen.clear()
    run([str(input_jsonl)], out, engine="local", partition_size=3,
        on_partition=lambda m, reused: seen.append(reused))
    assert seen == [True, False]
    assert not marker_path(out, 2).exists() and not table_path(out, "events", 3).exists()


def test_batch_accepts_parquet_input(pipeline, input_jsonl, sample_lines, tmp_path):
    records = [json.loads(line) for line in sample_lines]
    records.insert(2, {"id": "empty", "title": "no text", "text": None})
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "in.parquet")
    result = run([str(tmp_path / "in.parquet")], tmp_path / "out", engine="local",
                 partition_size=4)
    got = _dicts(tmp_path / "out")
    expected = processed(pipeline, [str(input_jsonl)])
    assert [g for g in got if "text" in g] == [e for e in expected if "text" in e]
    assert result.set_aside == {"BL-E007": 1}
    assert got[2]["source"] == f"{tmp_path / 'in.parquet'}:3"


def test_batch_rejects_workers_without_dask(input_jsonl, tmp_path):
    with pytest.raises(UsageError, match="--engine dask"):
        run([str(input_jsonl)], tmp_path / "out", engine="local", workers=2)
