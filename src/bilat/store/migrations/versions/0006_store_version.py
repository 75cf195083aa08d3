"""The store's version: one counter that every committed write bumps.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

``store_version`` holds one row (``id`` 1). ``bilat.store.version`` adds one to it in
the transaction of every write, so readers (the API's response cache and its ETags) can
tell in one indexed read whether anything changed since they last looked, whichever
process wrote. Written by hand, like 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    table = op.create_table(
        "store_version",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
    )
    op.bulk_insert(table, [{"id": 1, "version": 0}])


def downgrade() -> None:
    op.drop_table("store_version")
