"""Shared fixtures: the pipeline (loaded once), paths to shipped and shared data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the property tests with a fixed seed, so that a run is reproducible; locally
# they explore new examples each time.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
# As bilat.evaluate.split.SHARED (not imported here: importing bilat.evaluate loads spaCy).
SHARED = Path(os.environ.get("BILAT_SHARED", ROOT.parent / "shared"))
REFERENCE = ROOT / "data" / "sample" / "azernews-azerbaijan-uzbekistan.txt"


def shared_path(*parts: str) -> Path:
    """A file under ../shared; CI has it, so its absence fails there and skips elsewhere."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{p} is missing; CI must run beside the shared folder")
        pytest.skip(f"{p} not available")
    return p


@pytest.fixture(scope="session")
def pipeline():
    from bilat.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def reference_record(pipeline):
    from bilat.pipeline import read

    items = list(pipeline.process_many(read([str(REFERENCE)])))
    assert len(items) == 1
    return items[0]
