"""Across articles: one world entity per real entity, one world event per real event.

Runs inside ``Store.save``'s transaction, after the article's own rows are inserted, so
an article and its resolution are stored together or not at all.

Entities (``link_entities``)
    A name is reduced to keys: accents folded, case and punctuation dropped; for
    people, honorifics dropped and each word cut to its consonant skeleton (first
    letter, then no vowels or ``y``, doubled letters single), so transliterations
    meet ("Zelensky", "Zelenskyy", "Zelenskiy" → ``zlnsk``; "Volodymyr", "Vladimir"
    → ``vldmr``); for organisations, legal suffixes dropped ("Akfa Group" → ``akfa``).
    Countries are keyed by their ISO code. An entity joins the world entity sharing
    a key of the same kind whose country agrees (equal, or either unknown); failing
    that, a weaker key may join it to a *single* candidate: a surname alone
    ("Zelensky") to the person with that surname, a full name to a person with the
    same surname and first initial, an acronym ("ADB") to the organisation with
    those initials. Titles are kept per mention; the world entity shows the latest.

Events (``link_events``)
    Which world event a mention reports, and what it adds to it, is decided in
    ``bilat.resolve.world`` (the same type, modality and countries, a date in the
    window, sectors and named objects that agree; the nearest, most alike candidate);
    here the candidates are fetched and the rows written. A world event keeps the most
    specific location its reports give (a sentence's place over a dateline's, a city or
    venue over a region, a region over a country).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bilat import lexicon
from bilat.lexicon.places import key as place_key
from bilat.lexicon.places import more_specific
from bilat.resolve import world as across
from bilat.store import located, series
from bilat.store.known import kept
from bilat.store.known import known as _known
from bilat.store.models import (
    ArticleRow,
    EntityAliasRow,
    EntityLinkRow,
    EventEntityRow,
    EventMentionRow,
    EventPairRow,
    EventRow,
    EventSectorRow,
    FigureCountryRow,
    PairEntityRow,
    PairMonthRow,
    PairSectorEventRow,
    WorldEntityRow,
    WorldEventCountryRow,
    WorldEventRow,
)
from bilat.store.rows import ACTOR, RECIPIENT, location_of
from bilat.vocab import Modality

#: Keys are cut here: PostgreSQL's b-tree entries have a size limit.
MAX_KEY_CHARS = 200
SEARCH_TEXT_CHARS = 4000
EVIDENCE_CHARS = 2000
CANDIDATES = 50

_WORD = re.compile(r"\w+")
HONORIFICS = frozenset(
    "mr mrs ms miss dr sir madam mister president prime minister deputy chairman chairwoman "
    "king queen prince sheikh sheik general gen his her excellency h e hon honourable "
    "honorable secretary ambassador senator".split())
ORG_SUFFIXES = frozenset(
    "the group llc jsc ojsc pjsc cjsc ojsc co company corp corporation inc incorporated ltd "
    "limited plc holding holdings ag gmbh sa nv bv spa ab as asa oy oao zao tov".split())


# -- keys ------------------------------------------------------------------------------


def _words(name: str) -> list[str]:
    return _WORD.findall(lexicon.fold(name).casefold())


def skeleton(word: str) -> str:
    """First letter, then the consonants: how transliterations of a name agree."""
    w = re.sub(r"(.)\1+", r"\1", word)
    return (w[:1] + re.sub(r"[aeiouy]", "", w[1:]))[:MAX_KEY_CHARS]


def _person_words(name: str) -> list[str]:
    return [w for w in _words(name) if w not in HONORIFICS]


def _org_words(name: str) -> list[str]:
    words = _words(name)
    return [w for w in words if w not in ORG_SUFFIXES] or words


def keys(kind: str, name: str, country: str | None) -> tuple[set[str], set[str]]:
    """``(keys to store, weak keys to look up)`` for an entity's name or alias."""
    if kind == "country" and country:
        return {f"c:{country}"}, set()
    if kind == "person":
        words = _person_words(name)
        if not words:
            return set(), set()
        full = " ".join(skeleton(w) for w in words)[:MAX_KEY_CHARS]
        surname = skeleton(words[-1])
        if len(words) == 1:
            return {full}, {"~" + surname}
        return {full, "~" + surname}, {surname, "~" + surname}
    words = _org_words(name)
    if not words:
        return set(), set()
    full = " ".join(words)[:MAX_KEY_CHARS]
    if len(words) == 1:
        return {full}, {"~" + full}
    initials = "".join(w[0] for w in words if w not in across.STOPWORDS)
    return {full, "~" + initials}, {initials}


