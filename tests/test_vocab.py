"""The vocabulary: allowed values, and the cooperation stage of an event."""

from __future__ import annotations

import pytest

from bilat.store.queries import STAGES
from bilat.vocab import Stage, stage


@pytest.mark.parametrize(("type_", "modality", "expected"), [
    ("CONSULT", "asserted", "discussed"),
    ("AGREE", "asserted", "agreed"),
    ("SUPPORT", "asserted", "signed"),
    ("COOPERATE", "asserted", "under_way"),
    ("AID", "asserted", "under_way"),
    ("CONSULT", "future", "agreed"),
    ("AID", "potential", "potential"),
    ("AGREE", "negated", None),
    ("ACCUSE", "asserted", None),
])
def test_vocab_stage_of_an_event(type_, modality, expected):
    assert stage(type_, modality) == expected


def test_vocab_stages_are_in_order_and_are_the_stores():
    assert STAGES == ("potential", "discussed", "agreed", "signed", "under_way")
    assert STAGES == tuple(s.value for s in Stage)
