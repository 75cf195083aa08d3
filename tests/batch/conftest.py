"""Fixtures of the batch tests: a small input with bad lines, what the pipeline makes of
it, and one two-worker Dask cluster for the module that asks for it."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "sample" / "kremlin-presidentua-sample.jsonl"
#: Good articles in the input; with BAD_LINES between them.
N_ARTICLES = 8
BAD_LINES = [b'{"id": "broken", "text": \n', b'{"id": "no-text"}\n']


@pytest.fixture(scope="session")
def sample_lines() -> list[bytes]:
    return SAMPLE.read_bytes().splitlines(keepends=True)[:N_ARTICLES]


@pytest.fixture()
def input_jsonl(tmp_path: Path, sample_lines: list[bytes]) -> Path:
    """8 articles with a malformed line (line 4) and a record without text (line 8)."""
    lines = sample_lines[:3] + BAD_LINES[:1] + sample_lines[3:6] + BAD_LINES[1:] + sample_lines[6:]
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"".join(lines))
    return path


def processed(pipeline, paths: list[str]) -> list[dict]:
    """What ``bilat extract`` makes of ``paths``: records and set-asides, as dicts."""
    from bilat.pipeline import read

    return [item.to_dict() for item in pipeline.process_many(read(paths))]


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, one thread each, as ``bilat batch --workers 2`` starts."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.ERROR) as c:
        yield c
