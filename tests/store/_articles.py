"""Articles for the store tests: hand-built ones and a Hypothesis strategy."""

from __future__ import annotations

import itertools
from dataclasses import replace

from hypothesis import strategies as st

from bilat.record import (
    ACTOR_SECTORS,
    CHANGES,
    ENTITY_KINDS,
    FIGURE_METRICS,
    MODALITIES,
    RELATION_TYPES,
    Article,
    Entity,
    Event,
    Evidence,
    Figure,
    Relation,
)

SEED_TEXT = (
    "Azerbaijan's Deputy Minister of Economy Samad Bashirli met with a delegation from "
    "Uzbekistan, led by the chairman of the \"Uzeltexsanoat\" association, on May 14. "
    "Trade turnover between the two countries increased by 20 percent, he said."
)


def span(text: str, needle: str) -> Evidence:
    start = text.index(needle)
    return Evidence(start, start + len(needle))


def seed_article(article_id: str = "azernews-1", text: str = SEED_TEXT) -> Article:
    """The seed article's shape, with every part filled in."""
    met = span(text, "Samad Bashirli met with a delegation from Uzbekistan")
    return Article(
        id=article_id,
        text=text,
        title="Azerbaijan, Uzbekistan discuss cooperation in electrical engineering",
        date="2024-05-14",
        source="Azernews",
        url="https://www.azernews.az/business/226064.html",
        raw_text=text.replace("Deputy Minister", "DeputyMinister"),
        edits=[(27, 42, "Deputy Minister")],
        entities=[
            Entity("e1", "Samad Bashirli", "person", "AZE", "GOV",
                   title="Deputy Minister of Economy", affiliation="e2",
                   mentions=[(met.start, met.start + 14)], aliases=["Bashirli"]),
            Entity("e2", "Ministry of Economy", "organization", "AZE", "GOV",
                   mentions=[(28, 47)]),
            Entity("e3", "Uzeltexsanoat", "organization", "UZB", "BUS",
                   aliases=["Uzeltexsanoat association"]),
            Entity("e4", "Uzbekistan", "country", "UZB", mentions=[(82, 92)]),
        ],
        events=[
            Event("v1", "CONSULT", mode="visit", context=["economic", "technology"],
                  actors=["e1"], recipients=["e3", "e4"], actor_countries=["AZE"],
                  recipient_countries=["UZB"], sectors=["C27", "C26"],
                  date="2024-05-14", confidence=0.9, cameo="040", trigger="met",
                  location={"name": "Tashkent", "country": "UZB", "geonames_id": 1512569,
                            "lat": 41.26465, "lon": 69.21627, "kind": "city",
                            "source": "sentence"},
                  evidence=[met, span(text, "on May 14")]),
        ],
        figures=[
            Figure("trade_turnover", ["AZE", "UZB"], value=20.0, unit="percent",
                   change="increase", change_pct=20.0, label="trade turnover",
                   sectors=["C13"], evidence=span(text, "Trade turnover between")),
        ],
        relations=[
            Relation("leads", "e1", "e2", span(text, "Samad Bashirli")),
            Relation("member_of", "AZE", "e9", Evidence(0, 10)),
        ],
        extra={"feed": "azernews", "tags": ["economy", 2024], "score": 0.5, "n": None},
    )


def event(local_id: str, type_: str, actors: list[str], recipients: list[str],
          text: str, needle: str | None, date: str | None = None) -> Event:
    return Event(local_id, type_, actor_countries=actors, recipient_countries=recipients,
                 date=date, evidence=[span(text, needle)] if needle else [])


# -- Hypothesis -------------------------------------------------------------------

#: Any text both backends hold: no NUL (PostgreSQL refuses it), no lone surrogates.
texts = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),
                max_size=30)
optional_texts = st.none() | texts
codes = st.sampled_from(["AZE", "UZB", "RUS", "TUR", "KAZ", "SUN"])
offsets = st.integers(min_value=0, max_value=100_000)
evidence = st.builds(Evidence, offsets, offsets)
floats = st.floats(allow_nan=False, allow_infinity=False)
dates = st.none() | st.dates().map(lambda d: d.isoformat()) | st.sampled_from(["2024", "2024-05"])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | floats | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)

locations = st.none() | st.fixed_dictionaries({
    "name": texts, "country": st.none() | codes,
    "geonames_id": st.none() | st.integers(min_value=1, max_value=10**10),
    "lat": st.none() | floats, "lon": st.none() | floats,
    "kind": st.sampled_from(["city", "region", "country", "venue"]),
    "source": st.sampled_from(["sentence", "dateline"])})
entities = st.builds(
    Entity, id=texts, name=texts, kind=st.sampled_from(ENTITY_KINDS),
    country=st.none() | codes, sector=st.none() | st.sampled_from(ACTOR_SECTORS),
    title=optional_texts, affiliation=optional_texts,
    mentions=st.lists(st.tuples(offsets, offsets), max_size=3),
    aliases=st.lists(texts, max_size=2),
)
events = st.builds(
    Event, id=texts, type=st.sampled_from(["CONSULT", "AGREE", "SUPPORT", "AID"]),
    mode=optional_texts, context=st.lists(texts, max_size=2),
    actors=st.lists(texts, max_size=2), recipients=st.lists(texts, max_size=2),
    actor_countries=st.lists(codes, max_size=3), recipient_countries=st.lists(codes, max_size=3),
    sectors=st.lists(st.sampled_from(["C27", "C26", "D", "A01"]), max_size=2),
    modality=st.sampled_from(MODALITIES), date=dates, location=locations,
    confidence=floats, cameo=st.none() | st.sampled_from(["040", "057"]),
    trigger=optional_texts, evidence=st.lists(evidence, max_size=3),
)
figures = st.builds(
    Figure, metric=st.sampled_from(FIGURE_METRICS), countries=st.lists(codes, max_size=2),
    value=st.none() | floats, unit=optional_texts, period=optional_texts,
    change=st.none() | st.sampled_from(CHANGES), change_pct=st.none() | floats,
    label=optional_texts, sectors=st.lists(texts, max_size=2), evidence=evidence,
)
relations = st.builds(Relation, type=st.sampled_from(RELATION_TYPES), subject=texts,
                      object=texts, evidence=evidence)
articles = st.builds(
    Article, id=texts, text=texts, title=optional_texts, date=dates, source=optional_texts,
    url=optional_texts, raw_text=optional_texts,
    edits=st.lists(st.tuples(offsets, offsets, texts), max_size=3),
    entities=st.lists(entities, max_size=4, unique_by=lambda e: e.id),
    events=st.lists(events, max_size=4, unique_by=lambda e: e.id),
    figures=st.lists(figures, max_size=3), relations=st.lists(relations, max_size=3),
    extra=st.dictionaries(texts, json_values, max_size=3),
)

_serial = itertools.count()


def made_unique(article: Article) -> Article:
    """``article`` with an id and text no other article in the test run has.

    Hypothesis replays examples, and the store (rightly) refuses an article it has
    seen; a serial number in the id and the text keeps every example new.
    """
    n = next(_serial)
    raw = None if article.raw_text is None else f"#{n} {article.raw_text}"
    return replace(article, id=f"{n}:{article.id}", text=f"#{n} {article.text}", raw_text=raw)
