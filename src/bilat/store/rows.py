"""Article ↔ rows: the only place that knows how a record maps onto the tables.

Rows are built from ``Article.to_dict()`` rather than from the dataclasses, so
what goes into JSON columns is already plain JSON (lists, not tuples), and an
Article is rebuilt with the same ``from_dict`` rules the rest of bilat uses.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy.orm import selectinload

from bilat.errors import StoreWriteError
from bilat.record import MAX_ID_CHARS, Article, Entity, Event, Evidence, Figure, Relation
from bilat.store.models import ArticleRow, EventRow

ACTOR, RECIPIENT = "actor", "recipient"
#: The relations ``article_from_row`` reads, loaded with the article (``options=``).
ARTICLE_LOAD = (
    selectinload(ArticleRow.entities),
    selectinload(ArticleRow.events).selectinload(EventRow.countries),
    selectinload(ArticleRow.figures),
    selectinload(ArticleRow.relations),
)


def check_storable(record: dict[str, Any]) -> None:
    """Raise ``StoreWriteError`` unless both backends can store ``record`` and give it back equal.

    PostgreSQL refuses NUL characters in text and JSON; neither driver can encode
    lone surrogates; JSON has no NaN or infinity, and only string keys. The check is
    the same on SQLite, so a store can move between backends.
    """
    article_id = record.get("id")
    if not isinstance(article_id, str) or not article_id.strip():
        raise StoreWriteError(f"an article has the id {article_id!r}; give it a non-empty "
                              f"string id", source=str(article_id))
    if len(article_id) > MAX_ID_CHARS:
        raise StoreWriteError(
            f"article {article_id[:60]!r}… has an id of {len(article_id):,} characters, over "
            f"the {MAX_ID_CHARS} an id may have; give it a shorter id", source=article_id)
    if not _storable(record):
        _check_value(record, "", article_id)  # raises, naming the first bad value
    for kind in ("entities", "events"):
        seen: set[Any] = set()
        for item in record[kind]:
            if item["id"] in seen:
                raise StoreWriteError(
                    f"article {article_id!r} has two {kind} with id {item['id']!r}; "
                    f"ids must be unique within an article (fix the stage that made them)",
                    source=article_id)
            seen.add(item["id"])


def _storable(value: Any) -> bool:
    """Whether ``_check_value`` passes ``value`` (the same tests, without building the
    path of each value for a message)."""
    if isinstance(value, str):
        return value.isascii() and "\x00" not in value or _storable_text(value)
    if value is None or isinstance(value, (bool, int)):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _storable(k) and _storable(v)
                   for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(_storable(v) for v in value)
    return False


def _storable_text(value: str) -> bool:
    if "\x00" in value:
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _check_value(value: Any, path: str, article_id: Any) -> None:
    def fail(problem: str) -> None:
        raise StoreWriteError(
            f"article {article_id!r} cannot be stored: {path or 'the record'} {problem}",
            source=article_id)

    if value is None or isinstance(value, (bool, int)):
        return
    if isinstance(value, str):
        if "\x00" in value:
            fail("contains a NUL character (\\x00); remove it before storing")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            fail("contains a lone surrogate, which is not valid UTF-8; repair the text")
    elif isinstance(value, float):
        if not math.isfinite(value):
            fail(f"is {value}, which JSON and PostgreSQL cannot hold; give a finite number")
    elif isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                fail(f"has the non-string key {key!r}; JSON keys are strings")
            _check_value(key, f"{path}.{key}" if path else key, article_id)
            _check_value(item, f"{path}.{key}" if path else key, article_id)
    elif isinstance(value, (list, tuple)):  # a tuple comes back as a list, as from_dict does
        for i, item in enumerate(value):
            _check_value(item, f"{path}[{i}]", article_id)
    else:
        fail(f"holds a {type(value).__name__}, which is not JSON; give str, number, list or dict")


class NewArticle:
    """An article's rows as plain values, from its ``to_dict()`` (checked by
    ``check_storable``): what ``bulk`` inserts, and what cross-article resolution
    (``crossref``) reads, with the attribute names of ``ArticleRow`` and its rows.

    ``entities``, ``events`` (each with its ``countries``), ``figures`` and
    ``relations`` hold one namespace of column values per row, in position order;
    ``give_ids`` fills in their ids before they are inserted.
    """

    def __init__(self, record: dict[str, Any], content_hash: str, now: datetime,
                 minhash: bytes | None, duplicate_of: str | None) -> None:
        self.id: str = record["id"]
        #: ``date`` cut to a day, for date filters: on the article and its figures
        self.day = (record["date"] or "")[:10]
        self.title: str | None = record["title"]
        self.text: str = record["text"]
        self.duplicate_of = duplicate_of
        self.row = {
            "id": record["id"], "title": record["title"], "date": record["date"],
            "source": record["source"], "url": record["url"], "text": record["text"],
            "raw_text": record["raw_text"], "content_hash": content_hash,
            "edits": record["edits"], "extra": record["extra"], "record": record,
            "ingested_at": now, "duplicate_of": duplicate_of, "day": self.day,
            "minhash": minhash,
        }
        aid = self.id
        self.entities = [
            SimpleNamespace(
                id=None, article_id=aid, position=i, local_id=e["id"], name=e["name"],
                kind=e["kind"], country=e["country"], sector=e["sector"], title=e["title"],
                affiliation=e["affiliation"], mentions=e["mentions"], aliases=e["aliases"])
            for i, e in enumerate(record["entities"])
        ]
        self.events = [_event(aid, i, v, record["date"]) for i, v in enumerate(record["events"])]
        self.figures = [
            SimpleNamespace(
                id=None, article_id=aid, position=i, metric=f["metric"],
                countries=f["countries"], value=f["value"], unit=f["unit"],
                period=f["period"], change=f["change"], change_pct=f["change_pct"],
                label=f["label"], sectors=f["sectors"], evidence_start=f["evidence"]["start"],
                evidence_end=f["evidence"]["end"], day=self.day, kind=f["kind"],
                direction=f["direction"], base_period=f["base_period"])
            for i, f in enumerate(record["figures"])
        ]
        self.relations = [
            SimpleNamespace(
                id=None, article_id=aid, position=i, type=r["type"], subject=r["subject"],
                object=r["object"], evidence_start=r["evidence"]["start"],
                evidence_end=r["evidence"]["end"])
            for i, r in enumerate(record["relations"])
        ]


#: The tables of an article's own rows, in the order they are inserted.
OWN_TABLES = ("articles", "entities", "events", "event_countries", "figures", "relations")


def own_rows(articles: list[NewArticle]) -> dict[str, list[dict[str, Any]]]:
    """Table name → the rows of ``articles`` (ids given), in ``OWN_TABLES`` order."""
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in OWN_TABLES}
    for a in articles:
        out["articles"].append(a.row)
        out["entities"] += [vars(e) for e in a.entities]
        for v in a.events:
            row = vars(v).copy()
            countries = row.pop("countries")
            out["events"].append(row)
            out["event_countries"] += [{"event_id": v.id, **vars(c)} for c in countries]
        out["figures"] += [vars(f) for f in a.figures]
        out["relations"] += [vars(r) for r in a.relations]
    return out


def _event(article_id: str, position: int, v: dict[str, Any],
           article_date: str | None) -> SimpleNamespace:
    first = v["evidence"][0] if v["evidence"] else None
    return SimpleNamespace(
        id=None, article_id=article_id, position=position, local_id=v["id"], type=v["type"],
        mode=v["mode"], modality=v["modality"], date=v["date"],
        day=v["date"] or article_date, location=location_text(v["location"]),
        confidence=v["confidence"], cameo=v["cameo"], trigger=v["trigger"],
        context=v["context"], sectors=v["sectors"], actors=v["actors"],
        recipients=v["recipients"], evidence=v["evidence"],
        evidence_start=first["start"] if first else None,
        evidence_end=first["end"] if first else None,
        countries=[SimpleNamespace(role=role, position=i, country=c)
                   for role, key in ((ACTOR, "actor_countries"),
                                     (RECIPIENT, "recipient_countries"))
                   for i, c in enumerate(v[key])])


def article_from_row(row: ArticleRow) -> Article:
    """The Article stored in ``row``, rebuilt from the normalised columns."""
    return Article(
        id=row.id, text=row.text, title=row.title, date=row.date, source=row.source,
        url=row.url, raw_text=row.raw_text,
        edits=[(int(a), int(b), str(r)) for a, b, r in row.edits],
        entities=[
            Entity(
                id=e.local_id, name=e.name, kind=e.kind, country=e.country, sector=e.sector,
                title=e.title, affiliation=e.affiliation,
                mentions=[(int(a), int(b)) for a, b in e.mentions], aliases=list(e.aliases),
            )
            for e in row.entities
        ],
        events=[event_from_row(v) for v in row.events],
        figures=[
            Figure(
                metric=f.metric, countries=list(f.countries), value=f.value, unit=f.unit,
                period=f.period, change=f.change, change_pct=f.change_pct, label=f.label,
                sectors=list(f.sectors), evidence=Evidence(f.evidence_start, f.evidence_end),
                kind=f.kind, direction=f.direction, base_period=f.base_period,
            )
            for f in row.figures
        ],
        relations=[
            Relation(r.type, r.subject, r.object, Evidence(r.evidence_start, r.evidence_end))
            for r in row.relations
        ],
        extra=dict(row.extra),
    )


def event_from_row(v: EventRow) -> Event:
    return Event(
        id=v.local_id, type=v.type, mode=v.mode, context=list(v.context),
        actors=list(v.actors), recipients=list(v.recipients),
        actor_countries=[c.country for c in v.countries if c.role == ACTOR],
        recipient_countries=[c.country for c in v.countries if c.role == RECIPIENT],
        sectors=list(v.sectors), modality=v.modality,  # type: ignore[arg-type]
        date=v.date, location=location_of(v.location),
        confidence=v.confidence,  # type: ignore[arg-type]
        cameo=v.cameo, trigger=v.trigger,
        evidence=[Evidence(int(e["start"]), int(e["end"])) for e in v.evidence],
    )


def location_text(location: dict[str, Any] | None) -> str | None:
    """An event's location as the ``events.location`` column holds it (JSON text)."""
    return None if location is None else json.dumps(location, ensure_ascii=False,
                                                    separators=(",", ":"))


def location_of(text: str | None) -> dict[str, Any] | None:
    return None if text is None else json.loads(text)
