"""Across articles: near-duplicates, world entities and world events, and their indexes.

Revision ID: 0002
Revises: 0001
Create Date: 2024-06-15

- ``articles``: ``duplicate_of``, ``day`` (the sort key, ``""`` when undated) and
  ``minhash`` (the MinHash signature); ``minhash_bands`` persists the LSH index.
- ``world_entities`` (one per real entity), found by ``entity_aliases`` keys and
  linked to each article's entity rows by ``entity_links``.
- ``world_events`` (one per real-world event) with ``event_mentions`` (its article
  event rows) and the denormalised link tables the API reads: ``world_event_countries``,
  ``event_pairs`` (``country_a < country_b``), ``event_sectors``, ``event_entities``.
- ``figures.day`` and ``figure_countries`` (canonical articles' figures only).

Stores migrated from 0001 keep their articles, but the cross-article tables start
empty: re-ingest into a new store to resolve old articles. Written by hand, like 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _fk(table: str, column: str, referred: str, ref_col: str = "id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{referred}.{ref_col}"], ondelete="CASCADE",
                                   name=f"fk_{table}_{column}_{referred}")


def _day(name: str = "day") -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=False, server_default="")


def upgrade() -> None:
    op.add_column("articles", sa.Column("duplicate_of", sa.String()))
    op.add_column("articles", _day())
    op.add_column("articles", sa.Column("minhash", sa.LargeBinary()))
    op.execute("UPDATE articles SET day = COALESCE(substr(date, 1, 10), '')")
    op.create_index("ix_articles_duplicate_of", "articles", ["duplicate_of"])
    op.create_index("ix_articles_day_id", "articles", ["day", "id"])

    op.add_column("figures", _day())
    op.execute("UPDATE figures SET day = COALESCE((SELECT substr(a.date, 1, 10) FROM articles a "
               "WHERE a.id = figures.article_id), '')")
    op.create_index("ix_figures_day_id", "figures", ["day", "id"])

    op.create_table(
        "minhash_bands",
        sa.Column("band", sa.SmallInteger(), nullable=False),
        sa.Column("bucket", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("band", "bucket", "article_id", name="pk_minhash_bands"),
        _fk("minhash_bands", "article_id", "articles"),
    )
    op.create_index("ix_minhash_bands_article_id", "minhash_bands", ["article_id"])

    op.create_table(
        "world_entities",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("country", sa.String()),
        sa.Column("sector", sa.String()),
        sa.Column("title", sa.Text()),
        _day("title_day"),
        sa.Column("names", JSON, nullable=False),
        sa.Column("n_articles", sa.Integer(), nullable=False),
        sa.Column("n_mentions", sa.Integer(), nullable=False),
        _day("first_day"),
        _day("last_day"),
        sa.PrimaryKeyConstraint("id", name="pk_world_entities"),
    )
    op.create_index("ix_world_entities_n_articles_id", "world_entities", ["n_articles", "id"])
    op.create_index("ix_world_entities_kind_n_articles_id", "world_entities",
                    ["kind", "n_articles", "id"])
    op.create_index("ix_world_entities_country_n_articles_id", "world_entities",
                    ["country", "n_articles", "id"])

    op.create_table(
        "entity_aliases",
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("entity_id", ID, nullable=False),
        sa.PrimaryKeyConstraint("kind", "key", "country", "entity_id", name="pk_entity_aliases"),
        _fk("entity_aliases", "entity_id", "world_entities"),
    )
    op.create_index("ix_entity_aliases_entity_id", "entity_aliases", ["entity_id"])

    op.create_table(
        "entity_links",
        sa.Column("entity_row_id", ID, nullable=False),
        sa.Column("world_entity_id", ID, nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        _day(),
        sa.PrimaryKeyConstraint("entity_row_id", name="pk_entity_links"),
        _fk("entity_links", "entity_row_id", "entities"),
        _fk("entity_links", "world_entity_id", "world_entities"),
    )
    op.create_index("ix_entity_links_world_entity_id", "entity_links", ["world_entity_id"])
    op.create_index("ix_entity_links_article_id", "entity_links", ["article_id"])

    op.create_table(
        "world_events",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("quad_class", sa.String()),
        sa.Column("modality", sa.String(), nullable=False),
        sa.Column("mode", sa.String()),
        sa.Column("date", sa.String()),
        _day(),
        _day("month"),
        sa.Column("country_key", sa.String(), nullable=False),
        sa.Column("actor_countries", JSON, nullable=False),
        sa.Column("recipient_countries", JSON, nullable=False),
        sa.Column("sectors", JSON, nullable=False),
        sa.Column("context", JSON, nullable=False),
        sa.Column("confidence", sa.Float()),
        sa.Column("cameo", sa.String()),
        sa.Column("objects", JSON, nullable=False),
        sa.Column("n_mentions", sa.Integer(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_world_events"),
    )
    op.create_index("ix_world_events_match", "world_events", ["type", "country_key", "day"])
    op.create_index("ix_world_events_day_id", "world_events", ["day", "id"])
    op.create_index("ix_world_events_type_day_id", "world_events", ["type", "day", "id"])
    op.create_index("ix_world_events_modality_day_id", "world_events", ["modality", "day", "id"])

    op.create_table(
        "event_mentions",
        sa.Column("event_row_id", ID, nullable=False),
        sa.Column("world_event_id", ID, nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        _day(),
        sa.Column("evidence", JSON, nullable=False),
        sa.PrimaryKeyConstraint("event_row_id", name="pk_event_mentions"),
        _fk("event_mentions", "event_row_id", "events"),
        _fk("event_mentions", "world_event_id", "world_events"),
    )
    op.create_index("ix_event_mentions_world_event_id", "event_mentions", ["world_event_id"])
    op.create_index("ix_event_mentions_article_id", "event_mentions", ["article_id"])

    op.create_table(
        "world_event_countries",
        sa.Column("world_event_id", ID, nullable=False),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("day", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("world_event_id", "country", name="pk_world_event_countries"),
        _fk("world_event_countries", "world_event_id", "world_events"),
    )
    op.create_index("ix_world_event_countries_country_day_id", "world_event_countries",
                    ["country", "day", "world_event_id"])

    op.create_table(
        "event_pairs",
        sa.Column("world_event_id", ID, nullable=False),
        sa.Column("country_a", sa.String(), nullable=False),
        sa.Column("country_b", sa.String(), nullable=False),
        sa.Column("day", sa.String(), nullable=False),
        sa.Column("month", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("quad_class", sa.String()),
        sa.Column("modality", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("world_event_id", "country_a", "country_b",
                                name="pk_event_pairs"),
        _fk("event_pairs", "world_event_id", "world_events"),
    )
    op.create_index("ix_event_pairs_a_b_day_id", "event_pairs",
                    ["country_a", "country_b", "day", "world_event_id"])
    op.create_index("ix_event_pairs_b_a_day", "event_pairs", ["country_b", "country_a", "day"])
    op.create_index("ix_event_pairs_a_b_month_type", "event_pairs",
                    ["country_a", "country_b", "month", "type"])

    op.create_table(
        "event_sectors",
        sa.Column("world_event_id", ID, nullable=False),
        sa.Column("sector", sa.String(), nullable=False),
        sa.Column("section", sa.String(), nullable=False),
        sa.Column("day", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("world_event_id", "sector", name="pk_event_sectors"),
        _fk("event_sectors", "world_event_id", "world_events"),
    )
    op.create_index("ix_event_sectors_sector_day_id", "event_sectors",
                    ["sector", "day", "world_event_id"])
    op.create_index("ix_event_sectors_section_day_id", "event_sectors",
                    ["section", "day", "world_event_id"])

    op.create_table(
        "event_entities",
        sa.Column("world_event_id", ID, nullable=False),
        sa.Column("world_entity_id", ID, nullable=False),
        sa.Column("day", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("world_event_id", "world_entity_id", name="pk_event_entities"),
        _fk("event_entities", "world_event_id", "world_events"),
        _fk("event_entities", "world_entity_id", "world_entities"),
    )
    op.create_index("ix_event_entities_entity_day_id", "event_entities",
                    ["world_entity_id", "day", "world_event_id"])

    op.create_table(
        "figure_countries",
        sa.Column("figure_id", ID, nullable=False),
        sa.Column("country", sa.String(), nullable=False),
        sa.Column("day", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("figure_id", "country", name="pk_figure_countries"),
        _fk("figure_countries", "figure_id", "figures"),
    )
    op.create_index("ix_figure_countries_country_day_id", "figure_countries",
                    ["country", "day", "figure_id"])


def downgrade() -> None:
    for table in ("figure_countries", "event_entities", "event_sectors", "event_pairs",
                  "world_event_countries", "event_mentions", "world_events", "entity_links",
                  "entity_aliases", "world_entities", "minhash_bands"):
        op.drop_table(table)
    with op.batch_alter_table("figures") as batch:
        batch.drop_index("ix_figures_day_id")
        batch.drop_column("day")
    with op.batch_alter_table("articles") as batch:
        batch.drop_index("ix_articles_day_id")
        batch.drop_index("ix_articles_duplicate_of")
        batch.drop_column("minhash")
        batch.drop_column("day")
        batch.drop_column("duplicate_of")
