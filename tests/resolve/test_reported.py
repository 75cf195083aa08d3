"""The reported-event filter runs on articles, not on a text of one sentence."""

from __future__ import annotations

import pytest

from bilat.record import Article
from bilat.resolve.reported import applies, sentence_count


@pytest.mark.parametrize("text,n", [
    ("Azerbaijan demands that the forces be disbanded.\n-", 1),
    ("He said U.S. meat shipments into the EC fell sharply.", 1),
    ("Mr. Smith met Dr. Jones in St. Petersburg on Monday.", 1),
    ("The deal was signed in Tokyo.\n REUTER", 1),
    ("The talks ended. Both sides agreed to meet again.", 2),
    ('"We agree," he said. "Talks will continue next week."', 2),
    ("Trade rose 5.2 percent in 2023. Exports grew too, officials said.", 2),
    ("", 0),
])
def test_reported_sentence_count_skips_abbreviations_and_tails(text, n):
    assert sentence_count(text) == n


def test_reported_filter_applies_only_to_texts_of_several_sentences():
    assert not applies(Article(id="a", text="Japan lifted its ban on U.S. beef imports."))
    assert applies(Article(id="b", text="Japan lifted its ban. The U.S. welcomed the move."))


def test_reported_filter_does_not_count_the_dateline_as_a_sentence():
    text = "BAKU, Azerbaijan, June 11. Azerbaijani and Uzbek ministers held talks on trade."
    art = Article(id="c", text=text, extra={"dateline": {"start": 0, "end": 26}})
    assert not applies(art)
    assert applies(Article(id="d", text=text))
