"""Faults: ``kill -9`` during ``bilat ingest``, ``bilat watch`` and ``bilat load``, and
PostgreSQL going away under a running API (simulated with a TCP proxy the test cuts; the
shared server is never restarted).

The ingest test runs on the first ``INGEST_ARTICLES`` of the Kremlin corpus, to stay
inside the suite's time budget; ``BILAT_FAULTS_FULL=1`` runs it on all 300.
"""

from __future__ import annotations

import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bilat.api import create_app
from bilat.config import Settings
from tests.conftest import shared_path
from tests.store.conftest import PG_URL, pg_admin  # noqa: F401 - fixture
from tests.watch.conftest import rss, sample_records, serve_pages, site  # noqa: F401

BILAT = [sys.executable, "-m", "bilat.cli"]
INGEST_ARTICLES = 300 if os.environ.get("BILAT_FAULTS_FULL") else 30


def _count(db_path: Path, table: str = "articles") -> int:
    if not db_path.exists():
        return 0
    try:
        with create_engine(f"sqlite:///{db_path}").connect() as conn:
            return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0
    except Exception:  # the schema is not there yet, or the file is locked a moment
        return 0


def _kill_when(proc: subprocess.Popen, ready, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the process ended (status {proc.returncode}) before it was killed")
        if ready():
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(10)
            return
        time.sleep(0.05)
    proc.kill()
    pytest.fail("the process never got far enough to be killed")


def _check_store(db_path: Path, expected_ids: set[str]) -> None:
    """Every input stored or set aside once; no half-written article."""
    with create_engine(f"sqlite:///{db_path}").connect() as conn:
        assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
        ids = [r[0] for r in conn.execute(text("SELECT id FROM articles"))]
        aside = {r[0] for r in conn.execute(text("SELECT article_id FROM set_aside"))}
        assert len(ids) == len(set(ids))
        hashes = conn.execute(text("SELECT count(*), count(DISTINCT content_hash) "
                                   "FROM articles")).one()
        assert hashes[0] == hashes[1]
        assert set(ids) | aside >= expected_ids
        # written in the same transaction as the article: its MinHash bands, and a
        # world-event link for every event of a canonical article
        no_bands = conn.execute(text(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM minhash_bands b WHERE b.article_id = a.id)")).scalar()
        assert no_bands == 0
        unlinked = conn.execute(text(
            "SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE a.duplicate_of IS NULL AND NOT EXISTS "
            "(SELECT 1 FROM event_mentions m WHERE m.event_row_id = e.id)")).scalar()
        assert unlinked == 0


def test_kill_9_during_ingest_then_restart_completes_the_store(tmp_path) -> None:
    corpus = shared_path("corpora", "kremlin-presidentua-2021-2022", "articles.jsonl")
    lines = corpus.read_text("utf-8").splitlines()[:INGEST_ARTICLES]
    src = tmp_path / "kremlin.jsonl"
    src.write_text("\n".join(lines) + "\n", "utf-8")
    ids = {json.loads(line)["id"] for line in lines}
    db_path = tmp_path / "k.db"
    cmd = [*BILAT, "ingest", str(src), "--db", f"sqlite:///{db_path}", "--no-progress"]
    env = {**os.environ, "BILAT_STORE_BATCH": "3"}  # several commits in a short run
    first = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _kill_when(first, lambda: _count(db_path) >= max(5, INGEST_ARTICLES // 4), 120)
    killed_at = _count(db_path)
    assert 0 < killed_at < len(ids)
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env)
    assert again.returncode in (0, 1), again.stderr[-2000:]
    assert "Traceback" not in again.stderr
    _check_store(db_path, ids)


def test_kill_9_during_watch_then_restart_stores_every_item(tmp_path, site) -> None:  # noqa: F811
    records = sample_records()
    items = serve_pages(site, records)
    feed = site.add("/feed.xml", __import__("tests.watch.conftest", fromlist=["Resp"]).Resp(
        body=rss(items), content_type="application/rss+xml"))
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(feed + "\n", "utf-8")
    db_path = tmp_path / "w.db"
    cmd = [*BILAT, "watch", str(feeds), "--db", f"sqlite:///{db_path}", "--once"]
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    first = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _kill_when(first, lambda: _count(db_path) >= 2, 120)
    assert _count(db_path) < len(records)
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env)
    assert again.returncode in (0, 1), again.stderr[-2000:]
    assert "Traceback" not in again.stderr
    with create_engine(f"sqlite:///{db_path}").connect() as conn:
        urls = [r[0] for r in conn.execute(text("SELECT url FROM articles"))]
        state = dict(conn.execute(text("SELECT state, count(*) FROM watch_items "
                                       "GROUP BY state")).all())
    assert len(urls) == len(set(urls))
    assert sum(state.values()) == len(records)
    assert set(state) <= {"stored", "set_aside"}, state
    _check_store(db_path, set())


class CuttableProxy:
    """A TCP proxy on 127.0.0.1 in front of PostgreSQL. ``cut()`` drops every connection
    and refuses new ones (what clients see while the server restarts); ``restore()``
    forwards again."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.up = True
        self.conns: list[socket.socket] = []
        self.lock = threading.Lock()
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up:
                client.close()
                continue
            try:
                server = socket.create_connection(self.target, timeout=3)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.conns += [client, server]
            threading.Thread(target=self._pipe, args=(client, server), daemon=True).start()

    def _pipe(self, a: socket.socket, b: socket.socket) -> None:
        try:
            while True:
                ready, _, _ = select.select([a, b], [], [], 0.5)
                for s in ready:
                    data = s.recv(65536)
                    if not data:
                        return
                    (b if s is a else a).sendall(data)
        except OSError:
            return
        finally:
            for s in (a, b):
                try:
                    s.close()
                except OSError:
                    pass

    def cut(self) -> None:
        self.up = False
        with self.lock:
            conns, self.conns = self.conns, []
        for s in conns:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass

    def restore(self) -> None:
        self.up = True

    def close(self) -> None:
        self.closed = True
        self.cut()
        self.listener.close()


@pytest.mark.postgres
def test_postgres_going_away_gives_503_then_recovers(pg_admin) -> None:  # noqa: F811
    real = make_url(PG_URL)
    proxy = CuttableProxy((real.host or "127.0.0.1", real.port or 5432))
    schema = f"bilat_hardening_{os.getpid()}_{int(time.time())}"
    with pg_admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = real.set(host="127.0.0.1", port=proxy.port).update_query_dict(
        {"options": f"-csearch_path={schema}", "connect_timeout": "3"})
    app = create_app(url.render_as_string(hide_password=False), Settings())
    client = TestClient(app, raise_server_exceptions=False)
    try:
        for _ in range(3):
            assert client.get("/api/events").status_code == 200
        proxy.cut()
        for path in ("/api/events", "/api/articles", "/api/pairs/AZE/UZB"):
            started = time.monotonic()
            r = client.get(path)
            assert r.status_code == 503, r.text[:300]
            assert time.monotonic() - started < 10
            body = r.json()
            assert r.headers["content-type"] == "application/problem+json"
            assert body["code"] == "BL-E050" and "Traceback" not in r.text
            assert "SELECT" not in body["detail"]
        r = client.get("/articles/x")  # a dashboard page: an HTML error page, not a trace
        assert r.status_code == 503 and r.headers["content-type"].startswith("text/html")
        proxy.restore()
        # the very first request after the restart succeeds: dead pooled connections are
        # found by the ping on checkout and replaced
        assert client.get("/api/events").status_code == 200
        assert client.get("/api/articles").status_code == 200
    finally:
        app.state.store.close()
        proxy.close()
        with pg_admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


#: ``bilat load --batch-size``: 200 would store these 80 articles in one transaction,
#: leaving nothing to kill between two.
LOAD_BATCH = 5
BILAT_LOAD = [sys.executable, "-m", "bilat.cli"]
PER_ARTICLE = ("entities", "events", "figures", "relations", "minhash_bands",
               "event_mentions")


def _per_article(db_path: Path) -> tuple[dict, list]:
    """Each article's duplicate_of and row counts in its tables; the set-aside rows."""
    with create_engine(f"sqlite:///{db_path}").connect() as conn:
        arts = {i: [d] for i, d in conn.execute(text("SELECT id, duplicate_of FROM articles"))}
        for table in PER_ARTICLE:
            counts = dict(conn.execute(text(
                f"SELECT article_id, count(*) FROM {table} GROUP BY article_id")).all())
            for i, row in arts.items():
                row.append(counts.get(i, 0))
        aside = sorted((c, a or "") for a, c in conn.execute(text(
            "SELECT article_id, code FROM set_aside")))
    return arts, aside


def test_kill_9_during_load_then_rerun_completes_the_store(tmp_path) -> None:
    from bilat.batch import run
    from tests.batch.conftest import BAD_LINES, SAMPLE

    # 16 sample articles, and 4 variants of each under new ids (text changed, so each
    # has its own content hash), with two bad lines the batch sets aside
    records = [json.loads(line) for line in SAMPLE.read_text("utf-8").splitlines()]
    lines = []
    for k in range(5):
        for r in records:
            if k:
                r = {**r, "id": f"{r['id']}-v{k}", "text": f"{r['text']} Variant {k}."}
            lines.append(json.dumps(r).encode() + b"\n")
    lines[20:20] = BAD_LINES[:1]
    lines[50:50] = BAD_LINES[1:]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"".join(lines))
    n = 5 * len(records)
    out = tmp_path / "out"
    run([str(src)], out, engine="local", partition_size=10)

    clean = tmp_path / "clean.db"
    done = subprocess.run([*BILAT, "load", str(out), "--db", f"sqlite:///{clean}",
                           "--no-progress"], capture_output=True, text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr[-2000:]

    db_path = tmp_path / "l.db"
    cmd = [*BILAT_LOAD, "load", str(out), "--db", f"sqlite:///{db_path}", "--no-progress",
           "--batch-size", str(LOAD_BATCH)]
    first = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _kill_when(first, lambda: _count(db_path) >= 2 * LOAD_BATCH, 120)
    killed_at = _count(db_path)
    assert 0 < killed_at < n
    # whole transactions only: the killed run stored a multiple of the batch
    assert killed_at % LOAD_BATCH == 0, killed_at
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert again.returncode in (0, 1), again.stderr[-2000:]
    assert "Traceback" not in again.stderr
    assert f"stored {n - killed_at} new of {n} articles" in again.stderr, again.stderr[-2000:]

    _check_store(db_path, {json.loads(line)["id"] for line in lines if b'"text"' in line
                           and line not in BAD_LINES})
    assert _count(db_path) == n
    arts, aside = _per_article(db_path)
    want_arts, want_aside = _per_article(clean)
    assert len(arts) == n and len(want_arts) == n
    assert arts == want_arts  # every article with all its rows, as a clean load stores it
    assert sum(row[2] for row in arts.values()) > 0  # and it has events at all
    assert aside == want_aside and len(aside) == len(BAD_LINES)
    assert not {a for _, a in aside} & set(arts)
