"""``bilat watch``: exit codes, the progress line, a clean stop on SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bilat.cli import app

from .conftest import Resp, rss, sample_records, serve_pages

LINE = re.compile(r"round 1: 1 feeds polled \(0 not modified, 0 failed\), 2 new items, "
                  r"2 stored, 0 already stored, 0 set aside, (\d+) to retry, 0 pending; "
                  r"2 articles in \d+\.\d s \(\d+\.\d\d/s\)")


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def _feeds(tmp_path: Path, *urls: str) -> str:
    p = tmp_path / "feeds.txt"
    p.write_text("# test feeds\n" + "\n".join(urls) + "\n")
    return str(p)


def test_cli_watch_once_stores_and_prints_a_progress_line(runner, site, tmp_path, db_url):
    feed = site.add("/feed.xml", Resp(body=rss(serve_pages(site, sample_records()[:2]))))
    res = runner.invoke(app, ["watch", _feeds(tmp_path, feed), "--db", db_url, "--once"])
    assert res.exit_code == 0, res.stderr
    assert res.stdout == ""
    assert LINE.fullmatch(res.stderr.strip()), res.stderr
    assert LINE.fullmatch(res.stderr.strip()).group(1) == "0"
    again = runner.invoke(app, ["watch", _feeds(tmp_path, feed), "--db", db_url, "--once"])
    assert again.exit_code == 0
    assert "0 new items, 0 stored" in again.stderr
    assert site.page_hits() == 2


def test_cli_watch_once_reports_failures_with_codes_and_exit_1(runner, site, tmp_path, db_url):
    items = serve_pages(site, sample_records()[:2]) + [{"link": site.url("/news/gone")}]
    feed = site.add("/feed.xml", Resp(body=rss(items)))
    res = runner.invoke(app, ["watch", _feeds(tmp_path, feed), "--db", db_url, "--once"])
    assert res.exit_code == 1
    first, line = res.stderr.strip().splitlines()
    assert first.startswith(f"[BL-E103] {site.url('/news/gone')} answered HTTP 404")
    assert "failure 1 of 5; not fetched again for 60 s" in first
    assert "1 to retry" in line


def test_cli_watch_bad_feed_list_exits_2(runner, tmp_path, db_url):
    res = runner.invoke(app, ["watch", _feeds(tmp_path, "gopher://x.test/"), "--db", db_url])
    assert res.exit_code == 2
    assert res.stderr.startswith("[BL-E100] feed list ")
    res = runner.invoke(app, ["watch", str(tmp_path / "none.txt"), "--db", db_url])
    assert res.exit_code == 2 and "does not exist" in res.stderr


def test_cli_watch_stops_cleanly_on_sigterm(site, tmp_path, db_url):
    feed = site.add("/feed.xml", Resp(body=rss(serve_pages(site, sample_records()[:1]))))
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    bilat = Path(sys.executable).parent / "bilat"
    proc = subprocess.Popen([str(bilat), "watch", _feeds(tmp_path, feed), "--db", db_url,
                             "--interval", "60"], stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stderr.readline()  # the first round's progress line
        assert line.startswith("round 1:") and "1 stored" in line, line
        proc.send_signal(signal.SIGTERM)
        started = time.monotonic()
        rest = proc.communicate(timeout=15)[1]
    finally:
        proc.kill()
    assert proc.returncode == 0, rest
    assert time.monotonic() - started < 5
    assert "stopped" in rest
