"""Every event rule is data with an example beside it: each example must yield its rule's
type, and each courtesy formula must veto an event that its example would otherwise give."""

from __future__ import annotations

import pytest

from bilat import lexicon
from bilat.extract import rules
from bilat.pipeline import Pipeline
from bilat.record import Article

PIPELINE = Pipeline()


pytestmark = pytest.mark.usefixtures("rules_alone")


def _types(text: str) -> set[str]:
    art = PIPELINE.process(Article(id="t", text=text, source="Example", date="2024-05-01"))
    return {e.type for e in art.events}


@pytest.mark.parametrize("row", lexicon.trigger_rules(), ids=lambda r: f"line{r['_line']}")
def test_rules_example_yields_its_type(row):
    expected = row.get("expect", row["type"])
    assert row.get("example"), f"triggers.jsonl line {row['_line']} has no example"
    assert expected in _types(row["example"]), row["example"]


@pytest.mark.parametrize("row", lexicon.courtesy_rules(), ids=lambda r: r["id"])
def test_rules_courtesy_formula_vetoes_an_event(row, monkeypatch):
    vetoed = set(row["veto"])
    assert not _types(row["example"]) & vetoed, row["example"]
    eng = rules.engine(PIPELINE.nlp.vocab)
    monkeypatch.setattr(eng, "courtesy_veto", {k: frozenset() for k in eng.courtesy_veto})
    assert _types(row["example"]) & vetoed, f"{row['id']}: the example has no event to veto"


def test_rules_unknown_predicate_is_refused():
    with pytest.raises(ValueError, match="unknown predicate"):
        rules._condition({"no_such_gate": ["x"]})
