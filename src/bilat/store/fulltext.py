"""Full-text search over articles (title and text) and world events (their text).

One query syntax on both backends, PostgreSQL's ``websearch_to_tsquery``: words (all
must match, as stems: "tomato" finds "tomatoes"), ``"a quoted phrase"``, ``or`` between
alternatives, ``-word`` to exclude; a query with no word to look for (only exclusions)
finds nothing. PostgreSQL parses it itself and matches against a
``tsvector`` column the database keeps (generated from the text, GIN-indexed; migration
0006); SQLite gets the same query translated here into FTS5 syntax, matched against FTS5
tables that triggers keep in step with their rows (porter stemmer, diacritics removed).

``matches(kind, q)`` is the condition a query builder adds (compiled for the backend
it runs on; ``matching`` gives it in the form that backend finds quickest);
``ranked(session, kind, q, limit)`` gives the best matches with a snippet whose
matching words are marked (``MARK_START``/``MARK_END``, turned into offsets by
``highlighted``).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import bindparam, literal_column, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.types import Boolean

#: PostgreSQL's text search configuration; SQLite's FTS5 tables use the porter stemmer.
CONFIG = "english"
#: What the FTS tables and tsvector columns index, per kind: (table, id column, FTS table).
KINDS = {"articles": ("articles", "rowid", "articles_fts"),
         "events": ("world_events", "id", "world_events_fts")}
#: Private-use characters around each matching word of a snippet.
MARK_START, MARK_END = "\ue000", "\ue001"
#: Words in a snippet (about two lines of the dashboard).
SNIPPET_WORDS = 30



def kept_by_database(name: str | None, type_: str = "table", *_parents: Any) -> bool:
    """Whether a table, column or index is full-text machinery that the database keeps
    (and the models leave out): the FTS5 tables and their shadow tables, the ``search``
    columns and their indexes. Fits Alembic's ``include_name`` negated."""
    if not name:
        return False
    if type_ == "table":
        return any(name == fts or name.startswith(fts + "_") for _t, _k, fts in KINDS.values())
    if type_ == "column":
        return name == "search"
    if type_ == "index":
        return name in {f"ix_{table}_search" for table, _k, _f in KINDS.values()}
    return False


_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def _terms(q: str) -> list[tuple[str, str]]:
    """websearch syntax as (kind, value): ("word"|"phrase"|"or"|"not-word"|"not-phrase")."""
    out: list[tuple[str, str]] = []
    for m in _TOKEN.finditer(q):
        neg, phrase, word = m.group(1), m.group(2), m.group(3)
        if word is None:
            words = " ".join(re.findall(r"\w+", phrase or ""))
            if words:
                out.append(("not-phrase" if neg else "phrase", words))
        elif word.lower() == "or":
            out.append(("or", "OR"))
        else:
            negated = word.startswith("-") and len(word) > 1
            words = " ".join(re.findall(r"\w+", word))
            if words:
                out.append(("not-phrase" if negated else "phrase", words))
    return out


def fts5_query(q: str) -> str | None:
    """``q`` (websearch syntax) as an FTS5 query; None when nothing in it can match."""
    groups: list[list[str]] = [[]]  # OR of ANDs
    negated: list[str] = []
    pending_or = False
    for kind, value in _terms(q):
        if kind == "or":
            pending_or = bool(groups[-1])
            continue
        quoted = '"' + value.replace('"', '""') + '"'
        if kind == "not-phrase":
            negated.append(quoted)
        elif pending_or:
            groups.append([quoted])
        else:
            groups[-1].append(quoted)
        pending_or = False
    groups = [g for g in groups if g]
    if not groups:
        return None  # no positive term: websearch_to_tsquery matches nothing useful either
    expr = " OR ".join("(" + " AND ".join(g) + ")" for g in groups)
    return "(" + expr + ")" + "".join(f" NOT {n}" for n in negated)


class _Matches(ColumnElement[bool]):
    inherit_cache = False
    type = Boolean()

    def __init__(self, kind: str, q: str) -> None:
        self.kind = kind
        self.q = q


def matches(kind: str, q: str) -> ColumnElement[bool]:
    """Rows of ``kind`` ("articles" or "events") that match ``q``."""
    return _Matches(kind, q)


#: On SQLite, how a ``q`` filter is applied depends on how many rows match, which SQLite's
#: planner cannot know (bench/search, 1M events, one page of 20 newest first):
#:
#: - at most ``FEW_MATCHES``: as the list of their row ids (the rows read by key and
#:   sorted; 2,000 take a few ms). Walking the (day, id) index instead, a three-word
#:   query with 21 matches read the whole index: 135-175 ms.
#: - more: the (day, id) index (or the other filters' index) is walked newest first and
#:   each row tested against the list of all matches, made once: about 0.1 µs per match
#:   ("united", 567k matches: 57 ms).
#: - more than ``MANY_MATCHES``, with no other filter: each row walked is tested by
#:   FTS5 itself (about 40 µs a row, but a page needs few rows when most rows match:
#:   "united" 2 ms). With other filters the walk may pass many rows that do not match.
FEW_MATCHES = 2000
MANY_MATCHES = 50_000


