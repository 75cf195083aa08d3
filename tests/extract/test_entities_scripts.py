"""Names in more than one script do not crash extraction (issue 14, 8).

"Vladimir Putin met Tokayev. Путин left." was set aside with BL-E040 (an IndexError in
``entities._alias_of``: a name without Latin letters normalises to nothing); a
windows-1251 HTML page with the same mix hit the same error.
"""

from __future__ import annotations

import pytest

from bilat.pipeline import read
from bilat.record import Article, SetAside


@pytest.mark.parametrize("text", [
    "Vladimir Putin met Tokayev. Путин left.",
    "Владимир Путин met Tokayev. Vladimir Putin left. Путин spoke.",
    "Путин met Kassym-Jomart Tokayev in Astana. Vladimir Putin said Tokayev and Путин agreed.",
])
def test_latin_then_cyrillic_names_are_extracted(pipeline, text: str) -> None:
    (out,) = pipeline.process_many([Article(id="mixed", text=text)])
    assert isinstance(out, Article), out
    assert "Vladimir Putin" in {e.name for e in out.entities}


def test_windows_1251_page_is_read_and_extracted(pipeline, tmp_path) -> None:
    page = ("<html><head><meta charset=\"windows-1251\"><title>Talks</title></head><body>"
            "<article><p>Vladimir Putin met Kassym-Jomart Tokayev in Moscow on Monday to "
            "discuss trade. Путин left after the talks.</p></article></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1251"))
    (out,) = pipeline.process_many(read([str(path)]))
    assert not isinstance(out, SetAside), out.message
    assert "Путин" in out.text
