"""bilat batch and bilat load on the command line: exit codes and summaries."""

from __future__ import annotations

from typer.testing import CliRunner

from bilat.cli import app


def test_cli_batch_then_load_exit_1_when_set_aside(input_jsonl, tmp_path):
    runner = CliRunner()
    out = tmp_path / "out"
    res = runner.invoke(app, ["batch", str(input_jsonl), "--out", str(out),
                              "--engine", "local", "--partition-size", "4"])
    assert res.exit_code == 1, res.output
    assert "wrote 3 partitions (0 from an earlier run)" in res.stderr
    assert "8 articles processed, 2 set aside (BL-E006: 1, BL-E007: 1)" in res.stderr

    db = f"sqlite:///{tmp_path / 'b.db'}"
    res = runner.invoke(app, ["load", str(out), "--db", db])
    assert res.exit_code == 1, res.output
    assert "stored 8 new of 8 articles" in res.stderr
    assert "rows/s" in res.stderr
    res = runner.invoke(app, ["load", str(out), "--db", db])
    assert "stored 0 new of 8 articles" in res.stderr


def test_cli_batch_reports_a_bad_engine(input_jsonl, tmp_path):
    res = CliRunner().invoke(app, ["batch", str(input_jsonl), "--out", str(tmp_path / "o"),
                                   "--engine", "spark"])
    assert res.exit_code == 2
    assert "[BL-E070] unknown engine 'spark'" in res.stderr


def test_cli_load_reports_a_directory_that_is_not_a_batch_output(tmp_path):
    res = CliRunner().invoke(app, ["load", str(tmp_path), "--db", f"sqlite:///{tmp_path}/x.db"])
    assert res.exit_code == 2
    assert "[BL-E091]" in res.stderr


def test_cli_batch_starts_a_local_dask_cluster(pipeline, input_jsonl, tmp_path):
    from bilat.batch import read_output
    from tests.batch.conftest import processed

    res = CliRunner().invoke(app, ["batch", str(input_jsonl), "--out", str(tmp_path / "o"),
                                   "--workers", "2", "--partition-size", "5"])
    assert res.exit_code == 1, res.output
    assert "wrote 2 partitions" in res.stderr
    got = [item.to_dict() for item in read_output(tmp_path / "o")]
    assert got == processed(pipeline, [str(input_jsonl)])
