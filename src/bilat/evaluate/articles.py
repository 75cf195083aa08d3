"""Accuracy against annotated articles: events, figures, persons, organisations.

The annotation format and rules are in ``tests/data/dev/GUIDELINES.md``. Scoring:

- events as signatures (PLOVER type, set of ISO-3 countries of all actors and
  recipients), one per distinct signature in an article. A gold event marked optional
  is neither missed nor false when predicted; ``alt_types`` are accepted too.
- figures as (metric, countries, change), values within 1%; where the annotation gives a
  figure's ``kind`` (the regional set and later), also kind and ISO period.
- persons by name and country, organisations by name and country.
- event locations (``score_locations``): for each gold event a predicted event meets by
  signature, whether the place the text states is the place predicted (the same name, a
  region or venue written longer or shorter, in the same country); predicted places on
  events whose place the text does not state are counted apart, by source (a sentence's
  place there is an error, the dateline's is the dateline rule).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bilat.evaluate.split import in_part
from bilat.extract import periods
from bilat.record import Article

VALUE_TOLERANCE = 0.01

@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class Report:
    events: PRF = field(default_factory=PRF)
    figures: PRF = field(default_factory=PRF)
    persons: PRF = field(default_factory=PRF)
    organizations: PRF = field(default_factory=PRF)
    by_type: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    by_corpus: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    figures_by_corpus: dict[str, PRF] = field(default_factory=lambda: defaultdict(PRF))
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    confident: PRF = field(default_factory=PRF)  # tp = right, fp = wrong, among conf >= 0.8
    # articles whose annotated dateline gives a date: tp dated right from text and address alone
    # (no date field), fn not; the same when the publication year is known
    datelines: PRF = field(default_factory=PRF)
    datelines_with_year: PRF = field(default_factory=PRF)
    locations: LocationScore = field(default_factory=lambda: LocationScore())
    errors: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        conf_total = self.confident.tp + self.confident.fp
        return {
            "events": self.events.as_dict(),
            "figures": self.figures.as_dict(),
            "persons": self.persons.as_dict(),
            "organizations": self.organizations.as_dict(),
            "events_by_corpus": {k: v.as_dict() for k, v in sorted(self.by_corpus.items())},
            "figures_by_corpus": {k: v.as_dict()
                                  for k, v in sorted(self.figures_by_corpus.items())},
            "events_by_type": {k: v.as_dict() for k, v in sorted(self.by_type.items())},
            "datelines_dated": self.datelines.as_dict(),
            "datelines_dated_with_year": self.datelines_with_year.as_dict(),
            "confident_events": conf_total,
            "confident_precision": round(self.confident.tp / conf_total, 4) if conf_total else 1.0,
            "locations": self.locations.summary(),
        }


@dataclass
class LocationScore:
    """Event locations on the gold events a predicted event meets (by signature)."""

    stated: int = 0  # gold events whose place the text states
    right: int = 0  # … given the right place
    given: int = 0  # … given any place
    unstated_sentence: int = 0  # gold events with no stated place given one from a sentence
    unstated_dateline: int = 0  # … given the dateline's place (the dateline rule)
    unstated: int = 0  # gold events with no stated place
    by_source: Counter[str] = field(default_factory=Counter)  # right/wrong per source

    @property
    def recall(self) -> float:
        return self.right / self.stated if self.stated else 1.0

    @property
    def precision(self) -> float:
        """Right among the places given where the text states one, plus the sentence
        places given where it states none (those are wrong)."""
        given = self.given + self.unstated_sentence
        return self.right / given if given else 1.0

    def summary(self) -> dict[str, Any]:
        return {"stated": self.stated, "right": self.right, "given": self.given,
                "recall": round(self.recall, 4), "precision": round(self.precision, 4),
                "unstated": self.unstated, "unstated_given_sentence": self.unstated_sentence,
                "unstated_given_dateline": self.unstated_dateline,
                "by_source": dict(sorted(self.by_source.items()))}


def load_gold(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    out = []
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            out += [json.loads(line) for line in fh if line.strip()]
    return out


def _norm(name: str) -> str:
    name = re.sub(r"[\"“”'’]", "", name.lower())
    name = re.sub(r"^the\s+", "", name)
    return re.sub(r"[^a-z0-9]+", " ", name).strip()


def _names_match(gold: str, pred_names: list[str]) -> bool:
    g = _norm(gold)
    gw = g.split()
    for p in pred_names:
        n = _norm(p)
        if not n:
            continue
        if n == g:
            return True
        nw = n.split()
        if len(gw) >= 1 and len(nw) >= 1 and (set(nw) <= set(gw) or set(gw) <= set(nw)) and \
                min(len(gw), len(nw)) >= 1 and (gw[-1] == nw[-1] or gw[0] == nw[0]):
            return True
        initials = "".join(w[0] for w in gw if w not in ("of", "the", "and", "for"))
        if n.replace(" ", "") == initials and len(initials) >= 2:
            return True
    return False


def _sig_countries(ev: dict[str, Any]) -> frozenset[str]:
    return frozenset(ev.get("countries") or [])


def _quote(gold: dict[str, Any], item: dict[str, Any], text: str) -> str:
    if "span" in item and text:
        a, b = item["span"]
        return text[a:b]
    return item.get("quote", "")


def signature_labels(gold: dict[str, Any], art: Article) -> tuple[list[int | None], int]:
    """For each predicted event, whether its signature is a required gold event (1), an
    optional one (None: neither right nor wrong) or neither (0); and how many required
    gold events no predicted signature meets. The same matching as :func:`score_article`."""
    keys = []
    for ev in art.events:
        key = (ev.type, ev.countries)
        if key not in keys:
            keys.append(key)
    verdict: dict[tuple[str, frozenset[str]], int | None] = {}
    missed = 0
    for g in gold.get("events", []):
        types = {g["type"], *(g.get("alt_types") or [])}
        hit = next((k for k in keys if k[1] == _sig_countries(g) and k[0] in types
                    and k not in verdict), None)
        if hit is not None:
            verdict[hit] = None if g.get("optional") else 1
        elif not g.get("optional"):
            missed += 1
    for k in keys:
        if k not in verdict:
            optional = any(k[1] == _sig_countries(g) and k[0] in {g["type"], *(g.get("alt_types")
                                                                                or [])}
                           for g in gold.get("events", []))
            verdict[k] = None if optional else 0
    return [verdict[(ev.type, ev.countries)] for ev in art.events], missed


def score_article(gold: dict[str, Any], art: Article, report: Report, corpus: str,
                  source_text: str = "") -> None:
    # --- events
    pred_sigs: dict[tuple[str, frozenset[str]], float] = {}
    for ev in art.events:
        key = (ev.type, ev.countries)
        pred_sigs[key] = max(pred_sigs.get(key, 0.0), ev.confidence)
    gold_events = gold.get("events", [])
    matched_pred: set[tuple[str, frozenset[str]]] = set()
    for g in gold_events:
        types = {g["type"], *(g.get("alt_types") or [])}
        hit = next((k for k in pred_sigs if k[1] == _sig_countries(g) and k[0] in types
                    and k not in matched_pred), None)
        if g.get("optional"):
            if hit is not None:
                matched_pred.add(hit)
            continue
        if hit is not None:
            matched_pred.add(hit)
            report.events.tp += 1
            report.by_type[g["type"]].tp += 1
            report.by_corpus[corpus].tp += 1
        else:
            report.events.fn += 1
            report.by_type[g["type"]].fn += 1
            report.by_corpus[corpus].fn += 1
            same_parties = [k[0] for k in pred_sigs if k[1] == _sig_countries(g)]
            report.confusion[(g["type"], same_parties[0] if same_parties else "-")] += 1
            report.errors.append({"article": gold["id"], "kind": "missed event",
                                  "gold": f"{g['type']} {sorted(g['countries'])}",
                                  "predicted": ", ".join(f"{k[0]} {sorted(k[1])}" for k in pred_sigs) or "-",
                                  "quote": _quote(gold, g, source_text)})
    for key, conf in pred_sigs.items():
        right = key in matched_pred
        if conf >= 0.8:
            if right:
                report.confident.tp += 1
            else:
                report.confident.fp += 1
        if right:
            continue
        # optional gold with same signature (already consumed) counts neither way
        if any(key[1] == _sig_countries(g) and key[0] in {g["type"], *(g.get("alt_types") or [])}
               for g in gold_events):
            continue
        report.events.fp += 1
        report.by_type[key[0]].fp += 1
        report.by_corpus[corpus].fp += 1
        gold_same = [g["type"] for g in gold_events if _sig_countries(g) == key[1]]
        report.confusion[(gold_same[0] if gold_same else "-", key[0])] += 1
        ev = next(e for e in art.events if (e.type, e.countries) == key)
        report.errors.append({"article": gold["id"], "kind": "false event",
                              "gold": ", ".join(f"{g['type']} {sorted(g['countries'])}" for g in gold_events) or "-",
                              "predicted": f"{key[0]} {sorted(key[1])}",
                              "quote": art.text[ev.evidence[0].start: ev.evidence[0].end][:200]
                              if ev.evidence else ""})
    # --- figures
    preds = list(art.figures)
    used: set[int] = set()
    for g in gold.get("figures", []):
        idx = next((i for i, f in enumerate(preds) if i not in used and _figure_match(g, f)), None)
        if g.get("optional"):
            if idx is not None:
                used.add(idx)
            continue
        if idx is not None:
            used.add(idx)
            report.figures.tp += 1
            report.figures_by_corpus[corpus].tp += 1
        else:
            report.figures.fn += 1
            report.figures_by_corpus[corpus].fn += 1
            report.errors.append({"article": gold["id"], "kind": "missed figure",
                                  "gold": f"{g['metric']} {g['countries']} {g.get('change')} "
                                          f"{g.get('value')} {g.get('kind', '')} {g.get('period')}",
                                  "predicted": "; ".join(_figure_text(f) for f in preds) or "-",
                                  "quote": _quote(gold, g, source_text)})
    for i, f in enumerate(preds):
        if i in used:
            continue
        if any(_figure_match(g, f) for g in gold.get("figures", [])):
            continue
        report.figures.fp += 1
        report.figures_by_corpus[corpus].fp += 1
        report.errors.append({"article": gold["id"], "kind": "false figure",
                              "gold": "; ".join(f"{g['metric']} {g['countries']} {g.get('change')} {g.get('value')}" for g in gold.get("figures", [])) or "-",
                              "predicted": _figure_text(f),
                              "quote": art.text[f.evidence.start: f.evidence.end][:200]})
    # --- persons and organisations, by name and country (a gold country of null accepts any)
    for kind, gold_key, prf in (("person", "persons", report.persons),
                                ("organization", "organizations", report.organizations)):
        ents = [e for e in art.entities if e.kind == kind]
        hit_ents: set[str] = set()
        for g in gold.get(gold_key, []):
            cands = [e for e in ents if _names_match(g["name"], [e.name, *e.aliases])]
            ok = [e for e in cands if g.get("country") is None or e.country == g.get("country")]
            if ok:
                prf.tp += 1
                hit_ents.add(ok[0].id)
            else:
                prf.fn += 1
                report.errors.append({"article": gold["id"], "kind": f"missed {kind}",
                                      "gold": f"{g['name']} ({g.get('country')})",
                                      "predicted": "; ".join(_entity_text(e) for e in cands)
                                      or _other_kind(g["name"], art, kind) or "-",
                                      "quote": _name_quote(g["name"], source_text)})
        for e in ents:
            if e.id in hit_ents:
                continue
            prf.fp += 1
            same = [g for g in gold.get(gold_key, []) if _names_match(g["name"], [e.name])]
            report.errors.append({"article": gold["id"], "kind": f"false {kind}",
                                  "gold": "; ".join(f"{g['name']} ({g.get('country')})"
                                                    for g in same) or "-",
                                  "predicted": _entity_text(e),
                                  "quote": _mention_quote(e, art.text)})


def _entity_text(e: Any) -> str:
    """A predicted person or organisation as the error lists show it."""
    title = f", {e.title}" if getattr(e, "title", None) else ""
    return f"{e.name} ({e.country}{title})"


def _other_kind(name: str, art: Article, kind: str) -> str:
    """A missed name found as an entity of another kind ("as location: Akorda (KAZ)")."""
    others = [e for e in art.entities
              if e.kind != kind and _names_match(name, [e.name, *e.aliases])]
    return "; ".join(f"as {e.kind}: {_entity_text(e)}" for e in others)


QUOTE_MARGIN = 60  # characters of context either side of a name in an error's quote


def _window(text: str, a: int, b: int) -> str:
    return " ".join(text[max(0, a - QUOTE_MARGIN): b + QUOTE_MARGIN].split())


def _mention_quote(e: Any, text: str) -> str:
    if not e.mentions or not text:
        return ""
    a, b = e.mentions[0]
    return _window(text, a, b)


def _name_quote(name: str, text: str) -> str:
    """Where a gold name (or its last word) first occurs in the text, with some context."""
    for needle in (name, name.split()[-1] if name.split() else ""):
        if len(needle) < 3:
            continue
        m = re.search(re.escape(needle), text, re.IGNORECASE)
        if m:
            return _window(text, m.start(), m.end())
    return ""


def _figure_match(g: dict[str, Any], f: Any) -> bool:
    if g["metric"] != f.metric:
        return False
    if frozenset(g.get("countries") or []) != frozenset(f.countries):
        return False
    if (g.get("change") or None) != (f.change or None):
        return False
    if "kind" in g and not _kind_and_period_match(g, f):
        return False
    gv = g.get("value")
    if gv is None:
        return True
    if f.value is None:
        return False
    return abs(f.value - gv) <= VALUE_TOLERANCE * abs(gv)


# Words that say what kind of place a name is, not which: "Navoi region" is "Navoi".
_PLACE_WORDS = frozenset("region province district oblast area city town village republic of "
                         "the capital field range park".split())


def _place_words(name: str) -> set[str]:
    from bilat.lexicon.places import key

    return {w for w in re.split(r"[^a-z0-9']+", key(name).replace("'s", ""))
            if w and w not in _PLACE_WORDS}


def location_match(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    """The same place: same country where both give one, and the same name, or one name
    the other written longer ("Navoi" and "Navoi region", "Solton-Sary field"), or a
    venue and the city it is in (the guidelines name a venue by its city when the text
    names that city: "in the Kremlin" is annotated "Moscow")."""
    if gold.get("country") and pred.get("country") and gold["country"] != pred["country"]:
        return False
    g, p = _place_words(gold.get("name") or ""), _place_words(pred.get("name") or "")
    return bool(g and p) and (g <= p or p <= g) or _venue_in(pred, gold.get("name") or "")


def _venue_in(pred: dict[str, Any], city: str) -> bool:
    """Whether the predicted place is a venue the gazetteer puts in ``city``."""
    from bilat.lexicon.places import candidates, key

    if pred.get("kind") != "venue" or not city:
        return False
    return any(m.place.kind == "venue" and m.place.city and key(m.place.city) == key(city)
               for m in candidates(pred.get("name") or ""))


def score_locations(gold: dict[str, Any], art: Article, report: Report,
                    source_text: str = "") -> None:
    """Score the locations of the predicted events that meet a gold event (optional ones
    too: where an event is reported, its place is scored)."""
    from bilat.lexicon.places import more_specific

    by_sig: dict[tuple[str, frozenset[str]], dict[str, Any] | None] = {}
    for ev in art.events:
        key = (ev.type, ev.countries)
        by_sig[key] = more_specific(by_sig.get(key), ev.location)
    used: set[tuple[str, frozenset[str]]] = set()
    score = report.locations
    for g in gold.get("events", []):
        if "location" not in g:
            continue
        types = {g["type"], *(g.get("alt_types") or [])}
        hit = next((k for k in by_sig if k[1] == _sig_countries(g) and k[0] in types
                    and k not in used), None)
        if hit is None:
            continue
        used.add(hit)
        want, got = g.get("location"), by_sig[hit]
        if want is None:
            score.unstated += 1
            if got is not None and got.get("source") == "dateline":
                score.unstated_dateline += 1
            elif got is not None:
                score.unstated_sentence += 1
                report.errors.append({"article": gold["id"], "kind": "location not stated",
                                      "gold": f"{g['type']} {sorted(g['countries'])}: -",
                                      "predicted": _where(got), "quote": ""})
            continue
        score.stated += 1
        if got is None:
            report.errors.append({"article": gold["id"], "kind": "missed location",
                                  "gold": f"{g['type']} {sorted(g['countries'])}: "
                                          f"{want['name']} ({want.get('country')})",
                                  "predicted": "-", "quote": _quote(gold, want, source_text)})
            continue
        score.given += 1
        ok = location_match(want, got)
        score.by_source[f"{got.get('source')} {'right' if ok else 'wrong'}"] += 1
        if ok:
            score.right += 1
        else:
            report.errors.append({"article": gold["id"], "kind": "wrong location",
                                  "gold": f"{g['type']} {sorted(g['countries'])}: "
                                          f"{want['name']} ({want.get('country')})",
                                  "predicted": _where(got),
                                  "quote": _quote(gold, want, source_text)})


def _where(loc: dict[str, Any]) -> str:
    return f"{loc.get('name')} ({loc.get('country')}, {loc.get('kind')}, {loc.get('source')})"


def score_dateline(gold: dict[str, Any], record: dict[str, Any], report: Report) -> None:
    """Is an article with an annotated dated dateline dated right when the input carries no
    date (the year from its text and its address alone), and when its publication year is
    known?"""
    from bilat.extract import dateline

    want = (gold.get("dateline") or {}).get("date")
    if not want:
        return
    year = int(record["date"][:4]) if record.get("date") else None
    published = dateline.url_date(record.get("url"))
    undated = int(published[:4]) if published else None
    for prf, hint in ((report.datelines, undated), (report.datelines_with_year, year)):
        line = dateline.find(record["text"], hint)
        if line is not None and line.date == want:
            prf.tp += 1
        else:
            prf.fn += 1
            if prf is report.datelines:
                report.errors.append({"article": gold["id"], "kind": "dateline",
                                      "gold": want, "predicted": line.date if line else "-",
                                      "quote": ""})


def _kind_and_period_match(g: dict[str, Any], f: Any) -> bool:
    """Annotations with a figure kind also give an ISO period: both must agree, as the same
    stretch of time (``2023`` and ``2023-01/2023-12`` are one period)."""
    if (g.get("kind") or "actual") != (getattr(f, "kind", None) or "actual"):
        return False
    return periods.same(g.get("period"), f.period)


def _figure_text(f: Any) -> str:
    """A predicted figure as the error lists show it."""
    return (f"{f.metric} {f.countries} {f.change} {f.value} {getattr(f, 'kind', '')} "
            f"{f.period}")


CORPORA = {"reuters": "reuters21578", "kremlin": "kremlin-presidentua-2021-2022",
           "regional": "regional-news-dev"}


def corpus_texts(shared: Path, ids: set[str]) -> dict[str, dict[str, Any]]:
    out = {}
    for name in CORPORA.values():
        with open(shared / "corpora" / name / "articles.jsonl", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["id"] in ids:
                    out[rec["id"]] = rec
    return out


# Runs the pipeline over texts, given the id of each one's training group (the article of
# a bank sentence): id -> processed article. None: the shipped pipeline (``run_pipeline``);
# ``bilat.learn.process_out_of_fold``: each text with the model of the folds not trained on it.
Process = Callable[[list[Article], Callable[[str], str]], dict[str, Article]]


def evaluate(gold_paths: Iterable[str | Path], shared: Path, part: str | None = None,
             process: Process | None = None) -> tuple[Report, list[Article]]:
    """Run the whole pipeline over the annotated articles (of one part of the split, or
    all) and score it; ``process`` runs the pipeline instead (out of fold: ``bilat.learn``)."""
    from bilat.ingest.records import article_from_record

    gold = [g for g in load_gold(gold_paths) if in_part(g["id"], part)]
    texts = corpus_texts(shared, {g["id"] for g in gold})
    articles = [article_from_record(texts[g["id"]], g["id"]) for g in gold]
    processed = process(articles, lambda i: i) if process else run_pipeline(articles)
    report = Report()
    for g in gold:
        # an article that was set aside scores as an empty record: everything missed
        art = processed.get(g["id"]) or Article(id=g["id"], text="")
        score_article(g, art, report, g.get("corpus", "?"), texts[g["id"]]["text"])
        score_locations(g, art, report, texts[g["id"]]["text"])
        score_dateline(g, texts[g["id"]], report)
    return report, [processed.get(g["id"]) or Article(id=g["id"], text="") for g in gold]


def run_pipeline(articles: list[Article]) -> dict[str, Article]:
    """The shipped pipeline over some texts: id -> processed article (set-asides left out)."""
    from bilat.pipeline import Pipeline

    return {a.id: a for a in Pipeline().process_many(articles) if isinstance(a, Article)}


def confusion_table(report: Report) -> str:
    """Rows: gold type ('-' = no gold event with those parties); columns: predicted type."""
    golds = sorted({g for g, _ in report.confusion})
    preds = sorted({p for _, p in report.confusion})
    lines = ["| gold \\ predicted | " + " | ".join(preds) + " |",
             "|---|" + "---|" * len(preds)]
    for g in golds:
        cells = [str(report.confusion.get((g, p), "")) for p in preds]
        lines.append(f"| {g} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def markdown(report: Report, n_articles: dict[str, int]) -> str:
    s = report.summary()
    out = ["| measure | precision | recall | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    for name in ("events", "figures", "persons", "organizations"):
        d = s[name]
        out.append(f"| {name} | {d['precision']:.3f} | {d['recall']:.3f} | {d['f1']:.3f} | "
                   f"{d['tp']} | {d['fp']} | {d['fn']} |")
    for corpus, d in s["events_by_corpus"].items():
        out.append(f"| events, {corpus} ({n_articles.get(corpus, 0)} articles) | "
                   f"{d['precision']:.3f} | {d['recall']:.3f} | {d['f1']:.3f} | "
                   f"{d['tp']} | {d['fp']} | {d['fn']} |")
    d, dy = s["datelines_dated"], s["datelines_dated_with_year"]
    out += ["", f"Articles with a dated dateline dated right from their text and address alone: "
            f"{d['tp']} of {d['tp'] + d['fn']}; knowing the publication year: "
            f"{dy['tp']} of {dy['tp'] + dy['fn']}."]
    out += ["", f"Events with confidence ≥ 0.8: {s['confident_events']}, of which "
            f"{s['confident_precision']:.0%} are right.", "", "### Events by type", "",
            "| type | precision | recall | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    for t, d in s["events_by_type"].items():
        out.append(f"| {t} | {d['precision']:.3f} | {d['recall']:.3f} | {d['f1']:.3f} | "
                   f"{d['tp']} | {d['fp']} | {d['fn']} |")
    out += ["", "### Confusion of event types", "",
            "For a missed gold event, the type predicted for the same parties ('-': none); for a "
            "false event, the gold type with the same parties ('-': none).", "",
            confusion_table(report)]
    out += ["", location_markdown(report.locations)]
    return "\n".join(out)


def location_markdown(score: LocationScore) -> str:
    """The event-location table (issue 16) of a report."""
    s = score.summary()
    given = s["given"] + s["unstated_given_sentence"]
    return "\n".join([
        "### Event locations", "",
        "On the gold events that a predicted event meets by signature (annotated sets with "
        "locations only).", "",
        "| measure | value | count |", "|---|---|---|",
        f"| place stated in the text, right place given | {s['recall']:.3f} | "
        f"{s['right']} of {s['stated']} |",
        f"| places given that are right | {s['precision']:.3f} | {s['right']} of {given} |",
        f"| no place stated, a sentence's place given (wrong) | | "
        f"{s['unstated_given_sentence']} of {s['unstated']} |",
        f"| no place stated, the dateline's place given (dateline rule) | | "
        f"{s['unstated_given_dateline']} of {s['unstated']} |",
        "", "By source of the place given: " + (", ".join(
            f"{k} {v}" for k, v in s["by_source"].items()) or "none") + "."])
