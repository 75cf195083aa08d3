"""The pipeline: the only place that knows the order of the stages.

    ingest ─► repair ─► nlp ─► extract ─► resolve ─► (store)

``Pipeline.process_many`` takes what ``bilat.ingest`` yields (articles and set-asides)
and yields processed articles and set-asides, in order; one bad article never stops
the run, it is set aside with its coded error.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from bilat import ingest, repair
from bilat.errors import BilatError, ExtractError, InputTooLarge, RepairError
from bilat.record import Article, SetAside

if TYPE_CHECKING:
    from spacy.tokens import Doc

# spaCy and the stages that need it are imported by Pipeline only: `bilat repair` and
# reading inputs start without them (spaCy alone takes about a second to import).

logger = logging.getLogger(__name__)

# The longest text processed at all; longer ones are set aside (BL-E009) before repair.
# Measured on this machine's class of hardware (bench/extract, 2 cores): the whole
# pipeline runs at about 20,000 characters a second, so 1,000,000 characters (a book
# of some 150,000 words, 50 times the longest article in the shipped corpora) cost
# about a minute, which bounds what one input can hold up a run or a POST.
MAX_CHARS = 1_000_000
# Texts longer than this are parsed in pieces of at most this many characters, cut at
# a paragraph break (else a sentence end, else a space) and joined back into one Doc,
# so every offset still refers to the whole text. spaCy's parser needs memory in
# proportion to the text it is given (its docs: about 1 GB per 100,000 characters at
# worst); pieces keep a long article's peak at that of a short one.
CHUNK_CHARS = 100_000
# A cut is looked for in the last part of a piece only, so no piece is tiny.
_MIN_PIECE_SHARE = 0.5
_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"[.!?][\"'’”)\]]*\s+")
_SPACE = re.compile(r"\s+")
# Articles per nlp.pipe call: large enough to amortise spaCy's batching, small enough
# that progress shows and memory stays flat. Measured with bench/extract: 16-64 equal.
BATCH_SIZE = 32


class Pipeline:
    def __init__(self, batch_size: int = BATCH_SIZE) -> None:
        from bilat import nlp

        self.nlp = nlp.load()
        #: Articles per ``nlp.pipe`` call (``Settings.batch_size``).
        self.batch_size = batch_size

    def process(self, article: Article) -> Article:
        """Process one article; raises the stage's BilatError on failure."""
        for item in self.process_many([article]):
            if isinstance(item, SetAside):
                raise BilatError(item.message, source=item.source)
            return item
        raise ExtractError(f"article {article.id} produced no record")  # pragma: no cover

    def process_many(self, items: Iterable[Article | SetAside],
                     batch_size: int | None = None) -> Iterator[Article | SetAside]:
        it = iter(items)
        while True:
            chunk = list(islice(it, batch_size or self.batch_size))
            if not chunk:
                return
            yield from self._batch(chunk)

    def _batch(self, chunk: list[Article | SetAside]) -> Iterator[Article | SetAside]:
        from spacy.tokens import Doc

        from bilat import extract, resolve
        from bilat.extract import places
        from bilat.nlp.truecase import truecase

        ready: list[Article | SetAside] = []
        for item in chunk:
            if isinstance(item, SetAside):
                ready.append(item)
                continue
            ready.append(self._repair(item))
        # all-capitals items are parsed in true case; the offsets are the same
        texts = [(truecase(a.text), i) for i, a in enumerate(ready) if isinstance(a, Article)]
        pieces = [(piece, (i, n)) for text, i in texts for n, piece in enumerate(chunks(text))]
        parsed: dict[int, list[Doc]] = {}
        for doc, (i, _n) in self.nlp.pipe(pieces, as_tuples=True):
            parsed.setdefault(i, []).append(doc)
        docs = {i: ds[0] if len(ds) == 1 else Doc.from_docs(ds, ensure_whitespace=False)
                for i, ds in parsed.items()}
        for i, item in enumerate(ready):
            if isinstance(item, SetAside):
                yield item
                continue
            try:
                extract.run(item, docs[i])
                resolve.run(item)
                places.locate_entities(item)
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
                                f"over the {MAX_CHARS:,} that one article may have (about a "
                                f"minute of processing); split it into articles or "
                                f"chapters and ingest those", source=article.id)
            return SetAside(article.id, err.code, str(err), article.id)
        try:
            return repair.run(article)
        except Exception as exc:  # noqa: BLE001 - one article must not stop the batch
            logger.exception("repair failed on %s", article.id)
            err = RepairError(f"repair failed on article {article.id}: {exc!r}; "
                              "report it with the article attached")
            return SetAside(article.id, err.code, str(err), article.id)


def chunks(text: str, size: int | None = None) -> list[str]:
    """``text`` in consecutive pieces of at most ``size`` characters that join back to it.

    Each cut falls at the last paragraph break in the second half of a piece, else at
    the last sentence end there, else at the last whitespace, else (one 100,000-character
    word) at ``size`` itself.
    """
    size = size or CHUNK_CHARS
    if len(text) <= size:
        return [text]
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        lo, hi = start + int(size * _MIN_PIECE_SHARE), start + size
        cut = None
        for pattern in (_PARAGRAPH, _SENTENCE_END, _SPACE):
            found = [m.end() for m in pattern.finditer(text, lo, hi)]
            if found:
                cut = found[-1]
                break
        cut = cut or hi
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def read(paths: list[str]) -> Iterator[Article | SetAside]:
    """Articles from files, directories and globs; ``-`` reads standard input."""
    import sys

    for p in paths:
        if p == "-":
            yield from ingest.read_stdin(sys.stdin.buffer)
        else:
            yield from ingest.read_inputs([p])


def repair_article(article: Article) -> Article:
    """Only the repair stage, for ``bilat repair``."""
    return repair.run(article)


def repair_text(text: str) -> str:
    return repair.repair_text(text).text


def extract_one(text: str, article_id: str = "text", **meta: str | None) -> Article:
    """Convenience for Python users: the full record of one text."""
    return Pipeline().process(Article(id=article_id, text=text, **meta))
