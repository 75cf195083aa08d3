"""The spaCy pipeline and its gazetteer, loaded once per process."""

from __future__ import annotations

from bilat import nlp
from bilat.nlp.truecase import is_all_caps, truecase


def test_nlp_load_is_cached():
    assert nlp.load() is nlp.load()


def test_nlp_gazetteer_marks_countries_capitals_and_demonyms(pipeline):
    doc = pipeline.nlp("Azerbaijani officials met Uzbekistan's envoy in Tashkent.")
    found = {(s.label_, s.kb_id_) for s in doc.spans[nlp.SPAN_KEY]}
    assert {("DEMONYM", "AZE"), ("COUNTRY", "UZB"), ("CAPITAL", "UZB")} <= found


def test_nlp_gazetteer_marks_a_people_by_its_plural_demonym(pipeline):
    doc = pipeline.nlp("Beijing asks Tajiks and Afghans to help; the Chinese agreed.")
    found = {(s.text, s.kb_id_) for s in doc.spans[nlp.SPAN_KEY] if s.label_ == "DEMONYM"}
    assert {("Tajiks", "TJK"), ("Afghans", "AFG"), ("Chinese", "CHN")} <= found
    assert nlp._people("Chinese") == {"Chinese"} and nlp._people("British") == {"British"}


def test_nlp_gazetteer_marks_a_people_by_the_plural_of_a_two_word_demonym(pipeline):
    # "East Germans" are the GDR's, not "East" and the Federal Republic's "Germans"
    doc = pipeline.nlp("Two East Germans and North Koreans fled.")
    found = {(s.text, s.kb_id_) for s in doc.spans[nlp.SPAN_KEY] if s.label_ == "DEMONYM"}
    assert found == {("East Germans", "DDR"), ("North Koreans", "PRK")}, found


def test_nlp_gazetteer_matches_a_name_without_its_accents(pipeline):
    doc = pipeline.nlp("Recep Tayyip Erdogan spoke.")
    assert any(s.label_ == "PERSON" for s in doc.spans[nlp.SPAN_KEY])


def test_truecase_is_all_caps_needs_enough_letters():
    assert is_all_caps("JAPAN AND CHINA HOLD TALKS")
    assert not is_all_caps("USA, UK")  # too few letters to tell
    assert not is_all_caps("Japan and China hold talks")


def test_truecase_leaves_mixed_case_text_alone():
    text = "Japan and China held talks."
    assert truecase(text) is text


def test_truecase_keeps_every_offset():
    text = "JAPAN AND CHINA HELD TALKS IN BEIJING. THEY AGREED."
    out = truecase(text)
    assert len(out) == len(text) and out != text
    assert out.startswith("Japan") and "China" in out and ". They" in out
