"""Counted groups of countries: "the four countries", "all six nations", "the six".

A count of countries stands for the countries the text has just named, when exactly that
many are named there: the rest of its own sentence ("six nations -- Britain, Canada,
France, Japan, the U.S. and West Germany -- ..."), else the nearest sentence before it
(its own sentence up to the phrase first) with a list of that many ("trade benefits for
Nicaragua, Paraguay and Romania ... the three countries") or naming that many, else
everything before it. With no such place
the phrase names nobody: a group is never filled in by guess. Two is left to the pair
phrases ("the two countries" is the article's pair, ``context.PAIR_PHRASES``).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from bilat import lexicon
from bilat.extract.context import Context, Mention

MIN_COUNT = 3
# A numeral standing alone for its group ("The six agreed to cooperate").
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj"})


@cache
def _number_words() -> dict[str, int]:
    return {row[0]: int(float(row[1])) for row in lexicon.figure_rows("numbers")
            if len(row) > 2 and row[2] == "number"}


def _count(tok: Token) -> int | None:
    low = tok.lower_
    if low.isdigit():
        return int(low)
    return _number_words().get(low)


def group_mentions(ctx: Context) -> None:
    """Add a mention (role ``group``) for each counted group the text resolves."""
    nouns = lexicon.entity_word_set("group_nouns")
    dets = lexicon.entity_word_set("group_determiners")
    named = [m for m in ctx.mentions if _names_country(m) and not ctx.in_dateline(m)]
    found: list[Mention] = []
    for tok in ctx.doc:
        n = _count(tok)
        if n is None or n < MIN_COUNT or tok.i == 0 or tok.nbor(-1).lower_ not in dets:
            continue
        nxt = tok.nbor(1) if tok.i + 1 < len(ctx.doc) else None
        if nxt is not None and nxt.lower_ == "member" and nxt.i + 1 < len(ctx.doc):
            nxt = nxt.nbor(1)
        if nxt is not None and nxt.lower_ in nouns:
            end = nxt.idx + len(nxt.text)
        elif tok.dep_ in NOMINAL_DEPS and tok.pos_ == "NUM":
            end = tok.idx + len(tok.text)
        else:
            continue
        start = tok.nbor(-1).idx
        codes = _resolve(ctx, named, tok.sent, start, end, n)
        if codes:
            found.append(Mention(start, end, None, None, "group", codes))
    if found:
        ctx.mentions.extend(found)
        ctx.mentions.sort(key=lambda x: x.start)


def _names_country(m: Mention) -> bool:
    return m.role in ("name", "demonym") and m.entity is not None and \
        m.entity.kind == "country" and bool(m.codes)


def _codes(mentions: list[Mention]) -> tuple[str, ...]:
    out: list[str] = []
    for m in mentions:
        out += [c for c in m.codes if c not in out]
    return tuple(out)


def _resolve(ctx: Context, named: list[Mention], sent: Span, start: int, end: int,
             n: int) -> tuple[str, ...]:
    after = _codes([m for m in named if end <= m.start < sent.end_char])
    if len(after) == n:
        return after
    before = [m for m in named if m.start < start]
    scopes = [[m for m in before if m.start >= sent.start_char]]
    for s in reversed([s for s in ctx.doc.sents if s.end_char <= sent.start_char]):
        scopes.append([m for m in before if s.start_char <= m.start < s.end_char])
    for scope in scopes:
        for listed in reversed(_lists(ctx, scope)):
            if len(listed) == n:
                return listed
        codes = _codes(scope)
        if len(codes) == n:
            return codes
    codes = _codes(before)
    return codes if len(codes) == n else ()


def _lists(ctx: Context, mentions: list[Mention]) -> list[tuple[str, ...]]:
    """The countries of each coordination among ``mentions`` ("for Nicaragua, Paraguay and
    Romania"), in text order."""
    by_first: dict[int, list[Mention]] = {}
    for m in mentions:
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        by_first.setdefault(tok.i, []).append(m)
    return [_codes(ms) for _, ms in sorted(by_first.items()) if len(ms) > 1]
