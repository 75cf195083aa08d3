"""The lexicon: data files under lexicon/data, read once, checked row by row."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilat import lexicon
from bilat.vocab import STAGE_OF_TYPE, ConsultMode, EventType


def test_lexicon_fold_drops_accents():
    assert lexicon.fold("Erdoğan") == "Erdogan"
    assert lexicon.fold("Čaputová") == "Caputova"
    assert lexicon.fold("Diyarbakır") == "Diyarbakir"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60) | st.text(alphabet="aeıiou\u0301\u0308\u0327 Çčğ’—ﬁ½", max_size=20))
def test_lexicon_fold_is_nfkd_without_combining_marks(text):
    # what fold was written as, character by character
    decomposed = unicodedata.normalize("NFKD", text)
    expected = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    assert lexicon.fold(text) == expected.replace("ı", "i")


def test_lexicon_countries_are_keyed_by_iso_code():
    table = lexicon.countries()
    assert table["AZE"].name == "Azerbaijan"
    assert "Baku" in table["AZE"].capitals
    assert lexicon.country_name("UZB") == "Uzbekistan"
    assert lexicon.country_name("XXX") == "XXX"


def test_lexicon_historic_states():
    assert lexicon.ended_before("SUN", "1992-01-01")
    assert not lexicon.ended_before("SUN", "1990-01-01")
    assert not lexicon.ended_before("AZE", "2024-01-01")


def test_lexicon_event_types_are_the_vocabulary():
    assert set(lexicon.event_types()) == {t.value for t in EventType}


def test_lexicon_consult_modes_are_the_vocabulary():
    assert set(lexicon.event_types()["CONSULT"].modes) == {m.value for m in ConsultMode}


def test_lexicon_cooperation_stages_are_cooperative_types():
    quad = {code: t.quad_class for code, t in lexicon.event_types().items()}
    assert {quad[t] for t in STAGE_OF_TYPE} <= {"verbal_cooperation", "material_cooperation"}


@pytest.mark.parametrize("rule", lexicon.trigger_rules(),
                         ids=lambda r: f"line{r.get('_line', '?')}")
def test_lexicon_trigger_rule_names_a_known_type(rule):
    assert rule["type"] in {t.value for t in EventType}


def test_a_word_set_defined_twice_is_refused(monkeypatch):
    import pytest

    from bilat import lexicon

    rows = {"a.tsv": [["trade", "export|import"]], "b.tsv": [["trade", "deal"]]}
    monkeypatch.setattr(lexicon, "_rows", lambda name: rows[name])
    with pytest.raises(ValueError, match="defined twice"):
        lexicon.named_word_sets("a.tsv", "b.tsv")
    assert lexicon.named_word_sets("a.tsv") == {"trade": frozenset({"export", "import"})}
