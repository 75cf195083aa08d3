"""The batch runner: the pipeline over partitions of large inputs, locally or on Dask,
into Parquet tables; and the bulk load of those tables into the store.

    from bilat.batch import run, load, read_output
    run(["articles.jsonl"], "out/", engine="dask", workers=4)   # bilat batch
    load("out/", "postgresql+psycopg://…")                      # bilat load
    for item in read_output("out/"): ...                        # Article or SetAside

Needs the ``batch`` extra (pyarrow; dask[distributed] for ``engine="dask"``).
"""

from bilat.batch.load import LoadResult, load
from bilat.batch.output import read_output
from bilat.batch.runner import ENGINES, PARTITION_SIZE, BatchResult, run
from bilat.batch.tables import SCHEMAS, TABLES

__all__ = ["ENGINES", "PARTITION_SIZE", "SCHEMAS", "TABLES", "BatchResult", "LoadResult",
           "load", "read_output", "run"]
