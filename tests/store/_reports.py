"""Hand-built news reports for the cross-article tests: quick to make, easy to read."""

from __future__ import annotations

from bilat.record import Article, Entity, Event, Figure

from ._articles import span


def report(article_id: str, text: str, date: str | None, *events: Event,
           entities: list[Entity] | None = None, figures: list[Figure] | None = None,
           title: str | None = None) -> Article:
    return Article(id=article_id, text=text, title=title or text[:40], date=date,
                   source="test", events=list(events), entities=entities or [],
                   figures=figures or [])


def ev(local_id: str, type_: str, actors: list[str], recipients: list[str], text: str,
       needle: str, *, date: str | None = None, sectors: list[str] | None = None,
       modality: str = "asserted", people: list[str] | None = None) -> Event:
    return Event(local_id, type_, actor_countries=actors, recipient_countries=recipients,
                 date=date, sectors=sectors or [], modality=modality, confidence=0.8,
                 actors=people or [], evidence=[span(text, needle)])


def person(local_id: str, name: str, country: str | None, text: str,
           title: str | None = None) -> Entity:
    return Entity(local_id, name, "person", country, "GOV", title=title,
                  mentions=[(span(text, name).start, span(text, name).end)] if name in text else [])


def org(local_id: str, name: str, country: str | None) -> Entity:
    return Entity(local_id, name, "organization", country, "BUS")
