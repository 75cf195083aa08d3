"""Per-pair rollups for the pair page: month × type counts, entities, sector events.

Revision ID: 0003
Revises: 0002
Create Date: 2024-07-01

The pair page of a busy pair (tens of thousands of events) cannot afford to join
``event_pairs`` to ``event_sectors`` and ``event_entities`` row by row. Three tables,
maintained by ``crossref.link_events`` in the same transaction as the rows they count,
answer it from one short index range each:

- ``pair_months``: events per pair, month and type (with the type's quad class);
- ``pair_entities``: per pair, the world entities taking part and in how many of its
  events;
- ``pair_sector_events``: one row per pair, sector and event (the event's type,
  modality and day repeated), for the sector counts and the cooperation map, with or
  without a date range.

Existing stores are backfilled from the link tables. Written by hand, like 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

BACKFILL = (
    "INSERT INTO pair_months (country_a, country_b, month, type, quad_class, events) "
    "SELECT country_a, country_b, month, type, min(quad_class), count(*) FROM event_pairs "
    "GROUP BY country_a, country_b, month, type",
    "INSERT INTO pair_entities (country_a, country_b, world_entity_id, kind, events) "
    "SELECT p.country_a, p.country_b, ee.world_entity_id, min(we.kind), count(*) "
    "FROM event_pairs p JOIN event_entities ee ON ee.world_event_id = p.world_event_id "
    "JOIN world_entities we ON we.id = ee.world_entity_id "
    "GROUP BY p.country_a, p.country_b, ee.world_entity_id",
    "INSERT INTO pair_sector_events (world_event_id, country_a, country_b, sector, type, "
    "modality, day) SELECT p.world_event_id, p.country_a, p.country_b, s.sector, p.type, "
    "p.modality, s.day FROM event_pairs p "
    "JOIN event_sectors s ON s.world_event_id = p.world_event_id",
)


def _fk(table: str, column: str, referred: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{referred}.id"], ondelete="CASCADE",
                                   name=f"fk_{table}_{column}_{referred}")


def upgrade() -> None:
    op.create_table(
        "pair_months",
        sa.Column("country_a", sa.String(), nullable=False),
        sa.Column("country_b", sa.String(), nullable=False),
        sa.Column("month", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("quad_class", sa.String()),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("country_a", "country_b", "month", "type",
                                name="pk_pair_months"),
    )
    op.create_table(
        "pair_entities",
        sa.Column("country_a", sa.String(), nullable=False),
        sa.Column("country_b", sa.String(), nullable=False),
        sa.Column("world_entity_id", ID, nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("country_a", "country_b", "world_entity_id",
                                name="pk_pair_entities"),
        _fk("pair_entities", "world_entity_id", "world_entities"),
    )
    op.create_index("ix_pair_entities_world_entity_id", "pair_entities", ["world_entity_id"])
    op.create_index("ix_pair_entities_a_b_kind_events", "pair_entities",
                    ["country_a", "country_b", "kind", "events"])
    op.create_table(
        "pair_sector_events",
        sa.Column("world_event_id", ID, nullable=False),
        sa.Column("country_a", sa.String(), nullable=False),
        sa.Column("country_b", sa.String(), nullable=False),
        sa.Column("sector", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("modality", sa.String(), nullable=False),
        sa.Column("day", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("world_event_id", "country_a", "country_b", "sector",
                                name="pk_pair_sector_events"),
        _fk("pair_sector_events", "world_event_id", "world_events"),
    )
    op.create_index("ix_pair_sector_events_a_b_sector_type_modality_day_id",
                    "pair_sector_events",
                    ["country_a", "country_b", "sector", "type", "modality", "day",
                     "world_event_id"])
    for sql in BACKFILL:
        op.execute(sql)


def downgrade() -> None:
    for table in ("pair_sector_events", "pair_entities", "pair_months"):
        op.drop_table(table)
