"""Each row of the actor tables (organizations.tsv, people.tsv, entities/*) well formed."""

from __future__ import annotations

import re

import pycountry
import pytest
import spacy
from spacy.matcher import Matcher

from bilat import lexicon

# PLOVER actor sectors the tables may use (POLECAT/PLOVER agent codes).
SECTORS = {"GOV", "LEG", "MIL", "JUD", "POL", "BUS", "MED", "EDU", "NGO", "IGO", "PTY", "REB"}
KINDS = {"igo", "media", "org", "seat"}
ISO3 = {c.alpha_3 for c in pycountry.countries} | {"SUN", "YUG", "DDR", "CSK"}
ISIC_SECTIONS = {code for code in lexicon.isic_titles() if len(code) == 1}


def _org_rows() -> list[lexicon.KnownOrg]:
    return list(lexicon.organizations())


@pytest.mark.parametrize("org", _org_rows(), ids=lambda o: o.name)
def test_organization_row_is_well_formed(org):
    assert org.name.strip() == org.name and org.name
    assert org.sector in SECTORS, f"{org.name}: sector {org.sector!r}"
    assert org.kind in KINDS, f"{org.name}: kind {org.kind!r}"
    if org.kind == "igo":
        assert org.country is None and org.sector == "IGO"
    elif org.sector != "REB":
        assert org.country in ISO3, f"{org.name}: country {org.country!r}"
    if org.isic is not None:
        assert org.isic in ISIC_SECTIONS, f"{org.name}: isic {org.isic!r}"
    assert org.source == "general knowledge" or org.source.startswith("http"), org.name


def test_organizations_companies_have_an_isic_section():
    missing = [o.name for o in lexicon.organizations()
               if o.sector == "BUS" and o.kind == "org" and o.isic is None]
    assert not missing, missing


def test_organizations_gazetteer_is_large_and_covers_the_region():
    orgs = lexicon.organizations()
    assert len(orgs) >= 900
    countries = {o.country for o in orgs if o.country}
    for code in ("RUS", "UKR", "KAZ", "UZB", "AZE", "KGZ", "TJK", "TKM", "GEO", "ARM", "TUR",
                 "IRN", "CHN", "USA", "JPN", "KOR", "DEU", "FRA", "GBR", "ITA", "SAU", "ARE",
                 "QAT", "PAK", "AFG", "IND", "BLR", "HUN", "KWT", "NLD"):
        assert code in countries, code


def test_organizations_names_are_unambiguous():
    seen: dict[str, str] = {}
    for org in lexicon.organizations():
        for name in (org.name, *org.aliases):
            assert seen.get(name, org.name) == org.name, f"{name!r}: {seen[name]} and {org.name}"
            seen[name] = org.name


@pytest.mark.parametrize("name,country", [
    ("Samruk-Kazyna", "KAZ"), ("Rospotrebnadzor", "RUS"), ("Rosselkhoznadzor", "RUS"),
    ("Uzbekneftegaz", "UZB"), ("SOCAR", "AZE"), ("Azerenerji", "AZE"), ("KazMunayGas", "KAZ"),
    ("Kazakhstan Engineering", "KAZ"), ("Uzeltekhsanoat", "UZB"), ("Akorda", "KAZ"),
    ("Kalyon Enerji", "TUR"),
])
def test_organizations_named_in_issue_are_known(name, country):
    hits = [o for o in lexicon.organizations() if name in (o.name, *o.aliases)]
    assert hits and hits[0].country == country


@pytest.mark.parametrize("name,country", [
    # state companies, funds, regulators and agencies whose name does not say their country,
    # and transliterations of names already known
    ("Barqi Tojik", "TJK"), ("Azerishiq", "AZE"), ("Turkmenhowayollary", "TKM"),
    ("Botas", "TUR"), ("RZD", "RUS"), ("Hududgaztaminot", "UZB"), ("Samruk-Energy", "KAZ"),
    ("Tau-Ken Samruk", "KAZ"), ("Damu Fund", "KAZ"), ("Uzstandard", "UZB"), ("AIOC", "AZE"),
    ("Geostat", "GEO"), ("Armstat", "ARM"), ("Tajstat", "TJK"), ("Belneftekhim", "BLR"),
    ("Erdenes Tavan Tolgoi", "MNG"), ("State Great Khural", "MNG"), ("Da Afghanistan Bank", "AFG"),
    ("Federal Board of Revenue", "PAK"), ("Special Investment Facilitation Council", "PAK"),
    ("Rosstandart", "RUS"), ("EPDK", "TUR"), ("SASAC", "CHN"), ("IMIDRO", "IRN"),
])
def test_organizations_of_the_region_are_known(name, country):
    hits = [o for o in lexicon.organizations() if name in (o.name, *o.aliases)]
    assert len(hits) == 1 and hits[0].country == country


def test_organizations_cover_the_thin_countries_of_the_region():
    counts: dict[str, int] = {}
    for o in lexicon.organizations():
        if o.country:
            counts[o.country] = counts.get(o.country, 0) + 1
    for code in ("KGZ", "TJK", "TKM", "GEO", "ARM", "PAK", "BLR", "AFG", "MNG"):
        assert counts.get(code, 0) >= 15, (code, counts.get(code, 0))


@pytest.mark.parametrize("person", lexicon.people(), ids=lambda p: p.name)
def test_people_row_is_well_formed(person):
    assert person.country in ISO3, f"{person.name}: {person.country!r}"
    assert person.title
    for day in (person.start, person.end):
        assert day == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", day), f"{person.name}: {day!r}"
    assert not (person.start and person.end) or person.start <= person.end


def test_countries_name_the_region_with_demonyms_and_capitals():
    cs = lexicon.countries()
    for code in ("KAZ", "UZB", "AZE", "KGZ", "TJK", "TKM", "GEO", "ARM", "TUR", "IRN"):
        assert cs[code].demonyms and cs[code].capitals, code
    assert "Türkiye" in cs["TUR"].names


def test_entity_words_every_set_is_read():
    sets = lexicon.entity_words()
    for name in ("title_words", "head_titles", "portfolio_words", "company_words",
                 "not_person_heads", "company_nouns", "honorifics", "org_junk"):
        assert sets[name], name
        assert all(w == w.lower() for w in sets[name])


def test_entity_patterns_compile_in_a_matcher():
    nlp = spacy.blank("en")
    matcher = Matcher(nlp.vocab)
    rows = lexicon.entity_patterns()
    assert {r["label"] for r in rows} >= {"TITLE", "BYLINE", "COUNTERPART"}
    for row in rows:
        matcher.add(row["label"], [row["pattern"]])
        assert not any(isinstance(v, str) and v.startswith("@")
                       for tok in row["pattern"] for spec in tok.values()
                       if isinstance(spec, dict) for vals in spec.values()
                       if isinstance(vals, list) for v in vals), row["id"]


@pytest.mark.parametrize("pair", lexicon.spellings(), ids=lambda p: p[0])
def test_spelling_row_gives_the_name_written_the_other_way(pair):
    a, b = pair
    assert a != b and " " not in a and " " not in b
    assert lexicon.spelled_otherwise(f"Alpine {a} of Trade") == {f"Alpine {a} of Trade",
                                                                 f"Alpine {b} of Trade"}
    assert lexicon.spelled_otherwise(f"Alpine {b}") == {f"Alpine {a}", f"Alpine {b}"}
    # whole words only
    assert lexicon.spelled_otherwise(f"Alpine {a}s") == {f"Alpine {a}s"}
