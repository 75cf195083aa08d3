"""What the extractors share about one article: its Doc, mentions, entities and pair."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span

from bilat import lexicon
from bilat.extract.dateline import context_year
from bilat.record import Article, Entity

# Phrases that stand for the article's country pair ("the two countries", "both sides").
PAIR_PHRASES = (
    "the two countries", "both countries", "the two nations", "both nations", "both sides",
    "the two sides", "the sides", "the parties", "both parties", "the two states",
    "our countries", "our two countries", "the countries", "our states", "our nations",
    "both states", "the two governments", "both governments", "the two leaders",
    "both leaders", "the two presidents", "the leaders", "the presidents", "bilateral",
    "two countries", "their countries", "the two heads of state", "the heads of state",
)


# The word just before a mention, hyphened or not: "ex-Soviet", "the former Yugoslavia".
PREFIX_BEFORE = re.compile(r"\b([A-Za-z]+)(?:\s?[-‐‑–]\s?|\s+)$")
PREFIX_IN = re.compile(r"([A-Za-z]+)[-‐‑–]")


@dataclass
class Mention:
    """A stretch of text that names an actor: an entity, or a country by demonym or capital."""

    start: int  # char offsets
    end: int
    entity: Entity | None
    country: str | None
    role: str = "name"  # name, demonym, capital, pair, title
    countries: tuple[str, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        if self.countries:
            return self.countries
        return (self.country,) if self.country else ()


def codes_of(mentions: list[Mention]) -> list[str]:
    """The countries of some mentions, each once, in order of first mention."""
    out: list[str] = []
    for m in mentions:
        for c in m.codes:
            if c not in out:
                out.append(c)
    return out


@dataclass
class Context:
    article: Article
    doc: Doc
    home: str | None = None
    home_from_source: bool = False  # the publisher says whose release it is (Kremlin …)
    pair: tuple[str, ...] = ()
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    country_ids: dict[str, str] = field(default_factory=dict)
    #: ``doc.text``, read once: spaCy rebuilds that string from the tokens on every access.
    text: str = ""
    #: Where the story's dateline is ("BAKU, Azerbaijan, June 11."): a place, no party.
    dateline: tuple[int, int] | None = None
    #: Token spans of the actor patterns (``lexicon/data/entities/patterns.jsonl``) by label.
    patterns: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    #: A person mention's start (char) → the token span of the title a pattern found before it.
    titles: dict[int, tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.doc.text

    @cached_property
    def written_since(self) -> str | None:
        """The story's date, else the earliest it can have been written: the first day of
        the latest year it names (a story naming 2022 was not written before 2022)."""
        if self.article.date:
            return self.article.date
        year = context_year(self.text)
        return f"{year}-01-01" if year else None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def in_dateline(self, m: Mention) -> bool:
        return self.dateline is not None and self.dateline[0] <= m.start < self.dateline[1]

    def names_what_was(self, m: Mention) -> bool:
        """"ex-Soviet republics" in a story of 2022, or in any story ("ex-", "former",
        "post-"): a state that had ended, no party and not what the story is about."""
        if not m.codes or not all(c in lexicon.ENDED for c in m.codes):
            return False
        before = PREFIX_BEFORE.search(self.text, max(0, m.start - 12), m.start) or \
            PREFIX_IN.match(self.text, m.start, m.end)  # "Post-Soviet" taken whole
        if before is not None and before.group(1).lower() in lexicon.word_set("past_prefixes"):
            return True
        return all(lexicon.ended_before(c, self.written_since) for c in m.codes)

    def sentence_of(self, char: int) -> Span:
        tok = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if tok is None or len(tok) == 0:
            return self.doc[:]
        return tok[0].sent

    def country_salience(self) -> Counter[str]:
        c: Counter[str] = Counter()
        for m in self.mentions:
            if self.in_dateline(m):
                continue  # where the story was filed, not what it is about
            if self.names_what_was(m):
                continue  # "ex-Soviet republics": history, not what it is about
            if m.entity is not None and m.entity.sector == "MED":
                continue  # the agency that reports ("By … – Trend"), not what it reports
            for code in m.codes:
                if m.role != "pair":
                    c[code] += 1
        return c
