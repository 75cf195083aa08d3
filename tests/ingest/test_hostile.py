"""Hostile JSON and text: each line gets a coded error or an article, nothing escapes."""

from __future__ import annotations

from bilat.ingest import read_inputs
from bilat.record import Article, SetAside


def test_hostile_json_lines_are_set_aside_with_codes(tmp_path):
    path = tmp_path / "hostile.jsonl"
    lines = [
        "[" * 100_000 + "]" * 100_000,                       # nesting beyond the recursion limit
        '{"id": "big", "text": "x", "n": 1' + "0" * 5000 + "}",  # integer too long to convert
        '{"id": "inf", "text": "x", "n": 1e99999}',           # float overflow
        '{"id": "nan", "text": "x", "n": NaN}',               # not JSON
        '{"id": "ok", "text": "Japan and China held talks."}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    assert len(items) == len(lines)
    assert [type(i) for i in items] == [SetAside] * 4 + [Article]
    assert {i.code for i in items[:4]} == {"BL-E006"}
    assert "too deeply" in items[0].message
    assert "out of range" in items[2].message
    assert items[4].id == "ok"
