"""Train the event-type classifier (``make train``): reproducible, from the annotations.

    .venv/bin/python -m bilat.learn [--shared ../shared] [--out src/bilat/extract/model]

Training data, tuning part of the split only (``bilat.evaluate.split``):

- the sentence bank (``tests/data/sentences/bank.jsonl``): each sentence's required types
  are positives; its optional and alternative types are left out of those types'
  training; every other type is a negative;
- the annotated articles (``tests/data/dev/*.jsonl``): the sentence holding a gold event's
  evidence is a positive for its type (the other sentences of an article are not used:
  the annotation lists one piece of evidence per event, so they are not known negatives);
- written sentences (``tests/data/sentences/written.jsonl``): news sentences written, with
  their labels, from PLOVER's definitions by writers who saw neither the code nor the
  corpora, in other genres than the corpora (wire news of the whole world, regional
  agencies, headlines). They are split like the articles (``part_of`` of their id): the
  test part is never trained on; the tuning part is cross-validated like the rest, so
  the choice of what the written sentences may teach (``WRITTEN_POLICIES``) and of every
  threshold is made on how the model holds on the corpora *and* on another genre.

One logistic regression per type (scikit-learn, liblinear, fixed seed) over the hashed
features of ``bilat.extract.classify``. The thresholds that combine it with the rules —
add a type the rules missed above ``add``, drop a rule's event below ``veto`` — are chosen
on out-of-fold probabilities (5 folds grouped by article) to maximise the type F1 of the
tuning sentences, then the model is refit on all the tuning data. The regularisation and
the written sentences' policy are those with the best sum of the cross-validated type F1
of the bank, the articles' sentences and the written sentences. The written
``events.json`` records the data's digest, the counts and the cross-validated scores.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
from collections import defaultdict
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from bilat.evaluate.articles import corpus_texts, load_gold
from bilat.evaluate.sentences import BANK, WRITTEN, gold_types
from bilat.evaluate.split import ROOT, SHARED, corpus_of, in_part, load_jsonl
from bilat.extract import classify
from bilat.vocab import EventType, Modality

ARTICLE_SETS = ("tests/data/dev/reuters.jsonl", "tests/data/dev/kremlin.jsonl",
                "tests/data/dev/regional.jsonl")
TRAINING_FILES = (BANK, WRITTEN, *ARTICLE_SETS)
SEED = 20261204
FOLDS = 5
C_GRID = (0.3, 1.0, 3.0, 10.0)
# The sentence model's regularisation is chosen from these (10 never won for it).
SENTENCE_C_GRID = (0.3, 1.0, 3.0)
ADD_GRID = tuple(round(x, 2) for x in np.arange(0.1, 0.96, 0.05))
VETO_GRID = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2)
# What the written sentences may teach, chosen by cross-validation: "scarce", only the types
# of which the corpora's tuning data has fewer than WRITTEN_BELOW positive sentences (in
# the first training with them, trained on all types, ACCUSE learnt from them to see
# accusations in "both countries are members of the Turkic Council"), or "all" types.
WRITTEN_POLICIES = ("scarce", "all")
WRITTEN_BELOW = 150
SOURCES = ("bank", "article", "written")
# Below this many positive sentences a type's thresholds are not tuned: the rules decide.
MIN_POSITIVES = 20
TYPES = tuple(t.value for t in EventType)
# The dense token vectors are scaled so that their weights are regularised like the counts'.
DENSE_SCALE = 0.5


def _sources(shared: Path) -> list[dict[str, Any]]:
    """The tuning texts: each bank sentence, and each annotated article with its events."""
    out = []
    bank = [r for r in load_jsonl(ROOT / BANK) if in_part(r["article"], "tune")]
    texts = corpus_texts(shared, {r["article"] for r in bank})
    for r in bank:
        required, allowed = gold_types(r)
        pos = {_main(r, t) for t in required}
        out.append({"id": r["sid"], "group": r["article"], "source": "bank",
                    "text": texts[r["article"]]["text"][r["start"]:r["end"]],
                    "pos": pos, "skip": allowed - pos})
    for r in load_jsonl(ROOT / WRITTEN):
        if not in_part(r["wid"], "tune"):
            continue
        required, allowed = gold_types(r)
        pos = {_main(r, t) for t in required}
        out.append({"id": r["wid"], "group": r["wid"], "source": "written",
                    "text": r["text"], "pos": pos, "skip": allowed - pos})
    gold = [g for g in load_gold(ROOT / p for p in ARTICLE_SETS) if in_part(g["id"], "tune")]
    texts = corpus_texts(shared, {g["id"] for g in gold})
    for g in gold:
        out.append({"id": g["id"], "group": g["id"], "source": "article",
                    "text": texts[g["id"]]["text"], "events": g.get("events", [])})
    return out


def _main(row: dict[str, Any], types: set[str]) -> str:
    return next(ev["type"] for ev in row["events"]
                if {ev["type"], *(ev.get("alt_types") or [])} == types)


def _article_labels(events: list[dict[str, Any]], start: int, end: int,
                    spans: dict[int, int]) -> tuple[set[str], set[str]]:
    """(positives, types to leave out) of one article sentence (repaired offsets).

    Positive: the type of a required gold event whose evidence starts in the sentence.
    Left out: every other type the article's annotation names at all (the annotation
    gives one piece of evidence per event, so its other sentences may report it too)."""
    pos, named = set(), set()
    for ev in events:
        named |= {ev["type"], *(ev.get("alt_types") or [])}
        if "span" in ev and not ev.get("optional") and ev.get("modality") != Modality.NEGATED \
                and start <= spans[ev["span"][0]] < end:
            pos.add(ev["type"])
    return pos, named - pos


def _featurise(sources: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[list[str]],
                                                       np.ndarray, list[set[str]]]:
    """One example per sentence: its labels, features, token vector and the types the
    rules alone give it."""
    from bilat import extract, nlp, repair
    from bilat.extract import events as events_mod
    from bilat.extract.context import Context
    from bilat.extract.rules import engine
    from bilat.nlp.truecase import truecase
    from bilat.record import Article

    classify.set_mode("rules")
    pipe = nlp.load()
    examples: list[dict[str, Any]] = []
    feats: list[list[str]] = []
    vectors: list[np.ndarray] = []
    rule_types: list[set[str]] = []
    for src in sources:
        art = repair.run(Article(id=src["id"], text=src["text"]))
        doc = pipe(truecase(art.text))
        ctx = Context(article=art, doc=doc)
        extract.entities.build(ctx)
        by_sentence = engine(doc.vocab).triggers(doc)
        evs = events_mod.find(ctx, extract.sectors.sectors_of)
        if src["source"] != "article":
            sents = [max(doc.sents, key=len)]
        else:
            sents = list(doc.sents)
            spans = {ev["span"][0]: _repaired_offset(art, ev["span"][0])
                     for ev in src["events"] if "span" in ev}
        for sent in sents:
            if src["source"] != "article":
                ex = {k: src[k] for k in ("id", "group", "source", "pos", "skip")}
                found = {e.type for e in evs}
            else:
                pos, skip = _article_labels(src["events"], sent.start_char, sent.end_char, spans)
                ex = {"id": f"{src['id']}@{sent.start_char}", "group": src["group"],
                      "source": "article", "pos": pos, "skip": skip}
                found = {e.type for e in evs
                         if e.evidence and sent.start_char <= e.evidence[0].start < sent.end_char}
            candidates = engine(doc.vocab).candidate_types(sent)
            ex["candidates"] = set(candidates)
            ex["states_only"] = events_mod.states_only(sent)
            examples.append(ex)
            feats.append(events_mod.sentence_features(ctx, sent, by_sentence.get(sent.start, []),
                                                      candidates))
            vectors.append(classify.dense(sent))
            rule_types.append(found)
    classify.set_mode("combined")
    return examples, feats, np.vstack(vectors), rule_types


def _repaired_offset(art, raw: int) -> int:
    """An offset into the text as it arrived, moved into the repaired text."""
    shift = 0
    for raw_start, raw_end, replacement in art.edits:
        if raw_start >= raw:
            break
        shift += len(replacement) - (raw_end - raw_start)
    return max(0, raw + shift)


def _matrix(feats: list[list[str]], vectors: np.ndarray):
    from scipy.sparse import csr_matrix, hstack

    rows, cols = [], []
    for i, names in enumerate(feats):
        idx = classify.hashed(names)
        rows += [i] * len(idx)
        cols += idx.tolist()
    data = np.ones(len(rows), dtype=np.float32)
    sparse = csr_matrix((data, (rows, cols)), shape=(len(feats), 1 << classify.HASH_BITS))
    return hstack([sparse, csr_matrix(vectors * DENSE_SCALE)]).tocsr()


def _fit(x, examples: list[dict[str, Any]], c: float,
         taught: set[str] | frozenset[str] = frozenset(TYPES)) -> tuple[np.ndarray, np.ndarray]:
    """One logistic regression per type; written sentences train only the ``taught`` types
    (for the others they are left out, neither positive nor negative)."""
    from sklearn.linear_model import LogisticRegression

    weights = np.zeros((x.shape[1], len(TYPES)), dtype=np.float32)
    bias = np.full(len(TYPES), -6.0, dtype=np.float32)
    for j, typ in enumerate(TYPES):
        keep = [i for i, ex in enumerate(examples) if typ not in ex["skip"]
                and (ex["source"] != "written" or typ in taught)]
        y = np.array([typ in examples[i]["pos"] for i in keep])
        if y.sum() < 2:
            continue
        clf = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=2000)
        clf.fit(x[keep], y)
        weights[:, j] = clf.coef_[0]
        bias[j] = clf.intercept_[0]
    return weights, bias


def _probs(x, weights: np.ndarray, bias: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ weights + bias)))


def _taught(examples: list[dict[str, Any]], policy: str) -> set[str]:
    """The types the written sentences train under ``policy``: all, or those with fewer
    than WRITTEN_BELOW positive sentences in the corpora's tuning data."""
    if policy == "all":
        return set(TYPES)
    counts = {t: sum(t in ex["pos"] for ex in examples if ex["source"] != "written")
              for t in TYPES}
    return {t for t, n in counts.items() if n < WRITTEN_BELOW}


