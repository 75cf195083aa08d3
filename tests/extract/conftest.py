"""Shared by the event tests: scoring the rules alone, without the classifier."""

from __future__ import annotations

import pytest

from bilat.extract import classify


@pytest.fixture
def rules_alone():
    """Events from the rules alone (the classifier's second opinion is measured on the
    annotated sets, tests/test_quality.py)."""
    classify.set_mode("rules")
    yield
    classify.set_mode("combined")
