"""A learned second opinion on event types: a multi-label classifier over sentences.

For each sentence it gives the probability that the sentence reports an event of each
PLOVER type. The model is a one-vs-rest logistic regression trained by ``make train``
(``bilat.learn``) on the tuning part of the sentence bank and of the annotated articles;
its weights ship in the package (``models/events.npz``, with ``events.json``: the
types, the calibrated thresholds, the feature version and the training data's digest)
and are read once per process. No model is fetched at run time.

Features (one function for training and use, :func:`features`): lemma unigrams and
bigrams, dependency pairs of content words ("lift>dobj>sanction"), modality cues, the
types and trigger lemmas the rule engine found, and how many countries the sentence
names; hashed into ``2**HASH_BITS`` buckets with MurmurHash, as spaCy hashes its strings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
from murmurhash.mrmr import hash as murmur
from spacy.tokens import Span

from bilat.extract.rules import Trigger
from bilat.extract.syntax import lemma
from bilat.lexicon import word_set

FEATURE_VERSION = 3
HASH_BITS = 17
CONTENT_POS = {"VERB", "NOUN", "PROPN", "ADJ", "ADV", "AUX", "ADP", "PART"}
PAIR_DEPS = {"dobj", "nsubj", "nsubjpass", "xcomp", "ccomp", "pobj", "prt", "compound", "amod",
             "acl", "advcl", "agent", "neg", "aux", "dative", "attr", "acomp"}


def features(sent: Span, triggers: list[Trigger], n_countries: int,
             candidates: tuple[str, ...] = ()) -> list[str]:
    """The named features of one sentence (before hashing); ``candidates``: the types of
    the rule rows whose words the sentence has, whether or not their gates held."""
    out: list[str] = []
    lemmas = []
    for tok in sent:
        if tok.is_space or tok.is_punct:
            continue
        low = "NUM" if tok.like_num else lemma(tok)
        lemmas.append(low)
        out.append(f"w:{low}")
        if tok.pos_ in CONTENT_POS and tok.dep_ in PAIR_DEPS and tok.head.i != tok.i:
            head = tok.head
            if head.dep_ == "prep" and head.head.i != head.i:  # "agreed to a ceasefire"
                out.append(f"d:{lemma(head.head)}>{head.lower_}>{low}")
            else:
                out.append(f"d:{lemma(head)}>{tok.dep_}>{low}")
    out += [f"b:{a}_{b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]
    words = {t.lower_ for t in sent}
    for cue in ("future_aux", "potential_aux", "negators", "plan_words"):
        if words & word_set(cue):
            out.append(f"m:{cue}")
    for t in triggers:
        out.append(f"r:{t.type}")
        out.append(f"r:{t.type}:{lemma(t.token)}")
    out.append(f"c:{min(n_countries, 3)}")
    out += [f"k:{t}" for t in sorted(set(candidates))]
    root = sent.root
    for c in root.children:  # who acts on whom: "sr:GPE", "or:PERSON"
        if c.dep_ in ("nsubj", "nsubjpass", "dobj"):
            kinds = {t.ent_type_ for t in c.subtree if t.ent_type_} or {"-"}
            out += [f"{'s' if c.dep_ != 'dobj' else 'o'}r:{k}" for k in sorted(kinds)]
    return out


DENSE = 192  # mean and max of the parser's token vectors (doc.tensor, 96 wide)


def dense(sent: Span) -> np.ndarray:
    """The sentence's mean and max token vector from spaCy's shared tok2vec layer (computed
    by the parse anyway): what the sentence is about beyond its words."""
    vecs = sent.doc.tensor[sent.start:sent.end]
    if vecs.size == 0 or vecs.shape[1] * 2 != DENSE:
        return np.zeros(DENSE, dtype=np.float32)
    return np.concatenate([vecs.mean(axis=0), vecs.max(axis=0)]).astype(np.float32)


def hashed(names: list[str]) -> np.ndarray:
    """Bucket indices of named features (repeats kept: counts)."""
    mask = (1 << HASH_BITS) - 1
    return np.array([murmur(n) & mask for n in names], dtype=np.int64)


@dataclass(frozen=True)
class Model:
    types: tuple[str, ...]
    weights: np.ndarray  # (2**HASH_BITS, n_types)
    dense_weights: np.ndarray  # (DENSE, n_types)
    bias: np.ndarray  # (n_types,)
    add_threshold: np.ndarray  # (n_types,): above it the classifier adds a missed type
    veto_threshold: np.ndarray  # (n_types,): below it a rule's event of the type is dropped
    meta: dict

    def add(self, typ: str) -> float:
        return float(self.add_threshold[self.types.index(typ)])

    def needs_rule_word(self, typ: str) -> bool:
        """Whether the classifier adds ``typ`` only to a sentence holding one of the
        type's rule words (chosen per type out of fold by ``bilat.learn``)."""
        return bool(self.meta.get("add_needs_rule_word", {}).get(typ, False))

    def veto(self, typ: str) -> float:
        return float(self.veto_threshold[self.types.index(typ)]) if typ in self.types else 0.0

    def probabilities(self, names: list[str], vector: np.ndarray) -> dict[str, float]:
        idx = hashed(names)
        scores = self.bias + vector @ self.dense_weights
        if len(idx):
            scores = scores + self.weights[idx].astype(np.float32).sum(axis=0)
        probs = 1.0 / (1.0 + np.exp(-scores))
        return dict(zip(self.types, probs.tolist(), strict=True))


MODEL_DIR = ("models",)
# How the two opinions combine: "combined" (rules find events and their parties; the
# classifier adds types they missed and vetoes unlikely ones), "rules" alone or
# "classifier" alone (types from the classifier, parties from the sentence). Set for the
# ablation in ``python -m bilat.evaluate --events``; products use "combined".
MODES = ("combined", "rules", "classifier")
_mode = {"value": "combined"}


def set_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"event mode {mode!r}; one of {', '.join(MODES)}")
    _mode["value"] = mode


def mode() -> str:
    return _mode["value"]


_override: dict[str, Model | None | bool] = {"model": False}


def override(value: Model | None | bool) -> None:
    """Use ``value`` instead of the shipped model (training folds; ``False``: shipped)."""
    _override["model"] = value


def active_model() -> Model | None:
    """The model when the mode uses it: one being trained, else the one shipped."""
    if _mode["value"] == "rules":
        return None
    if _override["model"] is not False:
        return _override["model"]  # type: ignore[return-value]
    return model()


@cache
def model() -> Model | None:
    """The shipped model, or None when the package has none (before ``make train``)."""
    base = resources.files("bilat").joinpath(*MODEL_DIR)
    meta_file, weight_file = base.joinpath("events.json"), base.joinpath("events.npz")
    if not (meta_file.is_file() and weight_file.is_file()):
        return None
    meta = json.loads(meta_file.read_text("utf-8"))
    if meta.get("feature_version") != FEATURE_VERSION or meta.get("hash_bits") != HASH_BITS:
        return None  # trained for other features: `make train` rebuilds it
    with weight_file.open("rb") as fh:
        data = np.load(fh)
        weights = data["weights"]
        dense_weights = data["dense_weights"].astype(np.float32)
        bias = data["bias"].astype(np.float32)
    types = tuple(meta["types"])
    return Model(types=types, weights=weights, dense_weights=dense_weights, bias=bias,
                 add_threshold=np.array([meta["add_threshold"][t] for t in types]),
                 veto_threshold=np.array([meta["veto_threshold"][t] for t in types]),
                 meta=meta)
