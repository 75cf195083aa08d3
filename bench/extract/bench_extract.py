"""Throughput of the whole pipeline against bare spaCy, in the same process.

    .venv/bin/python bench/extract/bench_extract.py [--corpus kremlin|reuters] [--repeats 3]

Baseline: ``nlp.pipe`` of the same spaCy model bilat loads, over the same texts. bilat:
``Pipeline.process_many`` (repair, spaCy + gazetteer, extraction, resolution). Runs
alternate, so machine noise hits both alike; medians are reported, and the ratio
bilat time / spaCy time (the issues' target: ≤ 1.5).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("BILAT_SHARED") or ROOT.parent / "shared")
CORPORA = {
    "kremlin": SHARED / "corpora" / "kremlin-presidentua-2021-2022" / "articles.jsonl",
    "reuters": SHARED / "corpora" / "reuters21578" / "articles.jsonl",
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=sorted(CORPORA), default="kremlin")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()

    from bilat.ingest.records import article_from_record
    from bilat.nlp import load_model, model_name
    from bilat.pipeline import Pipeline

    with open(CORPORA[args.corpus], encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh][: args.limit]
    texts = [r["text"] for r in records]
    chars = sum(map(len, texts))
    bare = load_model()
    pipeline = Pipeline()
    # warm both up once so that lazy loading is not timed
    list(bare.pipe(texts[:5]))
    list(pipeline.process_many([article_from_record(r, "warm") for r in records[:5]]))

    spacy_times, bilat_times = [], []
    for _ in range(args.repeats):
        t = time.perf_counter()
        for _doc in bare.pipe(texts, batch_size=32):
            pass
        spacy_times.append(time.perf_counter() - t)
        articles = [article_from_record(r, "bench") for r in records]
        t = time.perf_counter()
        n = sum(1 for _ in pipeline.process_many(articles))
        bilat_times.append(time.perf_counter() - t)
        assert n == len(records)
    s, b = statistics.median(spacy_times), statistics.median(bilat_times)
    print(f"corpus {args.corpus}: {len(texts)} articles, {chars:,} characters, model {model_name()}")
    print("| run | median s | articles/s | ratio to spaCy |")
    print("|---|---|---|---|")
    print(f"| bare spaCy nlp.pipe | {s:.2f} | {len(texts) / s:.1f} | 1.00 |")
    print(f"| bilat full pipeline | {b:.2f} | {len(texts) / b:.1f} | {b / s:.2f} |")
    print(f"(times of each repeat: spaCy {[round(x, 2) for x in spacy_times]}, "
          f"bilat {[round(x, 2) for x in bilat_times]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