def _fold(group: str) -> int:
    """The fold of a group of examples (an article, or a written sentence of its own)."""
    return int(hashlib.sha256(f"{SEED}:{group}".encode()).hexdigest(), 16) % FOLDS


def _folds(examples: list[dict[str, Any]]) -> list[int]:
    """Each example's fold, by its group."""
    return [_fold(ex["group"]) for ex in examples]


def _counts(examples, probs, rule_types, j: int, add: float, veto: float,
            source: str | None = None, worded: bool = False) -> tuple[int, int, int]:
    """(tp, fp, fn) of type ``TYPES[j]`` under the combination with these thresholds;
    ``worded``: the classifier adds the type only to a sentence holding one of its rule
    words (``ex["candidates"]``), as it does anyway in a sentence that only states how
    things are (``ex["states_only"]``, ``events.states_only``)."""
    typ = TYPES[j]
    tp = fp = fn = 0
    for ex, p, rules in zip(examples, probs, rule_types, strict=True):
        if source is not None and ex["source"] != source:
            continue
        pred = (typ in rules and p[j] >= veto) or (
            p[j] >= add and (not (worded or ex["states_only"]) or typ in ex["candidates"]))
        gold = typ in ex["pos"]
        tp += pred and gold
        fn += gold and not pred
        fp += pred and not gold and typ not in ex["skip"]
    return tp, fp, fn


