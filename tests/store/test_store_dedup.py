"""Near-duplicate signatures: the same bytes as datasketch's own MinHash of the shingles."""

from __future__ import annotations

import random

from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from bilat.store import dedup

WORDS = ("minister trade agreement signed talks gas supply bank loan tariff sanctions "
         "visit summit energy grain port railway textile cotton oil").split()


def _datasketch(text: str) -> bytes | None:
    words = dedup.shingles(text)
    if len(words) < dedup.MIN_SHINGLES:
        return None
    m = MinHash(num_perm=dedup.NUM_PERM, seed=dedup.SEED)
    m.update_batch(list(words))
    return m.hashvalues.astype("<u4").tobytes()


def test_signature_is_datasketchs_minhash() -> None:
    rng = random.Random(5)
    for n in (3, 24, 25, 60, 400):
        text = " ".join(rng.choice(WORDS) for _ in range(n))
        assert dedup.signature(text) == _datasketch(text)


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=0, max_size=600))
def test_signature_is_datasketchs_minhash_on_any_text(text: str) -> None:
    assert dedup.signature(text) == _datasketch(text)
