"""Blank lines end sentences, except in text hard-wrapped with blank lines."""

from __future__ import annotations

from bilat import nlp


def _sentences(text: str) -> list[str]:
    return [s.text.strip() for s in nlp.load()(text).sents]


def test_a_headline_and_a_byline_are_sentences_of_their_own():
    sents = _sentences("EBRD backs solar power in Uzbekistan\n\nBy Will Norman\n\n"
                       "The European Bank will invest $200 million in Uzbekistan.")
    assert sents[:2] == ["EBRD backs solar power in Uzbekistan", "By Will Norman"]


def test_blank_lines_inside_the_sentences_of_a_hard_wrapped_text_are_no_ends():
    text = ("Kyrgyz border guards and Tajik\n\ntroops are reported to have "
            "traded fire at a mountain checkpoint in\n\nsouthern Kyrgyzstan on Friday, "
            "the ministry\n\nsaid.")
    assert len(_sentences(text)) == 1


def test_single_line_breaks_are_left_to_the_parser():
    assert len(_sentences("Kazakhstan and Uzbekistan signed an agreement\non water.")) == 1
