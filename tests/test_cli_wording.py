"""What the command line says to a new user (issue 14, 12): ``--version`` alone works,
``--help`` is readable and true, counts are in good English, one count per code.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from bilat import __version__
from bilat.cli import app
from tests.conftest import REFERENCE, ROOT

COMMANDS = ["repair", "extract", "ingest", "events", "export", "serve", "watch", "batch",
            "load"]


def test_version_alone_prints_the_version():
    res = CliRunner().invoke(app, ["--version"])
    assert res.exit_code == 0, res.output
    assert res.stdout == f"bilat {__version__}\n"


def test_version_from_the_installed_command():
    bilat = ROOT / ".venv" / "bin" / "bilat"
    cmd = [str(bilat)] if bilat.exists() else [sys.executable, "-m", "bilat.cli"]
    out = subprocess.run([*cmd, "--version"], capture_output=True, text=True, timeout=60)
    assert (out.returncode, out.stdout) == (0, f"bilat {__version__}\n"), out.stderr


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_shows_no_type_tags_and_no_contradicting_default(command):
    args = ["--help"] if command is None else [command, "--help"]
    res = CliRunner().invoke(app, args, env={"COLUMNS": "120"})
    assert res.exit_code == 0, res.output
    assert "<bool>" not in res.stdout and "<list[str]>" not in res.stdout
    assert "[default: no-progress]" not in res.stdout
    assert "SPEC.md" not in res.stdout


def test_command_list_wraps_to_the_terminal_not_to_the_docstring():
    """The docstrings' own line breaks are not kept in the list of commands: on a terminal
    wide enough for every description (all are under 400 characters), each is one line."""
    res = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "500"})
    assert res.exit_code == 0, res.output
    rows = [ln.strip("│ ") for ln in res.stdout.split("Commands")[1].splitlines()
            if ln.startswith("│")]
    assert rows and all(row.split()[0] in COMMANDS + ["figures"] for row in rows), rows


def test_progress_help_says_when_it_shows():
    res = CliRunner().invoke(app, ["ingest", "--help"], env={"COLUMNS": "200"})
    assert "(default: when stderr is a terminal)" in res.stdout


def test_counts_are_in_good_english(tmp_path):
    db = f"sqlite:///{tmp_path / 'b.db'}"
    res = CliRunner().invoke(app, ["ingest", str(REFERENCE), "--db", db])
    assert res.exit_code == 0, res.stderr
    assert "1 article processed" in res.stderr and "1 articles" not in res.stderr


def test_summary_gives_one_count_per_code(tmp_path):
    (tmp_path / "e1.txt").write_text("")
    (tmp_path / "e2.txt").write_text(" \n")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "ok.txt").write_text("Japan and China held talks in Tokyo on Monday.")
    res = CliRunner().invoke(app, ["extract", str(tmp_path)])
    assert res.exit_code == 1
    summary = res.stderr.strip().splitlines()[-1]
    assert summary == "1 article extracted, 3 set aside (BL-E003: 2, BL-E004: 1)"
