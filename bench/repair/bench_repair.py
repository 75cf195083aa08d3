"""Benchmark: restoring spaces lost at line breaks, bilat against word segmenters.

Pairs come from Reuters-21578 (see ``pairs.py``): each paragraph's wrapped lines
joined with no space (damaged) and with one space (gold). Scored on the
boundaries between non-space characters: a space a method adds is a true
positive if the gold has one there. wordninja, wordsegment and symspellpy run
on every letter run of the damaged text (case and punctuation kept).

Also measured: how often clean text (the gold side, and the repaired azernews
seed) comes back changed, as a fraction of its tokens.

    .venv/bin/python bench/repair/bench_repair.py [--n 400] [--offset 0] [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pairs import SHARED, load_pairs, per_run  # noqa: E402

from bilat.repair import repair_text  # noqa: E402

SEED = SHARED / "examples" / "azernews-azerbaijan-uzbekistan.txt"
SEED_GOLD = Path(__file__).resolve().parents[2] / "tests/data/repair/azernews-gold.txt"


def boundaries(text: str) -> tuple[str, set[int]]:
    """Non-space characters, and the indices (among them) that follow whitespace."""
    chars: list[str] = []
    spaced: set[int] = set()
    gap = False
    for ch in text:
        if ch.isspace():
            gap = True
            continue
        if gap and chars:
            spaced.add(len(chars))
        chars.append(ch)
        gap = False
    return "".join(chars), spaced


def score(damaged: str, gold: str, out: str) -> tuple[int, int, int, int]:
    """(true positives, false positives, false negatives, non-space chars changed)."""
    d_chars, d_b = boundaries(damaged)
    g_chars, g_b = boundaries(gold)
    o_chars, o_b = boundaries(out)
    assert d_chars == g_chars
    if o_chars != d_chars:
        changed = sum(
            max(i2 - i1, j2 - j1)
            for tag, i1, i2, j1, j2 in SequenceMatcher(
                None, d_chars, o_chars, autojunk=False).get_opcodes()
            if tag != "equal"
        )
        return 0, 0, len(g_b - d_b), changed
    added = o_b - d_b
    removed = d_b - o_b
    tp = len(added & g_b)
    fp = len(added - g_b) + len(removed)
    fn = len((g_b - d_b) - o_b)
    return tp, fp, fn, 0


def token_change_rate(texts: list[str]) -> tuple[float, int, int]:
    """Fraction of whitespace tokens of clean ``texts`` that repair does not keep."""
    changed = total = 0
    for t in texts:
        a = t.split()
        b = repair_text(t).text.split()
        total += len(a)
        for tag, i1, i2, _, _ in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
            if tag != "equal":
                changed += i2 - i1
    return changed / max(total, 1), changed, total


def methods() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {"bilat": lambda t: repair_text(t).text}
    try:
        import wordninja
        found["wordninja"] = per_run(wordninja.split)
    except ImportError:
        pass
    try:
        import wordsegment
        wordsegment.load()
        found["wordsegment"] = per_run(wordsegment.segment)
    except ImportError:
        pass
    try:
        from importlib.resources import files

        from symspellpy import SymSpell
        sym = SymSpell(max_dictionary_edit_distance=0, prefix_length=7)
        sym.load_dictionary(
            str(files("symspellpy") / "frequency_dictionary_en_82_765.txt"), 0, 1)
        found["symspellpy"] = per_run(
            lambda r: sym.word_segmentation(r, max_edit_distance=0).segmented_string.split())
    except ImportError:
        pass
    return found


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400, help="articles (default 400)")
    ap.add_argument("--offset", type=int, default=0, help="skip this many articles first")
    ap.add_argument("--repeats", type=int, default=3, help="timing repeats (median)")
    args = ap.parse_args(argv)

    pairs = load_pairs(args.n, args.offset)
    size = sum(len(d) for d, _ in pairs)
    lost = sum(len(boundaries(g)[1] - boundaries(d)[1]) for d, g in pairs)
    rows = []
    times: dict[str, float] = {}
    for name, fn in methods().items():
        fn(pairs[0][0])  # warm up: models load once per process
        runs = []
        outs: list[str] = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            outs = [fn(d) for d, _ in pairs]
            runs.append(time.perf_counter() - t0)
        times[name] = statistics.median(runs)
        tp = fp = fn_ = changed = 0
        for (d, g), o in zip(pairs, outs):
            a, b, c, e = score(d, g, o)
            tp, fp, fn_, changed = tp + a, fp + b, fn_ + c, changed + e
        p = tp / max(tp + fp, 1)
        r = tp / max(tp + fn_, 1)
        f = 2 * p * r / max(p + r, 1e-9)
        rows.append((name, p, r, f, tp, fp, fn_, changed))

    base = times.get("wordninja")
    print(f"{len(pairs)} Reuters articles (offset {args.offset}), {size / 1000:.0f} KB, "
          f"{lost} lost spaces; time = median of {args.repeats}\n")
    print("| method | P | R | F1 | TP | FP | FN | non-space changed | time s | × wordninja |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, p, r, f, tp, fp, fn_, changed in rows:
        ratio = f"{times[name] / base:.2f}" if base else "-"
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} | {tp} | {fp} | {fn_} | {changed} "
              f"| {times[name]:.3f} | {ratio} |")

    rate, changed, total = token_change_rate([g for _, g in pairs])
    print(f"\nclean text (gold side) changed: {changed}/{total} tokens = {rate:.4%}")
    if SEED_GOLD.exists():
        rate, changed, total = token_change_rate([SEED_GOLD.read_text(encoding="utf-8")])
        print(f"clean text (azernews gold) changed: {changed}/{total} tokens = {rate:.4%}")
        seed_ok = repair_text(SEED.read_text(encoding="utf-8")).text == SEED_GOLD.read_text(
            encoding="utf-8")
        print(f"azernews seed repaired exactly to gold: {seed_ok}")


if __name__ == "__main__":
    main()