def _f1(tp: int, fp: int, fn: int) -> dict[str, float]:
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4)}


def _thresholds(examples, probs, rule_types) -> tuple[dict[str, float], dict[str, float],
                                                      dict[str, bool]]:
    """Per type, the (add, veto, worded) that maximise the type's F1 over all tuning
    sentences (``worded``: additions only where one of the type's rule words is; chosen
    when it does at least as well); a type with fewer than MIN_POSITIVES positives is
    left to the rules."""
    add, veto, worded = {}, {}, {}
    for j, typ in enumerate(TYPES):
        positives = sum(typ in ex["pos"] for ex in examples)
        if positives < MIN_POSITIVES:
            add[typ], veto[typ], worded[typ] = 1.01, 0.0, False
            continue
        best = max((_f1(*_counts(examples, probs, rule_types, j, a, v, worded=w))["f1"],
                    w, -a, v)
                   for w in (False, True) for a in ADD_GRID for v in VETO_GRID)
        worded[typ], add[typ], veto[typ] = best[1], -best[2], best[3]
    return add, veto, worded


def _micro(examples, probs, rule_types, add, veto, source: str,
           worded: dict[str, bool] | None = None) -> dict[str, float]:
    totals = [0, 0, 0]
    for j, typ in enumerate(TYPES):
        for k, v in enumerate(_counts(examples, probs, rule_types, j, add[typ], veto[typ],
                                      source, bool(worded and worded[typ]))):
            totals[k] += v
    return _f1(*totals)


