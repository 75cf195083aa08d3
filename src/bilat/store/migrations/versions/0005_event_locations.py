"""Where world events happened: the location of each, for the place filters and the maps.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

``world_events`` gains the event's location (the record's ``location``: name, country,
GeoNames id, coordinates, kind, source) and three columns the API filters and groups
by without parsing JSON: ``location_country`` (ISO alpha-3 of the place),
``location_geonames_id`` and ``location_name_key`` (the name folded by
``bilat.lexicon.places.key``). The article-level ``events.location`` column already
exists (TEXT, null until now) and holds the location as JSON text. Stores made before
have no locations to backfill. Written by hand, like 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_TYPE = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("world_events") as batch:
        batch.add_column(sa.Column("location", JSON_TYPE))
        batch.add_column(sa.Column("location_country", sa.String()))
        batch.add_column(sa.Column("location_geonames_id", sa.BigInteger()))
        batch.add_column(sa.Column("location_name_key", sa.String()))
    op.create_index("ix_world_events_location_country_day_id", "world_events",
                    ["location_country", "day", "id"])
    op.create_index("ix_world_events_location_name_key_day_id", "world_events",
                    ["location_name_key", "day", "id"])
    op.create_index("ix_world_events_location_geonames_id_day_id", "world_events",
                    ["location_geonames_id", "day", "id"])


def downgrade() -> None:
    for name in ("location_geonames_id", "location_name_key", "location_country"):
        op.drop_index(f"ix_world_events_{name}_day_id", "world_events")
    with op.batch_alter_table("world_events") as batch:
        for col in ("location_name_key", "location_geonames_id", "location_country",
                    "location"):
            batch.drop_column(col)
