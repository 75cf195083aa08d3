"""The initial schema: articles and their entities, events, figures, relations.

Revision ID: 0001
Revises:
Create Date: 2024-06-01

Written by hand, not imported from ``bilat.store.models``, so it keeps creating
this revision's schema whatever the models become. The types are spelled out
once here for both backends: JSONB for lists and BIGINT keys on PostgreSQL, JSON
text and INTEGER rowid keys on SQLite. ``extra`` and ``record`` are plain JSON on
both, since JSONB would turn a float such as 5.5e+16 into an integer.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _id() -> sa.Column[int]:
    return sa.Column("id", ID, primary_key=True, autoincrement=True)


def _article_id(table: str) -> sa.Column[str]:
    # named by the models' convention: fk_<table>_<column>_<referred table>
    fk = sa.ForeignKey("articles.id", ondelete="CASCADE", name=f"fk_{table}_article_id_articles")
    return sa.Column("article_id", sa.String(), fk, nullable=False)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("date", sa.String()),
        sa.Column("source", sa.String()),
        sa.Column("url", sa.Text()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("raw_text", sa.Text()),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("edits", JSON, nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    )
    op.create_index("ix_articles_date", "articles", ["date"])
    op.create_index("ix_articles_source", "articles", ["source"])

    op.create_table(
        "entities",
        _id(),
        _article_id("entities"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("country", sa.String()),
        sa.Column("sector", sa.String()),
        sa.Column("title", sa.Text()),
        sa.Column("affiliation", sa.String()),
        sa.Column("mentions", JSON, nullable=False),
        sa.Column("aliases", JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entities"),
        sa.UniqueConstraint("article_id", "local_id", name="uq_entities_article_id_local_id"),
        sa.UniqueConstraint("article_id", "position", name="uq_entities_article_id_position"),
    )
    op.create_index("ix_entities_name", "entities", ["name"])
    op.create_index("ix_entities_kind", "entities", ["kind"])
    op.create_index("ix_entities_country", "entities", ["country"])

    op.create_table(
        "events",
        _id(),
        _article_id("events"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("mode", sa.String()),
        sa.Column("modality", sa.String()),
        sa.Column("date", sa.String()),
        sa.Column("day", sa.String()),
        sa.Column("location", sa.Text()),
        sa.Column("confidence", sa.Float()),
        sa.Column("cameo", sa.String()),
        sa.Column("trigger", sa.Text()),
        sa.Column("context", JSON, nullable=False),
        sa.Column("sectors", JSON, nullable=False),
        sa.Column("actors", JSON, nullable=False),
        sa.Column("recipients", JSON, nullable=False),
        sa.Column("evidence", JSON, nullable=False),
        sa.Column("evidence_start", sa.Integer()),
        sa.Column("evidence_end", sa.Integer()),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("article_id", "local_id", name="uq_events_article_id_local_id"),
        sa.UniqueConstraint("article_id", "position", name="uq_events_article_id_position"),
    )
    op.create_index("ix_events_type_day", "events", ["type", "day"])
    op.create_index("ix_events_day_article_id", "events", ["day", "article_id"])

    op.create_table(
        "event_countries",
        sa.Column("event_id", ID, nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("event_id", "role", "position", name="pk_event_countries"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE",
                                name="fk_event_countries_event_id_events"),
    )
    op.create_index("ix_event_countries_country_event_id", "event_countries",
                    ["country", "event_id"])

    op.create_table(
        "figures",
        _id(),
        _article_id("figures"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("metric", sa.String(), nullable=False),
        sa.Column("countries", JSON, nullable=False),
        sa.Column("value", sa.Float()),
        sa.Column("unit", sa.String()),
        sa.Column("period", sa.String()),
        sa.Column("change", sa.String()),
        sa.Column("change_pct", sa.Float()),
        sa.Column("label", sa.Text()),
        sa.Column("sectors", JSON, nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_figures"),
        sa.UniqueConstraint("article_id", "position", name="uq_figures_article_id_position"),
    )
    op.create_index("ix_figures_metric", "figures", ["metric"])

    op.create_table(
        "relations",
        _id(),
        _article_id("relations"),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("object", sa.String(), nullable=False),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_relations"),
        sa.UniqueConstraint("article_id", "position", name="uq_relations_article_id_position"),
    )
    op.create_index("ix_relations_type", "relations", ["type"])
    op.create_index("ix_relations_subject", "relations", ["subject"])
    op.create_index("ix_relations_object", "relations", ["object"])

    op.create_table(
        "set_aside",
        _id(),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("article_id", sa.String()),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_set_aside"),
        sa.UniqueConstraint("source", "code", name="uq_set_aside_source_code"),
    )
    op.create_index("ix_set_aside_code", "set_aside", ["code"])


def downgrade() -> None:
    for table in ("set_aside", "relations", "figures", "event_countries", "events",
                  "entities", "articles"):
        op.drop_table(table)
