"""HTML pages: main text and metadata through trafilatura, boilerplate removed."""

from __future__ import annotations

import shutil

from ._helpers import DATA, codes, run

PAGE = DATA / "news-page.html"
CANONICAL = ("https://caspiantradewire.example/economy/2024/05/14/"
             "azerbaijan-uzbekistan-electrical-engineering")


def test_read_html_extracts_main_text_and_metadata():
    (a,) = run(PAGE)
    assert a.title == "Azerbaijan, Uzbekistan eye closer ties in electrical engineering"
    assert a.date == "2024-05-14"
    assert a.url == CANONICAL
    assert a.source == "Caspian Trade Wire"
    assert a.id.startswith("url-") and len(a.id) == 20
    assert a.text.startswith("Azerbaijan and Uzbekistan discussed the development")
    assert "Samad Bashirli" in a.text and "road map for industrial cooperation" in a.text
    assert a.extra["author"] == "Leyla Mammadova"


def test_read_html_removes_boilerplate():
    (a,) = run(PAGE)
    for junk in ("cookies", "Accept all", "Subscribe", "Read also", "Caspian freight",
                 "All rights reserved", "Share on Facebook", "Sign up", "dataLayer"):
        assert junk not in a.text, junk
    assert a.title not in a.text  # the headline is the title, not the body's first line


def test_read_html_id_from_stem_without_canonical_url(write):
    page = PAGE.read_text(encoding="utf-8").replace("<link rel=\"canonical\"", "<link rel=\"x\"")
    (a,) = run(write("page-1.htm", page))
    assert a.url is None and a.id == "page-1"


def test_read_html_without_main_text_is_e008(write):
    nav_only = "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>"
    got = run(write("nav.html", nav_only))
    assert codes(got) == ["BL-E008"]
    assert "has no main text" in got[0].message


def test_read_html_declared_charset(write):
    body = "<p>" + "Президент провёл переговоры с президентом Узбекистана. " * 5 + "</p>"
    page = ('<html><head><meta charset="windows-1251"></head>'
            f"<body><article>{body}</article></body></html>")
    (a,) = run(write("ru.html", page.encode("cp1251")))
    assert "Президент провёл переговоры" in a.text


def test_read_html_invalid_utf8_without_charset_is_e005(write):
    got = run(write("bad.html", b"<html><body><p>caf\xe9 " + b"word " * 20 + b"</p></body></html>"))
    assert codes(got) == ["BL-E005"]


def test_read_html_copy_of_fixture_in_directory(tmp_path):
    shutil.copy(PAGE, tmp_path / "p.html")
    (a,) = run(tmp_path)
    assert a.url == CANONICAL