def train(shared: Path, out_dir: Path) -> dict[str, Any]:
    examples, feats, vectors, rule_types = _featurise(_sources(shared))
    print(f"{len(examples)} training sentences "
          f"({sum(ex['source'] == 'bank' for ex in examples)} from the bank, "
          f"{sum(ex['source'] == 'written' for ex in examples)} written)", file=sys.stderr)
    x = _matrix(feats, vectors)
    folds = _folds(examples)
    best: tuple | None = None
    for policy in WRITTEN_POLICIES:
        taught = _taught(examples, policy)
        for c in SENTENCE_C_GRID:
            oof, fold_models = _cross_fit(x, examples, folds, c, taught)
            add, veto, worded = _thresholds(examples, oof, rule_types)
            scores = {src: _micro(examples, oof, rule_types, add, veto, src, worded)["f1"]
                      for src in SOURCES}
            score = sum(scores.values())
            print(f"written {policy}, C={c}: type F1 {scores} sum {score:.4f}", file=sys.stderr)
            if best is None or score > best[0]:
                best = (score, policy, taught, c, (add, veto, worded), oof, fold_models)
    assert best is not None
    _, policy, taught, c, (add, veto, worded), oof, fold_models = best
    reported_meta = _train_reported(shared, fold_models, add, veto, worded)
    never = ({t: 1.01 for t in TYPES}, {t: 0.0 for t in TYPES})
    cv = {src: {"rules": _micro(examples, oof, rule_types, *never, src),
                "combined": _micro(examples, oof, rule_types, add, veto, src, worded)}
          for src in SOURCES}
    weights, bias = _fit(x, examples, c, taught)
    out_dir.mkdir(parents=True, exist_ok=True)
    n = 1 << classify.HASH_BITS
    np.savez_compressed(out_dir / "events.npz", weights=weights[:n].astype(np.float16),
                        dense_weights=weights[n:] * DENSE_SCALE, bias=bias)
    digest = hashlib.sha256()
    for p in TRAINING_FILES:
        digest.update((ROOT / p).read_bytes())
    counts: dict[str, int] = defaultdict(int)
    for ex in examples:
        for t in ex["pos"]:
            counts[t] += 1
    meta = {
        "feature_version": classify.FEATURE_VERSION, "hash_bits": classify.HASH_BITS,
        "types": list(TYPES), "C": c, "seed": SEED, "folds": FOLDS,
        "add_threshold": add, "veto_threshold": veto, "add_needs_rule_word": worded,
        "training_data_sha256": digest.hexdigest(),
        "sentences": len(examples),
        "written_sentences": sum(ex["source"] == "written" for ex in examples),
        "written_policy": policy,
        "written_trains": sorted(taught),
        "positives_per_type": dict(sorted(counts.items())),
        "cross_validated_sentence_types": cv,
    }
    (out_dir / "events.json").write_text(json.dumps(meta, indent=1) + "\n", "utf-8")
    (out_dir / "reported.json").write_text(json.dumps(reported_meta, indent=1) + "\n", "utf-8")
    meta["reported"] = {k: reported_meta[k] for k in ("C", "threshold", "cross_validated")}
    return meta


def _cross_fit(x, examples: list[dict[str, Any]], folds: list[int], c: float,
               taught: set[str]) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    """Out-of-fold probabilities of every example, and the model of each fold (trained
    on the other folds)."""
    oof = np.zeros((len(examples), len(TYPES)))
    fold_models = []
    for k in range(FOLDS):
        tr = [i for i, f in enumerate(folds) if f != k]
        te = [i for i, f in enumerate(folds) if f == k]
        w, b = _fit(x[tr], [examples[i] for i in tr], c, taught)
        oof[te] = _probs(x[te], w, b)
        fold_models.append((w, b))
    return oof, fold_models


