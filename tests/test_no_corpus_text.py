"""The repository does not copy the shared corpora's text.

Tests and benchmarks read articles from ``../shared`` by id; annotations hold ids,
offsets and labels. Only the attributed sample the demo needs (``data/sample/``) and the
reference article's own gold files carry article text. This test fails when code, tests,
docs or data files share a run of ``RUN`` characters (whitespace normalised) with any
corpus article: a sentence quoted into a test or a comment, which short generic phrases
("memorandum of understanding on cooperation in") never reach.
"""

from __future__ import annotations

import json
import re

from tests.conftest import ROOT, shared_path

WINDOW = 45
RUN = 60
CORPORA = ("reuters21578", "kremlin-presidentua-2021-2022", "regional-news-dev")
SCANNED = ("src", "tests", "bench", "docs", "README.md")
SUFFIXES = {".py", ".md", ".txt", ".json", ".jsonl", ".tsv", ".csv", ".yaml", ".yml",
            ".toml", ".html", ".js"}
# Files that may hold article text, and why.
ALLOWED = {
    "tests/data/dev": "annotations: labels name persons, organisations and titles as written",
    "tests/data/golden/azernews-azerbaijan-uzbekistan.json": "the reference article's gold",
    "tests/data/repair/azernews-gold.txt": "the reference article, repaired by hand",
}
# Single passages allowed elsewhere: (file, article id) and why.
ALLOWED_PASSAGES = {
    ("tests/data/sentences/written.jsonl", "rnd-001"):
        "a written sentence modelled on the guidelines' example (GUIDELINES.md)",
}

_SPACE = re.compile(r"\s+")
_WORD_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]")


def _windows(text: str):
    for m in _WORD_START.finditer(text):
        w = text[m.start():m.start() + WINDOW]
        if len(w) == WINDOW:
            yield m.start(), w


def _scanned_files():
    for top in SCANNED:
        path = ROOT / top
        for p in [path] if path.is_file() else sorted(path.rglob("*")):
            rel = p.relative_to(ROOT).as_posix()
            if (p.is_file() and p.suffix in SUFFIXES and "__pycache__" not in rel
                    and not any(rel == a or rel.startswith(a + "/") for a in ALLOWED)):
                yield rel, p


def copied_passages() -> list[tuple[str, str, str]]:
    """(file, article id, passage) for every run of RUN or more characters a scanned file
    shares with a corpus article."""
    texts, index = {}, {}
    for rel, p in _scanned_files():
        try:
            texts[rel] = _SPACE.sub(" ", p.read_text("utf-8"))
        except UnicodeDecodeError:
            continue
        for i, w in _windows(texts[rel]):
            index.setdefault(w, []).append((rel, i))
    covered: dict[str, dict[int, str]] = {}
    for corpus in CORPORA:
        with shared_path("corpora", corpus, "articles.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                art = json.loads(line)
                for _, w in _windows(_SPACE.sub(" ", art.get("text") or "")):
                    for rel, i in index.get(w, ()):
                        covered.setdefault(rel, {}).setdefault(i, art["id"])
    found = []
    for rel, starts in covered.items():
        runs: list[list] = []
        for i in sorted(starts):
            if runs and i <= runs[-1][1]:
                runs[-1][1] = max(runs[-1][1], i + WINDOW)
            else:
                runs.append([i, i + WINDOW, starts[i]])
        found += [(rel, aid, texts[rel][a:b]) for a, b, aid in runs
                  if b - a >= RUN and (rel, aid) not in ALLOWED_PASSAGES]
    return found


def test_no_corpus_text_is_copied_into_the_repository():
    found = copied_passages()
    assert not found, "corpus text copied here (write your own sentence instead):\n" + \
        "\n".join(f"{rel}: {aid}: {text!r}" for rel, aid, text in found)