def _first_initial(kind: str, name: str) -> str:
    words = _person_words(name) if kind == "person" else []
    return words[0][:1] if len(words) > 1 else ""


# -- entities --------------------------------------------------------------------------


def link_entities(session: Session, article: ArticleRow) -> dict[str, int]:
    """Link each entity of ``article`` to its world entity; local id → world entity id."""
    day = article.day
    out: dict[str, int] = {}
    counted: set[int] = set()
    for e in article.entities:
        names = [n for n in [e.name, *e.aliases] if isinstance(n, str) and n.strip()]
        store_keys: set[str] = set()
        weak: set[str] = set()
        for n in names:
            k, w = keys(e.kind, n, e.country)
            store_keys |= k
            weak |= w
        if not store_keys:
            continue
        world = _find_entity(session, e.kind, e.country, e.name, store_keys, weak)
        if world is None:
            world = WorldEntityRow(kind=e.kind, name=e.name, country=e.country, sector=e.sector,
                                   title=None, title_day="", names={}, n_articles=0,
                                   n_mentions=0, first_day=day, last_day=day)
            if e.kind == "country" and e.country:
                world.name = lexicon.country_name(e.country)
            _add_new(session, world)
            _known(session).created(world)
        _update_entity(world, e, names, day, world.id not in counted)
        counted.add(world.id)
        _add_keys(session, world.id, e.kind, e.country, store_keys)
        _known(session).insert(EntityLinkRow, entity_row_id=e.id, world_entity_id=world.id,
                               article_id=article.id, day=day)
        out[e.local_id] = world.id
    return out


def _find_entity(session: Session, kind: str, country: str | None, name: str,
                 strong: set[str], weak: set[str]) -> WorldEntityRow | None:
    known = _known(session)

    found = known.candidates(session, kind, {k for k in strong if not k.startswith("~")},
                             country)
    if found:
        ids = sorted({i for i, _ in found})
        # The one with the same country, else the best known.
        same = [i for i, c in found if country and c == country]
        rows = [known.entity(session, i) for i in (same or ids)]
        return max((r for r in rows if r is not None), key=lambda r: (r.n_articles, -r.id))
    if not weak:
        return None
    ids = sorted({i for i, _ in known.candidates(session, kind, weak, country)})
    initial = _first_initial(kind, name)
    if initial and kind == "person":
        ids = [i for i in ids if known.initials_of(session, i) & {initial, ""}]
    if len(ids) != 1:
        return None  # unknown, or ambiguous: a new entity is safer than a wrong merge
    return known.entity(session, ids[0])


def _update_entity(world: WorldEntityRow, e: Any, names: list[str], day: str,
                   new_article: bool) -> None:
    counts = dict(world.names or {})
    for n in dict.fromkeys(names):
        if new_article or n not in counts:
            counts[n] = counts.get(n, 0) + 1
    world.names = counts
    if world.kind != "country" or not world.country:
        world.name = max(counts, key=lambda n: (len(n.split()) > 1, counts[n], len(n), n))
    if new_article:
        world.n_articles += 1
    world.n_mentions += max(1, len(e.mentions or []))
    world.country = world.country or e.country
    world.sector = world.sector or e.sector
    if e.title and (world.title is None or day >= world.title_day):
        world.title, world.title_day = e.title, day
    if day:
        world.first_day = min(world.first_day or day, day)
        world.last_day = max(world.last_day, day)


def _add_keys(session: Session, entity_id: int, kind: str, country: str | None,
              ks: set[str]) -> None:
    known = _known(session)
    have = known.keys_of(session, entity_id, kind, country or "")
    for k in sorted(ks - have):
        known.insert(EntityAliasRow, kind=kind, key=k, country=country or "",
                     entity_id=entity_id)
        known.add(kind, k, country or "", entity_id)


# -- events ----------------------------------------------------------------------------


def _evidence(text: str, spans: list[dict[str, int]]) -> list[dict[str, Any]]:
    """The spans with their text (cut at ``EVIDENCE_CHARS``; "" for a span off the text)."""
    out = []
    for s in spans:
        start, end = int(s.get("start", 0)), int(s.get("end", 0))
        ok = 0 <= start < end <= len(text)
        out.append({"start": start, "end": end,
                    "text": text[start:min(end, start + EVIDENCE_CHARS)] if ok else ""})
    return out


