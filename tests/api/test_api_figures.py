"""The figure series endpoints, on SQLite and PostgreSQL: a pair's and a country's
observations sorted by period, targets apart from actuals, disputes shown."""

from __future__ import annotations

from tests.store.test_store_series import article, turnover


def _fill(store) -> None:
    store.add(article("a", "2024-02-01", turnover(1.5e9, "2023"),
                      turnover(1e9, "2030", kind="target")))
    store.add(article("b", "2024-03-01", turnover(1.8e9, "2023"),
                      turnover(7e8, "2024-01/2024-06")))


def test_openapi_documents_the_figure_endpoints(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/pairs/{a}/{b}/figures" in paths
    assert "/api/countries/{country}/figures" in paths


def test_pair_figures_sorted_by_period_with_sources(client, store) -> None:
    _fill(store)
    resp = client.get("/api/pairs/uzb/AZE/figures")
    assert resp.status_code == 200, resp.text
    series = resp.json()["series"]
    assert [(o["period_start"], o["period_end"], o["kind"]) for o in series] == [
        ("2023-01", "2023-12", "actual"), ("2024-01", "2024-06", "actual"),
        ("2030-01", "2030-12", "target")]
    year = series[0]
    assert year["disputed"] is True and year["source_count"] == 2
    assert sorted(v["value"] for v in year["values"]) == [1.5e9, 1.8e9]
    assert {s["article_id"] for s in year["sources"]} == {"a", "b"}
    assert set(year) >= {"metric", "countries", "direction", "period_start", "period_end",
                         "value", "unit", "kind", "disputed", "values", "sources"}


def test_pair_figures_filters(client, store) -> None:
    _fill(store)
    actual = client.get("/api/pairs/AZE/UZB/figures", params={"kind": "actual"}).json()
    assert all(o["kind"] == "actual" for o in actual["series"]) and len(actual["series"]) == 2
    since = client.get("/api/pairs/AZE/UZB/figures", params={"since": "2024"}).json()
    assert [o["period"] for o in since["series"]] == ["2024-01/2024-06", "2030"]
    none = client.get("/api/pairs/AZE/UZB/figures", params={"metric": "exports"}).json()
    assert none == {"series": [], "truncated": False}


def test_country_figures(client, store) -> None:
    _fill(store)
    resp = client.get("/api/countries/AZE/figures", params={"until": "2024-03"})
    assert [o["period"] for o in resp.json()["series"]] == ["2023", "2024-01/2024-06"]


def test_figure_endpoints_refuse_bad_values_with_problem_json(client) -> None:
    for path, params in (("/api/pairs/AZE/XXX/figures", {}),
                         ("/api/pairs/AZE/UZB/figures", {"kind": "guess"}),
                         ("/api/pairs/AZE/UZB/figures", {"metric": "gdp"}),
                         ("/api/countries/AZE/figures", {"since": "2024-13"})):
        resp = client.get(path, params=params)
        assert resp.status_code == 400, (path, params, resp.text)
        assert resp.headers["content-type"].startswith("application/problem+json")
        assert resp.json()["code"] == "BL-E080"