def fold_sentence_models(shared: Path) -> list[classify.Model]:
    """The sentence model of each fold, trained like the shipped one (its C, what the
    written sentences teach) on the other folds of the tuning data, with thresholds chosen
    out of fold: what :func:`process_out_of_fold` runs the tuning texts with."""
    meta = json.loads(resources.files("bilat").joinpath(*classify.MODEL_DIR, "events.json")
                      .read_text("utf-8"))
    examples, feats, vectors, rule_types = _featurise(_sources(shared))
    x = _matrix(feats, vectors)
    taught = _taught(examples, meta["written_policy"])
    oof, models = _cross_fit(x, examples, _folds(examples), meta["C"], taught)
    add, veto, worded = _thresholds(examples, oof, rule_types)
    return [_as_model(w, b, add, veto, worded) for w, b in models]


def cached_fold_models(shared: Path, path: str | Path | None) -> list[classify.Model]:
    """:func:`fold_sentence_models`, kept in ``path`` (a pickle written here) when given:
    read when the file exists, else trained and written. About 5 minutes saved per run
    when a rule change is judged with the models fixed."""
    if path is None:
        return fold_sentence_models(shared)
    path = Path(path)
    if path.exists():
        with path.open("rb") as fh:
            return pickle.load(fh)  # noqa: S301 (a file this function wrote)
    models = fold_sentence_models(shared)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as fh:
        pickle.dump(models, fh)
    tmp.replace(path)
    return models


def process_out_of_fold(articles: list[Any], models: list[classify.Model],
                        group: Callable[[str], str] | None = None) -> dict[str, Any]:
    """Each tuning text processed by the pipeline with the sentence model of the folds that
    did not see it (``group(id)``: the text's training group, its own id by default), so
    that the tuning part is scored as unseen news is."""
    from bilat.pipeline import Pipeline

    group = group or (lambda i: i)
    pipe, done = Pipeline(), {}
    try:
        for k, model in enumerate(models):
            classify.override(model)
            mine = [a for a in articles if _fold(group(a.id)) == k]
            done.update({a.id: a for a in pipe.process_many(mine) if hasattr(a, "events")})
    finally:
        classify.override(False)
    return done


def _as_model(w: np.ndarray, b: np.ndarray, add: dict, veto: dict,
              worded: dict) -> classify.Model:
    n = 1 << classify.HASH_BITS
    return classify.Model(types=TYPES, weights=w[:n], dense_weights=w[n:] * DENSE_SCALE,
                          bias=b, add_threshold=np.array([add[t] for t in TYPES]),
                          veto_threshold=np.array([veto[t] for t in TYPES]),
                          meta={"add_needs_rule_word": worded})


