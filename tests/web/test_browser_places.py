"""The place map and "where they meet" in headless Chromium (issue 16): offline (every
request stays on 127.0.0.1, `expect_clean`), for the demo's pairs and countries."""

from __future__ import annotations

from tests.web.test_browser import expect_clean, load


def test_pair_map_marks_places_and_opens_their_evidence(page, screenshot_dir):
    load(page, "/pairs/RUS/UZB", "#place-map svg.place-map")
    assert page.locator("#place-map path.pm-land").count() > 20  # country outlines drawn
    assert page.locator("#place-map path.pm-party[data-country=RUS]").count() == 1
    moscow = page.locator("#place-map circle.pm-mark[aria-label^='Moscow']")
    assert moscow.count() == 1
    assert "pm-coop" in moscow.get_attribute("class")
    page.screenshot(path=str(screenshot_dir / "pair-places.png"))
    moscow.click()
    first = page.locator("#place-events li.event").first
    first.wait_for(state="visible")
    assert "Moscow" in page.locator("#place-events-h").inner_text()
    first.locator(".event-open").click()
    page.locator("#panel-body mark", has_text="in Moscow").wait_for(state="visible")
    expect_clean(page)


def test_pair_where_they_meet_table(page):
    load(page, "/pairs/AZE/UKR", "#meetings table")
    rows = page.locator("#meetings tr[data-setting]")
    assert rows.count() >= 1
    neutral = page.locator("#meetings tr[data-setting=neutral]", has_text="Brussels")
    assert neutral.count() == 1 and "BEL" in neutral.inner_text()
    assert page.locator("#place-map circle.pm-mark").count() >= 1
    expect_clean(page)


def test_pair_without_places_says_so(page):
    load(page, "/pairs/AZE/UZB", "#place-map p.empty")
    assert "place" in page.locator("#place-map").inner_text()
    expect_clean(page)


def test_country_map(page, screenshot_dir):
    load(page, "/countries/UKR", "#place-map svg.place-map")
    marks = page.locator("#place-map circle.pm-mark")
    assert marks.count() >= 1
    marks.first.focus()
    page.keyboard.press("Enter")
    page.locator("#place-events li.event").first.wait_for(state="visible")
    page.screenshot(path=str(screenshot_dir / "country-places.png"))
    expect_clean(page)
