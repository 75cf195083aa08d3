"""What storing an article works out from the article alone, before any transaction.

``prepare(article)`` gives its record (``Article.to_dict``, checked storable), its
content hash and its MinHash signature (``dedup.signature``, and its bands): about 2 ms
of Python per article, none of it asking the store. ``Store.save_many`` takes
``Prepared`` articles as well as plain ones (it prepares those itself, and signs only
the texts not stored yet), so a caller that reads its articles in a thread of its own
(``bilat load``) prepares them there, while the thread that stores waits on the
database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bilat.record import Article
from bilat.store import dedup
from bilat.store.rows import check_storable


@dataclass(frozen=True, slots=True)
class Prepared:
    article: Article
    #: ``article.to_dict()``, storable (``check_storable``); copied before it is changed
    record: dict[str, Any]
    content_hash: str
    #: whether ``signature`` was worked out (else ``save_many`` signs when it must)
    signed: bool = False
    signature: bytes | None = None


def prepare(article: Article, *, sign: bool = True) -> Prepared:
    """``article`` ready to store; ``sign``: work out its signature too.

    Raises ``StoreWriteError`` (as storing it would) when the record cannot be stored.
    """
    record = article.to_dict()
    check_storable(record)
    sig = dedup.signature(article.text) if sign else None
    if sig is not None:
        dedup.bands(sig)  # remembered for the storing thread
    return Prepared(article, record, article.content_hash, sign, sig)
