"""Which of an article's merged events it reports: a learned filter over event records.

An article yields more candidate events than it reports: a trigger in a background
clause, a type the parse half-sees, a pair filled in by default. A logistic regression
over what the record says of each merged event — its type and modality, its confidence
(rules and the sentence classifier), how many sentences report it, where it first
appears, how many countries it has, whether they are the article's main pair and whether
its own sentences name them — gives
the probability that an annotator lists it; events under the threshold are dropped.
Trained by ``make train`` on out-of-fold runs over the tuning part of the annotated
articles (``bilat.learn``); the weights are ``models/reported.json``.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bilat.record import Article, Event

FEATURE_VERSION = 2


def features(article: Article, ev: Event, salience: dict[str, int]) -> dict[str, float]:
    """What the record says of one merged event, as named numbers."""
    pair = set(article.extra.get("pair") or [])
    countries = ev.countries
    first = min((e.start for e in ev.evidence), default=0)
    out = {f"type={ev.type}": 1.0, f"modality={ev.modality}": 1.0,
           f"type_modality={ev.type}/{ev.modality}": 1.0,
           "confidence": ev.confidence,
           "sentences": min(len(ev.evidence), 4) / 4,
           "lead": 1.0 if first < 300 else 0.0,
           "position": first / max(1, len(article.text)),
           f"countries={min(len(countries), 3)}": 1.0,
           "pair_both": 1.0 if pair and pair <= countries else 0.0,
           "pair_none": 1.0 if not countries & pair else 0.0,
           "outside_pair": min(len(countries - pair), 3) / 3,
           "least_salient": math.log1p(min((salience.get(c, 0) for c in countries),
                                           default=0)) / 3}
    named = named_in_evidence(article, ev)
    out["named_share"] = len(countries & named) / len(countries) if countries else 0.0
    out["named_all"] = 1.0 if countries and countries <= named else 0.0
    return out


def named_in_evidence(article: Article, ev: Event) -> set[str]:
    """The countries an actor named in the event's own sentences stands for (the others
    came from the article's pair, the speaker or an earlier sentence)."""
    spans = [(e.start, e.end) for e in ev.evidence]
    return {ent.country for ent in article.entities if ent.country
            and any(a <= s < b for s, _ in ent.mentions for a, b in spans)}


# The filter ranks an article's candidate events against each other by where and how
# often the article reports them; a text of one sentence reports exactly what it says.
MIN_SENTENCES = 2
# A sentence ends after a word (not an initial or a two-letter capitalised abbreviation:
# "U.S.", "Mr.", "St."), a number or a closing quote, before a capital, a number or an
# opening quote; what follows counts as a sentence only with MIN_WORDS words ("-",
# "REUTER", "Almaty." after a sentence are tails of it).
_SENTENCE_END = re.compile(r"(?:\b[a-z]{2,}|\b[A-Za-z][a-z]{2,}|\d|[\"'’”)\]])[.!?]"
                           r"[\"'’”)\]]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_WORD = re.compile(r"[A-Za-z]{2,}")
MIN_WORDS = 3


def sentence_count(text: str) -> int:
    """How many sentences the text has, by its punctuation (the filter runs after the
    parse, which the record does not keep)."""
    text = text.strip()
    cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(text)), len(text)]
    return sum(1 for a, b in zip(cuts, cuts[1:], strict=False)
               if len(_WORD.findall(text[a:b])) >= MIN_WORDS)


def applies(article: Article) -> bool:
    """Whether the text is long enough for the filter: more than one sentence after its
    dateline ("BAKU, Azerbaijan, June 11." is no sentence of the story)."""
    line = article.extra.get("dateline")
    start = line.get("end", 0) if isinstance(line, dict) else 0
    return sentence_count(article.text[start:]) >= MIN_SENTENCES


def salience(article: Article) -> dict[str, int]:
    """How often each country is a party of an event mention or named in the article."""
    counts: dict[str, int] = {}
    for ent in article.entities:
        if ent.country:
            counts[ent.country] = counts.get(ent.country, 0) + len(ent.mentions)
    return counts


@dataclass(frozen=True)
class Filter:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, feats: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-z))

    def keep(self, article: Article) -> list[Event]:
        """The events the article reports; each one's confidence becomes the filter's
        probability that it is right (calibrated on the tuning articles)."""
        sal = salience(article)
        kept = []
        for ev in article.events:
            p = self.probability(features(article, ev, sal))
            if p >= self.threshold:
                ev.confidence = round(p, 2)
                kept.append(ev)
        return kept


_override: dict[str, Filter | None | bool] = {"filter": False}


def active() -> Filter | None:
    """The filter in use: none when events come from the rules alone (the ablation), a
    filter being trained (``bilat.learn``), else the shipped one."""
    from bilat.extract import classify

    if classify.mode() == "rules":
        return None
    if _override["filter"] is not False:
        return _override["filter"]  # type: ignore[return-value]
    return shipped()


def override(value: Filter | None | bool) -> None:
    """Use ``value`` instead of the shipped filter (``False``: back to the shipped one)."""
    _override["filter"] = value


@cache
def shipped() -> Filter | None:
    """The filter the package ships, or None before ``make train``."""
    path = resources.files("bilat").joinpath("models", "reported.json")
    if not path.is_file():
        return None
    meta = json.loads(path.read_text("utf-8"))
    if meta.get("feature_version") != FEATURE_VERSION:
        return None
    return Filter(meta["weights"], meta["bias"], meta["threshold"])


