"""General rules of actor extraction: titles give countries, glued names are split."""

from __future__ import annotations

import pytest

from bilat import lexicon
from bilat.record import Article


def _run(pipeline, text, source="Reuters", date="1987-04-01"):
    art = pipeline.process(Article(id="t", title="", date=date, source=source, url=None,
                                   text=text))
    return {e.name: e for e in art.entities if e.kind in ("person", "organization")}


def test_fold_removes_accents():
    assert lexicon.fold("Recep Tayyip Erdoğan") == "Recep Tayyip Erdogan"


@pytest.mark.parametrize("text,name,country", [
    ("Iranian Oil Minister Gholamreza Aqazadeh arrived in Abu Dhabi.", "Gholamreza Aqazadeh", "IRN"),
    ("Ecuador's deputy energy minister Fernando Santos Alvite arrived here.", "Fernando Santos Alvite", "ECU"),
    ("Prime Ministers Zhao Ziyang of China and Anibal Cavaco Silva of Portugal signed.", "Anibal Cavaco Silva", "PRT"),
])
def test_entities_person_country_from_title(pipeline, text, name, country):
    ents = _run(pipeline, text)
    assert ents[name].country == country


def test_entities_person_after_country_title_not_glued(pipeline):
    ents = _run(pipeline, "The talks between President of Ukraine Volodymyr Zelenskyy and "
                          "President of Turkey Recep Tayyip Erdogan took place in Kyiv.",
                source="President of Ukraine", date="2022-02-03")
    assert ents["Volodymyr Zelenskyy"].country == "UKR"
    erdogan = [e for n, e in ents.items() if lexicon.fold(n) == "Recep Tayyip Erdogan"]
    assert erdogan and erdogan[0].country == "TUR"


def test_entities_ministry_ends_at_its_country(pipeline):
    ents = _run(pipeline, "Minister of Economy of Azerbaijan Mikayil Jabbarov and the Ministry "
                          "of Energy of Ukraine signed a memorandum.", date="2022-01-14")
    assert ents["Ministry of Energy of Ukraine"].country == "UKR"


def test_entities_body_under_known_org(pipeline):
    ents = _run(pipeline, "The U.S. Senate Finance Committee called on Japan to open markets.")
    assert ents["U.S. Senate Finance Committee"].country == "USA"


def test_entities_surname_of_known_person_in_office(pipeline):
    ents = _run(pipeline, "Reagan said the tariffs would stay.")
    assert any(e.country == "USA" for n, e in ents.items() if "Reagan" in n)


def test_entities_speaker_of_release(pipeline):
    ents = _run(pipeline, "The President thanked the guests for the talks.",
                source="President of Russia (kremlin.ru)", date="2022-03-01")
    assert ents["Vladimir Putin"].country == "RUS"
