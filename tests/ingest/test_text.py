"""Plain-text articles: the title rule, exact text, and the byte checks."""

from __future__ import annotations

import pytest

from bilat.ingest.text import is_headline, split_title

from ._helpers import SEED, articles, codes, run


def test_split_title_reference_article_has_no_title():
    (article,) = run(SEED)
    assert article.title is None
    assert article.id == "azernews-azerbaijan-uzbekistan"
    assert article.source is None and article.url is None and article.date is None
    # the whole file, damage included, is the body
    assert article.text == SEED.read_text(encoding="utf-8")
    assert "ofcooperation" in article.text and 'the"Uzeltexsanoat"' in article.text


def test_split_title_headline_then_blank_line(write):
    path = write("story.txt", "Azerbaijan, Uzbekistan eye closer ties\n\n\nThe two   countries"
                              " met.\nSecond  line.\n")
    (article,) = run(path)
    assert article.title == "Azerbaijan, Uzbekistan eye closer ties"
    assert article.text == "The two   countries met.\nSecond  line.\n"


def test_split_title_headline_directly_followed_by_text(write):
    (article,) = run(write("h.txt", "Trade talks resume in Baku\nOfficials met on Monday.\n"))
    assert article.title == "Trade talks resume in Baku"
    assert article.text == "Officials met on Monday.\n"


@pytest.mark.parametrize("text", [
    "Peru and its steering committee of\ncreditor banks have settled the main points.\n",
    "Kuwait's Oil Minister Ali Khalifa\nal-Sabah flew to Caracas on Monday for\ntalks.\n",
    "Twelve states in Western and\nCentral Africa have decided to lower duties\n",
])
def test_split_title_wrapped_first_line_is_body(text):
    assert split_title(text) == (None, text)


def test_split_title_headline_above_one_line_paragraph():
    body = "Officials of the two countries met in Baku on Tuesday and agreed " * 3 + "\n"
    title = "Trade talks resume in Baku"
    assert split_title(title + "\n" + body) == (title, body)


@pytest.mark.parametrize("line", [
    "TAIWAN TO SEEK HIGHER TEXTILE EXPORTS TO U.S.",
    "UK FEB TRADE DEFICIT 224 MLN STG - OFFICIAL.",
    "Japan denies report it may end chip pact with U.S.",
    "\"Azerbaijan, Uzbekistan discuss cooperation\"",
    "Азербайджан и Узбекистан обсудили сотрудничество",
])
def test_is_headline_accepts(line):
    assert is_headline(line, "")


@pytest.mark.parametrize("line", [
    "Azerbaijan and Uzbekistan discussed the development of cooperation.",
    "Will the deal hold?",
    "Officials said:",
    "Dear colleagues,",
    "the talks went on late",
    "word " * 31,
    "x" * 201,
    "",
])
def test_is_headline_rejects(line):
    assert not is_headline(line, "")


def test_split_title_single_line_is_body():
    text = "Trade talks resume in Baku\n\n  \n"
    assert split_title(text) == (None, text)


def test_split_title_leading_blank_lines_before_headline():
    assert split_title("\n  \nHeadline here\n\nBody text.") == ("Headline here", "Body text.")


def test_read_txt_keeps_crlf_and_strips_bom(write):
    path = write("crlf.txt", b"\xef\xbb\xbfA headline\r\n\r\nBody  line one.\r\nline two\r\n")
    (article,) = run(path)
    assert article.title == "A headline"
    assert article.text == "Body  line one.\r\nline two\r\n"


def test_read_txt_without_title_keeps_text_exactly(write):
    content = "\n  Lead sentence  with\tinner whitespace.\nMore text.  \n\n"
    (article,) = run(write("x.text", content))
    assert article.title is None and article.text == content and article.id == "x"


def test_read_txt_empty_is_e003(write):
    results = run(write("a.txt", b""), write("b.txt", b" \n\t\r\n"),
                  write("c.txt", "\u00a0\u2003\n"))
    assert codes(results) == ["BL-E003"] * 3
    assert results[0].message.startswith("[BL-E003] ")
    assert "a.txt is empty; give a file that holds the article's text" in results[0].message


def test_read_txt_bom_only_is_e003(write):
    assert codes(run(write("a.txt", b"\xef\xbb\xbf\n"))) == ["BL-E003"]


def test_read_txt_binary_is_e004(write):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    controls = b"text" + b"\x01\x02\x03\x04\x05\x06" * 10
    results = run(write("img.txt", png), write("ctl.txt", controls))
    assert codes(results) == ["BL-E004", "BL-E004"]
    assert "looks binary" in results[0].message


def test_read_txt_invalid_utf8_is_e005(write):
    (sa,) = run(write("latin.txt", "Bakı və Daşkənd".encode("cp1254", "replace") + b"\xe9t\xe9"))
    assert sa.code == "BL-E005"
    assert "not valid UTF-8" in sa.message and "iconv" in sa.message


def test_read_txt_too_large_is_e009(tmp_path):
    from bilat.ingest.decode import MAX_ARTICLE_BYTES

    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:  # sparse: refused on its size, never read
        f.truncate(MAX_ARTICLE_BYTES + 1)
    (sa,) = run(path)
    assert sa.code == "BL-E009" and "over the limit" in sa.message


def test_read_txt_unreadable_is_e010(write, monkeypatch):
    path = write("locked.txt", "Some text.")
    real_open = open

    def fake_open(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", fake_open)
    (sa,) = run(path)
    assert sa.code == "BL-E010" and "Permission denied" in sa.message


def test_read_txt_results_are_articles(write):
    assert len(articles(run(write("ok.txt", "Text.")))) == 1
