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


def test_read_inputs_directory_recursive_sorted_skips_hidden_sets_aside_unknown(write, tmp_path):
    write("b.txt", "B text.")
    write("a/z.txt", "Z text.")
    write("a/y.TXT", "Y text.")
    write("a/readme.md", "not read")
    write(".hidden.txt", "not read")
    write(".git/c.txt", "not read")
    write("c.jsonl", json.dumps({"id": "c1", "text": "C."}) + "\n")
    got = run(tmp_path)
    # issue 14 (6): a file of an unknown type inside a directory was skipped without a word
    assert [a.id if isinstance(a, Article) else a.code for a in got] == [
        "BL-E002", "y", "z", "b", "c1"]
    assert got[0].source == str(tmp_path / "a" / "readme.md")
    assert "has the extension .md, which bilat cannot read" in got[0].message


def test_read_inputs_empty_directory_is_e003(tmp_path):
    (tmp_path / ".hidden.txt").write_text("x")
    (sa,) = run(tmp_path)
    assert sa.code == "BL-E003" and "holds no files" in sa.message


def test_read_inputs_directory_of_unknown_types_sets_each_aside(tmp_path):
    (tmp_path / "only.md").write_text("x")
    (sa,) = run(tmp_path)
    assert (sa.code, sa.source) == ("BL-E002", str(tmp_path / "only.md"))


def test_read_inputs_glob_expands_sorted(write, tmp_path):
    write("2.txt", "Two.")
    write("1.txt", "One.")
    write("x.md", "not an article")
    assert [a.id if isinstance(a, Article) else a.code for a in run(tmp_path / "*")] == [
        "1", "2", "BL-E002"]
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


# -- issue 14 (3): ids are bounded ------------------------------------------------------


def test_read_inputs_sets_aside_an_over_long_id(write):
    from bilat.record import MAX_ID_CHARS

    long_id = "x" * (MAX_ID_CHARS + 1)
    ok_id = "y" * MAX_ID_CHARS
    path = write("ids.jsonl", json.dumps({"id": long_id, "text": "Too long an id."}) + "\n"
                 + json.dumps({"id": ok_id, "text": "Just short enough."}) + "\n")
    stem = write(("z" * (MAX_ID_CHARS + 1)) + ".txt", "A file with a long name.")
    got = run(path, stem)
    assert [g.code if isinstance(g, SetAside) else g.id for g in got] == [
        "BL-E011", ok_id, "BL-E011"]
    assert got[0].source == f"{path}:1" and got[0].article_id == long_id
    assert f"has {MAX_ID_CHARS + 1} characters, over the {MAX_ID_CHARS}" in got[0].message
    assert len(got[0].message) < 400  # the id is quoted in part, not whole
    assert got[2].source == str(stem)


# -- issue 14 (8): UTF-16 is read, or named, never called binary --------------------------


def test_read_inputs_utf16_with_bom_is_read(write):
    text = "Azerbaijan and Uzbekistan held talks. Путин left."
    got = run(write("le.txt", text.encode("utf-16")),
              write("be.txt", b"\xfe\xff" + text.encode("utf-16-be")))
    assert [a.text for a in got] == [text, text]


def test_read_inputs_utf16_without_bom_and_utf16_jsonl_get_a_hint(write):
    line = json.dumps({"id": "a", "text": "Japan and China held talks."}) + "\n"
    got = run(write("nobom.txt", "Japan and China held talks.".encode("utf-16-le")),
              write("w.jsonl", line.encode("utf-16")), write("u32.txt", "Hi".encode("utf-32")))
    assert codes(got) == ["BL-E005", "BL-E005", "BL-E005"]
    assert "is UTF-16 text, not UTF-8" in got[0].message
    assert "iconv -f UTF-16 -t UTF-8" in got[1].message
    assert "is UTF-32 text" in got[2].message
