"""Reading across articles: filtered, keyset-paginated lists and the aggregate pages.

``Store`` inherits ``ReadApi``; the HTTP API is a thin shell over these methods.

Every list is ordered newest first by ``(day, id)`` and pages with an opaque cursor
holding the last row's ``(day, id)``: the next page is ``WHERE (day, id) < cursor``
on an index, never ``OFFSET``, so page 10,000 costs what page 1 does. A cursor is
bounded (at most ``MAX_CURSOR_CHARS``) whatever the data: the articles' cursor holds the
last article's content hash (64 hex digits, unique), not its id, which may be up to
200 characters of any script; the id is looked up by that hash. A list is
driven from the table whose index covers its most selective filter (``event_pairs``
for a pair, ``world_event_countries`` for a country, ``event_sectors`` for a sector,
``world_events`` otherwise); the pair, country and network pages are a handful of
``GROUP BY`` queries over ``event_pairs`` and its neighbours.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    or_,
    select,
)
from sqlalchemy.orm import aliased

from bilat import lexicon
from bilat.errors import UsageError
from bilat.lexicon import places
from bilat.record import FIGURE_METRICS, MODALITIES
from bilat.store import fulltext, located, stages
from bilat.store.models import (
    ArticleRow,
    EntityLinkRow,
    EntityRow,
    EventEntityRow,
    EventMentionRow,
    EventPairRow,
    EventSectorRow,
    FigureCountryRow,
    FigureRow,
    PairEntityRow,
    PairMonthRow,
    PairSectorEventRow,
    WorldEntityRow,
    WorldEventCountryRow,
    WorldEventRow,
)
from bilat.store.rows import ARTICLE_LOAD, article_from_row
from bilat.store.stages import MAP_IDS
from bilat.vocab import STAGE_OF_MODALITY, STAGE_OF_TYPE, Modality, Stage

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
#: Mentions shown per event in lists; an event's own page shows them all.
MENTIONS_IN_LIST = 5
MAX_MENTIONS = 1000
PAIR_TOP = 20
PAIR_LATEST = 10
ENTITY_EVENTS = 20
NETWORK_MAX_EDGES = 2000
COOPERATION = ("verbal_cooperation", "material_cooperation")
CONFLICT = ("verbal_conflict", "material_conflict")
STAGES = tuple(s.value for s in Stage)
ENTITY_KINDS = ("country", "person", "organization", "location")

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


# -- filters and cursors ---------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """The common filters of the API's lists (docs/api-contract.md)."""

    country: str | None = None
    pair: tuple[str, str] | None = None
    type: str | None = None
    sector: str | None = None
    modality: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None
    #: A place name ("Tashkent", "Guba") or GeoNames id, and the country of the place.
    location: str | None = None
    country_of_location: str | None = None

    def checked(self) -> Filters:
        """These filters, normalised (upper-case codes); UsageError names every bad one."""
        problems: list[str] = []
        country = _country(self.country, "country", problems)
        pair = None
        if self.pair is not None:
            if isinstance(self.pair, str) or len(self.pair) != 2:
                problems.append(f"pair must be two country codes such as AZE,UZB, "
                                f"not {self.pair!r}")
            else:
                a = _country(self.pair[0], "pair", problems)
                b = _country(self.pair[1], "pair", problems)
                if a and b:
                    if a == b:
                        problems.append(f"pair needs two different countries, not {a},{b}")
                    pair = (a, b)
        type_ = self.type.upper() if self.type else None
        if type_ and type_ not in lexicon.event_types():
            problems.append(f"unknown event type {self.type!r}; use one of "
                            + ", ".join(lexicon.event_types()))
        sector = self.sector.upper() if self.sector else None
        if sector and sector not in lexicon.isic_titles():
            problems.append(f"unknown sector {self.sector!r}; give an ISIC Rev.4 section or "
                            f"division such as C or C27")
        modality = self.modality.lower() if self.modality else None
        if modality and modality not in MODALITIES:
            problems.append(f"unknown modality {self.modality!r}; use one of "
                            + ", ".join(MODALITIES))
        for name in ("since", "until"):
            check_date(getattr(self, name), name, problems)
        q = self.q.strip() if self.q else None
        where = _country(self.country_of_location, "country_of_location", problems)
        location = self.location.strip() if self.location else None
        if self.location is not None and not location:
            problems.append("location must not be empty; give a place name such as "
                            "Tashkent or a GeoNames id")
        if problems:
            raise UsageError("; ".join(problems))
        return replace(self, country=country, pair=pair, type=type_, sector=sector,
                       modality=modality, q=q or None, location=location,
                       country_of_location=where)


def check_date(value: str | None, name: str, problems: list[str]) -> None:
    if value is None:
        return
    ok = bool(_DATE.match(value))
    if ok:
        parts = [int(p) for p in value.split("-")]
        try:
            dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            ok = False
    if not ok:
        problems.append(f"{name} {value!r} is not a date; use YYYY-MM-DD (or YYYY-MM, YYYY)")


