"""Economic sectors (ISIC Rev.4) named in a stretch of text."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span

from bilat import lexicon


@cache
def _pattern() -> tuple[re.Pattern[str], dict[str, lexicon.SectorTerm]]:
    terms = {t.term: t for t in lexicon.sector_terms()}
    alts = sorted(terms, key=len, reverse=True)
    pat = re.compile(r"\b(" + "|".join(re.escape(a) for a in alts) + r")\b", re.IGNORECASE)
    return pat, terms


def sectors_in(text: str) -> tuple[list[str], set[str]]:
    """ISIC codes named in ``text``, most specific first, and the contexts they imply.

    A section is dropped when one of its divisions is also named ("energy" beside
    "electricity" gives D35 alone).
    """
    pat, terms = _pattern()
    codes: list[str] = []
    ctx: set[str] = set()
    for m in pat.finditer(text):
        term = terms[m.group(1).lower()]
        for c in term.codes:
            if c not in codes:
                codes.append(c)
        if term.context:
            ctx.add(term.context)
    sections = {c for c in codes if len(c) == 1}
    divisions = [c for c in codes if len(c) > 1]
    covered = {c[0] for c in divisions}
    return divisions + [s for s in codes if s in sections and s not in covered], ctx


def sectors_of(sent: Span) -> tuple[list[str], set[str]]:
    return sectors_in(sent.text)
