"""The pipeline: the only place that knows the order of the stages.

    ingest ─► repair ─► nlp ─► extract ─► resolve ─► (store)

``Pipeline.process_many`` takes what ``bilat.ingest`` yields (articles and set-asides)
and yields processed articles and set-asides, in order; one bad article never stops
the run, it is set aside with its coded error.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

from typing import BinaryIO, TextIO

from bilat import extract, ingest, nlp, repair, resolve
from bilat.nlp.truecase import truecase
from bilat.errors import BilatError, ExtractError, InputTooLarge, RepairError
from bilat.record import Article, SetAside

logger = logging.getLogger(__name__)

# spaCy's default limit; longer texts are set aside rather than parsed with unbounded memory.
MAX_CHARS = 1_000_000
# Articles per nlp.pipe call: large enough to amortise spaCy's batching, small enough
# that progress shows and memory stays flat. Measured with bench/extract: 16-64 equal.
BATCH_SIZE = 32


class Pipeline:
    def __init__(self) -> None:
        self.nlp = nlp.load()

    def process(self, article: Article) -> Article:
        """Process one article; raises the stage's BilatError on failure."""
        for item in self.process_many([article]):
            if isinstance(item, SetAside):
                raise BilatError(item.message, source=item.source)
            return item
        raise ExtractError(f"article {article.id} produced no record")  # pragma: no cover

    def process_many(self, items: Iterable[Article | SetAside],
                     batch_size: int = BATCH_SIZE) -> Iterator[Article | SetAside]:
        it = iter(items)
        while True:
            chunk = list(islice(it, batch_size))
            if not chunk:
                return
            yield from self._batch(chunk)

    def _batch(self, chunk: list[Article | SetAside]) -> Iterator[Article | SetAside]:
        ready: list[Article | SetAside] = []
        for item in chunk:
            if isinstance(item, SetAside):
                ready.append(item)
                continue
            ready.append(self._repair(item))
        # all-capitals items are parsed in true case; the offsets are the same
        texts = [(truecase(a.text), i) for i, a in enumerate(ready) if isinstance(a, Article)]
        docs = {}
        for doc, i in self.nlp.pipe(texts, as_tuples=True):
            docs[i] = doc
        for i, item in enumerate(ready):
            if isinstance(item, SetAside):
                yield item
                continue
            try:
                extract.run(item, docs[i])
                resolve.run(item)
            except Exception as exc:  # noqa: BLE001 - one article must not stop the batch
                logger.exception("extraction failed on %s", item.id)
                err = ExtractError(f"extraction failed on article {item.id}: {exc!r}; "
                                   "report it with the article attached")
                yield SetAside(item.id, err.code, str(err), item.id)
                continue
            yield item

    def _repair(self, article: Article) -> Article | SetAside:
        if len(article.text) > MAX_CHARS:
            err = InputTooLarge(f"article {article.id} has {len(article.text):,} characters, "
                                f"over the {MAX_CHARS:,} limit; split it into parts")
            return SetAside(article.id, err.code, str(err), article.id)
        try:
            return repair.run(article)
        except Exception as exc:  # noqa: BLE001 - one article must not stop the batch
            logger.exception("repair failed on %s", article.id)
            err = RepairError(f"repair failed on article {article.id}: {exc!r}; "
                              "report it with the article attached")
            return SetAside(article.id, err.code, str(err), article.id)


def read(paths: list[str]) -> Iterator[Article | SetAside]:
    """Articles from files, directories and globs; ``-`` reads standard input."""
    import sys

    for p in paths:
        if p == "-":
            yield from ingest.read_stdin(sys.stdin.buffer)
        else:
            yield from ingest.read_inputs([p])


def read_stream(stream: TextIO | BinaryIO, name: str = "-") -> Iterator[Article | SetAside]:
    return ingest.read_stdin(stream, name)


def repair_article(article: Article) -> Article:
    """Only the repair stage, for ``bilat repair``."""
    return repair.run(article)


def repair_text(text: str) -> str:
    return repair.repair_text(text).text


def extract_one(text: str, article_id: str = "text", **meta: str | None) -> Article:
    """Convenience for Python users: the full record of one text."""
    return Pipeline().process(Article(id=article_id, text=text, **meta))
