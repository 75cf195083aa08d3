"""Feed lists and feed bodies."""

from __future__ import annotations

import httpx
import pytest

from bilat.errors import FeedListError, NotAFeed
from bilat.watch import read_feed_list
from bilat.watch.feeds import html_to_text, parse_feed
from bilat.watch.fetch import Fetched


def _fetched(body: bytes, url: str = "http://127.0.0.1/feed.xml",
             content_type: str = "application/rss+xml") -> Fetched:
    return Fetched(url, 200, httpx.Headers({"content-type": content_type}), body)


def test_read_feed_list_skips_comments_blanks_and_duplicates(tmp_path):
    p = tmp_path / "feeds.txt"
    p.write_text("# news\n\nhttps://a.test/rss  # main\nhttp://b.test/atom\n"
                 "https://a.test/rss\n   # indented comment\n")
    assert read_feed_list(p) == ["https://a.test/rss", "http://b.test/atom"]


def test_read_feed_list_reports_every_bad_line_at_once(tmp_path):
    p = tmp_path / "feeds.txt"
    p.write_text("https://ok.test/rss\nftp://x.test/f\nnot a url\n")
    with pytest.raises(FeedListError) as info:
        read_feed_list(p)
    msg = str(info.value)
    assert msg.startswith("[BL-E100]")
    assert "line 2: 'ftp://x.test/f'" in msg and "line 3: 'not a url'" in msg


def test_read_feed_list_missing_or_empty_file(tmp_path):
    with pytest.raises(FeedListError, match="does not exist"):
        read_feed_list(tmp_path / "nope.txt")
    (tmp_path / "empty.txt").write_text("# nothing yet\n")
    with pytest.raises(FeedListError, match="holds no feed URL"):
        read_feed_list(tmp_path / "empty.txt")


def test_parse_feed_rss_items_with_relative_links_and_fallback_text():
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
    <item><title>One</title><link>/news/1#top</link>
      <description>&lt;p&gt;First &amp;amp; best.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</description>
      <pubDate>Mon, 13 Jun 2022 10:00:00 GMT</pubDate></item>
    <item><title>No link</title></item>
    <item><title>Mail</title><link>mailto:x@y.z</link></item>
    <item><title>One again</title><link>http://127.0.0.1/news/1</link></item>
    </channel></rss>"""
    parsed = parse_feed("http://127.0.0.1/feed.xml", _fetched(body))
    assert parsed.problem is None and parsed.title == "T"
    # issue 14 (1, 6): an item that cannot be fetched is kept, with the reason, so it is
    # set aside with a code rather than skipped without a word
    item, no_link, mail = parsed.items
    assert item.url == "http://127.0.0.1/news/1" and item.refused is None
    assert item.summary == "First & best.\nSecond."
    assert item.published == "Mon, 13 Jun 2022 10:00:00 GMT"
    assert no_link.url.startswith("http://127.0.0.1/feed.xml#no-link-")
    assert no_link.refused == ("the item 'No link' of feed http://127.0.0.1/feed.xml has no "
                               "link; nothing to fetch")
    assert mail.url == "mailto:x@y.z"
    assert "links to 'mailto:x@y.z', which has the scheme 'mailto'" in mail.refused


def test_parse_feed_atom_prefers_full_content():
    body = b"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id>
    <updated>2022-01-01T00:00:00Z</updated>
    <entry><title>E</title><id>urn:e</id><link href="https://x.test/e"/>
      <updated>2022-01-02T00:00:00Z</updated><summary>short</summary>
      <content type="html">&lt;p&gt;the whole text of it&lt;/p&gt;</content></entry></feed>"""
    [item] = parse_feed("https://x.test/atom", _fetched(body)).items
    assert (item.url, item.summary, item.guid) == ("https://x.test/e", "the whole text of it",
                                                   "urn:e")


def test_parse_feed_served_as_text_html_is_not_a_problem():
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
    parsed = parse_feed("http://x.test/f", _fetched(body, content_type="text/html"))
    assert parsed.problem is None and parsed.items == []


@pytest.mark.parametrize("body", [b"", b"<html><body>hi</body></html>", b"\x89PNG\r\n\x1a\n",
                                  b"{\"json\": true}"])
def test_parse_feed_not_a_feed(body):
    with pytest.raises(NotAFeed, match=r"^\[BL-E102\] feed http://x.test/f is not RSS or Atom"):
        parse_feed("http://x.test/f", _fetched(body, content_type="text/html"))


def test_parse_feed_bad_entity_is_bozo_but_keeps_items():
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T &nbsp; </title>'
            b"<item><link>http://x.test/1</link></item>")
    parsed = parse_feed("http://x.test/f", _fetched(body))
    assert parsed.problem is not None
    assert [i.url for i in parsed.items] == ["http://x.test/1"]


def test_html_to_text_blocks_scripts_entities():
    assert html_to_text("<div>a<br>b</div><script>x()</script><p>c &amp; d</p>") == "a\nb\nc & d"
