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
create it, and ``tests/store/test_migrations.py`` checks that the two agree.
Change both together, with a new migration.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
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
    __table_args__ = (UniqueConstraint("article_id", "position"),)

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
