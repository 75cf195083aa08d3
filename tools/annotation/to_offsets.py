"""Turn annotators' files (with exact quotes) into the repository's annotations (offsets).

Every ``quote`` (of an event, figure, location or dateline) is looked up in the article's
text in ``../shared/corpora/<corpus>/articles.jsonl`` (whitespace-insensitive, first
occurrence) and replaced by ``"span": [start, end]``; no text of the article is kept.
A quote that cannot be found stops the conversion with its article and quote. The
annotators' free-text notes are dropped too: they quote the articles.

    .venv/bin/python tools/annotation/to_offsets.py articles OUT.jsonl IN.jsonl ...
    .venv/bin/python tools/annotation/to_offsets.py sentences OUT.jsonl IN.jsonl ...
    .venv/bin/python tools/annotation/to_offsets.py articles --in-place tests/data/dev/x.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

CORPORA = {"regional": "regional-news-dev", "kremlin": "kremlin-presidentua-2021-2022",
           "reuters": "reuters21578"}


def texts(shared: Path) -> dict[str, str]:
    out = {}
    for name in CORPORA.values():
        with open(shared / "corpora" / name / "articles.jsonl", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                out[rec["id"]] = rec["text"]
    return out


def span_of(quote: str, text: str, where: str) -> list[int]:
    words = quote.split()
    if not words:
        raise SystemExit(f"{where}: empty quote")
    rx = re.compile(r"\s+".join(re.escape(w) for w in words))
    m = rx.search(text)
    if m is None:
        raise SystemExit(f"{where}: quote not found: {quote!r}")
    return [m.start(), m.end()]


def _convert(obj: dict, text: str, where: str) -> dict:
    if "quote" in obj:
        obj = dict(obj)
        obj["span"] = span_of(obj.pop("quote"), text, where)
    return obj


def article(row: dict, text: str) -> dict:
    where = row["id"]
    out = {k: v for k, v in row.items() if k != "notes"}
    out["events"] = []
    for i, ev in enumerate(row.get("events", [])):
        ev = _convert(ev, text, f"{where} event {i + 1}")
        if ev.get("location"):
            ev["location"] = _convert(ev["location"], text, f"{where} event {i + 1} location")
        out["events"].append(ev)
    out["figures"] = [_convert(f, text, f"{where} figure {i + 1}")
                      for i, f in enumerate(row.get("figures", []))]
    if row.get("dateline"):
        out["dateline"] = _convert(row["dateline"], text, f"{where} dateline")
    return out


def sentence(row: dict) -> dict:
    art, _, offsets = row["sid"].rpartition(":")
    start, end = (int(x) for x in offsets.split("-"))
    return {"sid": row["sid"], "article": art, "start": start, "end": end,
            "events": row.get("events", [])}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("kind", choices=["articles", "sentences"])
    ap.add_argument("out")
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--in-place", action="store_true", help="convert OUT itself")
    ap.add_argument("--shared", default="../shared")
    args = ap.parse_args()
    sources = [args.out] if args.in_place else args.inputs
    rows = [json.loads(line) for p in sources
            for line in Path(p).read_text("utf-8").splitlines() if line.strip()]
    if args.kind == "articles":
        corpus = texts(Path(args.shared))
        rows = [article(r, corpus[r["id"]]) for r in rows]
    else:
        rows = [sentence(r) for r in rows]
    with open(args.out, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} rows written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