def _country(value: str | None, name: str, problems: list[str]) -> str | None:
    if value is None:
        return None
    code = value.strip().upper()
    if code not in lexicon.countries():
        problems.append(f"{name}: unknown country {value!r}; give an ISO 3166 alpha-3 code "
                        f"such as AZE")
        return None
    return code


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    return limit


#: The types of a cursor's two keys, per list. Articles: (day, content hash).
_CURSOR_TYPES: dict[str, tuple[type, type]] = {
    "events": (str, int), "mentions": (str, int), "figures": (str, int), "entities": (int, int),
    "articles": (str, str)}
#: The longest cursor any list makes: base64 of ``["articles","YYYY-MM-DD","<64 hex>"]``
#: is 124 characters; the events' and entities' are shorter (day, integer).
MAX_CURSOR_CHARS = 128
_DAY = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")
_HASH = re.compile(r"^[0-9a-f]{64}$")


def encode_cursor(kind: str, key: tuple[Any, Any]) -> str:
    raw = json.dumps([kind, *key], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(kind: str, cursor: str | None) -> tuple[Any, Any] | None:
    if cursor is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        k, first, last = json.loads(raw)
        first_type, last_type = _CURSOR_TYPES[kind]
        if (k != kind or type(first) is not first_type  # noqa: E721 - bool is not int
                or type(last) is not last_type):
            raise ValueError(kind)
        if kind == "articles" and not (_DAY.match(first) and _HASH.match(last)):
            raise ValueError(kind)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as e:
        raise UsageError(f"cursor {cursor[:40]!r} is not a {kind} cursor; pass the "
                         f"next_cursor of the previous page unchanged") from e
    return first, last


def _before(day_col: Any, id_col: Any, key: tuple[Any, Any]) -> ColumnElement[bool]:
    d, i = key
    return or_(day_col < d, and_(day_col == d, id_col < i))


def _like(q: str) -> str:
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _until(value: str) -> str:
    # "2024-05" takes in all of May: every day string of May sorts below "2024-05~".
    return value + "~"


def _page(items: list[dict[str, Any]], keys: list[tuple[Any, Any]], limit: int,
          kind: str) -> dict[str, Any]:
    more = len(items) > limit
    return {"items": items[:limit],
            "next_cursor": encode_cursor(kind, keys[limit - 1]) if more else None}


# -- the mixin -------------------------------------------------------------------------


class ReadApi:
    """Cross-article reads; mixed into ``Store`` (which provides ``_sessions``)."""

    _sessions: Any

    # events ---------------------------------------------------------------------------

    def event_page(self, filters: Filters | None = None, limit: int = DEFAULT_LIMIT,
                   cursor: str | None = None) -> dict[str, Any]:
        """World events newest first: ``{"items": [...], "next_cursor": ...}``."""
        f = (filters or Filters()).checked()
        check_limit(limit)
        after = decode_cursor("events", cursor)
        with self._sessions() as session:
            found = fulltext.matching(session, "events", lexicon.fold(f.q),
                                      alone=f == Filters(q=f.q)) if f.q else None
            keys = [(d, i) for d, i in session.execute(_event_keys(f, limit + 1, after,
                                                                   found))]
            items = self._events_by_id(session, [i for _, i in keys], MENTIONS_IN_LIST)
        return _page(items, keys, limit, "events")

    def world_events(self, filters: Filters | None = None,
                     limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Every world event ``filters`` select (at most ``limit``), newest first, as
        ``event_page`` gives them, page after page."""
        cursor, n = None, 0
        while limit is None or n < limit:
            size = MAX_LIMIT if limit is None else min(MAX_LIMIT, limit - n)
            page = self.event_page(filters, size, cursor)
            yield from page["items"]
            n += len(page["items"])
            cursor = page["next_cursor"]
            if cursor is None:
                return

    def world_event(self, event_id: int) -> dict[str, Any] | None:
        """One world event with all its mentions (up to ``MAX_MENTIONS``); None if none."""
        with self._sessions() as session:
            items = self._events_by_id(session, [event_id], MAX_MENTIONS)
        return items[0] if items else None

    def _events_by_id(self, session: Any, ids: list[int],
                      mentions: int) -> list[dict[str, Any]]:
        if not ids:
            return []
        rows = {w.id: w for w in session.scalars(
            select(WorldEventRow).where(WorldEventRow.id.in_(ids)))}
        ranked = (select(EventMentionRow.world_event_id, EventMentionRow.article_id,
                         EventMentionRow.evidence, EventMentionRow.day,
                         func.row_number().over(
                             partition_by=EventMentionRow.world_event_id,
                             order_by=(EventMentionRow.day, EventMentionRow.event_row_id),
                         ).label("n"))
                  .where(EventMentionRow.world_event_id.in_(ids)).subquery())
        stmt = (select(ranked.c.world_event_id, ranked.c.article_id, ranked.c.evidence,
                       ArticleRow.title, ArticleRow.date)
                .join(ArticleRow, ArticleRow.id == ranked.c.article_id)
                .where(ranked.c.n <= mentions).order_by(ranked.c.world_event_id, ranked.c.n))
        by_event: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for wid, aid, evidence, title, date in session.execute(stmt):
            by_event[wid].append({"article_id": aid, "article_title": title,
                                  "article_date": date, "evidence": evidence})
        return [event_dict(rows[i], by_event[i]) for i in ids if i in rows]

    # articles -------------------------------------------------------------------------

    def article_page(self, filters: Filters | None = None, limit: int = DEFAULT_LIMIT,
                     cursor: str | None = None, source: str | None = None) -> dict[str, Any]:
        """Articles newest first (by their date, undated last), duplicates included."""
        f = (filters or Filters()).checked()
        check_limit(limit)
        after = decode_cursor("articles", cursor)
        a = ArticleRow
        stmt = select(a.day, a.id, a.content_hash, a.title, a.date, a.source, a.url,
                      a.duplicate_of)
        stmt = stmt.order_by(a.day.desc(), a.id.desc()).limit(limit + 1)
        with self._sessions() as session:
            found = fulltext.matching(session, "articles", f.q,
                                      alone=f == Filters(q=f.q) and not source) if f.q else None
            stmt = stmt.where(*_article_conditions(f, source, found))
            if after is not None:
                last = session.execute(select(a.day, a.id).where(
                    a.content_hash == after[1])).first()
                if last is None:
                    raise UsageError("the cursor names an article that is not stored; "
                                     "start again from the first page (no cursor)")
                stmt = stmt.where(_before(a.day, a.id, tuple(last)))
            rows = session.execute(stmt).all()
        return _page([_article_item(r) for r in rows], [(r.day, r.content_hash) for r in rows],
                     limit, "articles")

    def article_record(self, article_id: str) -> dict[str, Any] | None:
        """The article's record (README.md, "The record") plus ``duplicate_of``; None if
        not stored."""
        with self._sessions() as session:
            row = session.get(ArticleRow, article_id, options=ARTICLE_LOAD)
            if row is None:
                return None
            d = article_from_row(row).to_dict()
            d["duplicate_of"] = row.duplicate_of
            return d

    # entities -------------------------------------------------------------------------

    def entity_page(self, kind: str | None = None, country: str | None = None,
                    q: str | None = None, limit: int = DEFAULT_LIMIT,
                    cursor: str | None = None) -> dict[str, Any]:
        """World entities, the most reported first."""
        problems: list[str] = []
        if kind is not None and kind not in ENTITY_KINDS:
            problems.append(f"unknown entity kind {kind!r}; use one of " + ", ".join(ENTITY_KINDS))
        code = _country(country, "country", problems)
        if problems:
            raise UsageError("; ".join(problems))
        check_limit(limit)
        after = decode_cursor("entities", cursor)
        w = WorldEntityRow
        stmt = select(w)
        if kind:
            stmt = stmt.where(w.kind == kind)
        if code:
            stmt = stmt.where(w.country == code)
        if q and q.strip():
            stmt = stmt.where(w.name.ilike(_like(q.strip()), escape="\\"))
        if after is not None:
            stmt = stmt.where(_before(w.n_articles, w.id, after))
        stmt = stmt.order_by(w.n_articles.desc(), w.id.desc()).limit(limit + 1)
        with self._sessions() as session:
            rows = list(session.scalars(stmt))
        return _page([entity_dict(r) for r in rows], [(r.n_articles, r.id) for r in rows],
                     limit, "entities")

    def world_entity(self, entity_id: int) -> dict[str, Any] | None:
        """One world entity, its titles over time and its latest events; None if none."""
        with self._sessions() as session:
            row = session.get(WorldEntityRow, entity_id)
            if row is None:
                return None
            d = entity_dict(row)
            titles = session.execute(
                select(EntityRow.title, func.min(EntityLinkRow.day), func.max(EntityLinkRow.day))
                .join(EntityRow, EntityRow.id == EntityLinkRow.entity_row_id)
                .where(EntityLinkRow.world_entity_id == entity_id, EntityRow.title.is_not(None))
                .group_by(EntityRow.title).order_by(func.min(EntityLinkRow.day)))
            d["titles"] = [{"title": t, "first_seen": a or None, "last_seen": b or None}
                           for t, a, b in titles]
            ee = EventEntityRow
            ids = list(session.scalars(
                select(ee.world_event_id).where(ee.world_entity_id == entity_id)
                .order_by(ee.day.desc(), ee.world_event_id.desc()).limit(ENTITY_EVENTS)))
            d["events"] = self._events_by_id(session, ids, MENTIONS_IN_LIST)
            return d

    # figures --------------------------------------------------------------------------

    def figure_page(self, filters: Filters | None = None, metric: str | None = None,
                    limit: int = DEFAULT_LIMIT, cursor: str | None = None) -> dict[str, Any]:
        """Figures of canonical articles, newest first."""
        f = (filters or Filters()).checked()
        if metric is not None and metric not in FIGURE_METRICS:
            raise UsageError(f"unknown metric {metric!r}; use one of " + ", ".join(FIGURE_METRICS))
        check_limit(limit)
        after = decode_cursor("figures", cursor)
        with self._sessions() as session:
            rows = session.execute(_figure_query(f, metric, limit + 1, after)).all()
        return _page([figure_dict(*r) for r in rows], [(r[0].day, r[0].id) for r in rows],
                     limit, "figures")

    # aggregates -----------------------------------------------------------------------

    def pair_summary(self, a: str, b: str, since: str | None = None,
                     until: str | None = None) -> dict[str, Any]:
        """Everything the pair page shows, in a handful of aggregate queries."""
        f = Filters(pair=(a, b), since=since, until=until).checked()
        assert f.pair is not None
        ca, cb = sorted(f.pair)
        p = EventPairRow
        where = [p.country_a == ca, p.country_b == cb, *_day_conditions(p.day, f)]
        ps = PairSectorEventRow
        sector_where = [ps.country_a == ca, ps.country_b == cb, *_day_conditions(ps.day, f)]
        with self._sessions() as session:
            if f.since or f.until:
                # a date range: count the pair's events in it
                by_quad = dict(session.execute(
                    select(p.quad_class, func.count()).where(*where)
                    .group_by(p.quad_class)).all())
                months = session.execute(
                    select(p.month, p.type, func.count()).where(*where)
                    .group_by(p.month, p.type).order_by(p.month, p.type)).all()
                people = _pair_entities(session, where, "person")
                orgs = _pair_entities(session, where, "organization")
            else:
                # all time: the rollups crossref keeps
                pm = PairMonthRow
                pm_where = [pm.country_a == ca, pm.country_b == cb]
                by_quad = dict(session.execute(
                    select(pm.quad_class, func.sum(pm.events)).where(*pm_where)
                    .group_by(pm.quad_class)).all())
                months = session.execute(
                    select(pm.month, pm.type, pm.events).where(*pm_where)
                    .order_by(pm.month, pm.type)).all()
                people = _pair_entities_all_time(session, ca, cb, "person")
                orgs = _pair_entities_all_time(session, ca, cb, "organization")
            sectors = session.execute(
                select(ps.sector, func.count()).where(*sector_where)
                .group_by(ps.sector).order_by(func.count().desc(), ps.sector)
                .limit(50)).all()
            figures = session.execute(_figure_query(f, None, PAIR_TOP, None)).all()
            latest = list(session.scalars(
                select(p.world_event_id).where(*where)
                .order_by(p.day.desc(), p.world_event_id.desc()).limit(PAIR_LATEST)))
            latest_events = self._events_by_id(session, latest, MENTIONS_IN_LIST)
            if f.since or f.until:
                staged = _staged(session, sector_where)
                places = _located(session, EventPairRow, where, p.world_event_id)
            else:
                # all time: the rollups ``located`` and ``stages`` keep
                staged = stages.read(session, ca, cb)
                places = _with_locations(session, located.read(session, ca, cb))
        titles = lexicon.isic_titles()
        a_code, b_code = f.pair
        return {
            "pair": [a_code, b_code],
            "names": {a_code: lexicon.country_name(a_code), b_code: lexicon.country_name(b_code)},
            "totals": _totals(by_quad),
            "events_by_month": [{"month": m or None, "type": t, "count": n} for m, t, n in months],
            "sectors": [{"code": c, "title": titles.get(c), "count": n} for c, n in sectors],
            "people": people,
            "organizations": orgs,
            "figures": [figure_dict(*r) for r in figures],
            "latest": latest_events,
            "cooperation_map": _cooperation_map(staged),
            "places": _places(places),
            "meeting_places": _meeting_places(places, set(f.pair)),
        }

    def country_summary(self, country: str, since: str | None = None,
                        until: str | None = None) -> dict[str, Any]:
        """A country's totals and its partners, ranked by how many events they share."""
        f = Filters(country=country, since=since, until=until).checked()
        assert f.country is not None
        c = f.country
        p = EventPairRow
        wc = WorldEventCountryRow
        w = WorldEventRow
        with self._sessions() as session:
            by_quad = dict(session.execute(
                select(w.quad_class, func.count()).select_from(wc)
                .join(w, w.id == wc.world_event_id)
                .where(wc.country == c, *_day_conditions(wc.day, f))
                .group_by(w.quad_class)).all())
            rows = []
            for mine, other in ((p.country_a, p.country_b), (p.country_b, p.country_a)):
                rows += session.execute(
                    select(other, p.quad_class, func.count())
                    .where(mine == c, *_day_conditions(p.day, f))
                    .group_by(other, p.quad_class)).all()
            places = _located(session, WorldEventCountryRow,
                              [wc.country == c, *_day_conditions(wc.day, f)],
                              wc.world_event_id)
        partners: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for other, quad, n in rows:
            partners[other][quad] += n
        ranked = []
        for other, quads in partners.items():
            t = _totals(quads)
            ranked.append({"country": other, "name": lexicon.country_name(other),
                           "events": t["events"], "cooperation": t["cooperation"],
                           "conflict": t["conflict"],
                           "score": round((t["cooperation"] - t["conflict"]) / t["events"], 4)})
        ranked.sort(key=lambda r: (-r["events"], r["country"]))
        totals = _totals(by_quad)
        totals["partners"] = len(ranked)
        return {"country": c, "name": lexicon.country_name(c), "totals": totals,
                "partners": ranked, "places": _places(places),
                "meeting_places": _meeting_places(places, {c})}

    def network(self, filters: Filters | None = None, min_events: int = 1) -> dict[str, Any]:
        """Countries and the events between each two: ``{nodes, edges}``."""
        f = (filters or Filters()).checked()
        p = EventPairRow
        stmt = (select(p.country_a, p.country_b, p.quad_class, func.count(func.distinct(
            p.world_event_id))).where(*_day_conditions(p.day, f)))
        if f.type:
            stmt = stmt.where(p.type == f.type)
        if f.modality:
            stmt = stmt.where(p.modality == f.modality)
        if f.sector:
            stmt = stmt.where(_has_sector(p.world_event_id, f.sector))
        if f.country:
            stmt = stmt.where(or_(p.country_a == f.country, p.country_b == f.country))
        stmt = stmt.group_by(p.country_a, p.country_b, p.quad_class)
        with self._sessions() as session:
            rows = session.execute(stmt).all()
        edges: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for a, b, quad, n in rows:
            edges[(a, b)][quad] += n
        out = []
        for (a, b), quads in edges.items():
            t = _totals(quads)
            if t["events"] >= min_events:
                out.append({"a": a, "b": b, "events": t["events"],
                            "cooperation": t["cooperation"], "conflict": t["conflict"]})
        out.sort(key=lambda e: (-e["events"], e["a"], e["b"]))
        out = out[:NETWORK_MAX_EDGES]
        nodes: dict[str, int] = defaultdict(int)
        for e in out:
            nodes[e["a"]] += e["events"]
            nodes[e["b"]] += e["events"]
        return {"nodes": [{"id": c, "name": lexicon.country_name(c), "events": n}
                          for c, n in sorted(nodes.items(), key=lambda x: (-x[1], x[0]))],
                "edges": out}

    def search(self, q: str, limit: int = 20) -> dict[str, Any]:
        """The events and articles that match ``q`` best (``bilat.store.fulltext``), each
        with a ``snippet``: text around the matching words, and their offsets in it."""
        if not q or not q.strip():
            raise UsageError("q must not be empty; give the words to look for")
        check_limit(limit)
        with self._sessions() as session:
            events = fulltext.ranked(session, "events", lexicon.fold(q), limit)
            articles = fulltext.ranked(session, "articles", q, limit)
            by_id = {e["id"]: e for e in self._events_by_id(
                session, [i for i, _ in events], MENTIONS_IN_LIST)}
            a = ArticleRow
            rows = {r.id: r for r in session.execute(
                select(a.id, a.title, a.date, a.source, a.url, a.duplicate_of).where(
                    a.id.in_([i for i, _ in articles]))).all()} if articles else {}
        found_events = [{**by_id[str(i)], "snippet": fulltext.highlighted(snip)}
                        for i, snip in events if str(i) in by_id]
        found_articles = [{**_article_item(rows[i]), "snippet": fulltext.highlighted(snip)}
                          for i, snip in articles if i in rows]
        return {"events": found_events, "articles": found_articles}


# -- query builders --------------------------------------------------------------------


def _article_item(r: Any) -> dict[str, Any]:
    """An article in a list: a row with its id, title, date, source, url, duplicate_of."""
    return {"id": r.id, "title": r.title, "date": r.date, "source": r.source, "url": r.url,
            "duplicate_of": r.duplicate_of}


def _day_conditions(day_col: Any, f: Filters) -> list[ColumnElement[bool]]:
    out = []
    if f.since:
        out.append(day_col >= f.since)
    if f.until:
        out.append(day_col <= _until(f.until))
        out.append(day_col != "")
    return out


def _has_sector(id_col: Any, sector: str) -> ColumnElement[bool]:
    s = EventSectorRow
    match = s.section == sector if len(sector) == 1 else s.sector == sector
    return exists().where(s.world_event_id == id_col, match)


def _event_keys(f: Filters, limit: int, after: tuple[Any, int] | None,
                found: ColumnElement[bool] | None) -> Select[Any]:
    """``(day, id)`` of the events matching ``f``, newest first, from the best index;
    ``found``: ``f.q``'s condition (``fulltext.matching``)."""
    w = WorldEventRow
    need_w = bool(f.q or f.location or f.country_of_location)
    if f.pair:
        a, b = sorted(f.pair)
        p = EventPairRow
        day_col, id_col = p.day, p.world_event_id
        stmt = select(day_col, id_col).where(p.country_a == a, p.country_b == b)
        if f.type:
            stmt = stmt.where(p.type == f.type)
        if f.modality:
            stmt = stmt.where(p.modality == f.modality)
        if f.country and f.country not in f.pair:
            stmt = stmt.where(exists().where(WorldEventCountryRow.world_event_id == id_col,
                                             WorldEventCountryRow.country == f.country))
        sector_done = False
    elif f.country or f.sector:
        if f.country:
            wc = WorldEventCountryRow
            day_col, id_col = wc.day, wc.world_event_id
            stmt = select(day_col, id_col).where(wc.country == f.country)
            sector_done = False
        else:
            assert f.sector is not None
            s = EventSectorRow
            day_col, id_col = s.day, s.world_event_id
            col = s.section if len(f.sector) == 1 else s.sector
            stmt = select(day_col, id_col).where(col == f.sector)
            if len(f.sector) == 1:
                # one event may have two divisions of the section
                stmt = stmt.distinct()
            sector_done = True
        need_w = need_w or bool(f.type or f.modality)
    else:
        day_col, id_col = w.day, w.id
        stmt = select(day_col, id_col)
        if f.type:
            stmt = stmt.where(w.type == f.type)
        if f.modality:
            stmt = stmt.where(w.modality == f.modality)
        sector_done = False
    if need_w and day_col is not w.day:
        stmt = stmt.join(w, w.id == id_col)
        if not f.pair:
            if f.type:
                stmt = stmt.where(w.type == f.type)
            if f.modality:
                stmt = stmt.where(w.modality == f.modality)
    if found is not None:
        stmt = stmt.where(found)
    stmt = stmt.where(*_location_conditions(f))
    if f.sector and not sector_done:
        stmt = stmt.where(_has_sector(id_col, f.sector))
    stmt = stmt.where(*_day_conditions(day_col, f))
    if after is not None:
        stmt = stmt.where(_before(day_col, id_col, after))
    return stmt.order_by(day_col.desc(), id_col.desc()).limit(limit)


def _location_conditions(f: Filters) -> list[ColumnElement[bool]]:
    """``location`` (a name, any of its spellings the gazetteer knows, or a GeoNames id)
    and ``country_of_location``, on ``world_events``."""
    w = WorldEventRow
    out = []
    if f.country_of_location:
        out.append(w.location_country == f.country_of_location)
    if f.location:
        if f.location.isdigit() and len(f.location) <= 12:
            out.append(w.location_geonames_id == int(f.location))
        else:
            ids = sorted({m.place.geonames_id for m in places.candidates(f.location)
                          if m.place.geonames_id is not None})
            name = w.location_name_key == places.key(f.location)
            out.append(or_(name, w.location_geonames_id.in_(ids)) if ids else name)
    return out


def _article_conditions(f: Filters, source: str | None,
                        found: ColumnElement[bool] | None) -> list[ColumnElement[bool]]:
    """``found``: ``f.q``'s condition (``fulltext.matching``)."""
    a = ArticleRow
    out = _day_conditions(a.day, f)
    if source:
        out.append(a.source == source)
    if found is not None:
        out.append(found)
    countries = [c for c in ([f.country] if f.country else []) + list(f.pair or ())]
    for c in countries:
        m, wc = aliased(EventMentionRow), aliased(WorldEventCountryRow)
        out.append(exists().where(m.article_id == a.id, wc.world_event_id == m.world_event_id,
                                  wc.country == c))
    if f.type:
        m, w = aliased(EventMentionRow), aliased(WorldEventRow)
        out.append(exists().where(m.article_id == a.id, w.id == m.world_event_id,
                                  w.type == f.type))
    return out


def _figure_query(f: Filters, metric: str | None, limit: int,
                  after: tuple[Any, int] | None) -> Select[Any]:
    fr, a = FigureRow, ArticleRow
    evidence_text = func.substr(a.text, fr.evidence_start + 1,
                                fr.evidence_end - fr.evidence_start)
    countries = list(f.pair or ()) + ([f.country] if f.country else [])
    if countries:
        first = aliased(FigureCountryRow)
        day_col, id_col = first.day, first.figure_id
        stmt = (select(fr, evidence_text).select_from(first)
                .join(fr, fr.id == first.figure_id).join(a, a.id == fr.article_id)
                .where(first.country == countries[0]))
        for c in countries[1:]:
            other = aliased(FigureCountryRow)
            stmt = stmt.join(other, and_(other.figure_id == first.figure_id,
                                         other.country == c))
    else:
        day_col, id_col = fr.day, fr.id
        stmt = (select(fr, evidence_text).join(a, a.id == fr.article_id)
                .where(a.duplicate_of.is_(None)))
    if metric:
        stmt = stmt.where(fr.metric == metric)
    if f.sector:
        stmt = stmt.where(cast(fr.sectors, String).like(f'%"{f.sector}%'))
    if f.q:
        stmt = stmt.where(fr.label.ilike(_like(f.q), escape="\\"))
    stmt = stmt.where(*_day_conditions(day_col, f))
    if after is not None:
        stmt = stmt.where(_before(day_col, id_col, after))
    return stmt.order_by(day_col.desc(), id_col.desc()).limit(limit)


def _pair_entities(session: Any, where: list[Any], kind: str) -> list[dict[str, Any]]:
    p, ee, we = EventPairRow, EventEntityRow, WorldEntityRow
    counted = (select(ee.world_entity_id, func.count().label("events")).select_from(ee)
               .join(p, p.world_event_id == ee.world_event_id)
               .join(we, we.id == ee.world_entity_id)
               .where(*where, we.kind == kind)
               .group_by(ee.world_entity_id).order_by(func.count().desc(), ee.world_entity_id)
               .limit(PAIR_TOP).subquery())
    rows = session.execute(select(we, counted.c.events).join(counted, counted.c.world_entity_id
                                                             == we.id)
                           .order_by(counted.c.events.desc(), we.id)).all()
    return [{**entity_dict(r), "events": n} for r, n in rows]


def _pair_entities_all_time(session: Any, a: str, b: str, kind: str) -> list[dict[str, Any]]:
    pe, we = PairEntityRow, WorldEntityRow
    rows = session.execute(
        select(we, pe.events).join(pe, pe.world_entity_id == we.id)
        .where(pe.country_a == a, pe.country_b == b, pe.kind == kind)
        .order_by(pe.events.desc(), pe.world_entity_id).limit(PAIR_TOP)).all()
    return [{**entity_dict(r), "events": n} for r, n in rows]


def _stage_sql(type_col: Any, modality_col: Any) -> Any:
    """``vocab.stage`` as SQL, for events of a ``STAGE_OF_TYPE`` type, not negated."""
    return case(*((modality_col == str(m), str(st)) for m, st in STAGE_OF_MODALITY.items()),
                *((type_col == str(t), str(st)) for t, st in STAGE_OF_TYPE.items()))


def _staged(session: Any, where: list[Any], cap: int | None = MAP_IDS
            ) -> list[tuple[str, str, int]]:
    """(sector, stage, world event id) of the newest ``cap`` events of each sector and
    stage (all when None) among the rows ``where`` selects in ``pair_sector_events`` (a
    pair and dates), by sector and stage, newest first.

    The stage is computed and ranked in SQL, so a busy pair sends at most ``MAP_IDS``
    rows per sector and stage (GBR-USA: ~4,000 rows instead of ~6,800 ranked per type
    and modality and then folded in Python). For all time, ``stages.read`` gives the
    same from the rollup.
    """
    ps = PairSectorEventRow
    st = _stage_sql(ps.type, ps.modality)
    ranked = (select(ps.sector, st.label("stage"), ps.world_event_id,
                     func.row_number().over(partition_by=(ps.sector, st),
                                            order_by=(ps.day.desc(), ps.world_event_id.desc()))
                     .label("n"))
              .where(*where, ps.type.in_([str(t) for t in STAGE_OF_TYPE]),
                     ps.modality != Modality.NEGATED.value)
              .subquery())
    stmt = select(ranked.c.sector, ranked.c.stage, ranked.c.world_event_id)
    if cap is not None:
        stmt = stmt.where(ranked.c.n <= cap)
    return [tuple(r) for r in session.execute(
        stmt.order_by(ranked.c.sector, ranked.c.stage, ranked.c.n))]


def _cooperation_map(rows: list[tuple[str, str, int]]) -> list[dict[str, Any]]:
    """The map of a pair: each sector's stages hold the newest events of that stage
    (``rows``: ``_staged``'s)."""
    sectors: dict[str, dict[str, list[str]]] = {}
    for sector, stage_, wid in rows:
        by_stage = sectors.get(sector)
        if by_stage is None:
            by_stage = sectors[sector] = {k: [] for k in STAGES}
        by_stage[stage_].append(str(wid))
    titles = lexicon.isic_titles()
    out = []
    for sector in sorted(sectors):
        by_stage = sectors[sector]
        reached = [k for k in STAGES if by_stage[k]]
        out.append({"sector": sector, "title": titles.get(sector), "stage": reached[-1],
                    "stages": by_stage})
    return out


#: Places shown on a map at most (the busiest); "where they meet" rows at most.
MAP_PLACES = 300
MEETING_ROWS = 50


@dataclass
class _Located:
    """The located events of a pair or country, grouped by place, quad class, type,
    mode and parties (a few hundred rows even for a busy pair)."""

    rows: list[tuple[Any, ...]]
    locations: dict[int, dict[str, Any]]


def _located(session: Any, link: Any, where: list[Any], id_col: Any) -> _Located:
    """Counts of the events selected by ``where`` on the link table ``link`` (pairs or
    countries) that have a location, per place group (``located.group_columns``); and
    one location record per place."""
    w = WorldEventRow
    group = located.group_columns(w)
    rows = session.execute(
        select(*group, func.count(), func.max(w.day), func.max(w.id))
        .select_from(link).join(w, w.id == id_col)
        .where(*where, w.location_name_key.is_not(None))
        .group_by(*group)).all()
    return _with_locations(session, [located.unfolded(tuple(r)) for r in sorted(rows)])


def _with_locations(session: Any, rows: list[tuple[Any, ...]]) -> _Located:
    """``rows`` (place groups, counts, greatest day and id) with the location record of
    each group's greatest id."""
    w = WorldEventRow
    ids = sorted({r[-1] for r in rows})
    locations: dict[int, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        for wid, loc in session.execute(select(w.id, w.location)
                                        .where(w.id.in_(ids[i:i + 500]))):
            locations[wid] = loc
    return _Located(rows, locations)


def _place_id(gid: int | None, name_key: str, country: str | None) -> str:
    """A place's id in the API: its GeoNames id, else its folded name."""
    return str(gid) if gid is not None else name_key


def _places(located: _Located) -> list[dict[str, Any]]:
    """The map's marks: one per place, with its events by cooperation and conflict."""
    marks: dict[tuple[Any, ...], dict[str, Any]] = {}
    for gid, name_key, country, quad, _type, _mode, _key, n, day, last in located.rows:
        k = (gid, name_key if gid is None else "", country)
        mark = marks.get(k)
        loc = located.locations.get(last) or {}
        if mark is None:
            mark = marks[k] = {
                "id": _place_id(gid, name_key, country), "name": loc.get("name"),
                "country": country, "geonames_id": gid, "kind": loc.get("kind"),
                "lat": loc.get("lat"), "lon": loc.get("lon"), "events": 0,
                "cooperation": 0, "conflict": 0, "latest": "", "_last": -1}
        mark["events"] += n
        if quad in COOPERATION:
            mark["cooperation"] += n
        elif quad in CONFLICT:
            mark["conflict"] += n
        if (day or "", last) > (mark["latest"], mark["_last"]):
            mark["latest"], mark["_last"] = day or "", last
            mark["name"] = loc.get("name") or mark["name"]
            if loc.get("lat") is not None:
                mark["lat"], mark["lon"] = loc.get("lat"), loc.get("lon")
    out = sorted(marks.values(), key=lambda m: (-m["events"], m["id"]))[:MAP_PLACES]
    for m in out:
        del m["_last"]
        m["latest"] = m["latest"] or None
    return out


def meeting_setting(location_country: str | None, parties: set[str], mode: str | None,
                    n_countries: int) -> str:
    """Where a meeting of ``parties`` took place: ``multilateral`` (a summit or forum of
    more countries), ``host`` (at one party's home) or ``neutral`` (on a third country's
    ground)."""
    if mode == "multilateral" or n_countries > 2:
        return "multilateral"
    if location_country in parties:
        return "host"
    return "neutral"


def _meeting_places(located: _Located, parties: set[str]) -> list[dict[str, Any]]:
    """"Where they meet": the meetings (CONSULT) with a place, by setting and place. For a
    pair, ``host`` is a meeting in one of the two countries; for a country, ``host`` is
    one at home and ``neutral`` one abroad in its partner's or a third country."""
    rows: dict[tuple[str, Any, str], dict[str, Any]] = {}
    for gid, name_key, country, _quad, type_, mode, key, n, day, last in located.rows:
        if type_ != "CONSULT":
            continue
        countries = set((key or "").split())
        if len(parties) == 1:
            setting = "multilateral" if mode == "multilateral" or len(countries) > 2 else \
                ("host" if country in parties else "abroad")
        else:
            setting = meeting_setting(country, parties, mode, len(countries))
        k = (setting, gid if gid is not None else name_key, country or "")
        loc = located.locations.get(last) or {}
        row = rows.get(k)
        if row is None:
            row = rows[k] = {"setting": setting, "place": loc.get("name"),
                             "place_id": _place_id(gid, name_key, country),
                             "country": country, "kind": loc.get("kind"), "meetings": 0,
                             "latest": None}
        row["meetings"] += n
        if day and (row["latest"] is None or day > row["latest"]):
            row["latest"] = day
    order = {"host": 0, "abroad": 1, "neutral": 2, "multilateral": 3}
    out = sorted(rows.values(), key=lambda r: (order[r["setting"]], -r["meetings"],
                                                r["place"] or ""))
    return out[:MEETING_ROWS]


def _totals(by_quad: dict[Any, int]) -> dict[str, int]:
    out = {q: int(by_quad.get(q, 0)) for q in (*COOPERATION, *CONFLICT)}
    out["cooperation"] = sum(out[q] for q in COOPERATION)
    out["conflict"] = sum(out[q] for q in CONFLICT)
    out["events"] = int(sum(by_quad.values()))
    return out


# -- rows to dicts ---------------------------------------------------------------------


def event_dict(w: WorldEventRow, mentions: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": str(w.id), "type": w.type, "mode": w.mode, "modality": w.modality,
        "date": w.date or w.day or None, "actor_countries": list(w.actor_countries),
        "recipient_countries": list(w.recipient_countries), "sectors": list(w.sectors),
        "context": list(w.context), "confidence": w.confidence, "cameo": w.cameo,
        "quad_class": w.quad_class, "location": w.location,
        "mention_count": w.n_mentions, "mentions": mentions,
    }


def entity_dict(r: WorldEntityRow) -> dict[str, Any]:
    return {"id": str(r.id), "name": r.name, "kind": r.kind, "country": r.country,
            "sector": r.sector, "title": r.title,
            "aliases": sorted(n for n in (r.names or {}) if n != r.name),
            "articles": r.n_articles, "mentions": r.n_mentions}


def figure_dict(fr: FigureRow, evidence_text: str | None) -> dict[str, Any]:
    return {"id": str(fr.id), "metric": fr.metric, "label": fr.label,
            "countries": list(fr.countries), "value": fr.value, "unit": fr.unit,
            "period": fr.period, "change": fr.change, "change_pct": fr.change_pct,
            "sectors": list(fr.sectors), "date": fr.day or None, "article_id": fr.article_id,
            "evidence": {"start": fr.evidence_start, "end": fr.evidence_end,
                         "text": evidence_text if fr.evidence_end > fr.evidence_start >= 0
                         else ""}}

