"""Creating a store is atomic and resumable; commands that only read never create one.

Issue 14 (2): kill -9 while a SQLite store was being created left tables and an empty
``alembic_version``, and every later command failed with BL-E050 "table articles already
exists"; two processes opening a new file at once failed 3 times in 5.
Issue 14 (11): a read command given a mistyped store URL created an empty store.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from bilat.errors import NoSuchStore, StoreError
from bilat.record import Article
from bilat.store import Store, migrate
from bilat.store.models import Base

from .test_store_open import TABLES, _tables

#: Runs in a child process: open a new store and die by SIGKILL right after the
#: ``events`` table is created, in the middle of the first migration.
KILL_DURING_CREATION = """
import os, signal, sys
from sqlalchemy import Engine, event

def after(conn, cursor, statement, *args):
    if statement.lstrip().upper().startswith("CREATE TABLE") and " events " in statement:
        os.kill(os.getpid(), signal.SIGKILL)

event.listen(Engine, "after_cursor_execute", after)
from bilat.store import Store
Store(sys.argv[1])
"""

#: Runs in a child process: open the store at argv[1] at the time argv[2] (UNIX seconds).
OPEN_AT = """
import sys, time
from bilat.store import Store
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
with Store(sys.argv[1]) as store:
    store.counts()
"""


def _python(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def test_kill_9_during_creation_leaves_a_store_the_next_run_creates(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    proc = _python(KILL_DURING_CREATION, url)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, err.decode()
    with Store(url) as store:  # before: BL-E050 "table articles already exists"
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        assert store.save(Article(id="a", text="Stored after the interrupted creation."))
        assert store.counts()["articles"] == 1


def test_tables_left_by_an_older_interrupted_creation_are_made_again(tmp_path: Path) -> None:
    """A file an older bilat left half-made (tables, no revision, no rows) is resumed."""
    url = f"sqlite:///{tmp_path / 'half.db'}"
    engine = create_engine(url)
    with engine.begin() as conn:
        Base.metadata.create_all(conn, tables=[Base.metadata.tables["articles"]])
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
    engine.dispose()
    with Store(url) as store:
        assert _tables(store.engine) == TABLES | {"alembic_version"}
        assert store.save(Article(id="a", text="Works."))


def test_bilat_tables_with_rows_but_no_revision_are_not_touched(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'odd.db'}"
    with Store(url) as store:
        store.save(Article(id="a", text="Kept."))
        with store.engine.begin() as conn:
            conn.execute(text("DROP TABLE alembic_version"))
    with pytest.raises(StoreError, match=r"\[BL-E050\] .*holds bilat tables with rows"):
        Store(url)
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT id FROM articles")).scalars().all() == ["a"]
    engine.dispose()


def test_processes_opening_a_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    for attempt in range(3):
        url = f"sqlite:///{tmp_path / f'race{attempt}.db'}"
        start = time.time() + 3.0  # after every child has imported bilat
        procs = [_python(OPEN_AT, url, str(start)) for _ in range(4)]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err.decode()[-2000:]
        with Store(url) as store:
            assert migrate.current_revision(store.engine) == migrate.head_revision()


# -- read commands never create a store (11) ----------------------------------------------


def test_open_without_create_refuses_a_missing_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "nonexist.db"
    with pytest.raises(NoSuchStore) as err:
        Store(f"sqlite:///{path}", create=False)
    assert str(err.value).startswith("[BL-E052] there is no bilat store at sqlite:///")
    assert "the file" in str(err.value) and "bilat ingest" in str(err.value)
    assert not path.exists()


def test_open_without_create_refuses_an_empty_database(db_url: str) -> None:
    if db_url.startswith("sqlite"):
        Path(db_url.removeprefix("sqlite:///")).write_bytes(b"")
    with pytest.raises(NoSuchStore, match="holds no bilat tables"):
        Store(db_url, create=False)
    engine = create_engine(db_url)
    try:
        assert "articles" not in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_open_without_create_opens_an_existing_store(db_url: str) -> None:
    with Store(db_url) as store:
        store.save(Article(id="a", text="There."))
    with Store(db_url, create=False) as store:
        assert store.has("a")


def test_open_read_only_sqlite_file_needs_no_write_lock(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    with Store(f"sqlite:///{path}") as store:
        store.save(Article(id="a", text="Read only."))
    os.chmod(path, 0o444)
    try:
        with Store(f"sqlite:///file:{path}?mode=ro&uri=true", create=False) as store:
            assert store.has("a")
    finally:
        os.chmod(path, 0o644)
