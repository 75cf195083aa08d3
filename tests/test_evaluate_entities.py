"""Person and organisation errors of the article scorer (bilat.evaluate.articles): each
missed or false one is listed with its article, names, countries and a quote."""

from __future__ import annotations

from bilat.evaluate.articles import Report, score_article
from bilat.record import Article, Entity

TEXT = ("Trade Minister Ilona Varga met officials of Nordwind Logistics in Tallinn. "
        "By Petra Sild")


def _span(name: str) -> tuple[int, int]:
    a = TEXT.index(name)
    return a, a + len(name)


def _score() -> Report:
    gold = {"id": "t1", "persons": [{"name": "Ilona Varga", "country": "HUN"}],
            "organizations": [{"name": "Nordwind Logistics", "country": "EST"}]}
    art = Article(id="t1", text=TEXT, entities=[
        Entity(id="e1", name="Ilona Varga", kind="person", country="EST",
               title="Trade Minister", mentions=[_span("Ilona Varga")]),
        Entity(id="e2", name="Petra Sild", kind="person", mentions=[_span("Petra Sild")]),
        Entity(id="e3", name="Nordwind Logistics", kind="location", country="EST",
               mentions=[_span("Nordwind Logistics")])])
    report = Report()
    score_article(gold, art, report, "regional", TEXT)
    return report


def test_person_and_organization_errors_are_listed_with_names_countries_and_quotes():
    report = _score()
    kinds = {(e["kind"], e["gold"], e["predicted"]) for e in report.errors}
    assert ("missed person", "Ilona Varga (HUN)", "Ilona Varga (EST, Trade Minister)") in kinds
    assert ("false person", "Ilona Varga (HUN)", "Ilona Varga (EST, Trade Minister)") in kinds
    assert ("false person", "-", "Petra Sild (None)") in kinds
    assert ("missed organization", "Nordwind Logistics (EST)",
            "as location: Nordwind Logistics (EST)") in kinds
    assert all(e["quote"] for e in report.errors)
    assert "By Petra Sild" in next(e["quote"] for e in report.errors
                                   if e["predicted"].startswith("Petra"))
    assert (report.persons.tp, report.persons.fp, report.persons.fn) == (0, 2, 1)
    assert (report.organizations.tp, report.organizations.fp, report.organizations.fn) == (0, 0, 1)
