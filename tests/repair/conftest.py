"""Shared fixtures for the repair tests: the azernews seed, its gold, Reuters pairs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = Path("/work/shared/examples/azernews-azerbaijan-uzbekistan.txt")
SEED_GOLD = ROOT / "tests/data/repair/azernews-gold.txt"
sys.path.insert(0, str(ROOT / "bench/repair"))


@pytest.fixture(scope="session")
def seed() -> str:
    if not SEED.exists():
        pytest.skip("the azernews seed is not available")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> str:
    return SEED_GOLD.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def reuters_pairs() -> list[tuple[str, str]]:
    from pairs import CORPUS, load_pairs

    if not CORPUS.exists():
        pytest.skip("the Reuters corpus is not available")
    return load_pairs(60)
