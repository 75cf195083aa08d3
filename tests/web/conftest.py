"""Fixtures for the dashboard: a store of the shipped sample, the app served by uvicorn
on 127.0.0.1, and headless Chromium driven by Playwright.

The browser tests skip only when /usr/bin/chromium (or Playwright) is missing and $CI
is unset; in CI they must run.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

SAMPLE = ROOT / "data" / "sample"
CHROMIUM = os.environ.get("BILAT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}

#: An article built to attack the pages: every trick must show as text and run nothing.
HOSTILE_ID = "hostile-article"
HOSTILE = {
    "id": HOSTILE_ID,
    "title": 'Kazakhstan and Turkey <script>window.__bilatXss = "title"</script>'
             '<img src=x onerror="window.__bilatXss = \'title-img\'">',
    "date": "2001-01-01",
    "source": "<b>Evil</b> Wire",
    "url": "javascript:window.__bilatXss='url'",
    "text": (
        "Kazakhstan and Turkey signed an agreement on energy cooperation in Astana. "
        "<script>window.__bilatXss = 'text'</script> "
        "The ministers said <img src=x onerror=\"window.__bilatXss = 'text-img'\"> that "
        "trade between Kazakhstan and Turkey increased. "
        "Turkish President Recep Tayyip Erdogan met Kazakh President Kassym-Jomart "
        "Tokayev <svg onload=\"window.__bilatXss = 'svg'\"></svg> in Astana."
    ),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def web_store_url(tmp_path_factory, pipeline) -> str:
    """A SQLite store holding data/sample/ and the hostile article, through the pipeline."""
    from bilat.pipeline import read
    from bilat.record import Article
    from bilat.store import Store

    tmp = tmp_path_factory.mktemp("web")
    hostile = tmp / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    url = f"sqlite:///{tmp / 'bilat.db'}"
    stored = []
    with Store(url) as store:
        for item in pipeline.process_many(read([str(SAMPLE), str(hostile)])):
            assert isinstance(item, Article), item
            store.save(item)
            stored.append(item.id)
        for article in figure_articles():
            store.save(article)
    assert HOSTILE_ID in stored and "azernews-azerbaijan-uzbekistan" in stored
    return url


#: Articles on Georgia–Armenia trade for the figure charts: two years of actuals (two
#: sources disagreeing on 2022), a half-year, a forecast and a target.
FIGURE_ARTICLES = (
    ("geo-arm-1", "2023-02-01", "Trade turnover between Georgia and Armenia reached $1 "
     "billion in 2022, the statistics office in Tbilisi said on Wednesday.",
     [("$1 billion", 1e9, "2022", "actual"),
      ("goal of $3 billion by 2030", 3e9, "2030", "target")],
     " Officials set a goal of $3 billion by 2030."),
    ("geo-arm-2", "2023-03-15", "Armenian customs put trade with Georgia at $1.25 billion in "
     "2022, and said it expected $1.4 billion in 2024.",
     [("$1.25 billion", 1.25e9, "2022", "actual"), ("$1.4 billion", 1.4e9, "2024", "forecast")],
     ""),
    ("geo-arm-3", "2024-02-10", "Trade turnover between Georgia and Armenia rose to $1.2 "
     "billion in 2023 and to $700 million in the first half of 2024.",
     [("$1.2 billion", 1.2e9, "2023", "actual"),
      ("$700 million", 7e8, "2024-01/2024-06", "actual")], ""),
)


def figure_articles():
    from bilat.record import Article, Evidence, Figure

    for aid, date, first, figures, more in FIGURE_ARTICLES:
        text = first + more + f" The report ({aid}) covers goods and services."
        out = []
        for needle, value, period, kind in figures:
            start = text.index(needle)
            out.append(Figure("trade_turnover", ["GEO", "ARM"], value=value, unit="USD",
                              period=period, kind=kind,
                              evidence=Evidence(start, start + len(needle))))
        yield Article(id=aid, text=text, date=date, title=f"Georgia–Armenia trade ({aid})",
                      figures=out)


@pytest.fixture(scope="session")
def app(web_store_url):
    """The real API app; it mounts the dashboard (``bilat.web.mount``) itself."""
    from bilat.api import create_app

    return create_app(store_url=web_store_url)


@pytest.fixture(scope="session")
def base_url(app):
    """The app served by uvicorn on 127.0.0.1 in a background thread."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                            lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start the app on 127.0.0.1")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _browser_missing_reason() -> str | None:
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _browser_missing_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(f"browser tests skipped: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser, base_url):
    """A fresh page at 1280x900 that fails the test on any script error or console error."""
    context = browser.new_context(viewport=VIEWPORT, base_url=base_url)
    # No request may leave 127.0.0.1: the dashboard works offline.
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(base_url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    pg.on("console", lambda m: errors.append(f"console {m.type}: {m.text}")
          if m.type == "error" else None)
    pg.errors = errors
    pg.outside = outside
    yield pg
    context.close()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    """docs/screenshots when $BILAT_SCREENSHOTS is set (to refresh them), else a temp dir."""
    if os.environ.get("BILAT_SCREENSHOTS"):
        d = ROOT / "docs" / "screenshots"
        d.mkdir(parents=True, exist_ok=True)
        return d
    return tmp_path_factory.mktemp("screenshots")