def link_events(session: Session, article: ArticleRow, entity_ids: dict[str, int],
                now: datetime) -> None:
    """Attach each event of ``article`` to the world event it reports, or create it."""
    types = lexicon.event_types()
    known = _known(session)
    used: set[int] = set()
    kinds = {entity_ids[e.local_id]: e.kind for e in article.entities
             if e.local_id in entity_ids}
    for ev in article.events:
        actors, recipients, countries, day, modality = _event_keys(ev)
        spans = _evidence(article.text, ev.evidence)
        evidence = " … ".join(s["text"] for s in spans if s["text"])
        objects = across.object_words(evidence)
        sectors = [s for s in dict.fromkeys(ev.sectors) if isinstance(s, str) and s]
        world = _match_event(session, ev.type, modality, countries, day, sectors, objects, used)
        if world is None:
            et = types.get(ev.type)
            world = WorldEventRow(
                type=ev.type, quad_class=et.quad_class if et else None, modality=modality,
                mode=ev.mode, date=ev.date, day=day, month=day[:7], country_key=" ".join(countries),
                actor_countries=actors, recipient_countries=recipients, sectors=[],
                context=list(dict.fromkeys(ev.context)), confidence=ev.confidence,
                cameo=ev.cameo, objects=sorted(objects), n_mentions=0, search_text="",
                updated_at=now)
            set_location(world, location_of(ev.location))
            _add_new(session, world)
            known.created_event(world)
            for c in countries:
                known.insert(WorldEventCountryRow, world_event_id=world.id, country=c, day=day)
            for i, a in enumerate(countries):
                for b in countries[i + 1:]:
                    known.insert(
                        EventPairRow, world_event_id=world.id, country_a=a, country_b=b,
                        day=day, month=day[:7], type=world.type, quad_class=world.quad_class,
                        modality=modality)
                    known.count(PairMonthRow, {"country_a": a, "country_b": b,
                                               "month": day[:7], "type": world.type},
                                quad_class=world.quad_class)
        else:
            known.places.changing(world)
            _merge_event(world, ev, actors, recipients, objects, now)
        used.add(world.id)
        new_sectors = [s for s in sectors if s not in world.sectors]
        pairs = located.pairs(world.country_key)
        for s in new_sectors:
            known.insert(EventSectorRow, world_event_id=world.id, sector=s, section=s[:1],
                         day=world.day)
            for a, b in pairs:
                known.insert(PairSectorEventRow, world_event_id=world.id, country_a=a,
                             country_b=b, sector=s, type=world.type,
                             modality=world.modality, day=world.day)
                known.stages.add(a, b, s, world.type, world.modality, world.day, world.id)
        if new_sectors:
            world.sectors = [*world.sectors, *new_sectors]
        title = lexicon.fold(article.title or "").casefold()
        search = lexicon.fold(" ".join(x for x in (ev.trigger, evidence) if x)).casefold()
        if title and title in world.search_text:
            title = ""
        added = " ".join(x for x in (title, search) if x)
        if added and len(world.search_text) < SEARCH_TEXT_CHARS:
            world.search_text = (world.search_text + " " + added).strip()[:SEARCH_TEXT_CHARS]
        world.n_mentions += 1
        known.insert(EventMentionRow, event_row_id=ev.id, world_event_id=world.id,
                     article_id=article.id, day=article.day, evidence=spans)
        members = {entity_ids[x] for x in [*ev.actors, *ev.recipients] if x in entity_ids}
        if members:
            have = known.members(session, world.id)
            for m in sorted(members - have):
                known.insert(EventEntityRow, world_event_id=world.id, world_entity_id=m,
                             day=world.day)
                have.add(m)
                for a, b in pairs:
                    known.count(PairEntityRow, {"country_a": a, "country_b": b,
                                                "world_entity_id": m}, kind=kinds[m])


def _event_keys(ev: EventRow) -> tuple[list[str], list[str], list[str], str, str]:
    """An event's actor and recipient countries, all its countries (sorted), day and
    modality, as its world event is looked up and made with them."""
    actors = list(dict.fromkeys(c.country for c in ev.countries if c.role == ACTOR))
    recipients = list(dict.fromkeys(c.country for c in ev.countries
                                    if c.role == RECIPIENT and c.country not in actors))
    countries = sorted(set(actors) | set(recipients))
    return actors, recipients, countries, (ev.day or "")[:10], ev.modality or Modality.ASSERTED


