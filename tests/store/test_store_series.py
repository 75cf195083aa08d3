"""Figure series across articles, on SQLite and PostgreSQL: one observation per metric,
countries, direction, period and kind, with all its sources; targets apart from actuals;
disagreeing sources make one disputed observation; reissues count once."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import func, select

from bilat.errors import UsageError
from bilat.record import Article, Evidence, Figure
from bilat.store import Store, migrate
from bilat.store.models import FigureObservationRow, FigureSourceRow
from bilat.store.series import export_figures, period_fields, summarise

FILLER = ("The two governments also reviewed transport, energy and education projects, and "
          "the business councils of both countries met in the capital to prepare a forum "
          "on industry, farming, banking and tourism with many companies from both sides.")


def turnover(value: float | None, period: str | None, kind: str = "actual",
             change: str | None = None, unit: str | None = "USD", **kw: object) -> Figure:
    return Figure("trade_turnover", ["AZE", "UZB"], value=value, unit=unit if value else None,
                  period=period, change=change, kind=kind, evidence=Evidence(0, 40), **kw)


def article(aid: str, date: str | None, *figures: Figure, text: str = "") -> Article:
    """An article with a text of its own (distinct words: never a near-duplicate)."""
    words = " ".join(f"{w}{aid}" for w in FILLER.split())
    body = (text or f"Report {aid}: trade between Azerbaijan and Uzbekistan. ") + words
    return Article(id=aid, text=body, date=date, figures=list(figures))


def series(store: Store, **kw: object) -> list[dict]:
    return store.figure_series(pair=("UZB", "AZE"), **kw)["series"]  # type: ignore[arg-type]


def count(store: Store, model: type) -> int:
    with store._sessions() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_one_point_per_period_and_kind_with_all_sources(store: Store) -> None:
    store.add(article("a", "2024-02-01", turnover(1.0e9, "2023"),
                      turnover(5e8, "2023-01/2023-06")))
    store.add(article("b", "2024-03-01", turnover(1.004e9, "2023-01/2023-12"),
                      turnover(2e9, "2030", kind="target")))
    store.add(article("c", "2024-04-01", turnover(1.0e9, "2023")))
    got = series(store)
    assert [(o["period_start"], o["period_end"], o["kind"]) for o in got] == [
        ("2023-01", "2023-06", "actual"), ("2023-01", "2023-12", "actual"),
        ("2030-01", "2030-12", "target")]
    year = got[1]
    assert year["value"] == 1.0e9 and not year["disputed"]
    assert year["source_count"] == 3
    assert [s["article_id"] for s in year["sources"]] == ["c", "b", "a"]  # newest first
    assert year["full_years"] and not got[0]["full_years"]
    assert year["value_text"] == "$1 bn"
    assert year["sources"][0]["evidence"]["text"] == "Report c: trade between Azerbaijan and U"


def test_target_is_never_returned_as_an_actual(store: Store) -> None:
    store.add(article("a", "2024-02-01", turnover(110e6, "2023"),
                      turnover(1e9, None, kind="target")))
    actual = series(store, kind="actual")
    assert [(o["value"], o["kind"]) for o in actual] == [(110e6, "actual")]
    target = series(store, kind="target")
    assert [(o["value"], o["kind"], o["as_of_report"]) for o in target] == [
        (1e9, "target", True)]


def test_disagreeing_sources_make_one_disputed_point(store: Store) -> None:
    store.add(article("a", "2024-02-01", turnover(1.5e9, "2023")))
    store.add(article("b", "2024-03-01", turnover(1.8e9, "2023")))
    [obs] = series(store)
    assert obs["disputed"] is True
    assert sorted(v["value"] for v in obs["values"]) == [1.5e9, 1.8e9]
    assert {s["article_id"] for s in obs["sources"]} == {"a", "b"}
    assert {s["value"] for s in obs["sources"]} == {1.5e9, 1.8e9}


def test_near_duplicate_article_counts_once(store: Store) -> None:
    text = "Trade turnover between Azerbaijan and Uzbekistan reached $1.5 billion in 2023. "
    original = article("orig", "2024-02-01", turnover(1.5e9, "2023"), text=text)
    reissue = Article(id="reissue", text=original.text + " (corrected)", date="2024-02-02",
                      figures=[turnover(1.6e9, "2023")])
    store.add(original)
    assert store.add(reissue).duplicate_of == "orig"
    [obs] = series(store)
    assert obs["source_count"] == 1 and not obs["disputed"] and obs["value"] == 1.5e9


def test_other_units_kinds_and_directions_are_other_series(store: Store) -> None:
    store.add(article(
        "a", "2024-02-01", turnover(1.5e9, "2023"), turnover(2.1e9, "2023", unit="AZN"),
        turnover(2e9, "2024", kind="forecast"),
        Figure("exports", ["AZE", "UZB"], value=3e8, unit="USD", period="2023",
               direction="AZE>UZB", evidence=Evidence(0, 10)),
        Figure("exports", ["UZB", "AZE"], value=4e8, unit="USD", period="2023",
               direction="UZB>AZE", evidence=Evidence(0, 10))))
    got = series(store)
    assert len(got) == 5 and not any(o["disputed"] for o in got)
    assert {o["direction"] for o in got if o["metric"] == "exports"} == {"AZE>UZB", "UZB>AZE"}
    assert [o["metric"] for o in series(store, metric="exports")] == ["exports", "exports"]


def test_change_links_to_the_observation_of_its_base_period(store: Store) -> None:
    # the change comes first, its base later: linked either way
    store.add(article("a", "2024-08-01", turnover(6e8, "2024-01/2024-06", change="increase",
                                                  change_pct=20, base_period="2023-01/2023-06")))
    store.add(article("b", "2023-08-01", turnover(5e8, "2023-01/2023-06")))
    store.add(article("c", "2024-09-01", turnover(None, "2024-01/2024-06", change="increase",
                                                  change_pct=20)))
    got = {o["period"]: o for o in series(store)}
    base, later = got["2023-01/2023-06"], got["2024-01/2024-06"]
    assert later["base_id"] == base["id"] and later["base_period"] == "2023-01/2023-06"
    assert (later["change"], later["change_pct"], later["source_count"]) == ("increase", 20, 2)
    assert later["value"] == 6e8  # the change without a value joins the observation


def test_figure_without_period_is_filed_as_of_its_article(store: Store) -> None:
    store.add(article("a", "2024-05-14", turnover(None, None, change="increase")))
    store.add(article("b", None, turnover(None, None, change="increase")))
    got = series(store)
    assert [(o["period_start"], o["as_of_report"]) for o in got] == [
        ("2024-05", True), (None, True)]
    assert all(o["change"] == "increase" and o["value"] is None for o in got)


def test_country_series_and_filters(store: Store) -> None:
    store.add(article("a", "2024-02-01", turnover(1.5e9, "2021"), turnover(1.7e9, "2023"),
                      Figure("exports", ["KAZ"], value=3e9, unit="USD", period="2023",
                             evidence=Evidence(0, 5))))
    store.add(article("b", "2024-03-01", turnover(1.7e9, "2023")))
    c = store.figure_series(country="AZE")["series"]
    assert [o["period"] for o in c] == ["2021", "2023"]
    # a country's long list shows each observation's newest source; a pair's, up to ten
    assert [s["article_id"] for s in c[1]["sources"]] == ["b"] and c[1]["source_count"] == 2
    assert [s["article_id"] for s in series(store)[1]["sources"]] == ["b", "a"]
    assert [o["period"] for o in store.figure_series(country="KAZ")["series"]] == ["2023"]
    assert [o["period"] for o in series(store, since="2022")] == ["2023"]
    assert [o["period"] for o in series(store, until="2022-06")] == ["2021"]
    with pytest.raises(UsageError, match="unknown kind"):
        series(store, kind="guess")
    with pytest.raises(UsageError, match="pair or a country"):
        store.figure_series()


def test_export_figures_one_observation_per_row(store: Store) -> None:
    store.add(article("a", "2024-02-01", turnover(1.5e9, "2023")))
    store.add(article("b", "2024-03-01", turnover(1.8e9, "2023")))
    out = io.StringIO()
    assert export_figures(store.figure_observations(), "csv", out) == 1
    header, row = out.getvalue().splitlines()
    assert header.split(",")[:3] == ["id", "metric", "label"]
    assert "trade_turnover" in row and ",True," in row and "b;a" in row
    out = io.StringIO()
    assert export_figures(store.figure_observations(), "jsonl", out) == 1
    assert json.loads(out.getvalue())["source_count"] == 2


def test_migration_resolves_figures_already_stored(db_url: str) -> None:
    with Store(db_url) as store:
        store.add(article("a", "2024-02-01", turnover(1.5e9, "2023")))
        store.add(article("b", "2024-03-01", turnover(1.5e9, "2023")))
        migrate.downgrade(store.engine, "0003")
        migrate.upgrade(store.engine)
        assert count(store, FigureSourceRow) == 2
        [obs] = series(store)
        assert obs["source_count"] == 2 and obs["kind"] == "actual"
        assert count(store, FigureObservationRow) == 1


@pytest.mark.parametrize("period,day,key,start,end", [
    ("2023", "2024-01-05", "2023-01-01/2023-12-31", "2023-01", "2023-12"),
    ("2005/2024-05-21", "2024-05-21", "2005-01-01/2024-05-21", "2005-01", "2024-05"),
    (None, "2024-05-21", "as-of:2024-05", "2024-05", "2024-05"),
    ("last year", "2024-05-21", "as-of:2024-05", "2024-05", "2024-05"),
    (None, "", "article:x", "", ""),
])
def test_period_fields(period, day, key, start, end) -> None:
    p = period_fields(period, day, "x")
    assert (p.key, p.start, p.end) == (key, start, end)


def test_summarise_takes_the_value_most_sources_agree_on() -> None:
    vals = [{"value": 1.0e9, "sources": 1, "last_day": "2024-01"},
            {"value": 1.005e9, "sources": 1, "last_day": "2024-02"},
            {"value": 1.3e9, "sources": 1, "last_day": "2024-03"}]
    assert summarise(vals) == (1.005e9, True)
    assert summarise(vals[:2]) == (1.005e9, False)
    assert summarise([]) == (None, False)
