"""JSON Lines and .json documents: records, ids, dates, and per-line errors."""

from __future__ import annotations

import hashlib
import io
import itertools
import json

from bilat.ingest import read_stdin
from bilat.record import Article

from ._helpers import articles, codes, run, set_asides


def _lines(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_read_jsonl_maps_fields_and_keeps_extra(write):
    rec = {"id": "k-1", "title": "Talks", "date": "2021-10-25T12:00", "text": "Body  text.",
           "url": "http://x.example/1", "source": "President of Russia (en.kremlin.ru)",
           "dateline": "The Kremlin, Moscow", "topics": []}
    (a,) = run(write("a.jsonl", _lines(rec)))
    assert (a.id, a.title, a.date, a.text, a.url, a.source) == (
        "k-1", "Talks", "2021-10-25", "Body  text.", "http://x.example/1",
        "President of Russia (en.kremlin.ru)")
    assert a.extra == {"dateline": "The Kremlin, Moscow", "topics": [],
                       "datetime": "2021-10-25T12:00"}


def test_read_jsonl_dates_normalised(write):
    recs = [{"id": str(i), "text": "t", "date": d} for i, d in enumerate(
        ["2024-05-14", "14 May 2024", "Tue, 14 May 2024 10:00:00 GMT", "May 2024", "soon", 7])]
    got = run(write("d.jsonl", _lines(*recs)))
    assert [a.date for a in got] == ["2024-05-14"] * 3 + [None] * 3
    assert "datetime" not in got[0].extra and "datetime" not in got[1].extra
    assert got[2].extra["datetime"] == "Tue, 14 May 2024 10:00:00 GMT"
    assert [a.extra.get("date_raw") for a in got[3:]] == ["May 2024", "soon", 7]


def test_read_jsonl_derives_stable_ids(write):
    url = "https://news.example/a"
    got = run(write("i.jsonl", _lines({"text": "A.", "url": url}, {"text": "B."},
                                       {"id": "", "text": "B."}, {"id": 42, "text": "C."})))
    assert got[0].id == "url-" + hashlib.sha1(url.encode()).hexdigest()[:16]
    assert got[1].id == got[2].id == "sha-" + hashlib.sha256(b"B.").hexdigest()[:16]
    assert got[3].id == "42"
    assert [a.id for a in run(write("j.jsonl", _lines({"text": "B."})))] == [got[1].id]


def test_read_jsonl_skips_blank_lines_and_numbers_lines(write):
    path = write("b.jsonl", '\n{"id": "a", "text": "x"}\n   \n{"id": "b"}\n')
    got = run(path)
    assert isinstance(got[0], Article) and got[0].id == "a"
    assert got[1].source == f"{path}:4" and got[1].code == "BL-E007"
    assert got[1].article_id == "b"


def test_read_jsonl_bad_lines_are_set_aside_and_rest_read(write):
    path = write("m.jsonl", _lines(
        {"id": "ok1", "text": "fine"},
        '{"id": "broken", "text": ',
        '[1, 2]',
        '"just a string"',
        {"id": "e", "text": "   "},
        {"id": "n", "text": 5},
        {"id": "ok2", "text": "fine"},
    ))
    got = run(path)
    assert [a.id for a in articles(got)] == ["ok1", "ok2"]
    assert [(s.source, s.code) for s in set_asides(got)] == [
        (f"{path}:2", "BL-E006"), (f"{path}:3", "BL-E006"), (f"{path}:4", "BL-E006"),
        (f"{path}:5", "BL-E007"), (f"{path}:6", "BL-E007")]
    msgs = [s.message for s in set_asides(got)]
    assert "is not valid JSON" in msgs[0] and "column" in msgs[0]
    assert "holds an array, not an article object" in msgs[1]
    assert f"{path}:5 (id e) has an empty \"text\"" in msgs[3]
    assert set_asides(got)[3].article_id == "e"


def test_read_jsonl_invalid_utf8_line_is_e005_others_read(write):
    path = write("u.jsonl", b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n'
                            b'{"id": "c", "text": "ok"}\n')
    got = run(path)
    assert [type(r).__name__ for r in got] == ["Article", "SetAside", "Article"]
    assert got[1].code == "BL-E005" and got[1].source == f"{path}:2"


def test_read_jsonl_surrogate_escape_is_e005(write):
    got = run(write("s.jsonl", '{"id": "a", "text": "bad \\ud800 half"}\n'
                               '{"id": "b", "text": "ok \\ud83d\\ude00"}\n'))
    assert codes(got) == ["BL-E005"]
    assert got[1].text == "ok \U0001F600"


def test_read_jsonl_empty_and_binary_files(write):
    got = run(write("e.jsonl", ""), write("w.ndjson", "\n \n"), write("b.jsonl", b"\x00\x01" * 50))
    assert codes(got) == ["BL-E003", "BL-E003", "BL-E004"]


def test_read_jsonl_oversize_line_is_e009(write, monkeypatch):
    monkeypatch.setattr("bilat.ingest.sources.MAX_ARTICLE_BYTES", 100)
    path = write("big.jsonl", _lines({"id": "a", "text": "ok"}, {"id": "b", "text": "x" * 500},
                                     {"id": "c", "text": "ok"}))
    got = run(path)
    assert [r.id if hasattr(r, "id") else r.code for r in got] == ["a", "BL-E009", "c"]
    assert got[1].source == f"{path}:2"


def test_read_jsonl_bom_on_first_line(write):
    (a,) = run(write("bom.jsonl", b'\xef\xbb\xbf{"id": "a", "text": "x"}\n'))
    assert a.id == "a"


class _EndlessJsonl(io.RawIOBase):
    """An endless stream of JSON Lines: only a lazy reader can take items from it."""

    def __init__(self) -> None:
        self.n = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        line = json.dumps({"id": f"n{self.n}", "text": "t"}).encode() + b"\n"
        self.n += 1
        buf[: len(line)] = line
        return len(line)


def test_read_jsonl_streams_lazily():
    stream = io.BufferedReader(_EndlessJsonl(), buffer_size=64)
    got = list(itertools.islice(read_stdin(stream), 3))
    assert [a.id for a in got] == ["n0", "n1", "n2"]


def test_read_json_document_object_and_list(write):
    one = write("one.json", json.dumps({"id": "a", "text": "x", "lang": "en"}))
    many = write("many.json", json.dumps([{"id": "b", "text": "y"}, 3, {"id": "c"}]))
    got = run(one, many)
    assert [a.id for a in articles(got)] == ["a", "b"]
    assert got[0].extra == {"lang": "en"}
    assert [(s.source, s.code) for s in set_asides(got)] == [
        (f"{many}[1]", "BL-E006"), (f"{many}[2]", "BL-E007")]


def test_read_json_document_errors(write):
    got = run(write("a.json", "[]"), write("b.json", "42"), write("c.json", "{nope"),
              write("d.json", ""))
    assert codes(got) == ["BL-E003", "BL-E006", "BL-E006", "BL-E003"]
    assert "line 1, column 2" in got[2].message


def test_read_json_document_that_is_json_lines(write):
    got = run(write("l.json", _lines({"id": "a", "text": "x"}, {"id": "b", "text": "y"})))
    assert [a.id for a in got] == ["a", "b"]


def test_read_jsonl_control_character_message_reads_well(write):
    # issue 14 (12): "Invalid control character at at line 1"
    (sa,) = run(write("c.jsonl", '{"id": "a", "text": "tab\there"}\n'))
    assert sa.code == "BL-E006"
    assert "(Invalid control character at line 1, column 25)" in sa.message
    assert " at at " not in sa.message
