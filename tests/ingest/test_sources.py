"""Paths, directories and globs: dispatch, ordering, and nothing lost in a batch."""

from __future__ import annotations

import io
import json
import os

from bilat.record import Article, SetAside

from ._helpers import DATA, articles, codes, run, set_asides


def test_read_inputs_missing_path_is_e001(tmp_path):
    missing = tmp_path / "nope.txt"
    (sa,) = run(missing)
    assert (sa.code, sa.source) == ("BL-E001", str(missing))
    assert sa.message == f"[BL-E001] {missing} does not exist; check the path"


def test_read_inputs_unknown_extension_named_explicitly_is_e002(write):
    (sa,) = run(write("notes.md", "# Notes"))
    assert sa.code == "BL-E002"
    assert "supported: .txt .text .jsonl .ndjson .json .html .htm" in sa.message


def test_read_inputs_directory_recursive_sorted_skips_hidden_and_unknown(write, tmp_path):
    write("b.txt", "B text.")
    write("a/z.txt", "Z text.")
    write("a/y.TXT", "Y text.")
    write("a/readme.md", "not read")
    write(".hidden.txt", "not read")
    write(".git/c.txt", "not read")
    write("c.jsonl", json.dumps({"id": "c1", "text": "C."}) + "\n")
    got = run(tmp_path)
    assert [a.id for a in got] == ["y", "z", "b", "c1"]
    assert all(isinstance(a, Article) for a in got)


def test_read_inputs_empty_directory_is_e003(tmp_path):
    (tmp_path / "only.md").write_text("x")
    (sa,) = run(tmp_path)
    assert sa.code == "BL-E003" and "holds no supported files" in sa.message


def test_read_inputs_glob_expands_sorted(write, tmp_path):
    write("2.txt", "Two.")
    write("1.txt", "One.")
    write("x.md", "skip")
    assert [a.id for a in run(tmp_path / "*")] == ["1", "2"]
    assert [a.id for a in run(tmp_path / "*.txt")] == ["1", "2"]


def test_read_inputs_glob_matching_nothing_is_e001(tmp_path):
    (sa,) = run(tmp_path / "*.jsonl")
    assert sa.code == "BL-E001" and "matches no files" in sa.message


def test_read_inputs_glob_matching_only_unsupported_is_e002(write, tmp_path):
    write("a.md", "x")
    (sa,) = run(tmp_path / "*.md")
    assert sa.code == "BL-E002"


def test_read_inputs_batch_mixes_good_and_bad_and_loses_nothing(write, tmp_path):
    good = [
        write("ok.txt", "Headline\n\nBody."),
        write("ok.html", (DATA / "news-page.html").read_bytes()),
        write("one.json", json.dumps({"text": "J."})),
    ]
    bad = [
        tmp_path / "missing.txt",
        write("empty.txt", ""),
        write("bin.txt", b"\x00\xff" * 10),
        write("latin.txt", b"caf\xe9"),
        write("x.pdf", b"%PDF"),
        write("nav.html", "<html><body><nav>Home</nav></body></html>"),
        tmp_path / "*.nothing",
    ]
    lines = write("mixed.jsonl", '{"id": "l1", "text": "a"}\nnot json\n{"id": "l3"}\n'
                                 '{"id": "l4", "text": "b"}\n')
    got = run(*good[:1], *bad[:4], *good[1:], *bad[4:], lines)
    assert len(got) == len(good) + len(bad) + 4
    assert len(articles(got)) + len(set_asides(got)) == len(got)
    assert len(articles(got)) == 3 + 2
    assert sorted(codes(got)) == ["BL-E001", "BL-E001", "BL-E002", "BL-E003", "BL-E004",
                                  "BL-E005", "BL-E006", "BL-E007", "BL-E008"]
    assert all(s.message.startswith(f"[{s.code}] ") for s in set_asides(got))


def test_read_inputs_unreadable_directory_entry_is_e010(write, tmp_path, monkeypatch):
    write("a.txt", "A.")
    write("locked/b.txt", "B.")
    write("z.txt", "Z.")
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("bilat.ingest.sources.os.scandir", scandir)
    got = run(tmp_path)
    assert [r.code if isinstance(r, SetAside) else r.id for r in got] == ["a", "BL-E010", "z"]
    assert got[1].source == str(tmp_path / "locked")
    assert "Permission denied" in got[1].message


def test_read_inputs_dash_reads_stdin(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(b"Plain text from a pipe."), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", fake)
    (a,) = run("-")
    assert a.id.startswith("stdin-") and a.text == "Plain text from a pipe."
