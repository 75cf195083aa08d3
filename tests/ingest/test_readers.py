"""The reader registry: one reader per format, picked by extension or by content."""

from __future__ import annotations

import pytest

from bilat.ingest import readers
from bilat.record import Article, SetAside


@pytest.mark.parametrize(("name", "kind"), [
    ("a.txt", "text"), ("a.TEXT", "text"), ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"),
    ("a.json", "json"), ("a.html", "html"), ("a.htm", "html"), ("a.parquet", "parquet"),
    ("a.pq", "parquet")])
def test_readers_for_path_picks_by_extension(name, kind):
    reader = readers.for_path(name)
    assert reader is not None and reader.kind == kind


def test_readers_for_path_unknown_extension_is_none():
    assert readers.for_path("a.docx") is None and readers.for_path("README") is None


@pytest.mark.parametrize(("first", "kind"), [
    (b"{", "jsonl"), (b"[", "json"), (b"<", "html"), (b"T", "text"), (b"", "text")])
def test_readers_sniff_picks_by_first_byte(first, kind):
    assert readers.sniff(first).kind == kind


def test_readers_each_has_exactly_one_way_to_read():
    for r in readers.READERS:
        assert sum(f is not None for f in (r.read, r.lines, r.file)) == 1, r.kind


def test_readers_from_records_sets_aside_a_bad_record_under_its_index():
    got = list(readers.from_records(
        [{"id": "a", "text": "Japan and China held talks."}, {"id": "b"}, "x"], "POST"))
    assert isinstance(got[0], Article) and got[0].id == "a"
    assert isinstance(got[1], SetAside) and (got[1].source, got[1].code,
                                             got[1].article_id) == ("POST[1]", "BL-E007", "b")
    assert isinstance(got[2], SetAside) and got[2].source == "POST[2]"


def test_readers_from_records_refuses_a_lone_surrogate():
    (got,) = readers.from_records([{"text": "bad \ud800 text"}], "POST")
    assert isinstance(got, SetAside) and got.code == "BL-E005"


def test_readers_parquet_rows_are_read_as_json_lines(tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    import datetime as dt

    path = tmp_path / "in.parquet"
    pq.write_table(pa.Table.from_pylist([
        {"id": "a", "text": "Japan and China held talks.", "date": dt.date(2021, 5, 3),
         "score": 1.5},
        {"id": "b", "text": "Peru and Chile met.", "date": None, "score": float("nan")},
        {"id": "c", "text": None, "date": None, "score": None}]), path)
    got = list(readers.for_path(str(path)).file(str(path)))
    assert isinstance(got[0], Article) and got[0].date == "2021-05-03"
    assert got[0].extra == {"score": 1.5}
    assert [g.source for g in got[1:]] == [f"{path}:2", f"{path}:3"]
    assert [g.code for g in got[1:]] == ["BL-E006", "BL-E007"]
