"""The store: articles and everything found in them, in SQLite or PostgreSQL.

``Store`` is the whole interface; the tables are in ``models``, the migrations in
``migrations/`` and the mapping between records and rows in ``rows``.
"""

from bilat.store.db import Store

__all__ = ["Store"]
