"""The dashboard as a new user met it (issue 14, 13), in headless Chromium: on a phone
(390 px) nothing spills, an event opens wherever it is clicked, and a pair of unknown
countries is a 404 page that says so once.
"""

from __future__ import annotations

import pytest

from tests.web.test_browser import REFERENCE_ID, expect_clean, load

PHONE = {"width": 390, "height": 844}

#: Elements whose content is wider or taller than their box: text that spills.
SPILLING = """(selector) => [...document.querySelectorAll(selector)]
  .filter((e) => getComputedStyle(e).display !== "none"
                 && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
  .map((e) => e.className || e.tagName)"""

#: Pairs of the map's column headings whose boxes overlap.
OVERLAPPING_HEADINGS = """() => {
  const r = [...document.querySelectorAll("#map thead th")].map((e) => e.getBoundingClientRect());
  const out = [];
  for (let i = 0; i + 1 < r.length; i++) if (r[i].right > r[i + 1].left + 1) out.push(i);
  return out;
}"""


@pytest.mark.parametrize("path, ready", [
    ("/", "#recent li.event"),
    ("/pairs/AZE/UZB", "#map table"),
    ("/countries/AZE", "#recent li.event"),
    (f"/articles/{REFERENCE_ID}?highlight=0-132", "mark"),
])
def test_phone_nothing_spills(page, path, ready):
    page.set_viewport_size(PHONE)
    load(page, path, ready)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate(SPILLING, ".masthead-inner, .tagline, .nav") == []
    if path.startswith("/pairs/"):
        assert page.evaluate(SPILLING, "#map thead th") == []
        assert page.evaluate(OVERLAPPING_HEADINGS) == []
        # the map scrolls inside its card instead of widening the page
        assert page.evaluate("document.querySelector('#map').clientWidth") <= PHONE["width"]
    expect_clean(page)


def test_an_event_opens_wherever_it_is_clicked(page):
    # the overview: its countries line, not only its evidence, leads to the article
    load(page, "/", "#recent li.event")
    page.locator("#recent li.event .countries").first.click()
    page.wait_for_url("**/articles/**")
    assert page.locator("mark").first.is_visible()
    # the pair page: the event's head opens the evidence panel
    load(page, "/pairs/AZE/UZB", "#events li.event")
    page.locator("#events li.event .event-head .date").first.click()
    page.locator("#panel-body mark").first.wait_for(state="visible")
    # the article page: the event's badge highlights its evidence
    load(page, f"/articles/{REFERENCE_ID}", ".event-list li.event")
    page.locator(".event-list li.event .badge").first.click()
    page.wait_for_url("**highlight=**")
    assert page.locator("mark").count() >= 1
    expect_clean(page)


@pytest.mark.parametrize("path", ["/pairs/AZE/XXX", "/pairs/AZE/AZE", "/countries/XXX"])
def test_unknown_country_is_a_404_page_said_once(page, path):
    response = page.goto(path)
    assert response.status == 404
    assert page.locator("h1").inner_text().startswith("No such country")
    body = page.locator("main").inner_text()
    assert "BL-E080" not in body and body.count("XXX") <= 2
    assert page.locator("head link[type='application/atom+xml']").count() == 0
