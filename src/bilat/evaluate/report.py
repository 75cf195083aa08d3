"""The tables of ``docs/accuracy.md``, measured on the test part in one run.

    .venv/bin/python -m bilat.evaluate.report [--shared ../shared] > /tmp/tables.md

Runs the three ways of finding events (the ablation: rules alone, classifier alone,
combined — the product), then prints per-corpus, per-type and confusion tables for the
combined system, the sentence bank and the written sentences by type, and entities,
figures and datelines.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from bilat.evaluate import articles, sentences
from bilat.evaluate.__main__ import ARTICLE_SETS, load_jsonl_all, sentence_markdown
from bilat.evaluate.split import ROOT, SHARED
from bilat.extract import classify

MODES = (("rules", "rules alone"), ("classifier", "classifier alone"),
         ("combined", "combined (bilat)"))


def _row(name: str, d: dict) -> str:
    return (f"| {name} | {d['precision']:.3f} | {d['recall']:.3f} | **{d['f1']:.3f}** | "
            f"{d['tp']} | {d['fp']} | {d['fn']} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bilat.evaluate.report", description=__doc__)
    ap.add_argument("--shared", default=str(SHARED))
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    gold = [str(ROOT / p) for p in ARTICLE_SETS]
    header = "| | precision | recall | F1 | tp | fp | fn |\n|---|---|---|---|---|---|---|"
    results = {}
    for mode, _ in MODES:
        classify.set_mode(mode)
        results[mode] = (articles.evaluate(gold, shared, "test")[0],
                         sentences.evaluate(shared, "test", ROOT / sentences.BANK),
                         sentences.evaluate_written("test"))
    classify.set_mode("combined")
    print("### Ablation (test part)\n")
    print(header)
    for mode, label in MODES:
        art, sent, written = results[mode]
        s = art.summary()
        for corpus in ("regional", "kremlin", "reuters"):
            print(_row(f"{label}: events, {corpus} articles", s["events_by_corpus"][corpus]))
        print(_row(f"{label}: sentence bank types", sent.summary()["types"]))
        print(_row(f"{label}: written sentences (another genre) types",
                   written.summary()["types"]))
    art, sent, written = results["combined"]
    counts = Counter(g.get("corpus", "?") for g in load_jsonl_all(gold, "test"))
    print("\n### Articles, combined (test part)\n")
    print(articles.markdown(art, dict(counts)))
    print("\n### Sentence bank, combined (test part)\n")
    print(sentence_markdown(sent))
    print("\n### Written sentences, another genre, combined (test part)\n")
    print(sentence_markdown(written))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
