"""What one party asks another to do is the asker's REQUEST (PLOVER), not the act asked
for, which has not happened: "Austria wants Hungary to ease its curbs"."""

from __future__ import annotations

import pytest

from bilat.pipeline import Pipeline
from bilat.record import Article

pytestmark = pytest.mark.usefixtures("rules_alone")

PIPELINE = Pipeline()


def _events(text: str):
    return PIPELINE.process(Article(id="t", text=text, source="Example", date="2024-05-01")).events


@pytest.mark.parametrize("text", [
    "The Austrian government wants Hungary to ease its import restrictions on Austrian goods.",
    "Austria told Hungary to back off from the pipeline scheme.",
    "Austria pressed Hungary to lift its ban on Austrian beef.",
])
def test_what_is_asked_of_a_party_is_a_request(text):
    events = _events(text)
    assert {e.type for e in events} == {"REQUEST"}
    assert all(e.countries == {"AUT", "HUN"} for e in events)


def test_one_request_for_an_asking_verb_and_its_act():
    # "urged" is a request already: the tanks asked for add no second event
    assert [e.type for e in _events("Austria urged Hungary to send tanks.")] == ["REQUEST"]


def test_what_a_party_wants_to_do_itself_is_no_request():
    types = {e.type for e in _events("Austria wants to ease its restrictions on Hungarian wine.")}
    assert "REQUEST" not in types and types
