"""The tuning/test split of every annotated set, fixed before any error was looked at.

Fixed on 2026-12-04, before anything was annotated: an article is in the test part when
the first 8 hex digits of sha256("bilat-split-1:" + id), modulo 100, fall under
TEST_SHARE. The 60 articles of the first development set (tuned on by earlier rounds) are
always in the tuning part. A sentence of the sentence bank takes the part of the article
it comes from, so nothing tuned on leaks into a test article. Rules and the classifier
are tuned and trained on the tuning part only; reported results are the test part's.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cache
from pathlib import Path

SPLIT_SALT = "bilat-split-1:"
TEST_SHARE = 40
# The annotated articles tuned on before the split existed.
TUNED_BEFORE_SPLIT = ("tests/data/dev/reuters-1.ids", "tests/data/dev/kremlin-1.ids")
ROOT = Path(__file__).resolve().parents[3]
# The shared corpora: $BILAT_SHARED, else the folder beside the repository.
SHARED = Path(os.environ.get("BILAT_SHARED") or ROOT.parent / "shared")


@cache
def tuned_before() -> frozenset[str]:
    ids: set[str] = set()
    for p in TUNED_BEFORE_SPLIT:
        path = ROOT / p
        if path.exists():
            ids |= {line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()}
    return frozenset(ids)


def part_of(article_id: str, tuned: frozenset[str] | None = None) -> str:
    """``"tune"`` or ``"test"``: the part of the split an article belongs to."""
    if article_id in (tuned_before() if tuned is None else tuned):
        return "tune"
    return "test" if _bucket(SPLIT_SALT, article_id, 100) < TEST_SHARE else "tune"


def _bucket(salt: str, text_id: str, buckets: int) -> int:
    """The bucket a salted hash of an id falls in: the first 8 hex digits of
    sha256(salt + id), modulo ``buckets``."""
    digest = hashlib.sha256((salt + text_id).encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % buckets


#: The two halves of the tuning part, for judging a change: errors are read on one half
#: (``tune-A``) and a change is kept when the other (``tune-B``) does not fall.
HALF_SALT = "bilat-half-1:"
PARTS = ("test", "tune", "tune-A", "tune-B", "all")


def in_part(text_id: str, part: str | None) -> bool:
    """Whether a text belongs to ``part``: ``test``, ``tune``, one half of the tuning part
    (``tune-A``/``tune-B``, by a second salted hash of the id) or ``all`` (also None)."""
    if part in (None, "all"):
        return True
    found = part_of(text_id)
    if part in ("test", "tune"):
        return found == part
    return found == "tune" and "AB"[_bucket(HALF_SALT, text_id, 2)] == part[-1]


def load_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def corpus_of(article_id: str) -> str:
    """The shared corpus an article id comes from: regional, reuters or kremlin."""
    if article_id.startswith("rnd-"):
        return "regional"
    if article_id.startswith("reuters21578-"):
        return "reuters"
    return "kremlin"
