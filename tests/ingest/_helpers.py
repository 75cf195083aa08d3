"""Helpers for the ingest tests: run inputs and sort the results."""

from __future__ import annotations

from pathlib import Path

from bilat.ingest import read_inputs
from bilat.record import Article, SetAside
from tests.conftest import REFERENCE

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data" / "ingest"
SEED = REFERENCE  # the reference article as it arrived, shipped in data/sample/


def run(*paths: str | Path) -> list[Article | SetAside]:
    return list(read_inputs([str(p) for p in paths]))


def articles(results: list) -> list[Article]:
    return [r for r in results if isinstance(r, Article)]


def set_asides(results: list) -> list[SetAside]:
    return [r for r in results if isinstance(r, SetAside)]


def codes(results: list) -> list[str]:
    return [r.code for r in results if isinstance(r, SetAside)]
