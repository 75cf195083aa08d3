"""Stray whitespace, wrapped lines and hyphenation at line ends.

Text that still has its line breaks (wire copy wrapped at about 65 columns,
paragraphs opened by an indented line or a blank line) comes out with wrapped
lines joined by one space and paragraphs separated by a blank line. Text whose
paragraphs are single lines keeps its line breaks.
"""

from __future__ import annotations

import re
from statistics import median

from bilat.repair.edits import Edit
from bilat.repair.lexicon import Lexicon

# A text is taken as wrapped when the lines that run on into a next line are at
# most this long (wire copy: 63, the azernews seed: 67, e-mail: 72–78) ...
MAX_WRAP_WIDTH = 100
MIN_WRAP_WIDTH = 20
# ... and their median is at least this fraction of the longest (greedy wrapping
# fills lines; paragraphs-as-lines vary widely).
MIN_FILL = 0.6
# A wrapped line this much shorter than the width, ending a sentence, ends a paragraph.
SHORT_LINE = 0.6

_HSPACE = "[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]"
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
# A whitespace run to look at: spaces ending in a line break (and the whitespace after
# it), two or more spaces, or a tab; the same matches as `H*\n\s*|H{2,}|\t` (H:
# _HSPACE). Written to start with one character class (a line break or a space, then
# what may follow the one it was), which the regex engine looks for fast: the
# alternatives, whose first could match nothing at first, were tried at every position
# of the text (the scan took three times as long).
_H = _HSPACE[1:-1]  # the class's members
_RUN = re.compile(rf"[\n{_H}](?:(?<=\n)\s*|(?<=[{_H}])(?:{_HSPACE}*\n\s*|{_HSPACE}+|(?<=\t)))")
_END_SENTENCE = tuple('.!?:;"\u201d')
# In a text whose only horizontal space is " " (ASCII, no tab, form feed or vertical
# tab), a run of _RUN is a line break with the spaces before it and the whitespace
# after it, or two spaces or more: patterns that open with fixed characters, which the
# regex engine finds quickly, where _RUN is tried at every position (3x the time).
_LINE_BREAK = re.compile(r"\n\s*")
_SPACES = re.compile(r"  +")


def _runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the matches of ``_RUN`` in ``text[start:end]``, in order."""
    if not text.isascii() or "\t" in text or "\f" in text or "\v" in text:
        return [m.span() for m in _RUN.finditer(text, start, end)]
    out = []
    for m in _LINE_BREAK.finditer(text, start, end):
        s = m.start()
        while s > start and text[s - 1] == " ":
            s -= 1
        out.append((s, m.end()))
    spaces = [m.span() for m in _SPACES.finditer(text, start, end)
              if not (m.end() < end and text[m.end()] == "\n")]  # else part of a break
    if not spaces:
        return out
    merged: list[tuple[int, int]] = []
    for span in sorted(out + spaces):
        if not merged or span[0] >= merged[-1][1]:  # spaces after a break are part of it
            merged.append(span)
    return merged


def _is_wrapped(lines: list[str]) -> tuple[bool, int]:
    runs = [len(a.strip()) for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()]
    if len(runs) < 2:
        return False, 0
    width = max(runs)
    wrapped = MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH and median(runs) >= MIN_FILL * width
    return wrapped, width


def _letters_before(text: str, end: int) -> str:
    i = end
    while i > 0 and text[i - 1].isalpha():
        i -= 1
    return text[i:end]


def _letters_after(text: str, start: int) -> str:
    i = start
    while i < len(text) and text[i].isalpha():
        i += 1
    return text[start:i]


def keep_hyphen(lex: Lexicon, left: str, right: str) -> bool:
    """Whether ``left-`` + newline + ``right`` is a hyphenated compound (well-known)
    rather than one word broken across lines (develop-ment)."""
    if not left or not right or right[0].isupper():
        return True
    joined = lex.zipf((left + right).lower())
    if joined < 2.5:
        return True
    return joined <= min(lex.zipf(left.lower()), lex.zipf(right.lower()))


def layout_edits(text: str, lex: Lexicon) -> list[Edit]:
    """Edits that normalise whitespace, join wrapped lines and undo line-end hyphens."""
    if "\r" in text or "\u2028" in text or "\u2029" in text or "\x85" in text:
        # Normalise line separators first; offsets keep their length so they align.
        edits = [(m.start(), m.end(), "\n") for m in _NEWLINES.finditer(text)]
        from bilat.repair.edits import apply_edits, compose

        mid = apply_edits(text, edits)
        return compose(text, edits, mid, layout_edits(mid, lex))
    edits: list[Edit] = []
    lead = len(text) - len(text.lstrip())
    if lead:
        edits.append((0, lead, ""))
    lines = text.split("\n")
    wrapped, width = _is_wrapped(lines) if "\n" in text else (False, 0)
    body_end = len(text.rstrip())
    for s, e in _runs(text, lead, body_end):
        ws = text[s:e]
        newlines = ws.count("\n")
        if newlines == 0:
            if ws != " ":
                edits.append((s, e, " "))
            continue
        prev_line_start = text.rfind("\n", 0, s) + 1
        prev = text[prev_line_start:s].strip()
        nxt = text[e:e + 1]
        indented = ws[ws.rfind("\n") + 1:] != ""
        hyphen = (
            prev.endswith("-") and len(prev) > 1 and prev[-2].isalpha() and nxt.isalpha()
        )
        if newlines == 1 and hyphen and (wrapped or nxt.islower()):
            left = _letters_before(text, s - 1)
            right = _letters_after(text, e)
            if keep_hyphen(lex, left, right):
                edits.append((s, e, ""))
            else:
                edits.append((s - 1, e, ""))
            continue
        if newlines == 1 and wrapped and not indented:
            short = len(prev) < SHORT_LINE * width and prev.endswith(_END_SENTENCE)
            if not short:
                edits.append((s, e, " "))
                continue
        want = "\n\n" if (wrapped or newlines > 1) else "\n"
        if ws != want:
            edits.append((s, e, want))
    if body_end < len(text) and body_end >= lead:
        edits.append((body_end, len(text), ""))
    return edits
