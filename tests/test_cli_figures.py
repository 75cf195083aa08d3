"""``bilat figures`` and ``bilat export --what figures``: figure series from the CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from bilat.cli import app
from tests.conftest import REFERENCE


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('figures') / 'f.db'}"
    res = CliRunner().invoke(app, ["ingest", str(REFERENCE), "--db", url])
    assert res.exit_code == 0, res.stderr
    return url


def test_cli_figures_table_shows_the_rising_turnover(db):
    res = CliRunner().invoke(app, ["figures", "--pair", "UZB", "Azerbaijan", "--db", db])
    assert res.exit_code == 0, res.stderr
    assert "trade_turnover" in res.stdout and "increase" in res.stdout
    assert "figure observations" in res.stderr


def test_cli_figures_jsonl_filters_by_metric_and_kind(db):
    res = CliRunner().invoke(app, ["figures", "--pair", "AZE", "UZB", "--metric",
                                   "trade_turnover", "--format", "jsonl", "--db", db])
    assert res.exit_code == 0, res.stderr
    (row,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert (row["metric"], row["kind"], row["change"]) == ("trade_turnover", "actual", "increase")
    assert row["sources"][0]["article_id"] == "azernews-azerbaijan-uzbekistan"
    res = CliRunner().invoke(app, ["figures", "--pair", "AZE", "UZB", "--kind", "target",
                                   "--format", "jsonl", "--db", db])
    assert res.exit_code == 0 and res.stdout == ""


def test_cli_export_figures_csv_and_jsonl(db, tmp_path):
    out = tmp_path / "figures.csv"
    res = CliRunner().invoke(app, ["export", "--what", "figures", "--format", "csv", "--out",
                                   str(out), "--db", db])
    assert res.exit_code == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert {r["metric"] for r in rows} >= {"trade_turnover"}
    assert all(r["source_count"] == "1" for r in rows)
    res = CliRunner().invoke(app, ["export", "--what", "figures", "--db", db])
    assert res.exit_code == 0
    assert len(res.stdout.splitlines()) == len(rows)
    assert f"exported {len(rows)} figure observations" in res.stderr


@pytest.mark.parametrize("args,code,message", [
    (["figures"], "BL-E070", "give either --pair"),
    (["figures", "--pair", "AZE", "UZB", "--country", "AZE"], "BL-E070", "give either"),
    (["figures", "--pair", "AZE", "UZB", "--kind", "guess"], "BL-E070", "unknown kind"),
    (["figures", "--country", "AZE", "--format", "xml"], "BL-E070", "unknown format"),
    (["export", "--what", "articles", "--format", "csv"], "BL-E070", "is not an export"),
])
def test_cli_figures_bad_values_give_coded_errors(db, args, code, message):
    res = CliRunner().invoke(app, [*args, "--db", db])
    assert res.exit_code == 2
    assert f"[{code}]" in res.stderr and message in res.stderr
