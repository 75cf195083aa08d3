"""Mojibake: text decoded with the wrong codec, fixed by ftfy, line by line."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import cache
from typing import Any

from bilat.repair.edits import Edit

_LINE = re.compile(r"[^\n]+")
_PLAIN = bytes(range(0x20, 0x7F)) + b"\n"  # the printable ASCII characters, and newline


@cache
def _fixer() -> tuple[Any, Any]:
    """ftfy and its settings, imported on the first line that is not plain ASCII (ftfy
    takes 30 ms to import, which plain-ASCII input never needs)."""
    import ftfy

    # Only ftfy's encoding repairs: quotes, ligatures, widths, HTML entities and
    # Unicode normalisation are left as the author wrote them.
    return ftfy, ftfy.TextFixerConfig(
        unescape_html=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        normalization=None,
        explain=False,
    )


def mojibake_edits(text: str) -> list[Edit]:
    """Edits that fix mojibake and stray control characters in ``text``."""
    if text.isascii() and not text.encode("ascii").translate(None, _PLAIN):
        return []  # printable ASCII and line breaks: no line has anything to fix
    edits: list[Edit] = []
    for m in _LINE.finditer(text):
        line = m.group()
        if line.isascii() and line.isprintable():
            continue
        ftfy, config = _fixer()
        fixed = ftfy.fix_text(line, config)
        if fixed == line:
            continue
        base = m.start()
        ops = SequenceMatcher(None, line, fixed, autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in ops:
            if tag != "equal":
                edits.append((base + i1, base + i2, fixed[j1:j2]))
    return edits
