"""Edits in raw coordinates, their composition, and the repaired-to-raw offset map."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

Edit = tuple[int, int, str]


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply sorted, non-overlapping ``(start, end, replacement)`` edits to ``text``."""
    out: list[str] = []
    pos = 0
    for s, e, rep in edits:
        out.append(text[pos:s])
        out.append(rep)
        pos = e
    out.append(text[pos:])
    return "".join(out)


def compose(raw: str, first: list[Edit], mid: str, second: list[Edit]) -> list[Edit]:
    """Edits taking ``raw`` to the result of applying ``second`` to ``mid``.

    ``first`` takes ``raw`` to ``mid``; ``second`` is in ``mid`` coordinates. Edits
    of ``second`` that touch an edit of ``first`` are merged with it.
    """
    if not first:
        return list(second)
    if not second:
        return list(first)
    # Spans of first's replacements in mid coordinates.
    spans: list[tuple[int, int, int]] = []  # (mid_start, mid_end, index in first)
    shift = 0
    for k, (s, e, rep) in enumerate(first):
        spans.append((s + shift, s + shift + len(rep), k))
        shift += len(rep) - (e - s)
    mid_ends = [m_end for _, m_end, _ in spans]
    shifts = []
    acc = 0
    for s, e, rep in first:
        acc += len(rep) - (e - s)
        shifts.append(acc)

    def to_raw(pos: int) -> int:
        """Raw offset of a mid offset lying in copied text (not inside a replacement)."""
        k = bisect_right(mid_ends, pos) - 1
        return pos - (shifts[k] if k >= 0 else 0)

    # Sweep both lists in mid coordinates, grouping items whose spans touch.
    items = [(a, b, 1, k) for a, b, k in spans]
    items += [(s, e, 2, k) for k, (s, e, _) in enumerate(second)]
    items.sort(key=lambda x: (x[0], x[1]))
    out: list[Edit] = []
    group: list[tuple[int, int, int, int]] = []
    g_end = -1

    def flush() -> None:
        if not group:
            return
        firsts = [it for it in group if it[2] == 1]
        seconds = [second[it[3]] for it in group if it[2] == 2]
        if not seconds:
            out.extend(first[it[3]] for it in firsts)
            return
        a = min(it[0] for it in group)
        b = max(it[1] for it in group)
        starts = {first[it[3]][0] for it in firsts if it[0] == a}
        ends = {first[it[3]][1] for it in firsts if it[1] == b}
        raw_a = min(starts) if starts else to_raw(a)
        raw_b = max(ends) if ends else to_raw(b)
        rel = [(s - a, e - a, rep) for s, e, rep in seconds]
        out.append((raw_a, raw_b, apply_edits(mid[a:b], rel)))

    for it in items:
        if group and it[0] <= g_end:
            group.append(it)
            g_end = max(g_end, it[1])
        else:
            flush()
            group = [it]
            g_end = it[1]
    flush()
    return [e for e in out if raw[e[0]:e[1]] != e[2]]


@dataclass
class Repaired:
    """The repaired text, the edits that made it from the raw text, and the offset map."""

    raw: str
    text: str
    edits: list[Edit]
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def __post_init__(self) -> None:
        shift = 0
        for s, e, rep in self.edits:
            self._starts.append(s + shift)
            shift += len(rep) - (e - s)

    @property
    def changed(self) -> bool:
        return bool(self.edits)

    def to_raw(self, offset: int) -> int:
        """Map an offset in the repaired text (0..len(text)) to the raw text.

        Offsets inside a replacement map into the raw span it replaced; the map is
        monotone and ``to_raw(len(text)) == len(raw)``.
        """
        if not 0 <= offset <= len(self.text):
            raise ValueError(
                f"offset {offset} is outside the repaired text (0..{len(self.text)})"
            )
        k = bisect_right(self._starts, offset) - 1
        if k < 0:
            return offset
        s, e, rep = self.edits[k]
        start = self._starts[k]
        if offset < start + len(rep):
            return s + min(offset - start, e - s)
        return e + (offset - start - len(rep))
