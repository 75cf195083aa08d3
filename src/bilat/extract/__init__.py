"""The extract stage: entities, events, figures and relations from a parsed article.

``run(article, doc)`` fills the article's entities, event mentions (one per trigger),
figures and relations; ``bilat.resolve`` then merges mentions of the same event.
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc

from bilat.extract import dateline, dates, entities, events, figures, relations, sectors
from bilat.extract.context import Context
from bilat.record import Article
from bilat.vocab import Modality

logger = logging.getLogger(__name__)


def run(article: Article, doc: Doc) -> Article:
    published = None if article.date else dateline.url_date(article.url)
    line = dateline.find(article.text, int(published[:4]) if published else None)
    if line is not None:
        article.extra["dateline"] = line.to_dict()
        if not article.date and line.date:
            article.date = line.date  # "BAKU, Azerbaijan, June 11": the story's own date
            article.extra["date_from"] = "dateline"
    if not article.date and published and len(published) == 10:
        article.date = published  # ".../2024/02/20/...": when it was published
        article.extra["date_from"] = "url"
    ctx = Context(article=article, doc=doc,
                  dateline=(line.start, line.end) if line is not None else None)
    entities.build(ctx)
    evs = events.find(ctx, sectors.sectors_of)
    for ev in evs:
        span = ev.evidence[0]
        # The dateline's own date is the story's, not what the sentence says of the event
        # ("ANKARA, 14 May 2025 — … held talks yesterday": the 13th).
        start = max(span.start, line.end) if line is not None else span.start
        ev.date = dates.resolve(article.text[start: span.end], article.date,
                                future=ev.modality == Modality.FUTURE)
    article.entities = [e for e in ctx.entities]
    article.events = evs
    article.figures = figures.find(ctx, sectors.sectors_of)
    article.relations = relations.find(ctx)
    article.extra["pair"] = list(ctx.pair)
    article.extra["home"] = ctx.home
    return article

