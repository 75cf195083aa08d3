"""The command line: exact outputs and exit codes, bad input set aside, nothing lost."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from tests.conftest import REFERENCE, ROOT

SAMPLE = ROOT / "data" / "sample"


@pytest.fixture()
def runner():
    return CliRunner()


def _jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_cli_repair_prints_repaired_text(runner):
    res = runner.invoke(app, ["repair", str(REFERENCE)])
    assert res.exit_code == 0, res.output
    assert "development of cooperation in the fields" in res.stdout
    assert "a long-term vision" in res.stdout


def test_cli_repair_reads_stdin(runner):
    res = runner.invoke(app, ["repair", "-"], input="Talks withDeputy Minister Samad Bashirli ended.")
    assert res.exit_code == 0
    assert res.stdout.strip() == "Talks with Deputy Minister Samad Bashirli ended."


def test_cli_extract_prints_one_record_per_article(runner):
    res = runner.invoke(app, ["extract", str(REFERENCE), str(SAMPLE / "kremlin-presidentua-sample.jsonl")])
    assert res.exit_code == 0, res.stderr
    records = _jsonl(res.stdout)
    assert len(records) == 17
    assert records[0]["id"] == "azernews-azerbaijan-uzbekistan"
    assert {"id", "title", "date", "source", "url", "text", "entities", "events", "figures",
            "relations"} <= set(records[0])


def test_cli_extract_sets_aside_bad_inputs_and_goes_on(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talks".encode("latin-1"))
    (tmp_path / "bad.jsonl").write_text('{"id": "ok", "text": "Japan and China held talks."}\n{not json\n')
    (tmp_path / "notes.docx").write_bytes(b"PK")
    good = tmp_path / "good.txt"
    good.write_text("Japan and the United States held trade talks in Tokyo on Monday.\n")
    args = ["extract", str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"),
            str(tmp_path / "latin1.txt"), str(tmp_path / "bad.jsonl"),
            str(tmp_path / "notes.docx"), str(tmp_path / "missing.txt"), str(good)]
    res = runner.invoke(app, args)
    assert res.exit_code == 1
    ids = [r["id"] for r in _jsonl(res.stdout)]
    assert ids == ["ok", "good"]
    for code in ("BL-E001", "BL-E002", "BL-E003", "BL-E004", "BL-E005", "BL-E006"):
        assert code in res.stderr
    assert "missing.txt" in res.stderr and "bad.jsonl:2" in res.stderr


def test_cli_ingest_twice_stores_once(runner, tmp_path):
    db = f"sqlite:///{tmp_path / 'b.db'}"
    first = runner.invoke(app, ["ingest", str(SAMPLE), "--db", db])
    assert first.exit_code == 0, first.stderr
    assert "stored 17 new of 17 processed" in first.stderr
    second = runner.invoke(app, ["ingest", str(SAMPLE), "--db", db])
    assert second.exit_code == 0
    assert "stored 0 new of 17 processed" in second.stderr
    assert "the store holds 17 articles" in second.stderr


def test_cli_ingest_records_set_asides(runner, tmp_path):
    db = f"sqlite:///{tmp_path / 'b.db'}"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("  \n")
    res = runner.invoke(app, ["ingest", str(tmp_path / "in" / "empty.txt"), str(REFERENCE), "--db", db])
    assert res.exit_code == 1
    assert "1 article processed, 1 set aside (BL-E003: 1)" in res.stderr
    from bilat.store import Store

    with Store(db) as store:
        assert store.counts()["set_aside"] == 1
        assert store.counts()["articles"] == 1


def test_cli_events_filters_by_pair_and_type(runner, tmp_path):
    db = f"sqlite:///{tmp_path / 'b.db'}"
    runner.invoke(app, ["ingest", str(SAMPLE), "--db", db])
    res = runner.invoke(app, ["events", "--pair", "AZE", "UZB", "--format", "jsonl", "--db", db])
    assert res.exit_code == 0, res.stderr
    rows = _jsonl(res.stdout)
    assert rows and all({"AZE", "UZB"} <= set(r["actor_countries"] + r["recipient_countries"]) for r in rows)
    assert {"CONSULT", "SUPPORT"} <= {r["type"] for r in rows}
    res = runner.invoke(app, ["events", "--type", "consult", "--pair", "Azerbaijan", "uzb",
                              "--format", "jsonl", "--db", db])
    assert {r["type"] for r in _jsonl(res.stdout)} == {"CONSULT"}
    table = runner.invoke(app, ["events", "--pair", "AZE", "UZB", "--db", db])
    assert table.exit_code == 0 and "CONSULT" in table.stdout
    res = runner.invoke(app, ["events", "--modality", "negated", "--until", "1990",
                              "--format", "jsonl", "--db", db])
    assert res.exit_code == 0 and _jsonl(res.stdout) == []



def test_cli_events_across_lists_events_across_articles_as_the_api(runner, tmp_path):
    db = f"sqlite:///{tmp_path / 'b.db'}"
    runner.invoke(app, ["ingest", str(SAMPLE), "--db", db])
    res = runner.invoke(app, ["events", "--across", "--pair", "AZE", "UZB", "--format",
                              "jsonl", "--db", db])
    assert res.exit_code == 0, res.stderr
    rows = _jsonl(res.stdout)
    from bilat.store import Store
    from bilat.store.queries import Filters

    with Store(db) as store:
        assert rows == store.event_page(Filters(pair=("AZE", "UZB")), 500)["items"]
    assert rows and all(r["mention_count"] >= 1 for r in rows)
    limited = runner.invoke(app, ["events", "--across", "--limit", "1", "--format", "jsonl",
                                  "--db", db])
    assert len(_jsonl(limited.stdout)) == 1
    table = runner.invoke(app, ["events", "--across", "--pair", "AZE", "UZB", "--db", db])
    assert table.exit_code == 0 and "CONSULT" in table.stdout


@pytest.mark.parametrize("args,message", [
    (["events", "--type", "HUG"], "unknown event type"),
    (["events", "--pair", "AZE", "XXX"], "unknown country"),
    (["events", "--since", "yesterday"], "is not a date"),
    (["events", "--modality", "maybe"], "unknown modality"),
    (["events", "--across", "--until", "May"], "is not a date"),
    (["events", "--format", "xml"], "unknown format"),
    (["export", "--format", "xml"], "unknown format"),
])
def test_cli_bad_values_give_coded_errors(runner, tmp_path, args, message):
    res = runner.invoke(app, [*args, "--db", f"sqlite:///{tmp_path / 'b.db'}"])
    assert res.exit_code == 2
    assert "[BL-E070]" in res.stderr and message in res.stderr


def test_cli_export_jsonl_and_csv(runner, tmp_path):
    db = f"sqlite:///{tmp_path / 'b.db'}"
    runner.invoke(app, ["ingest", str(REFERENCE), "--db", db])
    res = runner.invoke(app, ["export", "--format", "jsonl", "--db", db])
    assert res.exit_code == 0
    (record,) = _jsonl(res.stdout)
    assert record["id"] == "azernews-azerbaijan-uzbekistan"
    out = tmp_path / "events.csv"
    res = runner.invoke(app, ["export", "--format", "csv", "--out", str(out), "--db", db])
    assert res.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert len(rows) == len(record["events"])


def test_cli_bad_database_url_is_a_coded_error(runner):
    res = runner.invoke(app, ["events", "--db", "nosuchdb://x"])
    assert res.exit_code == 2
    assert "[BL-E05" in res.stderr


def test_cli_ingest_sets_aside_an_article_the_store_refuses(runner, tmp_path, monkeypatch):
    from bilat.errors import StoreWriteError
    from bilat.store import Store

    real_add, real_save_many = Store.add, Store.save_many

    def add(self, article):
        if article.id == "refused":
            raise StoreWriteError(f"article {article.id} could not be stored; test refusal")
        return real_add(self, article)

    def save_many(self, articles):  # a batch holding it is refused whole
        if any(article.id == "refused" for article in articles):
            raise StoreWriteError("a batch holding article refused could not be stored")
        return real_save_many(self, articles)

    monkeypatch.setattr(Store, "add", add)
    monkeypatch.setattr(Store, "save_many", save_many)
    db = f"sqlite:///{tmp_path / 'b.db'}"
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "refused", "text": "Japan and China held talks."}\n'
                   '{"id": "ok", "text": "Japan and China held talks in Beijing."}\n')
    res = runner.invoke(app, ["ingest", str(src), "--db", db])
    assert res.exit_code == 1
    assert "BL-E051" in res.stderr and "stored 1 new of 2 processed" in res.stderr
    with Store(db) as store:
        assert store.counts()["set_aside"] == 1 and store.has("ok")


def test_cli_ingest_rerun_does_not_extract_stored_articles_again(runner, tmp_path):
    db = f"sqlite:///{tmp_path / 'b.db'}"
    sample = str(SAMPLE / "kremlin-presidentua-sample.jsonl")
    runner.invoke(app, ["ingest", sample, "--db", db])
    res = runner.invoke(app, ["ingest", sample, str(REFERENCE), "--db", db])
    assert res.exit_code == 0, res.stderr
    assert "stored 1 new of 17 processed" in res.stderr
    assert "(16 already stored, not extracted again)" in res.stderr


def test_cli_messages_to_a_pipe_are_not_wrapped(runner, tmp_path):
    deep = tmp_path / ("a-long-directory-name-for-a-fresh-clone-check" * 3)
    deep.mkdir()
    db = f"sqlite:///{deep / 'b.db'}"
    res = runner.invoke(app, ["ingest", str(REFERENCE), "--db", db])
    assert res.exit_code == 0, res.stderr
    summary = [line for line in res.stderr.splitlines() if line.startswith("stored ")]
    assert len(summary) == 1 and summary[0].endswith("events"), res.stderr


def test_cli_events_name_the_actors_and_the_article(runner, tmp_path):
    # issue 14 (13): the table and the CSV gave country codes only, and no article
    db = f"sqlite:///{tmp_path / 'b.db'}"
    runner.invoke(app, ["ingest", str(REFERENCE), "--db", db])
    rows = _jsonl(runner.invoke(app, ["events", "--format", "jsonl", "--db", db]).stdout)
    assert any("Samad Bashirli" in r["actor_names"] + r["recipient_names"] for r in rows)
    table = runner.invoke(app, ["events", "--db", db]).stdout
    assert "article" in table.splitlines()[1] and "azernews-azerbaijan-uzbekistan" in table
    # a cell's text wraps over lines: read the actors and recipients columns whole
    header = table.splitlines()[1].split("┃")
    cols = [header.index(c) for c in header if c.strip() in ("actors", "recipients")]
    cells = [ln.split("│") for ln in table.splitlines() if ln.startswith("│")]
    parties = " ".join(" ".join(c[i].strip() for c in cells) for i in cols)
    assert "Samad Bashirli" in " ".join(parties.split())
    out = tmp_path / "events.csv"
    runner.invoke(app, ["export", "--format", "csv", "--out", str(out), "--db", db])
    csv_rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert {r["article_id"] for r in csv_rows} == {"azernews-azerbaijan-uzbekistan"}
    assert any("Samad Bashirli" in r["actors"] + r["recipients"] for r in csv_rows)
