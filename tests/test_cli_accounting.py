"""Every input is stored or set aside, and counted: nothing is dropped without a word.

Issue 14 (6): a second record with the same id and another text (ingest, stdin, load),
``d1/report.txt`` beside ``d2/report.txt``, and a file of an unknown type in a directory
all ended with exit 0 and no set-aside row.
Issue 14 (3): on PostgreSQL a ~3,000-character id aborted the whole run (exit 2, later
inputs never processed), because recording its set-aside failed too.
Issue 14 (11): a read command given a store that does not exist created an empty one.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from bilat.store import Store
from tests.store.conftest import db_url, pg_admin  # noqa: F401 - SQLite and PostgreSQL

TALKS = "Japan and China held trade talks in Tokyo on Monday, officials said."
OTHER = "Kazakhstan and Uzbekistan signed a water agreement in Astana on Tuesday."


@pytest.fixture()
def runner():
    return CliRunner()


def _ids(url: str) -> list[str]:
    with Store(url) as store:
        return sorted(a.id for a in store.articles())


def test_same_id_another_text_is_stored_under_a_new_id(runner, tmp_path):
    db = f"sqlite:///{tmp_path / 'b.db'}"
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "r", "text": TALKS}) + "\n"
                   + json.dumps({"id": "r", "text": OTHER}) + "\n")
    res = runner.invoke(app, ["ingest", str(src), "--db", db])
    assert res.exit_code == 0, res.stderr
    assert "stored 2 new of 2 processed" in res.stderr
    assert "(1 under a new id: theirs held another text)" in res.stderr
    assert "the id 'r' holds another text already; this one is stored as 'r~" in res.stderr
    assert len(_ids(db)) == 2 and _ids(db)[0] == "r"
    # a rerun recognises both texts: nothing new, nothing extracted again
    again = runner.invoke(app, ["ingest", str(src), "--db", db])
    assert "stored 0 new of 2 processed" in again.stderr
    assert "(2 already stored, not extracted again)" in again.stderr


def test_two_files_with_one_name_in_two_folders_are_both_stored(runner, tmp_path):
    db = f"sqlite:///{tmp_path / 'b.db'}"
    for folder, text in (("d1", TALKS), ("d2", OTHER)):
        (tmp_path / "in" / folder).mkdir(parents=True)
        (tmp_path / "in" / folder / "report.txt").write_text(text)
    res = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", db])
    assert res.exit_code == 0, res.stderr
    ids = _ids(db)
    assert len(ids) == 2 and ids[0] == "report" and ids[1].startswith("report~")


def test_stdin_records_with_one_id_are_both_stored(runner, tmp_path):
    db = f"sqlite:///{tmp_path / 'b.db'}"
    lines = (json.dumps({"id": "s", "text": TALKS}) + "\n"
             + json.dumps({"id": "s", "text": OTHER}) + "\n")
    res = runner.invoke(app, ["ingest", "-", "--db", db], input=lines)
    assert res.exit_code == 0, res.stderr
    assert len(_ids(db)) == 2


def test_a_file_of_unknown_type_in_a_directory_is_set_aside(runner, tmp_path):
    db = f"sqlite:///{tmp_path / 'b.db'}"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TALKS)
    (tmp_path / "in" / "notes.docx").write_bytes(b"PK\x03\x04")
    res = runner.invoke(app, ["ingest", str(tmp_path / "in"), "--db", db])
    assert res.exit_code == 1
    assert "notes.docx has the extension .docx" in res.stderr
    assert "1 article processed, 1 set aside (BL-E002: 1)" in res.stderr
    with Store(db) as store:
        assert store.counts()["set_aside"] == 1


def test_load_of_records_with_one_id_stores_both(runner, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "b", "text": TALKS}) + "\n"
                   + json.dumps({"id": "b", "text": OTHER}) + "\n")
    out = tmp_path / "out"
    res = runner.invoke(app, ["batch", str(src), "--out", str(out), "--engine", "local"])
    assert res.exit_code == 0, res.stderr
    db = f"sqlite:///{tmp_path / 'b.db'}"
    res = runner.invoke(app, ["load", str(out), "--db", db])
    assert res.exit_code == 0, res.stderr
    assert "stored 2 new of 2 articles" in res.stderr
    assert "(1 under a new id: theirs held another text)" in res.stderr
    assert len(_ids(db)) == 2


def test_an_over_long_id_is_set_aside_and_the_run_goes_on(runner, db_url):  # noqa: F811
    records = [{"id": "a" * 3000, "text": TALKS}, {"id": "ok", "text": OTHER}]
    res = runner.invoke(app, ["ingest", "-", "--db", db_url],
                        input="".join(json.dumps(r) + "\n" for r in records))
    assert res.exit_code == 1, res.stderr
    assert "[BL-E011]" in res.stderr and "3,000 characters, over the 200" in res.stderr
    assert "1 article processed, 1 set aside (BL-E011: 1)" in res.stderr
    with Store(db_url) as store:
        assert store.has("ok")
        assert store.counts()["set_aside"] == 1


def test_an_over_long_source_is_still_recorded(db_url):  # noqa: F811
    from bilat.record import SetAside

    with Store(db_url) as store:
        for tail in ("x", "y"):  # two sources sharing a long start keep a row each
            assert store.set_aside(SetAside("p" * 3000 + tail, "BL-E011", "too long",
                                            "i" * 3000 + tail))
        assert store.counts()["set_aside"] == 2


@pytest.mark.parametrize("args", [["events"], ["events", "--format", "jsonl"],
                                  ["export", "--format", "csv"], ["serve"]])
def test_read_commands_refuse_a_store_that_does_not_exist(runner, tmp_path, args):
    path = tmp_path / "nonexist.db"
    res = runner.invoke(app, [*args, "--db", f"sqlite:///{path}"])
    assert res.exit_code == 2
    assert res.stderr.startswith(f"[BL-E052] there is no bilat store at sqlite:///{path}")
    assert "0 events" not in res.stderr
    assert not path.exists()
