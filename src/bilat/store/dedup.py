"""Near-duplicate articles: MinHash over word shingles, with a persisted LSH index.

Reissues, corrections and wire copies repeat an article's text with small changes.
Each article's text becomes a set of word 5-shingles, summarised by a 125-value
MinHash (``datasketch``); its ``LSH_BANDS`` bands of ``LSH_ROWS`` values are hashed
into ``minhash_bands`` rows, so a new article's candidates are the stored articles
sharing any band: one indexed ``IN`` lookup, across runs and processes. A candidate
is a near-duplicate when the signatures' estimated Jaccard similarity reaches
``NEAR_DUPLICATE_JACCARD``. Exact copies never get here: the store refuses the same
content hash outright (the fast path).
"""

from __future__ import annotations

import hashlib
import re
from functools import cache, lru_cache
from hashlib import sha1

import numpy as np
from datasketch import MinHash

from bilat.lexicon import fold

#: Words per shingle. Five keeps shared stock phrases ("said in a statement") from
#: making different stories look alike.
SHINGLE_WORDS = 5
#: Texts with fewer shingles (about 25 words) are too short to call near-duplicates:
#: two one-line items ("X and Y signed a deal in A." / "… in B.") share most of their
#: few shingles by chance. They are still caught when exactly equal (content hash).
MIN_SHINGLES = 20
#: Near-duplicates from this estimated Jaccard similarity of 5-shingle sets up.
#: Calibrated on the Reuters-21578 sample (../shared/corpora/reuters21578, 1,712
#: articles): every pair at 0.5 or above is the same story (reissue, correction, an
#: update with a paragraph added: 0.51–0.99, 40 pairs besides 84 exact copies);
#: the pairs below are different stories on one subject (0.1–0.4).
NEAR_DUPLICATE_JACCARD = 0.5
#: ``datasketch.lsh._optimal_param(0.5, 128)``: 25 bands of 5 rows minimise false
#: positives plus false negatives around the threshold, using 125 permutations.
LSH_BANDS = 25
LSH_ROWS = 5
NUM_PERM = LSH_BANDS * LSH_ROWS
#: Fixed so that signatures stored by one run compare with the next run's.
SEED = 1

_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(fold(text).casefold())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8")
            for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature(text: str) -> bytes | None:
    """The MinHash signature of ``text`` as bytes (``NUM_PERM`` little-endian uint32).

    None for a text too short to judge (``MIN_SHINGLES``), a near-duplicate of nothing.
    """
    words = shingles(text)
    if len(words) < MIN_SHINGLES:
        return None
    # datasketch's default MinHash (SHA-1's first four bytes, little-endian, per shingle),
    # with the permutations drawn once per process and the hashes read in one pass
    hashes = np.frombuffer(b"".join([sha1(w).digest()[:4] for w in words]), dtype="<u4")
    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_given, permutations=_permutations(),
                scheme="affine32")
    m.update_batch(hashes.tolist())
    return m.hashvalues.astype("<u4").tobytes()


def _given(value: int) -> int:
    """The hash function of values hashed already."""
    return value


@cache
def _permutations() -> np.ndarray:
    """The permutations of ``MinHash(num_perm=NUM_PERM, seed=SEED)``: the same every time."""
    return MinHash(num_perm=NUM_PERM, seed=SEED).permutations


@lru_cache(maxsize=4096)
def bands(sig: bytes) -> tuple[tuple[int, int], ...]:
    """``(band, bucket)`` for each LSH band; ``bucket`` a signed 64-bit digest.

    Remembered for the last few thousand signatures: storing a batch asks three times
    per article, and ``prepare`` asks first, in the thread that reads the articles."""
    width = LSH_ROWS * 4
    return tuple(
        (b, int.from_bytes(hashlib.blake2b(sig[b * width:(b + 1) * width],
                                           digest_size=8).digest(), "little", signed=True))
        for b in range(LSH_BANDS))


def similarity(a: bytes, b: bytes) -> float:
    """The Jaccard similarity the two signatures estimate."""
    x = np.frombuffer(a, dtype="<u4")
    y = np.frombuffer(b, dtype="<u4")
    if len(x) != len(y) or not len(x):
        return 0.0
    return float(np.count_nonzero(x == y)) / len(x)
