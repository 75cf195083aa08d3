"""The Parquet tables of a batch output: explicit schemas, records to rows and back.

One row per article in ``articles``, per entity in ``entities``, and so on; every row
carries ``partition`` and ``item`` (the article's place in its partition), so the rows
of one article are found again even when two input records share an id, and
``position`` keeps the order of an article's parts. ``rows_to_items`` rebuilds exactly
what ``Pipeline.process_many`` yielded: ``Article.from_dict`` of the rebuilt dicts equals
the processed article.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]  # pyarrow ships no stubs

from bilat.errors import BatchError
from bilat.record import Article, SetAside

SPAN = pa.struct([("start", pa.int64()), ("end", pa.int64())])
STRINGS = pa.list_(pa.string())
#: An event's location (``bilat.lexicon.places``), null when the text does not say.
LOCATION = pa.struct([("name", pa.string()), ("country", pa.string()),
                      ("geonames_id", pa.int64()), ("lat", pa.float64()),
                      ("lon", pa.float64()), ("kind", pa.string()), ("source", pa.string())])
_WHERE = [("partition", pa.int32()), ("item", pa.int32())]
_CHILD = [*_WHERE, ("article_id", pa.string()), ("position", pa.int32())]

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        *_WHERE,
        ("id", pa.string()), ("title", pa.string()), ("date", pa.string()),
        ("source", pa.string()), ("url", pa.string()), ("text", pa.string()),
        ("raw_text", pa.string()),
        ("edits", pa.list_(pa.struct([("start", pa.int64()), ("end", pa.int64()),
                                      ("replacement", pa.string())]))),
        ("extra", pa.string()),  # JSON: free-form fields of the input record
    ]),
    "entities": pa.schema([
        *_CHILD,
        ("id", pa.string()), ("name", pa.string()), ("kind", pa.string()),
        ("country", pa.string()), ("sector", pa.string()), ("title", pa.string()),
        ("affiliation", pa.string()), ("mentions", pa.list_(SPAN)), ("aliases", STRINGS),
    ]),
    "events": pa.schema([
        *_CHILD,
        ("id", pa.string()), ("type", pa.string()), ("mode", pa.string()),
        ("context", STRINGS), ("actors", STRINGS), ("recipients", STRINGS),
        ("actor_countries", STRINGS), ("recipient_countries", STRINGS), ("sectors", STRINGS),
        ("modality", pa.string()), ("date", pa.string()), ("location", LOCATION),
        ("confidence", pa.float64()), ("cameo", pa.string()), ("trigger", pa.string()),
        ("evidence", pa.list_(SPAN)),
    ]),
    "figures": pa.schema([
        *_CHILD,
        ("metric", pa.string()), ("countries", STRINGS), ("value", pa.float64()),
        ("unit", pa.string()), ("period", pa.string()), ("change", pa.string()),
        ("change_pct", pa.float64()), ("label", pa.string()), ("sectors", STRINGS),
        ("evidence_start", pa.int64()), ("evidence_end", pa.int64()),
        ("kind", pa.string()), ("direction", pa.string()), ("base_period", pa.string()),
    ]),
    "relations": pa.schema([
        *_CHILD,
        ("type", pa.string()), ("subject", pa.string()), ("object", pa.string()),
        ("evidence_start", pa.int64()), ("evidence_end", pa.int64()),
    ]),
    "set_aside": pa.schema([
        *_WHERE,
        ("source", pa.string()), ("code", pa.string()), ("message", pa.string()),
        ("article_id", pa.string()),
    ]),
}
TABLES = tuple(SCHEMAS)
PARTS = ("entities", "events", "figures", "relations")
# Keys of Article.to_dict() that are not a column of ``articles`` (they have tables).
_NESTED = frozenset(PARTS)


def items_to_tables(partition: int, items: Iterable[Article | SetAside]) -> dict[str, pa.Table]:
    """The six tables of one partition's processed items, in their schemas."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for i, item in enumerate(items):
        where = {"partition": partition, "item": i}
        if isinstance(item, SetAside):
            rows["set_aside"].append({**where, **item.to_dict()})
            continue
        d = item.to_dict()
        art = {k: v for k, v in d.items() if k not in _NESTED}
        art["edits"] = [{"start": a, "end": b, "replacement": r} for a, b, r in d["edits"]]
        art["extra"] = json.dumps(d["extra"], ensure_ascii=False, sort_keys=True)
        rows["articles"].append(_checked("articles", {**where, **art}))
        for name in PARTS:
            for pos, part in enumerate(d[name]):
                row = {**where, "article_id": item.id, "position": pos,
                       **_flatten(name, part)}
                rows[name].append(_checked(name, row))
    return {name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in TABLES}


def _flatten(table: str, part: dict[str, Any]) -> dict[str, Any]:
    out = dict(part)
    if table == "entities":
        out["mentions"] = [{"start": a, "end": b} for a, b in part["mentions"]]
    elif table in ("figures", "relations"):
        ev = out.pop("evidence")
        out["evidence_start"], out["evidence_end"] = ev["start"], ev["end"]
    return out


def _checked(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """``row`` if every key has a column; a field the record gained must not be lost."""
    unknown = row.keys() - set(SCHEMAS[table].names)
    if unknown:
        raise BatchError(f"the {table} table has no column for {sorted(unknown)}; add it to "
                         f"bilat.batch.tables.SCHEMAS (the record gained a field)")
    return row


def rows_to_items(tables: dict[str, list[dict[str, Any]]]) -> Iterator[Article | SetAside]:
    """Articles and set-asides of one partition, in order, from its tables' rows."""
    parts: dict[str, dict[int, list[dict[str, Any]]]] = {}
    for name in PARTS:
        by_item: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for row in sorted(tables[name], key=lambda r: (r["item"], r["position"])):
            by_item[row["item"]].append(row)
        parts[name] = by_item
    found: list[tuple[int, Article | SetAside]] = []
    for row in tables["set_aside"]:
        found.append((row["item"], SetAside(row["source"], row["code"], row["message"],
                                            row["article_id"])))
    for row in tables["articles"]:
        i = row["item"]
        d = {k: v for k, v in row.items() if k not in ("partition", "item")}
        d["edits"] = [(e["start"], e["end"], e["replacement"]) for e in row["edits"] or []]
        d["extra"] = json.loads(row["extra"]) if row["extra"] else {}
        for name in PARTS:
            d[name] = [_unflatten(name, r) for r in parts[name].get(i, [])]
        found.append((i, Article.from_dict(d)))
    found.sort(key=lambda pair: pair[0])
    for _, item in found:
        yield item


def _unflatten(table: str, row: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in row.items()
           if k not in ("partition", "item", "article_id", "position")}
    if table == "entities":
        out["mentions"] = [(m["start"], m["end"]) for m in out["mentions"] or []]
    elif table in ("figures", "relations"):
        out["evidence"] = {"start": out.pop("evidence_start"), "end": out.pop("evidence_end")}
    return out
