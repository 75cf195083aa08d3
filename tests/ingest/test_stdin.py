"""Standard input: the content decides the reader."""

from __future__ import annotations

import hashlib
import io

from bilat.ingest import read_stdin

from ._helpers import DATA, codes


def test_read_stdin_sniffs_json_lines():
    stream = io.BytesIO(b'\n  {"id": "a", "text": "x"}\nnot json\n{"id": "b", "text": "y"}\n')
    got = list(read_stdin(stream, name="pipe"))
    assert [getattr(r, "id", None) for r in got] == ["a", None, "b"]
    assert got[1].source == "pipe:3" and got[1].code == "BL-E006"


def test_read_stdin_sniffs_html():
    (a,) = read_stdin(io.BytesIO((DATA / "news-page.html").read_bytes()))
    assert a.source == "Caspian Trade Wire" and a.id.startswith("url-")


def test_read_stdin_plain_text_gets_content_id():
    text = "Azerbaijan and Uzbekistan discussed cooperation.\n\nMore  text."
    (a,) = read_stdin(io.StringIO(text))
    assert a.id == "stdin-" + hashlib.sha256(text.encode()).hexdigest()[:12]
    assert a.title is None and a.text == text


def test_read_stdin_plain_text_title_rule():
    (a,) = read_stdin(io.BytesIO(b"\xef\xbb\xbfTalks in Baku\n\nOfficials met."))
    assert a.title == "Talks in Baku" and a.text == "Officials met."


def test_read_stdin_json_list():
    got = list(read_stdin(io.BytesIO(b' [{"id": "a", "text": "x"}, {"id": "b"}]')))
    assert got[0].id == "a" and got[1].code == "BL-E007" and got[1].source == "-[1]"


def test_read_stdin_empty_binary_and_bad_utf8():
    assert codes(read_stdin(io.BytesIO(b""))) == ["BL-E003"]
    assert codes(read_stdin(io.StringIO("  \n\n"))) == ["BL-E003"]
    assert codes(read_stdin(io.BytesIO(b"\x00\x01\x02binary"))) == ["BL-E004"]
    assert codes(read_stdin(io.BytesIO(b"caf\xe9 au lait"))) == ["BL-E005"]
    assert codes(read_stdin(io.StringIO("lone \ud800 surrogate"))) == ["BL-E005"]
