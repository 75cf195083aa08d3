"""The tables of the store, as SQLAlchemy 2 typed declarative models.

One row per article, and one row per entity, event, figure and relation of it, so
the API can filter and join without parsing JSON. ``Article.to_dict`` is also kept
verbatim in ``articles.record``; ``Store.get`` rebuilds from the normalised rows,
which the round-trip tests prove lossless.

Rules that keep the same schema working on SQLite and PostgreSQL:

- Lists of codes and offsets are ``JSONB`` on PostgreSQL (indexable later with GIN);
  free-form JSON (``extra``, ``record``) is ``JSON`` text there, which keeps numbers
  as written. Both are text on SQLite.
- Surrogate keys are ``BIGINT`` on PostgreSQL and ``INTEGER`` on SQLite, where only
  ``INTEGER PRIMARY KEY`` is an auto-incrementing rowid.
- Dates are ISO 8601 strings (``2024-05-14``, or shorter such as ``2024-05``), so
  they compare as strings on both backends.
- ``position`` keeps the order of a list in the record; ``local_id`` is the id an
  entity or event has inside its article (``e1``, ``v1``).

This module is the ORM's view of the schema; the migrations in ``migrations/``
create it, and ``tests/store/test_store_open.py`` (``test_migrations_match_the_models``)
checks that the two agree.
Change both together, with a new migration.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeEngine

#: Lists of codes, ids and offsets: JSONB on PostgreSQL (indexable with GIN later).
JsonType: TypeEngine[Any] = JSON().with_variant(JSONB(), "postgresql")
#: Free-form JSON (``extra``, the whole record) stays JSON text on PostgreSQL too:
#: JSONB stores numbers as NUMERIC and gives ``5.5e+16`` back as the integer
#: ``55000000000000000``, which is not the float that was saved.
JsonDocument: TypeEngine[Any] = JSON()
#: An auto-incrementing surrogate key on both backends.
IdType: TypeEngine[int] = BigInteger().with_variant(Integer(), "sqlite")

#: Constraint names fixed by convention, so migrations can refer to them.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ArticleRow(Base):
    __tablename__ = "articles"
    __table_args__ = (Index("ix_articles_day_id", "day", "id"),)

    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String, index=True)
    source: Mapped[str | None] = mapped_column(String, index=True)
    url: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    raw_text: Mapped[str | None] = mapped_column(Text)
    #: ``Article.content_hash``: the same text under another id is the same article.
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    edits: Mapped[list[Any]] = mapped_column(JsonType)
    extra: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    #: ``Article.to_dict()`` as saved, kept for audit and re-processing.
    record: Mapped[dict[str, Any]] = mapped_column(JsonDocument)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    #: The id of the article this one repeats (a reissue, correction or wire copy);
    #: a duplicate adds nothing to the cross-article tables. Always a canonical article.
    duplicate_of: Mapped[str | None] = mapped_column(String, index=True)
    #: ``date`` cut to ``YYYY-MM-DD`` (or shorter), ``""`` when unknown: the sort key.
    day: Mapped[str] = mapped_column(String, server_default="")
    #: The MinHash signature of the text's word shingles (``dedup.signature``).
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)

    entities: Mapped[list[EntityRow]] = relationship(
        back_populates="article", order_by="EntityRow.position",
        cascade="all, delete-orphan", passive_deletes=True)
    events: Mapped[list[EventRow]] = relationship(
        back_populates="article", order_by="EventRow.position",
        cascade="all, delete-orphan", passive_deletes=True)
    figures: Mapped[list[FigureRow]] = relationship(
        order_by="FigureRow.position", cascade="all, delete-orphan", passive_deletes=True)
    relations: Mapped[list[RelationRow]] = relationship(
        order_by="RelationRow.position", cascade="all, delete-orphan", passive_deletes=True)


class EntityRow(Base):
    __tablename__ = "entities"
    __table_args__ = (
        UniqueConstraint("article_id", "local_id"),
        UniqueConstraint("article_id", "position"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    local_id: Mapped[str] = mapped_column(String)
    name: Mapped[str] = mapped_column(Text, index=True)
    kind: Mapped[str] = mapped_column(String, index=True)
    country: Mapped[str | None] = mapped_column(String, index=True)
    sector: Mapped[str | None] = mapped_column(String)
    title: Mapped[str | None] = mapped_column(Text)
    #: ``local_id`` of the organisation the entity belongs to, in the same article.
    affiliation: Mapped[str | None] = mapped_column(String)
    mentions: Mapped[list[Any]] = mapped_column(JsonType)
    aliases: Mapped[list[str]] = mapped_column(JsonType)

    article: Mapped[ArticleRow] = relationship(back_populates="entities")


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        UniqueConstraint("article_id", "local_id"),
        UniqueConstraint("article_id", "position"),
        Index("ix_events_type_day", "type", "day"),
        Index("ix_events_day_article_id", "day", "article_id"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    local_id: Mapped[str] = mapped_column(String)
    type: Mapped[str] = mapped_column(String)
    mode: Mapped[str | None] = mapped_column(String)
    modality: Mapped[str | None] = mapped_column(String)
    #: The event's own date, ``None`` when the text does not give one.
    date: Mapped[str | None] = mapped_column(String)
    #: The date the event is filed under: its own, else its article's. Filters and
    #: ordering use this column, so they can use its indexes.
    day: Mapped[str | None] = mapped_column(String)
    #: The record's ``location`` as JSON text (the column predates locations).
    location: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float | None] = mapped_column(Float)
    cameo: Mapped[str | None] = mapped_column(String)
    trigger: Mapped[str | None] = mapped_column(Text)
    context: Mapped[list[str]] = mapped_column(JsonType)
    sectors: Mapped[list[str]] = mapped_column(JsonType)
    #: ``local_id`` of the entities that act and are acted on.
    actors: Mapped[list[str]] = mapped_column(JsonType)
    recipients: Mapped[list[str]] = mapped_column(JsonType)
    evidence: Mapped[list[dict[str, int]]] = mapped_column(JsonType)
    #: The first evidence span, so SQL can cut its text out of the article.
    evidence_start: Mapped[int | None] = mapped_column(Integer)
    evidence_end: Mapped[int | None] = mapped_column(Integer)

    article: Mapped[ArticleRow] = relationship(back_populates="events")
    countries: Mapped[list[EventCountryRow]] = relationship(
        order_by="[EventCountryRow.role, EventCountryRow.position]",
        cascade="all, delete-orphan", passive_deletes=True)


class EventCountryRow(Base):
    """One country of an event's ``actor_countries`` or ``recipient_countries``."""

    __tablename__ = "event_countries"
    __table_args__ = (Index("ix_event_countries_country_event_id", "country", "event_id"),)

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    #: ``actor`` or ``recipient``.
    role: Mapped[str] = mapped_column(String, primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    country: Mapped[str] = mapped_column(String)


class FigureRow(Base):
    __tablename__ = "figures"
    __table_args__ = (UniqueConstraint("article_id", "position"),
                      Index("ix_figures_day_id", "day", "id"))

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    metric: Mapped[str] = mapped_column(String, index=True)
    countries: Mapped[list[str]] = mapped_column(JsonType)
    value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(String)
    period: Mapped[str | None] = mapped_column(String)
    change: Mapped[str | None] = mapped_column(String)
    change_pct: Mapped[float | None] = mapped_column(Float)
    label: Mapped[str | None] = mapped_column(Text)
    sectors: Mapped[list[str]] = mapped_column(JsonType)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    #: The article's ``day``, so figures sort and filter by date without a join.
    day: Mapped[str] = mapped_column(String, server_default="")
    #: ``actual``, ``target`` or ``forecast`` (migration 0004).
    kind: Mapped[str] = mapped_column(String, server_default="actual")
    direction: Mapped[str | None] = mapped_column(String)
    base_period: Mapped[str | None] = mapped_column(String)


class RelationRow(Base):
    __tablename__ = "relations"
    __table_args__ = (UniqueConstraint("article_id", "position"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String, index=True)
    #: A country code or an entity's ``local_id``.
    subject: Mapped[str] = mapped_column(String, index=True)
    object: Mapped[str] = mapped_column(String, index=True)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)


class SetAsideRow(Base):
    """An input that could not be processed; one row per (source, code)."""

    __tablename__ = "set_aside"
    __table_args__ = (UniqueConstraint("source", "code"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    code: Mapped[str] = mapped_column(String, index=True)
    message: Mapped[str] = mapped_column(Text)
    article_id: Mapped[str | None] = mapped_column(String)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


# -- across articles (migration 0002) -------------------------------------------------
#
# Dates below are strings as everywhere else; ``day`` is ``""`` when unknown, never
# NULL, so ``(day, id)`` keyset pagination has a total order. The link tables repeat
# ``day`` (and, for pairs, type and class) so that each list or aggregate is one
# index range scan: the API's queries never parse JSON and never use OFFSET.


class MinhashBandRow(Base):
    """One LSH band of an article's MinHash: articles sharing a band are candidates."""

    __tablename__ = "minhash_bands"

    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    bucket: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True, index=True)


class WorldEntityRow(Base):
    """One real person, organisation, country or place, across articles."""

    __tablename__ = "world_entities"
    __table_args__ = (
        Index("ix_world_entities_n_articles_id", "n_articles", "id"),
        Index("ix_world_entities_kind_n_articles_id", "kind", "n_articles", "id"),
        Index("ix_world_entities_country_n_articles_id", "country", "n_articles", "id"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    kind: Mapped[str] = mapped_column(String)
    name: Mapped[str] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(String)
    sector: Mapped[str | None] = mapped_column(String)
    #: The title of the latest dated mention that gives one, and that mention's day.
    title: Mapped[str | None] = mapped_column(Text)
    title_day: Mapped[str] = mapped_column(String, server_default="")
    #: Every name and alias seen, with how many articles used it.
    names: Mapped[dict[str, int]] = mapped_column(JsonType)
    n_articles: Mapped[int] = mapped_column(Integer)
    n_mentions: Mapped[int] = mapped_column(Integer)
    first_day: Mapped[str] = mapped_column(String, server_default="")
    last_day: Mapped[str] = mapped_column(String, server_default="")


class EntityAliasRow(Base):
    """A normalised name key under which a world entity is found (``crossref.keys``)."""

    __tablename__ = "entity_aliases"

    kind: Mapped[str] = mapped_column(String, primary_key=True)
    key: Mapped[str] = mapped_column(String, primary_key=True)
    #: ``""`` when the entity has no country.
    country: Mapped[str] = mapped_column(String, primary_key=True)
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("world_entities.id", ondelete="CASCADE"), primary_key=True, index=True)

    world_entity: Mapped[WorldEntityRow] = relationship(lazy="raise")  # inserted first (ids.Blocks)

class EntityLinkRow(Base):
    """An article's entity row and the world entity it is."""

    __tablename__ = "entity_links"

    entity_row_id: Mapped[int] = mapped_column(
        ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True)
    world_entity_id: Mapped[int] = mapped_column(
        ForeignKey("world_entities.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[str] = mapped_column(String, index=True)
    world_entity: Mapped[WorldEntityRow] = relationship(lazy="raise")  # inserted first (ids.Blocks)
    day: Mapped[str] = mapped_column(String, server_default="")


class WorldEventRow(Base):
    """One real-world event, however many articles report it."""

    __tablename__ = "world_events"
    __table_args__ = (
        Index("ix_world_events_match", "type", "country_key", "day"),
        Index("ix_world_events_day_id", "day", "id"),
        Index("ix_world_events_type_day_id", "type", "day", "id"),
        Index("ix_world_events_modality_day_id", "modality", "day", "id"),
        Index("ix_world_events_location_country_day_id", "location_country", "day", "id"),
        Index("ix_world_events_location_name_key_day_id", "location_name_key", "day", "id"),
        Index("ix_world_events_location_geonames_id_day_id", "location_geonames_id", "day",
              "id"),
        # the events of a place group of ``pair_places``, counted again when one leaves it
        Index("ix_world_events_location_name_key_type_country_key", "location_name_key",
              "type", "country_key"),
    )

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    type: Mapped[str] = mapped_column(String)
    quad_class: Mapped[str | None] = mapped_column(String)
    modality: Mapped[str] = mapped_column(String)
    mode: Mapped[str | None] = mapped_column(String)
    #: The event's own date as first reported (None if no mention gave one).
    date: Mapped[str | None] = mapped_column(String)
    day: Mapped[str] = mapped_column(String, server_default="")
    month: Mapped[str] = mapped_column(String, server_default="")
    #: The sorted set of countries, space-separated: the parties, whatever their roles.
    country_key: Mapped[str] = mapped_column(String)
    actor_countries: Mapped[list[str]] = mapped_column(JsonType)
    recipient_countries: Mapped[list[str]] = mapped_column(JsonType)
    sectors: Mapped[list[str]] = mapped_column(JsonType)
    context: Mapped[list[str]] = mapped_column(JsonType)
    confidence: Mapped[float | None] = mapped_column(Float)
    cameo: Mapped[str | None] = mapped_column(String)
    #: Content words naming the agreement, deal or ban (``resolve.world.object_words``).
    objects: Mapped[list[str]] = mapped_column(JsonType)
    n_mentions: Mapped[int] = mapped_column(Integer)
    #: Where it happened, the most specific place its reports give (migration 0004):
    #: the record's ``location``, and its country, GeoNames id and folded name.
    location: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    location_country: Mapped[str | None] = mapped_column(String)
    location_geonames_id: Mapped[int | None] = mapped_column(BigInteger)
    location_name_key: Mapped[str | None] = mapped_column(String)
    #: Folded, lower-cased article titles, triggers and evidence, for ``q=`` (capped).
    search_text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EventMentionRow(Base):
    """An article's event row (a mention) and the world event it reports."""

    __tablename__ = "event_mentions"

    event_row_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    world_event_id: Mapped[int] = mapped_column(
        ForeignKey("world_events.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[str] = mapped_column(String, index=True)
    world_event: Mapped[WorldEventRow] = relationship(lazy="raise")  # inserted first (ids.Blocks)
    #: The article's ``day``, to list mentions oldest first.
    day: Mapped[str] = mapped_column(String, server_default="")
    #: The mention's evidence with its text, ``[{start, end, text}]``, so an event page
    #: needs no article text.
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JsonType)


class WorldEventCountryRow(Base):
    __tablename__ = "world_event_countries"
    __table_args__ = (Index("ix_world_event_countries_country_day_id",
                            "country", "day", "world_event_id"),)

    world_event_id: Mapped[int] = mapped_column(
        ForeignKey("world_events.id", ondelete="CASCADE"), primary_key=True)
    country: Mapped[str] = mapped_column(String, primary_key=True)
    world_event: Mapped[WorldEventRow] = relationship(lazy="raise")  # inserted first (ids.Blocks)
    day: Mapped[str] = mapped_column(String)


class EventPairRow(Base):
    """One unordered pair of an event's countries, ``country_a < country_b``."""

    __tablename__ = "event_pairs"
    __table_args__ = (
        Index("ix_event_pairs_a_b_day_id", "country_a", "country_b", "day", "world_event_id"),
        Index("ix_event_pairs_b_a_day", "country_b", "country_a", "day"),
        Index("ix_event_pairs_a_b_month_type", "country_a", "country_b", "month", "type"),
    )

    world_event_id: Mapped[int] = mapped_column(
        ForeignKey("world_events.id", ondelete="CASCADE"), primary_key=True)
    country_a: Mapped[str] = mapped_column(String, primary_key=True)
    world_event: Mapped[WorldEventRow] = relationship(lazy="raise")  # inserted first (ids.Blocks)
    country_b: Mapped[str] = mapped_column(String, primary_key=True)
    day: Mapped[str] = mapped_column(String)
    month: Mapped[str] = mapped_column(String)
    type: Mapped[str] = mapped_column(String)
    quad_class: Mapped[str | None] = mapped_column(String)
    modality: Mapped[str] = mapped_column(String)


class EventSectorRow(Base):
    """One ISIC code of a world event, with its section letter for ``sector=C``."""

    __tablename__ = "event_sectors"
    __table_args__ = (
        Index("ix_event_sectors_sector_day_id", "sector", "day", "world_event_id"),
        Index("ix_event_sectors_section_day_id", "section", "day", "world_event_id"),
    )

    world_event_id: Mapped[int] = mapped_column(
        ForeignKey("world_events.id", ondelete="CASCADE"), primary_key=True)
    sector: Mapped[str] = mapped_column(String, primary_key=True)
    world_event: Mapped[WorldEventRow] = relationship(lazy="raise")  # inserted first (ids.Blocks)
    section: Mapped[str] = mapped_column(String)
    day: Mapped[str] = mapped_column(String)


class EventEntityRow(Base):
    """A world entity taking part in a world event (as actor or recipient)."""

    __tablename__ = "event_entities"
    __table_args__ = (Index("ix_event_entities_entity_day_id",
                            "world_entity_id", "day", "world_event_id"),)

    world_event_id: Mapped[int] = mapped_column(
        ForeignKey("world_events.id", ondelete="CASCADE"), primary_key=True)
    world_entity_id: Mapped[int] = mapped_column(
        ForeignKey("world_entities.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[str] = mapped_column(String)
    world_event: Mapped[WorldEventRow] = relationship(lazy="raise")  # inserted first (ids.Blocks)
    world_entity: Mapped[WorldEntityRow] = relationship(lazy="raise")  # inserted first (ids.Blocks)


class FigureCountryRow(Base):
    """A country of a figure of a canonical (not duplicate) article."""

    __tablename__ = "figure_countries"
    __table_args__ = (Index("ix_figure_countries_country_day_id",
                            "country", "day", "figure_id"),)

    figure_id: Mapped[int] = mapped_column(
        ForeignKey("figures.id", ondelete="CASCADE"), primary_key=True)
    country: Mapped[str] = mapped_column(String, primary_key=True)
    day: Mapped[str] = mapped_column(String)


# -- per-pair rollups (migration 0003) ------------------------------------------------
#
# Maintained by ``crossref.link_events`` with the rows they count, so the pair page of
# a busy pair reads a few hundred rollup rows instead of joining tens of thousands of
# events to their sectors and entities.


class PairMonthRow(Base):
    """How many events a pair had in a month, per type."""

    __tablename__ = "pair_months"

    country_a: Mapped[str] = mapped_column(String, primary_key=True)
    country_b: Mapped[str] = mapped_column(String, primary_key=True)
    #: ``""`` for undated events, like ``event_pairs.month``.
    month: Mapped[str] = mapped_column(String, primary_key=True)
    type: Mapped[str] = mapped_column(String, primary_key=True)
    quad_class: Mapped[str | None] = mapped_column(String)
    events: Mapped[int] = mapped_column(Integer)


class PairEntityRow(Base):
    """A world entity taking part in a pair's events, and in how many."""

    __tablename__ = "pair_entities"
    __table_args__ = (Index("ix_pair_entities_a_b_kind_events",
                            "country_a", "country_b", "kind", "events"),)

    country_a: Mapped[str] = mapped_column(String, primary_key=True)
    country_b: Mapped[str] = mapped_column(String, primary_key=True)
    world_entity_id: Mapped[int] = mapped_column(
        ForeignKey("world_entities.id", ondelete="CASCADE"), primary_key=True, index=True)
    kind: Mapped[str] = mapped_column(String)
    events: Mapped[int] = mapped_column(Integer)


class PairSectorEventRow(Base):
    """One sector of one event of a pair: ``event_pairs`` × ``event_sectors``."""

    __tablename__ = "pair_sector_events"
    __table_args__ = (Index("ix_pair_sector_events_a_b_sector_type_modality_day_id",
                            "country_a", "country_b", "sector", "type", "modality", "day",
                            "world_event_id"),)

    world_event_id: Mapped[int] = mapped_column(
        ForeignKey("world_events.id", ondelete="CASCADE"), primary_key=True)
    country_a: Mapped[str] = mapped_column(String, primary_key=True)
    world_event: Mapped[WorldEventRow] = relationship(lazy="raise")  # inserted first (ids.Blocks)
    country_b: Mapped[str] = mapped_column(String, primary_key=True)
    sector: Mapped[str] = mapped_column(String, primary_key=True)
    type: Mapped[str] = mapped_column(String)
    modality: Mapped[str] = mapped_column(String)
    day: Mapped[str] = mapped_column(String)


class PairPlaceRow(Base):
    """A pair's located events of one place, type, mode and set of parties (migration
    0008): how many, and the greatest day and id among them. Kept by ``crossref`` (its
    ``Known``) with the world events, so the pair page's map and "where they meet" read
    a few hundred rows instead of joining every event of the pair to its world event.

    The columns are ``queries._located``'s grouping of ``world_events``; a key that may be
    missing is stored as ``NO_GEONAMES_ID`` or ``""`` (a primary key holds no NULL), and
    the computed grouping folds a missing value the same way."""

    __tablename__ = "pair_places"

    country_a: Mapped[str] = mapped_column(String, primary_key=True)
    country_b: Mapped[str] = mapped_column(String, primary_key=True)
    #: ``world_events.location_name_key``
    name_key: Mapped[str] = mapped_column(String, primary_key=True)
    #: ``world_events.location_geonames_id``, ``NO_GEONAMES_ID`` for none
    geonames_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    #: ``world_events.location_country``, ``""`` for none
    location_country: Mapped[str] = mapped_column(String, primary_key=True)
    #: ``""`` for none
    quad_class: Mapped[str] = mapped_column(String, primary_key=True)
    type: Mapped[str] = mapped_column(String, primary_key=True)
    #: ``""`` for none
    mode: Mapped[str] = mapped_column(String, primary_key=True)
    country_key: Mapped[str] = mapped_column(String, primary_key=True)
    events: Mapped[int] = mapped_column(Integer)
    last_day: Mapped[str] = mapped_column(String)
    last_id: Mapped[int] = mapped_column(BigInteger)


#: ``pair_places.geonames_id`` of a place without one (GeoNames ids start at 1).
NO_GEONAMES_ID = 0


class PairSectorStageRow(Base):
    """One of the newest events of a pair, sector and cooperation stage (migration 0008):
    the all-time cooperation map. Kept by ``stages.Staged``: at most ``stages.MAP_IDS``
    rows per pair, sector and stage."""

    __tablename__ = "pair_sector_stages"

    country_a: Mapped[str] = mapped_column(String, primary_key=True)
    country_b: Mapped[str] = mapped_column(String, primary_key=True)
    sector: Mapped[str] = mapped_column(String, primary_key=True)
    #: ``vocab.stage`` of the event's type and modality
    stage: Mapped[str] = mapped_column(String, primary_key=True)
    day: Mapped[str] = mapped_column(String, primary_key=True)
    world_event_id: Mapped[int] = mapped_column(
        ForeignKey("world_events.id", ondelete="CASCADE"), primary_key=True)


# -- the store's version (migration 0006) ---------------------------------------------


class StoreVersionRow(Base):
    """One row (id 1): a counter that every committed write adds one to
    (``bilat.store.version``), so readers can tell whether anything changed."""

    __tablename__ = "store_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version: Mapped[int] = mapped_column(BigInteger)


# -- figure series (migration 0004) ---------------------------------------------------
#
# Kept by ``series.link`` in the save transaction of each canonical article: one
# observation per (metric, label, countries, direction, kind, unit, period), holding
# every figure that reports it (its sources). Keys are never NULL: ``""`` stands for
# "none", so the unique key works the same on both backends.


class FigureObservationRow(Base):
    """One value of a relationship's numbers: a metric, for some countries, in a period."""

    __tablename__ = "figure_observations"
    __table_args__ = (UniqueConstraint("metric", "country_key", "label", "direction", "kind",
                                       "unit", "period_key", name="uq_figure_observations_key"),)

    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    metric: Mapped[str] = mapped_column(String)
    #: The label of an ``other`` metric (``trade_surplus``), ``""`` for none.
    label: Mapped[str] = mapped_column(String)
    #: The sorted set of countries, space-separated.
    country_key: Mapped[str] = mapped_column(String)
    #: The countries as the first source gave them (reporter first).
    countries: Mapped[list[str]] = mapped_column(JsonType)
    #: ``"CHN>JPN"`` for a flow, ``""`` for none.
    direction: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)
    #: ISO 4217 or a physical unit, ``""`` for none (a change told without a value).
    unit: Mapped[str] = mapped_column(String)
    #: ``series.period_fields``: the covered days ``YYYY-MM-DD/YYYY-MM-DD``; for a figure
    #: that gives no period, ``as-of:YYYY-MM`` (its article's month) or ``article:<id>``.
    period_key: Mapped[str] = mapped_column(String)
    #: The period as the first source wrote it (ISO 8601), None when it gave none.
    period: Mapped[str | None] = mapped_column(String)
    #: First and last month covered, ``YYYY-MM`` (``""`` when unknown): the sort key.
    period_start: Mapped[str] = mapped_column(String)
    period_end: Mapped[str] = mapped_column(String)
    #: The value most sources agree on (within ``series.VALUE_TOLERANCE``).
    value: Mapped[float | None] = mapped_column(Float)
    #: Whether sources give values more than ``VALUE_TOLERANCE`` apart.
    disputed: Mapped[bool] = mapped_column(Boolean)
    #: Every value reported, ``[{"value": v, "sources": n, "last_day": d}]``.
    reported: Mapped[list[dict[str, Any]]] = mapped_column(JsonDocument)
    change: Mapped[str | None] = mapped_column(String)
    change_pct: Mapped[float | None] = mapped_column(Float)
    base_period: Mapped[str | None] = mapped_column(String)
    #: ``period_key`` of the base period, and the observation of that period once stored.
    base_key: Mapped[str | None] = mapped_column(String)
    base_id: Mapped[int | None] = mapped_column(
        ForeignKey("figure_observations.id", ondelete="SET NULL"))
    n_sources: Mapped[int] = mapped_column(Integer)
    first_day: Mapped[str] = mapped_column(String, server_default="")
    last_day: Mapped[str] = mapped_column(String, server_default="")
    #: The newest sources, ``[[day, figure id], …]`` newest first (latest day, then highest
    #: id), at most ``series.SOURCES_SHOWN``: what lists show, read by primary key.
    recent_sources: Mapped[list[list[Any]]] = mapped_column(JsonDocument)


class FigureSourceRow(Base):
    """A figure of a canonical article, as a source of an observation."""

    __tablename__ = "figure_sources"
    __table_args__ = (Index("ix_figure_sources_observation_id_day", "observation_id", "day",
                            "figure_id"),)

    figure_id: Mapped[int] = mapped_column(
        ForeignKey("figures.id", ondelete="CASCADE"), primary_key=True)
    observation_id: Mapped[int] = mapped_column(
        ForeignKey("figure_observations.id", ondelete="CASCADE"))
    article_id: Mapped[str] = mapped_column(String)
    day: Mapped[str] = mapped_column(String, server_default="")
    value: Mapped[float | None] = mapped_column(Float)


class FigureObservationPairRow(Base):
    """One unordered pair of an observation's countries, ``country_a < country_b``."""

    __tablename__ = "figure_obs_pairs"
    __table_args__ = (Index("ix_figure_obs_pairs_a_b_metric_start",
                            "country_a", "country_b", "metric", "period_start",
                            "observation_id"),)

    observation_id: Mapped[int] = mapped_column(
        ForeignKey("figure_observations.id", ondelete="CASCADE"), primary_key=True)
    country_a: Mapped[str] = mapped_column(String, primary_key=True)
    country_b: Mapped[str] = mapped_column(String, primary_key=True)
    metric: Mapped[str] = mapped_column(String)
    period_start: Mapped[str] = mapped_column(String)


class FigureObservationCountryRow(Base):
    """One country of an observation."""

    __tablename__ = "figure_obs_countries"
    __table_args__ = (Index("ix_figure_obs_countries_country_metric_start",
                            "country", "metric", "period_start", "observation_id"),)

    observation_id: Mapped[int] = mapped_column(
        ForeignKey("figure_observations.id", ondelete="CASCADE"), primary_key=True)
    country: Mapped[str] = mapped_column(String, primary_key=True)
    metric: Mapped[str] = mapped_column(String)
    period_start: Mapped[str] = mapped_column(String)