def _train_reported(shared: Path, fold_models: list, add: dict, veto: dict,
                    worded: dict) -> dict[str, Any]:
    """The filter of reported events, trained on out-of-fold runs over the tuning articles:
    each article is processed with the sentence model of the folds that did not see it."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from bilat.evaluate.articles import signature_labels
    from bilat.ingest.records import article_from_record
    from bilat.resolve import reported

    gold = [g for g in load_gold(ROOT / p for p in ARTICLE_SETS) if in_part(g["id"], "tune")]
    texts = corpus_texts(shared, {g["id"] for g in gold})
    rows: list[tuple[dict[str, float], int, str, tuple]] = []  # features, label, group, key
    missed = 0
    reported.override(None)
    try:
        done = process_out_of_fold(
            [article_from_record(texts[g["id"]], g["id"]) for g in gold],
            [_as_model(w, b, add, veto, worded) for w, b in fold_models])
    finally:
        reported.override(False)
    missed_chosen = 0  # of the articles the threshold is chosen on (THRESHOLD_CORPUS)
    for g in gold:
        art = done[g["id"]]
        labels, n_missed = signature_labels(g, art)
        missed += n_missed
        missed_chosen += n_missed if corpus_of(g["id"]) == THRESHOLD_CORPUS else 0
        sal = reported.salience(art)
        for ev, label in zip(art.events, labels, strict=True):
            if label is not None:
                rows.append((reported.features(art, ev, sal), label, g["id"],
                             (g["id"], ev.type, ev.countries)))
    vec = DictVectorizer(sparse=False)
    x = vec.fit_transform([r[0] for r in rows])
    y = np.array([r[1] for r in rows])
    groups = [r[2] for r in rows]
    folds = [_fold(g) for g in groups]
    mine = [i for i, g in enumerate(groups) if corpus_of(g) == THRESHOLD_CORPUS]
    mine_rows = [rows[i] for i in mine]
    grid = [float(round(t, 3)) for t in np.arange(0.0, 0.8, THRESHOLD_STEP)]
    best = None
    for c in C_GRID:
        oof = np.zeros(len(rows))
        for k in range(FOLDS):
            tr = [i for i, f in enumerate(folds) if f != k]
            te = [i for i, f in enumerate(folds) if f == k]
            clf = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=2000)
            clf.fit(x[tr], y[tr])
            oof[te] = clf.predict_proba(x[te])[:, 1]
        scores = [_signature_f1(mine_rows, oof[mine], t, missed_chosen) for t in grid]
        for i, t in enumerate(grid):
            key = (_plateau(scores, i), t)  # a broad optimum; at a tie, the higher threshold
            if best is None or key > best[0]:
                best = (key, c, t, scores[i], _signature_f1(rows, oof, t, missed))
    assert best is not None
    _, c, threshold, chosen, detail = best
    clf = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=2000)
    clf.fit(x, y)
    weights = {name: round(float(wt), 5) for name, wt in zip(vec.get_feature_names_out(),
                                                              clf.coef_[0], strict=True)}
    return {"feature_version": reported.FEATURE_VERSION, "C": c, "threshold": threshold,
            "bias": round(float(clf.intercept_[0]), 5), "weights": weights,
            "signatures": len(rows), "cross_validated": {
                "unfiltered": _signature_f1(rows, np.ones(len(rows)), 0.0, missed),
                "filtered": detail, f"filtered_{THRESHOLD_CORPUS}": chosen}}


# The filter's thresholds are tried in these steps; its F1 over the tuning articles is
# flat near the optimum (0.652-0.655 from 0.25 to 0.45 in the 2026-12-05 training), so a
# threshold is judged by the mean F1 of its neighbourhood, PLATEAU steps either side, and
# at equal means the higher (more precise) one is taken: a lone peak at a low threshold
# had cost precision on unseen regional articles (model card).
THRESHOLD_STEP = 0.025
PLATEAU = 1
# C and the threshold are chosen on the tuning articles of the product's genre, regional
# news: out of fold the corpora pull apart (in the shipped models' runs regional articles
# peak at 0.40-0.50, Reuters 1987 at 0.25-0.30), and pooled, the 80 Reuters articles
# decided a threshold that cost regional precision twice (model card). The weights are
# still learned from all the tuning articles.
THRESHOLD_CORPUS = "regional"


def _plateau(scores: list[dict[str, float]], i: int) -> float:
    """Mean F1 of threshold ``i`` and its neighbours (rounded, so near-ties are ties)."""
    near = scores[max(0, i - PLATEAU):i + PLATEAU + 1]
    return round(sum(s["f1"] for s in near) / len(near), 3)


def _signature_f1(rows, probs, threshold: float, missed: int) -> dict[str, float]:
    """Event F1 over the tuning articles when events under ``threshold`` are dropped."""
    best_of: dict[tuple, tuple[float, int]] = {}
    for (_, label, _, key), p in zip(rows, probs, strict=True):
        prev = best_of.get(key)
        best_of[key] = (max(p, prev[0]) if prev else p, label)
    tp = sum(1 for p, lab in best_of.values() if p >= threshold and lab == 1)
    fp = sum(1 for p, lab in best_of.values() if p >= threshold and lab == 0)
    fn = missed + sum(1 for p, lab in best_of.values() if p < threshold and lab == 1)
    return _f1(tp, fp, fn)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bilat.learn", description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(SHARED))
    ap.add_argument("--out", default=str(ROOT / "src" / "bilat" / "models"))
    args = ap.parse_args(argv)
    meta = train(Path(args.shared), Path(args.out))
    print(json.dumps({k: meta[k] for k in ("C", "sentences", "cross_validated_sentence_types")},
                     indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
