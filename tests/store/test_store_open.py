"""Opening a store: the URL, the connection, and the migrations that make the schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from bilat.errors import StoreError
from bilat.record import Article
from bilat.store import Store, fulltext, migrate
from bilat.store.models import Base

TABLES = {"articles", "entities", "events", "event_countries", "figures", "relations",
          "set_aside",
          # 0002: across articles
          "minhash_bands", "world_entities", "entity_aliases", "entity_links", "world_events",
          "event_mentions", "world_event_countries", "event_pairs", "event_sectors",
          "event_entities", "figure_countries",
          # 0003: per-pair rollups
          "pair_months", "pair_entities", "pair_sector_events",
          # 0004: figure series
          "figure_observations", "figure_sources", "figure_obs_pairs", "figure_obs_countries",
          # 0006: the store's version
          "store_version",
          # 0008: where a pair's events happened
          "pair_places", "pair_sector_stages"}


def _tables(engine) -> set[str]:
    """The tables of a store, less the FTS5 tables SQLite keeps for full-text search."""
    return {t for t in inspect(engine).get_table_names() if not fulltext.kept_by_database(t)}


def test_open_empty_database_migrates_to_head(db_url: str) -> None:
    with Store(db_url) as store:
        insp = inspect(store.engine)
        assert _tables(store.engine) == TABLES | {"alembic_version"}
        assert migrate.current_revision(store.engine) == migrate.head_revision() == "0008"
        indexes = {ix["name"] for t in TABLES for ix in insp.get_indexes(t)}
        assert {"ix_articles_date", "ix_entities_country", "ix_entities_name",
                "ix_events_type_day", "ix_events_day_article_id",
                "ix_event_countries_country_event_id", "ix_articles_day_id",
                "ix_event_pairs_a_b_day_id", "ix_world_events_match",
                "ix_world_event_countries_country_day_id", "ix_event_sectors_sector_day_id",
                "ix_figure_countries_country_day_id", "ix_event_entities_entity_day_id"} <= indexes
        uniques = {u["name"] for u in insp.get_unique_constraints("articles")}
        assert "uq_articles_content_hash" in uniques
        fks = insp.get_foreign_keys("events")
        assert [(fk["referred_table"], fk["options"].get("ondelete")) for fk in fks] == [
            ("articles", "CASCADE")]


def test_migrations_match_the_models(store: Store) -> None:
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={
            "compare_type": True,
            "include_name": lambda name, type_, parents: not fulltext.kept_by_database(
                name, type_, parents)})
        assert compare_metadata(ctx, Base.metadata) == []


def test_migrations_down_to_base_and_up_again(store: Store) -> None:
    migrate.downgrade(store.engine, "base")
    assert set(inspect(store.engine).get_table_names()) <= {"alembic_version"}
    assert migrate.current_revision(store.engine) is None
    migrate.upgrade(store.engine)
    assert _tables(store.engine) == TABLES | {"alembic_version"}
    assert store.save(Article(id="a", text="Works again."))


def test_migration_0002_keeps_0001_data(db_url: str) -> None:
    with Store(db_url) as store:
        migrate.downgrade(store.engine, "0001")
        with store.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO articles (id, title, date, text, content_hash, edits, extra, record, "
                "ingested_at) VALUES ('old', 't', '2024-05-14T10:00', 'Old text.', 'h', '[]', "
                "'{}', '{}', CURRENT_TIMESTAMP)"))
        migrate.upgrade(store.engine)
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT day, duplicate_of FROM articles")).one() == (
                "2024-05-14", None)


def test_reopen_keeps_data(db_url: str) -> None:
    with Store(db_url) as store:
        store.save(Article(id="a", text="Kept."))
    with Store(db_url) as store:
        assert store.has("a")
        assert store.counts()["articles"] == 1


def test_open_database_from_a_newer_bilat_fails_clearly(db_url: str) -> None:
    with Store(db_url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError, match=r"\[BL-E050\] cannot migrate .*newer bilat"):
        Store(db_url)


def test_sqlite_has_foreign_keys_and_wal(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'b.db'}") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_sqlite_in_memory_works() -> None:
    with Store("sqlite://") as store:
        assert store.save(Article(id="m", text="In memory."))
        assert store.has("m")


def test_url_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BILAT_DB", f"sqlite:///{tmp_path / 'env.db'}")
    with Store() as store:
        store.save(Article(id="a", text="Env."))
    assert (tmp_path / "env.db").exists()


def test_default_url_is_bilat_db_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BILAT_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    with Store():
        pass
    assert (tmp_path / "bilat.db").exists()


@pytest.mark.parametrize(("url", "words"), [
    ("not a url", "is not valid; give e.g. sqlite:///bilat.db or postgresql+psycopg://"),
    ("nosuchdb://x/y", "unknown database or driver 'nosuchdb'"),
    ("postgresql+nosuchdriver://u@h/d", "unknown database or driver"),
    ("mysql+mysqldb://u@localhost/d", "driver for mysql+mysqldb://u@localhost/d is not installed"),
    ("sqlite:////no/such/dir/bilat.db",
     "cannot open database sqlite:////no/such/dir/bilat.db: unable to open database file; "
     "check that its directory exists"),
    ("postgresql+psycopg://postgres@127.0.0.1:1/test",
     "cannot open database postgresql+psycopg://postgres@127.0.0.1:1/test"),
])
def test_bad_url_is_store_error_with_code(url: str, words: str) -> None:
    with pytest.raises(StoreError) as err:
        Store(url)
    assert err.value.code == "BL-E050"
    assert str(err.value).startswith("[BL-E050] ")
    assert words in str(err.value)


@pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
def test_postgres_url_without_driver_means_psycopg(scheme: str) -> None:
    with pytest.raises(StoreError) as err:
        Store(f"{scheme}://postgres@127.0.0.1:1/test")
    assert "cannot open database postgresql+psycopg://postgres@127.0.0.1:1/test" in str(err.value)


def test_bad_url_message_hides_the_password() -> None:
    with pytest.raises(StoreError) as err:
        Store("postgresql+psycopg://bilat:s3cret@127.0.0.1:1/test")
    assert "s3cret" not in str(err.value)
    assert "bilat:***@127.0.0.1" in str(err.value)
