"""The pair page's places and cooperation map, as rollups: ``pair_places``,
``pair_sector_stages``.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05

Computed on every request the cache does not answer, the busiest pair page of the
1M-event store took 208 ms on SQLite, 100 ms of it the pair's places and 66 ms the
cooperation map (docs/performance.md). Two tables, kept in the write transaction like
those of 0003, answer the all-time page from one short index range each:

- ``pair_places``: the pair's located events grouped by place, quad class, type, mode
  and parties, each group with its number of events and its greatest day and id (the
  map's marks and "where they meet"; ``bilat.store.located`` says how it is kept). A
  key that may be missing is stored as 0 (GeoNames id) or ``""`` (a primary key holds
  no NULL). A group that loses an event is counted again from ``world_events``, on a
  new index ``(location_name_key, type, country_key)`` that reads only the events at its
  place of its type and parties.
- ``pair_sector_stages``: the newest 10 events (by day, then id) of each pair, sector
  and cooperation stage (``bilat.store.stages``). The stage is ``vocab.stage`` of the
  event's type and modality, written here as SQL (``STAGE``).

Existing stores are backfilled from ``event_pairs``, ``world_events`` and
``pair_sector_events``. Written by hand, like 0003.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

#: ``vocab.stage`` as of this migration (``STAGE_OF_MODALITY``, then ``STAGE_OF_TYPE``),
#: for the events of ``STAGED_TYPES`` that are not negated.
STAGE = ("CASE WHEN modality = 'potential' THEN 'potential' "
         "WHEN modality = 'future' THEN 'agreed' "
         "WHEN type = 'CONSULT' THEN 'discussed' WHEN type = 'AGREE' THEN 'agreed' "
         "WHEN type = 'SUPPORT' THEN 'signed' ELSE 'under_way' END")
STAGED_TYPES = "('CONSULT', 'AGREE', 'SUPPORT', 'COOPERATE', 'AID')"
#: Events kept per pair, sector and stage (``stages.MAP_IDS``).
MAP_IDS = 10

BACKFILL = (
    "INSERT INTO pair_places (country_a, country_b, geonames_id, name_key, location_country, "
    "quad_class, type, mode, country_key, events, last_day, last_id) "
    "SELECT p.country_a, p.country_b, coalesce(w.location_geonames_id, 0), "
    "w.location_name_key, coalesce(w.location_country, ''), coalesce(w.quad_class, ''), "
    "w.type, coalesce(w.mode, ''), w.country_key, count(*), max(w.day), max(w.id) "
    "FROM event_pairs p JOIN world_events w ON w.id = p.world_event_id "
    "WHERE w.location_name_key IS NOT NULL "
    "GROUP BY p.country_a, p.country_b, coalesce(w.location_geonames_id, 0), "
    "w.location_name_key, coalesce(w.location_country, ''), coalesce(w.quad_class, ''), "
    "w.type, coalesce(w.mode, ''), w.country_key",
    "INSERT INTO pair_sector_stages (country_a, country_b, sector, stage, day, world_event_id) "
    "SELECT country_a, country_b, sector, stage, day, world_event_id FROM ("
    " SELECT country_a, country_b, sector, stage, day, world_event_id, row_number() OVER ("
    "  PARTITION BY country_a, country_b, sector, stage "
    "  ORDER BY day DESC, world_event_id DESC) AS n FROM ("
    f"  SELECT country_a, country_b, sector, {STAGE} AS stage, day, world_event_id "
    f"  FROM pair_sector_events WHERE type IN {STAGED_TYPES} AND modality != 'negated'"
    " ) AS staged) AS ranked "
    f"WHERE n <= {MAP_IDS}",
)


def upgrade() -> None:
    op.create_table(
        "pair_places",
        sa.Column("country_a", sa.String(), nullable=False),
        sa.Column("country_b", sa.String(), nullable=False),
        sa.Column("name_key", sa.String(), nullable=False),
        sa.Column("geonames_id", sa.BigInteger(), nullable=False),
        sa.Column("location_country", sa.String(), nullable=False),
        sa.Column("quad_class", sa.String(), nullable=False),
        sa.Column("type", sa.String(), nullable=False),
        sa.Column("mode", sa.String(), nullable=False),
        sa.Column("country_key", sa.String(), nullable=False),
        sa.Column("events", sa.Integer(), nullable=False),
        sa.Column("last_day", sa.String(), nullable=False),
        sa.Column("last_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("country_a", "country_b", "name_key", "geonames_id",
                                "location_country", "quad_class", "type", "mode",
                                "country_key", name="pk_pair_places"),
    )
    op.create_table(
        "pair_sector_stages",
        sa.Column("country_a", sa.String(), nullable=False),
        sa.Column("country_b", sa.String(), nullable=False),
        sa.Column("sector", sa.String(), nullable=False),
        sa.Column("stage", sa.String(), nullable=False),
        sa.Column("day", sa.String(), nullable=False),
        sa.Column("world_event_id", ID, nullable=False),
        sa.PrimaryKeyConstraint("country_a", "country_b", "sector", "stage", "day",
                                "world_event_id", name="pk_pair_sector_stages"),
        sa.ForeignKeyConstraint(["world_event_id"], ["world_events.id"], ondelete="CASCADE",
                                name="fk_pair_sector_stages_world_event_id_world_events"),
    )
    op.create_index("ix_world_events_location_name_key_type_country_key", "world_events",
                    ["location_name_key", "type", "country_key"])
    for sql in BACKFILL:
        op.execute(sql)


def downgrade() -> None:
    op.drop_index("ix_world_events_location_name_key_type_country_key", "world_events")
    op.drop_table("pair_sector_stages")
    op.drop_table("pair_places")
