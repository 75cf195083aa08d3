"""The learned second opinion: the shipped model is the one `make train` builds from the
annotations in the repository, and it knows the types."""

from __future__ import annotations

import hashlib
import json

import pytest

from bilat.extract import classify
from bilat.learn import TRAINING_FILES
from bilat.pipeline import Pipeline
from bilat.record import Article
from bilat.resolve import reported
from tests.conftest import ROOT


def test_classify_shipped_model_was_trained_on_the_annotations_here():
    model = classify.model()
    assert model is not None, "no model in src/bilat/models: run `make train`"
    digest = hashlib.sha256()
    for p in TRAINING_FILES:
        digest.update((ROOT / p).read_bytes())
    assert model.meta["training_data_sha256"] == digest.hexdigest(), \
        "the annotations changed since the model was trained: run `make train`"
    assert reported.shipped() is not None


# Types with over 100 training sentences; the rare ones (PROTEST has 17) are left to the
# rules, whose thresholds `make train` sets so that the model does not add them.
@pytest.mark.parametrize("text,typ", [
    ("Armenia accused Azerbaijan of violating the ceasefire on the border.", "ACCUSE"),
    ("Azerbaijan and Uzbekistan signed five memoranda of understanding.", "SUPPORT"),
    ("The presidents of Kazakhstan and Kyrgyzstan held talks in Bishkek.", "CONSULT"),
])
def test_classify_finds_the_type_of_a_clear_sentence(text, typ):
    pipe = Pipeline()
    from bilat import extract
    from bilat.extract import events
    from bilat.extract.context import Context
    from bilat.extract.rules import engine

    art = Article(id="c", text=text)
    doc = pipe.nlp(text)
    ctx = Context(article=art, doc=doc)
    extract.entities.build(ctx)
    sent = next(doc.sents)
    trig = engine(doc.vocab).triggers(doc).get(sent.start, [])
    probs = classify.model().probabilities(events.sentence_features(ctx, sent, trig),
                                           classify.dense(sent))
    assert max(probs, key=probs.get) == typ, sorted(probs.items(), key=lambda kv: -kv[1])[:3]


def test_classify_modes_are_checked():
    with pytest.raises(ValueError, match="event mode"):
        classify.set_mode("oracle")


def test_classify_meta_records_cross_validated_scores():
    meta = json.loads((ROOT / "src" / "bilat" / "models" / "events.json").read_text("utf-8"))
    cv = meta["cross_validated_sentence_types"]
    assert cv["bank"]["combined"]["f1"] > cv["bank"]["rules"]["f1"]


def test_an_added_type_can_need_one_of_its_rule_words():
    """A type marked add_needs_rule_word is added only to a sentence holding one of its
    rule words; unmarked, the classifier's probability alone decides."""
    import dataclasses

    import numpy as np

    joined = "Both countries joined regional organisations such as the Turkic Council."
    are = "Both countries are members of regional organisations such as the Turkic Council."
    model = classify.model()
    eager = np.where(np.array(model.types) == "ACCUSE", 0.0, model.add_threshold)
    pipe = Pipeline()
    try:
        # a sentence that only states how things are needs a rule word whatever the mark
        for needs, text, expected in ((False, joined, True), (True, joined, False),
                                      (False, are, False)):
            classify.override(dataclasses.replace(
                model, add_threshold=eager,
                meta={**model.meta, "add_needs_rule_word": {"ACCUSE": needs}}))
            art = pipe.process(Article(id="w", text=text))
            assert any(e.type == "ACCUSE" for e in art.events) is expected, (needs, text)
    finally:
        classify.override(False)


@pytest.mark.parametrize("typ,text,expected", [
    # what is said hangs on its own clause: a build-up planned, not one under way
    ("MOBILIZE", "Chad will move 2,000 men to its northern border, the army said.",
     ("MOBILIZE", "future")),
    # a clause said in the negative is the saying's (the classifier read the accusation)
    ("ACCUSE", "Eritrea has not withdrawn its men from the border, Ethiopian officials said.",
     ("ACCUSE", "asserted")),
])
def test_an_added_type_under_a_speech_verb_takes_what_was_said(typ, text, expected):
    import dataclasses

    import numpy as np

    model = classify.model()
    eager = np.where(np.array(model.types) == typ, 0.0, model.add_threshold)
    try:
        classify.override(dataclasses.replace(
            model, add_threshold=eager,
            meta={**model.meta, "add_needs_rule_word": {typ: False}}))
        art = Pipeline().process(Article(id="s", text=text))
    finally:
        classify.override(False)
    assert expected in {(str(e.type), str(e.modality)) for e in art.events}, art.events


def test_the_filter_threshold_is_the_middle_of_a_broad_optimum():
    from bilat.learn import _plateau

    f1 = [{"f1": v} for v in (0.60, 0.66, 0.60, 0.64, 0.65, 0.65, 0.64, 0.60)]
    means = [_plateau(f1, i) for i in range(len(f1))]
    # the lone peak at 1 loses to the plateau around 4 and 5, where the higher one wins
    best = max(range(len(f1)), key=lambda i: (means[i], i))
    assert best == 5 and means[1] < means[4] == means[5]
