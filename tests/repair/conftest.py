"""Shared fixtures for the repair tests: the azernews seed, its gold, Reuters pairs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from tests.conftest import REFERENCE, shared_path

ROOT = Path(__file__).resolve().parents[2]
SEED = REFERENCE  # the reference article as it arrived, shipped in data/sample/
SEED_GOLD = ROOT / "tests/data/repair/azernews-gold.txt"
sys.path.insert(0, str(ROOT / "bench/repair"))


@pytest.fixture(scope="session")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> str:
    return SEED_GOLD.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def reuters_pairs() -> list[tuple[str, str]]:
    from pairs import load_pairs

    shared_path("corpora", "reuters21578", "articles.jsonl")  # fails in CI if missing
    return load_pairs(60)
