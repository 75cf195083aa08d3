"""``python -m bilat.evaluate``: score the pipeline on the annotated sets."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from bilat.evaluate import articles, sentences
from bilat.evaluate.split import PARTS, SHARED, in_part, load_jsonl
from bilat.extract import classify

ARTICLE_SETS = ["tests/data/dev/reuters.jsonl", "tests/data/dev/kremlin.jsonl",
                "tests/data/dev/regional.jsonl"]


def sentence_markdown(rep: sentences.SentenceReport) -> str:
    s = rep.summary()
    out = [f"{s['sentences']} sentences ({s['no_event_gold']} with no required event; "
           f"{s['no_event_predicted']} given none).", "",
           "| measure | precision | recall | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    rows = [("types", s["types"])] + [(f"types, {k}", v) for k, v in s["by_corpus"].items()] + \
        [(k, v) for k, v in s["by_type"].items()]
    for name, d in rows:
        out.append(f"| {name} | {d['precision']:.3f} | {d['recall']:.3f} | {d['f1']:.3f} | "
                   f"{d['tp']} | {d['fp']} | {d['fn']} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bilat.evaluate",
                                 description="Score the pipeline on the annotated sets.")
    ap.add_argument("gold", nargs="*", default=ARTICLE_SETS, help="article annotation files")
    ap.add_argument("--shared", default=str(SHARED))
    ap.add_argument("--part", choices=PARTS, default="test",
                    help="which part of the split to score (default: the test part); "
                         "tune-A and tune-B are the tuning part's halves: read errors on "
                         "one, keep a change when the other does not fall")
    ap.add_argument("--what", choices=["articles", "sentences", "both"], default="both")
    ap.add_argument("--events", choices=["combined", "rules", "classifier"], default="combined",
                    help="how event types are found (the ablation): rules and the classifier "
                         "together (the product), the rules alone, the classifier alone")
    ap.add_argument("--json", action="store_true", help="print the summaries as JSON")
    ap.add_argument("--errors", type=int, default=0,
                    help="also list this many errors (tuning part only)")
    ap.add_argument("--out-of-fold", action="store_true",
                    help="tuning part only: score each text with a sentence model trained "
                         "(like the shipped one) on the other folds, as unseen news is "
                         "scored; about 5 minutes more")
    ap.add_argument("--fold-models", metavar="FILE",
                    help="with --out-of-fold: read the fold models from FILE when it "
                         "exists, else train them and write them there (they depend on "
                         "the rules and the annotations: delete FILE after changing either "
                         "to measure the retrained models; keep it to judge a rule change "
                         "with the models fixed)")
    args = ap.parse_args(argv)
    tuning = args.part.startswith("tune")
    if args.out_of_fold and (not tuning or args.events == "rules"):
        # the shipped model was trained on the whole tuning part: scored with it, the
        # tuning part looks better than news it never saw (docs/accuracy.md)
        ap.error("--out-of-fold scores the tuning part with the classifier: add --part tune "
                 "(or tune-A, tune-B) and leave --events at combined or classifier")
    if args.fold_models and not args.out_of_fold:
        ap.error("--fold-models is the cache of --out-of-fold's models: add --out-of-fold")
    if args.errors and not tuning:
        # errors are what rules are revised from; read on the test part they would turn it
        # into a tuning set (docs/accuracy.md, "kept honest")
        ap.error(f"--errors lists errors of the tuning part only, not of --part {args.part}; "
                 "add --part tune")
    part = None if args.part == "all" else args.part
    classify.set_mode(args.events)
    shared = Path(args.shared)
    process = None
    if args.out_of_fold:
        from bilat import learn

        models = learn.cached_fold_models(shared, args.fold_models)

        def process(texts, group):
            return learn.process_out_of_fold(texts, models, group)
    result = {}
    if args.what in ("articles", "both"):
        rep, _ = articles.evaluate(args.gold, shared, part, process)
        result["articles"] = rep
    if args.what in ("sentences", "both") and Path(sentences.BANK).exists():
        result["sentences"] = sentences.evaluate(shared, part, process=process)
        result["written"] = sentences.evaluate_written(part, process=process)
    if args.json:
        print(json.dumps({k: v.summary() for k, v in result.items()}, indent=1))
    else:
        if "articles" in result:
            counts = Counter(g.get("corpus", "?") for g in load_jsonl_all(args.gold, part))
            print(f"## Articles ({args.part} part)\n")
            print(articles.markdown(result["articles"], dict(counts)))
        if "sentences" in result:
            print(f"\n## Sentence bank ({args.part} part)\n")
            print(sentence_markdown(result["sentences"]))
            print(f"\n## Written sentences, another genre ({args.part} part)\n")
            print(sentence_markdown(result["written"]))
    for rep in result.values():
        for e in rep.errors[: args.errors]:
            print("- " + "; ".join(f"{k}: {str(v)[:200]}" for k, v in e.items()))
    return 0


def load_jsonl_all(paths: list[str], part: str | None) -> list[dict]:
    return [g for p in paths for g in load_jsonl(p) if in_part(g["id"], part)]


if __name__ == "__main__":
    raise SystemExit(main())
