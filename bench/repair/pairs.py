"""Damaged/gold text pairs built from Reuters-21578 wire text.

Reuters bodies keep their original line breaks: lines wrapped at about 63
characters, paragraphs starting with a newline and indentation. Joining a
paragraph's lines with no space gives the damaged text (a space lost at every
line end); joining them with one space gives the gold. A line that ends in a
hyphen joins without a space in both.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

#: The shared folder beside the project (as in CI), or $BILAT_SHARED.
SHARED = Path(os.environ.get("BILAT_SHARED", Path(__file__).resolve().parents[3] / "shared"))
CORPUS = SHARED / "corpora" / "reuters21578" / "articles.jsonl"
MIN_WORDS = 80

_RUN = re.compile(r"[^\W\d_]+")
_PARA_BREAK = re.compile(r"\n(?=[ \t])|\n[ \t]*\n")


def reuters_texts(path: Path = CORPUS, min_words: int = MIN_WORDS) -> Iterator[str]:
    """Article bodies with at least ``min_words`` words, in corpus order."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            if len(text.split()) >= min_words:
                yield text


def make_pair(text: str) -> tuple[str, str]:
    """Return ``(damaged, gold)`` for one article; paragraphs are separated by a blank line."""
    damaged, gold = [], []
    for para in _PARA_BREAK.split(text.strip()):
        lines = [ln.strip() for ln in para.split("\n")]
        lines = [ln for ln in lines if ln]
        if not lines:
            continue
        d, g = lines[0], lines[0]
        for ln in lines[1:]:
            sep = "" if g.endswith("-") else " "
            d += ln
            g += sep + ln
        damaged.append(d)
        gold.append(g)
    return "\n\n".join(damaged), "\n\n".join(gold)


def load_pairs(n: int, offset: int = 0) -> list[tuple[str, str]]:
    """The first ``n`` pairs after skipping ``offset`` qualifying articles."""
    out: list[tuple[str, str]] = []
    for i, text in enumerate(reuters_texts()):
        if i < offset:
            continue
        if len(out) >= n:
            break
        out.append(make_pair(text))
    return out


def per_run(split: Callable[[str], list[str]]) -> Callable[[str], str]:
    """Apply a word segmenter to every letter run, keeping case and everything else."""

    def apply(text: str) -> str:
        out: list[str] = []
        pos = 0
        for m in _RUN.finditer(text):
            run = m.group()
            pieces = split(run.lower())
            if len(pieces) < 2 or sum(map(len, pieces)) != len(run):
                continue
            out.append(text[pos:m.start()])
            i = m.start()
            for p in pieces[:-1]:
                out.append(text[i:i + len(p)] + " ")
                i += len(p)
            pos = i
        out.append(text[pos:])
        return "".join(out)

    return apply
