"""The dashboard in headless Chromium against the app served on 127.0.0.1.

Screenshots go to a temp dir; run with BILAT_SCREENSHOTS=1 to refresh docs/screenshots.
"""

from __future__ import annotations

import pytest

from tests.web.conftest import HOSTILE_ID

REFERENCE_ID = "azernews-azerbaijan-uzbekistan"
MEETING = "in a meeting with Mirziyod Yunusov"


def expect_clean(page):
    """No script error, no failed request, nothing fetched from outside 127.0.0.1."""
    assert page.errors == [], page.errors
    assert page.outside == [], page.outside


def load(page, path, ready):
    page.goto(path)
    page.wait_for_selector(ready)
    page.wait_for_load_state("networkidle")


def test_pair_page_shows_the_reference_article(page, screenshot_dir):
    load(page, "/pairs/AZE/UZB", "#events li.event")
    events = page.locator("#events li.event")
    consult = events.filter(has=page.locator(".badge", has_text="CONSULT"))
    support = events.filter(has=page.locator(".badge", has_text="SUPPORT"))
    assert consult.filter(has_text="discussed the development of cooperation").count() >= 1
    mous = "memoranda of understanding (MoUs) have been signed"
    assert support.filter(has_text=mous).count() >= 1
    trade = page.locator("#figures tr[data-metric=trade_turnover]")
    assert trade.count() >= 1
    assert "increase" in trade.first.text_content()  # the table beside the chart
    assert "Trade turnover" in page.locator("#figures").inner_text()
    assert page.locator("#timeline svg rect[data-type=CONSULT]").count() >= 1
    assert page.locator("#sectors li").filter(has_text="C27").count() == 1
    assert page.locator("#people").filter(has_text="Samad Bashirli").count() == 1
    assert page.locator("#organizations").filter(has_text="Uzeltexsanoat").count() == 1
    feed = page.locator("head link[rel=alternate][type='application/atom+xml']")
    assert feed.get_attribute("href") == "/feeds/pairs/AZE/UZB.atom"
    assert page.locator("a.feed-link").is_visible()
    page.screenshot(path=str(screenshot_dir / "pair.png"))

    consult.first.locator(".event-open").click()
    mark = page.locator("#panel-body mark", has_text=MEETING)
    mark.wait_for(state="visible")
    assert mark.is_visible()
    assert page.locator("#panel-title").inner_text()
    page.screenshot(path=str(screenshot_dir / "pair-evidence.png"))
    expect_clean(page)


def test_cooperation_map_links_each_stage_to_its_evidence(page, screenshot_dir):
    load(page, "/pairs/AZE/UZB", "#map table")
    row = page.locator("#map tr[data-sector=C27]")
    assert row.count() == 1
    assert row.locator("td[data-stage=discussed] .map-dot").count() >= 1
    assert row.get_attribute("data-stage") in ("discussed", "agreed", "signed", "under_way")
    page.locator("#cooperation-map").screenshot(path=str(screenshot_dir / "cooperation-map.png"))
    row.locator("td[data-stage=discussed] .map-dot").first.click()
    page.locator("#panel-body mark").first.wait_for(state="visible")
    assert "discussed" in page.locator("#panel-body").inner_text()
    expect_clean(page)


def test_overview_draws_the_network(page, screenshot_dir):
    load(page, "/", "#network[data-state=ready] svg")
    edges = page.locator("#network svg line.edge")
    assert edges.count() >= 1
    assert page.locator("#network svg a.node").count() >= 2
    assert page.locator("#top-pairs li a").count() >= 1
    assert page.locator("#recent li.event").count() >= 1
    page.screenshot(path=str(screenshot_dir / "overview.png"))
    page.locator("#top-pairs li a").first.click()
    page.wait_for_url("**/pairs/*/*")
    expect_clean(page)


def test_country_page_ranks_partners(page, screenshot_dir):
    load(page, "/countries/AZE", "#by-activity tr[data-country]")
    partners = page.locator("#by-activity tbody tr[data-country]")
    assert partners.count() >= 1
    assert page.locator("#by-activity tr[data-country=UZB]").count() == 1
    assert page.locator("#by-tone tbody tr[data-country]").count() == partners.count()
    assert page.locator("a.feed-link").get_attribute("href") == "/feeds/countries/AZE.atom"
    page.wait_for_selector("#recent li.event")
    page.screenshot(path=str(screenshot_dir / "country.png"))
    expect_clean(page)


def test_search_finds_events_and_articles(page, screenshot_dir):
    load(page, "/search?q=Uzbekistan", "#articles li a, #articles li.empty")
    page.wait_for_selector("#events li.event")
    assert page.locator("#articles li a", has_text=REFERENCE_ID).count() + page.locator(
        f"#articles li a[href='/articles/{REFERENCE_ID}']").count() >= 1
    assert page.locator("a.feed-link").get_attribute("href") == "/feeds/search.atom?q=Uzbekistan"
    page.screenshot(path=str(screenshot_dir / "search.png"))
    expect_clean(page)