def _lookup(type_: str, modality: str, countries: list[str],
            day: str) -> tuple[tuple[str, str, str], str, str, str] | None:
    """What ``_match_event`` asks for: (type, countries, modality), the day window and
    the month; None when an event is matched to no world event."""
    span = across.window(day, modality)
    if not countries or span is None:
        return None
    return (type_, " ".join(countries), modality), span[0], span[1], day[:7]


def _match_event(session: Session, type_: str, modality: str, countries: list[str], day: str,
                 sectors: list[str], objects: set[str], used: set[int]) -> WorldEventRow | None:
    lookup = _lookup(type_, modality, countries, day)
    if lookup is None:
        return None
    # The candidates of the store (read for the whole batch by ``_event_lookups``) and
    # those this transaction created, in memory: a merge changes none of the columns
    # they are selected on.
    found = _known(session).event_candidates(session, *lookup, limit=CANDIDATES)
    return across.choose(found, type_, day, sectors, objects, used)


def _add_new(session: Session, row: Any) -> None:
    """Give the new world entity or event ``row`` its id (``ids.Blocks``) and add it to
    the session: it goes in with the other new rows of its table at the next flush (one
    multi-row INSERT), and what changes in it before then needs no UPDATE."""
    row.id = _known(session).ids.next(session, type(row).__table__)
    session.add(row)


def _merge_event(world: WorldEventRow, ev: EventRow, actors: list[str], recipients: list[str],
                 objects: set[str], now: datetime) -> None:
    across.merge(world, ev, actors, recipients, objects)
    set_location(world, more_specific(world.location, location_of(ev.location)))
    world.updated_at = now


def set_location(world: WorldEventRow, location: dict[str, Any] | None) -> None:
    """Give a world event its location and the columns the place filters use."""
    world.location = location
    world.location_country = (location or {}).get("country")
    gid = (location or {}).get("geonames_id")
    world.location_geonames_id = int(gid) if gid is not None else None
    name = (location or {}).get("name")
    world.location_name_key = place_key(name)[:MAX_KEY_CHARS] if name else None


# -- figures ---------------------------------------------------------------------------


def link_figures(session: Session, article: ArticleRow) -> None:
    """Index the figures of a canonical article by country, and file each under its
    observation across articles (``series``)."""
    for f in article.figures:
        for c in sorted({c for c in f.countries if isinstance(c, str) and c}):
            _known(session).insert(FigureCountryRow, figure_id=f.id, country=c,
                                   day=article.day)
    series.link_article(session, article)


def link(session: Session, article: ArticleRow, now: datetime) -> None:
    """Everything a canonical article adds to the cross-article tables."""
    link_many(session, [article], now)


def link_many(session: Session, articles: Sequence[ArticleRow], now: datetime) -> None:
    """Everything canonical articles add to the cross-article tables, article after
    article in order: the same as ``link`` for each, with the lookups of the whole
    batch read at once and the rollups written once (``bilat.store.known``)."""
    with kept(session) as known:
        known.prefetch(session, _lookup_keys(articles))
        known.prefetch_events(session, _event_lookups(articles))
        series.prefetch(session, series.reported(articles))
        for article in articles:
            entity_ids = link_entities(session, article)
            link_events(session, article, entity_ids, now)
            link_figures(session, article)


def _lookup_keys(articles: Iterable[ArticleRow]) -> set[tuple[str, str]]:
    """(kind, key) of every alias ``link_entities`` looks up for these articles."""
    out: set[tuple[str, str]] = set()
    for article in articles:
        for e in article.entities:
            for n in [e.name, *e.aliases]:
                if isinstance(n, str) and n.strip():
                    strong, weak = keys(e.kind, n, e.country)
                    out.update((e.kind, k) for k in strong | weak if not k.startswith("~")
                               or k in weak)
    return out


def _event_lookups(articles: Iterable[ArticleRow]
                   ) -> Iterator[tuple[tuple[str, str, str], str, str, str]]:
    """What ``_match_event`` will ask for these articles' events."""
    for article in articles:
        for ev in article.events:
            _, _, countries, day, modality = _event_keys(ev)
            lookup = _lookup(ev.type, modality, countries, day)
            if lookup is not None:
                yield lookup
