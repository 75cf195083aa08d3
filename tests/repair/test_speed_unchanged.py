"""The repair's speed-ups change no output: the repaired text of the 500-article Reuters
sample of bench/repair and bench/startup is byte for byte what it was before them."""

from __future__ import annotations

import hashlib

from tests.conftest import shared_path

from bilat.repair import repair_text

# sha256 over each repaired text + b"\n\0\n", articles in sample order; taken with the
# code before the speed-ups of issue 15 (main at 1c8b0e6). A deliberate change to what
# the repair does changes it: take the new digest with `digest()` below and say why.
REUTERS_500 = "b2ccd0ed6bb1e9ec301e56436c1fac0ee31c354ac40f79f75f51a63c32cf7ae2"


def digest(n: int = 500) -> str:
    from pairs import load_pairs  # bench/repair, on sys.path from conftest

    h = hashlib.sha256()
    for damaged, _ in load_pairs(n, 0):
        h.update(repair_text(damaged).text.encode("utf-8") + b"\n\0\n")
    return h.hexdigest()


def test_reuters_500_repaired_byte_identical() -> None:
    shared_path("corpora", "reuters21578", "articles.jsonl")  # fails in CI if missing
    assert digest() == REUTERS_500