def matching(session: Any, kind: str, q: str, alone: bool = False) -> ColumnElement[bool]:
    """``matches(kind, q)``: the same rows, in the form the backend finds them quickest
    (see ``FEW_MATCHES``); ``session`` is the one the condition is used in, ``alone``
    says the query has no other condition but its page's cursor."""
    if session.get_bind().dialect.name != "sqlite":
        return _Matches(kind, q)  # PostgreSQL's planner knows how common each word is
    query = fts5_query(q)
    if query is None:
        return _Matches(kind, q)
    table, key, fts = KINDS[kind]
    probe = f"SELECT rowid FROM {fts} WHERE {fts} MATCH :q LIMIT :n"
    ids = list(session.scalars(text(probe), {"q": query, "n": FEW_MATCHES + 1}))
    if len(ids) <= FEW_MATCHES:
        return literal_column(f"{table}.{key}").in_(ids)
    if alone and session.scalar(text(f"SELECT count(*) FROM ({probe})"),
                                {"q": query, "n": MANY_MATCHES + 1}) > MANY_MATCHES:
        return text(f"EXISTS (SELECT 1 FROM {fts} WHERE {fts} MATCH :fts_q "
                    f"AND {fts}.rowid = {table}.{key})").bindparams(fts_q=query)
    # compiled as "… IN (SELECT rowid …) = 1", which SQLite does not look up by key: it
    # walks the ordering index and tests each row against the list
    return _Matches(kind, q)


@compiles(_Matches, "sqlite")
def _sqlite(element: _Matches, compiler: Any, **kw: Any) -> str:
    table, key, fts = KINDS[element.kind]
    query = fts5_query(element.q)
    if query is None:
        return "1 = 0"
    param = compiler.process(bindparam(None, query, unique=True), **kw)
    return f"{table}.{key} IN (SELECT rowid FROM {fts} WHERE {fts} MATCH {param})"


@compiles(_Matches, "postgresql")
def _postgresql(element: _Matches, compiler: Any, **kw: Any) -> str:
    table, _key, _fts = KINDS[element.kind]
    if fts5_query(element.q) is None:
        return "1 = 0"  # as on SQLite: nothing to look for ("-word" alone) finds nothing
    param = compiler.process(bindparam(None, element.q, unique=True), **kw)
    return f"{table}.search @@ websearch_to_tsquery('{CONFIG}', {param})"


#: Matches ranked per search: the newest this many (by stored order on SQLite, by date on
#: PostgreSQL). Ranking every match of a common word ("minister": 60% of a generated
#: store's articles) took 80-100 ms per 20,000 articles (bench/search), and grows with the
#: store; the newest thousand bound it and are what a reader of news looks for.
MAX_RANKED = 1000
#: Newest first, per kind, on PostgreSQL.
_NEWEST = {"articles": "day DESC, id DESC", "events": "id DESC"}


def ranked(session: Any, kind: str, q: str, limit: int) -> list[tuple[Any, str]]:
    """The ``limit`` best matches of ``q`` among the newest ``MAX_RANKED`` matches of
    ``kind``: (article id or world event id, marked snippet), best first."""
    table, key, fts = KINDS[kind]
    column = "text" if kind == "articles" else "search_text"
    query = fts5_query(q)
    if query is None:
        return []
    if session.get_bind().dialect.name == "postgresql":
        sql = text(
            f"SELECT r.id, ts_headline('{CONFIG}', t.{column}, r.query, :opts) "
            f"FROM (SELECT c.id, c.query, ts_rank(c.search, c.query) AS rank "
            f"      FROM (SELECT id, search, query "
            f"            FROM {table}, websearch_to_tsquery('{CONFIG}', :q) AS query "
            f"            WHERE search @@ query ORDER BY {_NEWEST[kind]} LIMIT :cap) AS c "
            f"      ORDER BY rank DESC, id LIMIT :n) AS r "
            f"JOIN {table} AS t ON t.id = r.id ORDER BY r.rank DESC, r.id")
        opts = (f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, "
                f"MinWords={SNIPPET_WORDS // 2}, MaxFragments=2, FragmentDelimiter=\" … \"")
        rows = session.execute(sql, {"q": q, "n": limit, "opts": opts,
                                     "cap": MAX_RANKED}).all()
    else:
        col = 1 if kind == "articles" else 0  # the text, not the title
        sql = text(
            f"SELECT t.id, snippet({fts}, {col}, :start, :end, ' … ', "
            f"{SNIPPET_WORDS // 2}) FROM {fts} JOIN {table} AS t ON t.{key} = {fts}.rowid "
            f"WHERE {fts} MATCH :q AND {fts}.rowid >= coalesce((SELECT min(rowid) FROM "
            f"(SELECT rowid FROM {fts} WHERE {fts} MATCH :q ORDER BY rowid DESC "
            f"LIMIT :cap)), 0) ORDER BY bm25({fts}), t.id LIMIT :n")
        rows = session.execute(sql, {"q": query, "n": limit, "start": MARK_START,
                                     "end": MARK_END, "cap": MAX_RANKED}).all()
    return [(r[0], r[1] or "") for r in rows]


def highlighted(snippet: str) -> dict[str, Any]:
    """A marked snippet as its text and the [start, end) offsets of the matching words."""
    out: list[str] = []
    spans: list[list[int]] = []
    pos = 0
    start: int | None = None
    for part in re.split(f"([{MARK_START}{MARK_END}])", snippet):
        if part == MARK_START:
            start = pos
        elif part == MARK_END:
            if start is not None and pos > start:
                spans.append([start, pos])
            start = None
        else:
            out.append(part)
            pos += len(part)
    return {"text": "".join(out), "highlights": spans}
