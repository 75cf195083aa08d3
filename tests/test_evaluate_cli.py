"""The scoring command keeps the test part honest: it never lists the test part's errors."""

from __future__ import annotations

import pytest

from bilat.evaluate.__main__ import main


@pytest.mark.parametrize("part", ["test", "all"])
def test_errors_are_listed_for_the_tuning_part_only(part, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--part", part, "--errors", "5", "--what", "articles"])
    assert exc.value.code == 2
    assert "tuning part only" in capsys.readouterr().err