def test_article_page_highlights_the_evidence(page, screenshot_dir):
    load(page, f"/articles/{REFERENCE_ID}?highlight=0-132,134-448", "mark")
    assert page.locator("mark").count() == 2
    assert page.locator("mark", has_text=MEETING).is_visible()
    page.screenshot(path=str(screenshot_dir / "article.png"))
    expect_clean(page)


XSS_PROBE = "() => window.__bilatXss === undefined"


@pytest.mark.parametrize("path, ready", [
    (f"/articles/{HOSTILE_ID}", "#article-text"),
    ("/search?q=Kazakhstan", "#articles li a"),
    ("/search?q=%3Cscript%3Ewindow.__bilatXss%3D1%3C%2Fscript%3E", "#articles li"),
])
def test_article_markup_never_runs(page, path, ready):
    load(page, path, ready)
    page.wait_for_timeout(200)  # let any injected onerror/onload fire
    assert page.evaluate(XSS_PROBE), page.evaluate("() => window.__bilatXss")
    assert page.locator("img[onerror], svg[onload], script:not([src])").count() == 0
    if "articles" in path:
        assert "<script>" in page.locator("h1").inner_text()
        assert "<img src=x" in page.locator("#article-text").inner_text()
    expect_clean(page)


def test_article_markup_never_runs_in_the_evidence_panel(page):
    load(page, "/search?q=Kazakhstan", "#articles li a")
    pair = None
    for countries in page.locator("#events .countries").all_inner_texts():
        if "KAZ" in countries and "TUR" in countries:
            pair = "/pairs/KAZ/TUR"
    assert pair is not None, "the hostile article's Kazakhstan-Turkey event is missing"
    load(page, pair, "#events li.event")
    item = page.locator(f"#events li.event:has(a[href^='/articles/{HOSTILE_ID}'])").first
    item.locator(".event-open").click()
    page.locator("#panel-body mark").first.wait_for(state="visible")
    page.wait_for_timeout(200)
    assert "<script>" in page.locator("#panel-body").inner_text()
    assert page.evaluate(XSS_PROBE)
    expect_clean(page)


def test_pair_without_events_says_so(page):
    load(page, "/pairs/TKM/USA", "#events li.empty")
    assert "No events" in page.locator("#timeline").inner_text()
    assert page.locator("#map .empty").count() == 1
    expect_clean(page)


def test_unknown_article_page_answers_404(page):
    response = page.goto("/articles/no-such-article")
    assert response.status == 404
    assert "No such article" in page.locator("h1").inner_text()


def test_pair_page_charts_the_reference_rising_turnover(page, screenshot_dir):
    load(page, "/pairs/AZE/UZB", "#figures[data-state=ready] svg")
    series = page.locator("#figures .fig-series[data-metric=trade_turnover]")
    assert series.count() == 1
    rising = series.locator(".fig-trend-mark[data-change=increase][data-kind=actual]")
    assert rising.count() == 1
    assert "Rising" in rising.first.text_content()
    assert "1 source" in rising.first.locator("title").text_content()
    page.locator("#figures-card").screenshot(path=str(screenshot_dir / "figures.png"))
    rising.first.click()
    mark = page.locator("#panel-body mark", has_text="trade turnover between the")
    mark.wait_for(state="visible")
    assert "increasing" in mark.inner_text()
    expect_clean(page)


def test_pair_page_chart_keeps_targets_apart_and_marks_disputes(page, screenshot_dir):
    load(page, "/pairs/GEO/ARM", "#figures[data-state=ready] svg.fig-chart")
    chart = page.locator("#figures .fig-series[data-metric=trade_turnover] svg.fig-chart")
    assert chart.count() == 1
    points = chart.locator(".fig-point")
    kinds = {points.nth(i).get_attribute("data-period"): points.nth(i).get_attribute("data-kind")
             for i in range(points.count())}
    assert kinds == {"2022": "actual", "2023": "actual", "2024-01/2024-06": "actual",
                     "2024": "forecast", "2030": "target"}
    assert chart.locator(".fig-point.kind-target path.target-mark").count() == 1
    assert chart.locator(".fig-point.kind-actual.kind-target").count() == 0
    disputed = chart.locator(".fig-point.disputed")
    assert disputed.count() == 1 and disputed.get_attribute("data-period") == "2022"
    title = disputed.locator("title").text_content()
    assert "disputed: $1 bn / $1.25 bn" in title and "2 sources" in title
    # the annual line joins the full-year actuals only
    assert chart.locator("path.annual-line").count() == 1
    table = page.locator("#figures tr[data-kind=target]")
    assert "$3 bn" in table.text_content() and "2030" in table.text_content()
    page.locator("#figures-card").screenshot(path=str(screenshot_dir / "figures-values.png"))
    chart.locator(".fig-point.kind-target").click()
    mark = page.locator("#panel-body mark", has_text="goal of $3 billion by 2030")
    mark.wait_for(state="visible")
    expect_clean(page)


def test_country_page_charts_figures_with_partners(page):
    load(page, "/countries/GEO", "#partner-figures .partner-figures .fig-series")
    block = page.locator("#partner-figures .partner-figures", has_text="Armenia")
    assert block.count() == 1
    assert block.locator("svg.fig-chart .fig-point").count() == 5
    expect_clean(page)
