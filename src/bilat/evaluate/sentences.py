"""Accuracy on the sentence bank: the PLOVER types of single sentences read on their own.

Each sentence (``tests/data/sentences/bank.jsonl``: article id and offsets into
``../shared``) is processed as an article of its own. Predicted: the types of its events
that are not negated. Gold: the types of its events that are neither optional nor
negated, each also met by one of its ``alt_types``; a predicted type that is an optional
or alternative gold type is neither right nor wrong.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilat.evaluate.articles import PRF, Process, corpus_texts
from bilat.evaluate.split import ROOT, corpus_of, in_part, load_jsonl
from bilat.record import Article
from bilat.vocab import Modality

BANK = "tests/data/sentences/bank.jsonl"
WRITTEN = "tests/data/sentences/written.jsonl"


@dataclass
class SentenceReport:
    types: PRF = field(default_factory=PRF)
    by_type: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    by_corpus: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    sentences: int = 0
    no_event_gold: int = 0
    no_event_predicted: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"sentences": self.sentences, "types": self.types.as_dict(),
                "no_event_gold": self.no_event_gold,
                "no_event_predicted": self.no_event_predicted,
                "by_corpus": {k: v.as_dict() for k, v in sorted(self.by_corpus.items())},
                "by_type": {k: v.as_dict() for k, v in sorted(self.by_type.items())}}


def gold_types(row: dict[str, Any]) -> tuple[list[set[str]], set[str]]:
    """(required: for each required event, the types that meet it; allowed: every type
    that is not wrong)."""
    required, allowed = [], set()
    for ev in row.get("events", []):
        types = {ev["type"], *(ev.get("alt_types") or [])}
        allowed |= types
        if not ev.get("optional") and ev.get("modality") != Modality.NEGATED:
            required.append(types)
    return required, allowed


def score_sentence(row: dict[str, Any], predicted: set[str], report: SentenceReport,
                   corpus: str, text: str = "") -> None:
    required, allowed = gold_types(row)
    report.sentences += 1
    report.no_event_gold += not required
    report.no_event_predicted += not predicted
    used: set[str] = set()
    for types in required:
        main = next(iter(sorted(types)))
        main = next((ev["type"] for ev in row["events"]
                     if {ev["type"], *(ev.get("alt_types") or [])} == types), main)
        hit = next((t for t in sorted(types) if t in predicted and t not in used), None)
        for prf in (report.types, report.by_type[main], report.by_corpus[corpus]):
            if hit:
                prf.tp += 1
            else:
                prf.fn += 1
        if hit:
            used.add(hit)
        else:
            report.errors.append({"sid": row["sid"], "kind": "missed", "type": main,
                                  "predicted": sorted(predicted), "text": text})
    for t in sorted(predicted - used - allowed):
        for prf in (report.types, report.by_type[t], report.by_corpus[corpus]):
            prf.fp += 1
        report.errors.append({"sid": row["sid"], "kind": "false", "type": t,
                              "gold": sorted(allowed), "text": text})


def sentence_texts(rows: list[dict[str, Any]], shared: Path) -> dict[str, tuple[str, str]]:
    """sid -> (corpus, text of the sentence as in ../shared)."""
    arts = corpus_texts(shared, {r["article"] for r in rows})
    out = {}
    for r in rows:
        rec = arts[r["article"]]
        corpus = corpus_of(r["article"])
        out[r["sid"]] = (corpus, rec["text"][r["start"]:r["end"]])
    return out


def evaluate(shared: Path, part: str | None = None, bank: str | Path = BANK,
             process: Process | None = None) -> SentenceReport:
    """The bank's sentences (of one part of the split, or all), texts from ``shared``."""
    rows = [r for r in load_jsonl(bank) if in_part(r["article"], part)]
    groups = {r["sid"]: r["article"] for r in rows}
    return _score(rows, sentence_texts(rows, shared), process, groups)


def evaluate_written(part: str | None = None, path: str | Path | None = None,
                     process: Process | None = None) -> SentenceReport:
    """The written sentences (another genre than the corpora: see ``bilat.learn``), split
    by their own ids like the articles; their texts are in the file."""
    rows = [dict(r, sid=r["wid"]) for r in load_jsonl(path or ROOT / WRITTEN)
            if in_part(r["wid"], part)]
    return _score(rows, {r["sid"]: ("written", r["text"]) for r in rows}, process, {})


def _score(rows: list[dict[str, Any]], texts: dict[str, tuple[str, str]],
           process: Process | None, groups: dict[str, str]) -> SentenceReport:
    from bilat.evaluate.articles import run_pipeline

    articles = [Article(id=r["sid"], text=texts[r["sid"]][1]) for r in rows]
    processed = process(articles, lambda sid: groups.get(sid, sid)) if process else \
        run_pipeline(articles)
    report = SentenceReport()
    for r in rows:
        art = processed.get(r["sid"])
        predicted = {e.type for e in art.events if e.modality != Modality.NEGATED} if art else set()
        corpus, text = texts[r["sid"]]
        score_sentence(r, predicted, report, corpus, text)
    return report
