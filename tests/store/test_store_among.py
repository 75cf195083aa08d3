"""``among``: the rows whose column holds one of many values, as ``IN`` selects them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilat.store import Store
from bilat.store.among import CHUNK, among
from bilat.store.models import MinhashBandRow

from ._articles import seed_article


def test_among_selects_what_in_selects(store: Store) -> None:
    store.save(seed_article())
    m = MinhashBandRow.__table__.c
    with Session(store.engine) as session:
        stored = sorted(session.scalars(select(m.bucket)))
        assert len(stored) > 3
        # stored buckets among many that are not (more than one IN list on SQLite)
        values = sorted(set(stored[::2]) | set(range(-CHUNK - 7, CHUNK + 7)))
        conds = list(among(session, m.bucket, values))
        pg = store.engine.dialect.name == "postgresql"
        assert len(conds) == (1 if pg else -(-len(values) // CHUNK))
        got = sorted(b for c in conds for b in session.scalars(select(m.bucket).where(c)))
        want = sorted(session.scalars(select(m.bucket).where(m.bucket.in_(values))))
        assert got == want == sorted(stored[::2])
        assert list(among(session, m.bucket, [])) == []
        ids = [r for c in among(session, m.article_id, ["azernews-1", "nope"])
               for r in session.scalars(select(m.article_id).where(c))]
        assert set(ids) == {"azernews-1"}
