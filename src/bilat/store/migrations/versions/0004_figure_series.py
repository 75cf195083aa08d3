"""Figure series: a figure's kind, direction and base period; observations across articles.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

- ``figures``: ``kind`` (``actual`` for existing rows, as ``Figure.from_dict`` reads
  records written before kinds existed), ``direction`` and ``base_period``.
- ``figure_observations``: one per (metric, label, countries, direction, kind, unit,
  period), with the agreed value, whether sources dispute it, every value reported and
  the change it states; ``figure_sources`` links each canonical article's figure to its
  observation; ``figure_obs_pairs`` and ``figure_obs_countries`` find a
  pair's or a country's observations from one index range.

Existing stores are resolved here, article by article in ingestion order, with the same
``series.link`` that ``Store.add`` runs. Written by hand, like 0001.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _fk(table: str, column: str, referred: str, ondelete: str = "CASCADE"
        ) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{referred}.id"], ondelete=ondelete,
                                   name=f"fk_{table}_{column}_{referred}")


def _s(name: str, default: str | None = None) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=False, server_default=default)


def upgrade() -> None:
    op.add_column("figures", _s("kind", "actual"))
    op.add_column("figures", sa.Column("direction", sa.String()))
    op.add_column("figures", sa.Column("base_period", sa.String()))

    op.create_table(
        "figure_observations",
        sa.Column("id", ID, nullable=False),
        _s("metric"), _s("label"), _s("country_key"),
        sa.Column("countries", JSON, nullable=False),
        _s("direction"), _s("kind"), _s("unit"), _s("period_key"),
        sa.Column("period", sa.String()),
        _s("period_start"), _s("period_end"),
        sa.Column("value", sa.Float()),
        sa.Column("disputed", sa.Boolean(), nullable=False),
        sa.Column("reported", sa.JSON(), nullable=False),
        sa.Column("change", sa.String()),
        sa.Column("change_pct", sa.Float()),
        sa.Column("base_period", sa.String()),
        sa.Column("base_key", sa.String()),
        sa.Column("base_id", ID),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        _s("first_day", ""), _s("last_day", ""),
        sa.Column("recent_sources", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_figure_observations"),
        _fk("figure_observations", "base_id", "figure_observations", "SET NULL"),
        sa.UniqueConstraint("metric", "country_key", "label", "direction", "kind", "unit",
                            "period_key", name="uq_figure_observations_key"),
    )
    op.create_table(
        "figure_sources",
        sa.Column("figure_id", ID, nullable=False),
        sa.Column("observation_id", ID, nullable=False),
        _s("article_id"), _s("day", ""),
        sa.Column("value", sa.Float()),
        sa.PrimaryKeyConstraint("figure_id", name="pk_figure_sources"),
        _fk("figure_sources", "figure_id", "figures"),
        _fk("figure_sources", "observation_id", "figure_observations"),
    )
    op.create_index("ix_figure_sources_observation_id_day", "figure_sources",
                    ["observation_id", "day", "figure_id"])
    op.create_table(
        "figure_obs_pairs",
        sa.Column("observation_id", ID, nullable=False),
        _s("country_a"), _s("country_b"), _s("metric"), _s("period_start"),
        sa.PrimaryKeyConstraint("observation_id", "country_a", "country_b",
                                name="pk_figure_obs_pairs"),
        _fk("figure_obs_pairs", "observation_id", "figure_observations"),
    )
    op.create_index("ix_figure_obs_pairs_a_b_metric_start", "figure_obs_pairs",
                    ["country_a", "country_b", "metric", "period_start", "observation_id"])
    op.create_table(
        "figure_obs_countries",
        sa.Column("observation_id", ID, nullable=False),
        _s("country"), _s("metric"), _s("period_start"),
        sa.PrimaryKeyConstraint("observation_id", "country",
                                name="pk_figure_obs_countries"),
        _fk("figure_obs_countries", "observation_id", "figure_observations"),
    )
    op.create_index("ix_figure_obs_countries_country_metric_start",
                    "figure_obs_countries",
                    ["country", "metric", "period_start", "observation_id"])
    _resolve_existing()


def _resolve_existing() -> None:
    """Link the figures of the stored canonical articles, in the order they were saved."""
    import json

    from sqlalchemy.orm import Session

    from bilat.store import series

    bind = op.get_bind()
    session = Session(bind=bind)
    articles = bind.execute(sa.text(
        "SELECT id, day FROM articles WHERE duplicate_of IS NULL ORDER BY ingested_at, id")).all()
    for article_id, day in articles:
        rows = bind.execute(sa.text(
            "SELECT id, metric, label, countries, direction, kind, unit, period, value, change, "
            "change_pct, base_period FROM figures WHERE article_id = :a ORDER BY position"),
            {"a": article_id}).all()
        figures = [series.Reported(
            r.id, r.metric, r.label,
            json.loads(r.countries) if isinstance(r.countries, str) else list(r.countries),
            r.direction, r.kind, r.unit, r.period, r.value, r.change, r.change_pct,
            r.base_period) for r in rows]
        series.link(session, article_id, day or "", figures)
        session.flush()
    session.expunge_all()


def downgrade() -> None:
    for table in ("figure_obs_countries", "figure_obs_pairs", "figure_sources",
                  "figure_observations"):
        op.drop_table(table)
    for column in ("base_period", "direction", "kind"):
        op.drop_column("figures", column)
