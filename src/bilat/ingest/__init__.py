"""ingest: files, JSON Lines, HTML pages, directories, globs and stdin -> Article.

    from bilat.ingest import read_inputs, read_stdin
    for item in read_inputs(["data/", "more/*.jsonl", "page.html"]):
        ...  # an Article, or a SetAside saying which input failed, why, and what to do

Neither function raises for a bad input; each bad input (or bad line of a .jsonl) is
yielded as a :class:`~bilat.record.SetAside` with its BL-E00x code, and the run goes on.
The readers, one per format, are registered in :mod:`.readers` (``READERS``): text,
JSON Lines, JSON, HTML and Parquet; records already parsed go through ``from_records``.
"""

from bilat.ingest.readers import READERS, from_records
from bilat.ingest.sources import read_inputs, read_stdin

__all__ = ["READERS", "from_records", "read_inputs", "read_stdin"]
