"""Counted groups of countries ("the four countries", "the six") stand for the countries
the text has just named, never for a guess (bilat.extract.groups)."""

from __future__ import annotations

import pytest

from bilat.pipeline import Pipeline
from bilat.record import Article

PIPELINE = Pipeline()


pytestmark = pytest.mark.usefixtures("rules_alone")


def _sigs(text: str) -> set[tuple[str, frozenset[str]]]:
    art = PIPELINE.process(Article(id="t", text=text, source="Trend", date="2024-05-01"))
    return {(str(e.type), e.countries) for e in art.events}


def test_a_count_of_countries_is_the_sentence_before_that_names_that_many():
    sigs = _sigs("Turkmenistan, Afghanistan, Pakistan and India are building a gas pipeline. "
                 "On May 4, energy ministers of the four countries met in Ashgabat "
                 "to review the project.")
    assert ("CONSULT", frozenset({"AFG", "IND", "PAK", "TKM"})) in sigs


def test_a_count_standing_alone_is_its_group():
    sigs = _sigs("Finance ministers from Italy, Japan, Canada, Britain, France and the United "
                 "States gathered in Rome. The six agreed to coordinate their currency "
                 "policies.")
    assert ("AGREE", frozenset({"CAN", "FRA", "GBR", "ITA", "JPN", "USA"})) in sigs


def test_a_count_is_the_list_of_that_many_inside_a_longer_sentence():
    sigs = _sigs("The United States ended trade benefits for Nicaragua, Paraguay and Romania. "
                 "Washington accused the three countries of denying their workers rights.")
    assert ("ACCUSE", frozenset({"NIC", "PRY", "ROU", "USA"})) in sigs


def test_a_count_that_matches_no_list_names_nobody():
    sigs = _sigs("Kazakhstan and Uzbekistan discussed transit. Later the three countries "
                 "signed an agreement on water.")
    assert not any(len(countries) == 3 for _, countries in sigs)
