"""Full-text search over articles (title and text) and world events (their text).

One query syntax on both backends, PostgreSQL's ``websearch_to_tsquery``: words (all
must match, as stems: "tomato" finds "tomatoes"), ``"a quoted phrase"``, ``or`` between
alternatives, ``-word`` to exclude; a query with no word to look for (only exclusions)
finds nothing. PostgreSQL parses it itself and matches against a
``tsvector`` column the database keeps (generated from the text, GIN-indexed; migration
0006); SQLite gets the same query translated here into FTS5 syntax, matched against FTS5
tables that triggers keep in step with their rows (porter stemmer, diacritics removed).

On PostgreSQL, ranked search reads narrow copies of those tsvectors (migration 0007:
``article_search``, ``world_event_search``, kept by the database), a few periods at a
time, newest first, so that it reads only the rows of the newest matches.

``matches(kind, q)`` is the condition a query builder adds (compiled for the backend
it runs on; ``matching`` gives it in the form that backend finds quickest);
``ranked(session, kind, q, limit)`` gives the best matches with a snippet whose
matching words are marked (``MARK_START``/``MARK_END``, turned into offsets by
``highlighted``).
"""

from __future__ import annotations

import json
import math
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
#: On PostgreSQL, the narrow table per kind that ranked search reads (migration 0007): the
#: ids, the ordering columns and the tsvector, kept by the database in step with the rows.
NARROW = {"articles": "article_search", "events": "world_event_search"}
#: Private-use characters around each matching word of a snippet.
MARK_START, MARK_END = "\ue000", "\ue001"
#: Words in a snippet (about two lines of the dashboard).
SNIPPET_WORDS = 30



def kept_by_database(name: str | None, type_: str = "table", *_parents: Any) -> bool:
    """Whether a table, column or index is full-text machinery that the database keeps
    (and the models leave out): the FTS5 tables and their shadow tables, the ``search``
    columns and their indexes, PostgreSQL's narrow search tables and their indexes. Fits
    Alembic's ``include_name`` negated."""
    if not name:
        return False
    if type_ == "table":
        return name in NARROW.values() or any(
            name == fts or name.startswith(fts + "_") for _t, _k, fts in KINDS.values())
    if type_ == "column":
        return name == "search"
    if type_ == "index":
        return name in {f"ix_{table}_search" for table, _k, _f in KINDS.values()} or any(
            name.startswith((f"ix_{n}_", f"pk_{n}")) for n in NARROW.values())
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
#: PostgreSQL, read from the kind's narrow table, ``NARROW``). Ranking every match of a
#: common word ("minister": 60% of a generated store's articles) took 80-100 ms per
#: 20,000 articles (bench/search), and grows with the store; the newest thousand bound it
#: and are what a reader of news looks for.
MAX_RANKED = 1000
#: Newest first, per kind, on PostgreSQL.
_NEWEST = {"articles": "day DESC, id DESC", "events": "id DESC"}


def ranked(session: Any, kind: str, q: str, limit: int) -> list[tuple[Any, str]]:
    """The ``limit`` best matches of ``q`` among the newest ``MAX_RANKED`` matches of
    ``kind``: (article id or world event id, marked snippet), best first (``best``)."""
    if fts5_query(q) is None:
        return []
    if session.get_bind().dialect.name == "postgresql":
        rows = _ranked_postgresql(session, kind, q, limit)
    else:
        rows = _ranked_sqlite(session, kind, q, limit)
    return [(r[0], r[1] or "") for r in rows]


def best(candidates: list[tuple[Any, int, str, Any]], limit: int) -> list[Any]:
    """The keys of the ``limit`` best of ``candidates``, best first: each is (key, score,
    day, id), ordered by score, most first, then newest (day, then id, largest first).

    The score is, for an article, how many of the query's terms (its words and quoted
    phrases, not its exclusions: ``title_terms``) its title holds; for a world event,
    how many reports mention it (``n_mentions``). A reader of news wants first the articles that are
    about the words (a headline names what an article is about) and the events most
    reported, and among equals the newest. Unlike a relevance score of the words'
    frequencies (FTS5's ``bm25``, which counts each word's rows in the whole table on
    every query: 20-30 ms per kind on the 1M store), this order needs nothing but the
    candidates, and it is the same on both backends."""
    by_newest = sorted(candidates, key=lambda c: (c[2], c[3]), reverse=True)
    return [c[0] for c in sorted(by_newest, key=lambda c: -c[1])[:limit]]


def title_terms(q: str) -> list[str]:
    """The terms of ``q`` (websearch syntax) that count in an article's title: its words
    and quoted phrases, each once, as words separated by spaces; not its exclusions."""
    return list(dict.fromkeys(value for kind, value in _terms(q) if kind == "phrase"))


def _quoted(words: str) -> str:
    return '"' + words.replace('"', '""') + '"'


def _ranked_sqlite(session: Any, kind: str, q: str, limit: int) -> list[Any]:
    """``ranked`` on SQLite: the newest ``MAX_RANKED`` matches (by rowid, the order they
    were stored in), scored as ``best`` says, then the snippets of the best ``limit``.
    An article's terms in its title are found by FTS5, a list per term made once: the
    rows that match the query and hold the term in the title column, from the oldest
    candidate on (so candidates only, at most ``MAX_RANKED`` rows)."""
    table, key, fts = KINDS[kind]
    query = fts5_query(q)
    params: dict[str, Any] = {"q": query, "cap": MAX_RANKED}
    if kind == "articles":
        terms = {f"t{i}": f"{query} AND title : {_quoted(t)}"
                 for i, t in enumerate(title_terms(q))}
        score = " + ".join(f"(c.rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH :{t} "
                           f"AND rowid >= (SELECT min(rowid) FROM c)))" for t in terms)
        params.update(terms)
        # the article's day (``rows.NewArticle``: its date's first 10 characters) from
        # its date, which the row holds before its text: ``day`` comes after the text,
        # and reading it walked the text's overflow pages (2 ms per 1,000 rows, 1M store)
        day = "substr(coalesce(t.date, ''), 1, 10)"
    else:
        score, day = "t.n_mentions", "t.day"
    candidates = session.execute(text(
        f"WITH c AS (SELECT rowid FROM {fts} WHERE {fts} MATCH :q ORDER BY rowid DESC "
        f"LIMIT :cap) SELECT t.id, {score}, {day}, t.id FROM c "
        f"JOIN {table} AS t ON t.{key} = c.rowid"), params).all()
    top = best(candidates, limit)
    col = 1 if kind == "articles" else 0  # the text, not the title
    snippets = dict(session.execute(text(
        f"SELECT t.id, snippet({fts}, {col}, :start, :end, ' … ', {SNIPPET_WORDS // 2}) "
        f"FROM {fts} JOIN {table} AS t ON t.{key} = {fts}.rowid WHERE {fts} MATCH :q "
        f"AND {fts}.rowid IN (SELECT {key} FROM {table} WHERE id IN "
        f"(SELECT value FROM json_each(:top)))"),
        {"q": query, "top": json.dumps(top), "start": MARK_START, "end": MARK_END}).all())
    return [(i, snippets.get(i)) for i in top]


#: How the narrow tables (migration 0007) split each kind's rows into periods, newest
#: first, and how a period bounds the column that orders the kind: an article's period
#: is its day's first 7 characters (its month), a world event's the block of 8,192 ids
#: it is in. Each row's tsvector there carries its period as a lexeme that no query can
#: name (a space, then the period), so the GIN index intersects a query's matches with
#: a few periods without reading any row.
EVENT_BLOCK = 8192
#: The periods of articles, newest first: one index probe each (121 on the 1M store).
_ARTICLE_PERIODS = (
    "WITH RECURSIVE p(period) AS ("
    " (SELECT left(day, 7) FROM article_search ORDER BY day DESC LIMIT 1) UNION ALL"
    " SELECT (SELECT left(day, 7) FROM article_search WHERE day < p.period"
    "         ORDER BY day DESC LIMIT 1) FROM p WHERE p.period IS NOT NULL)"
    " SELECT period FROM p WHERE period IS NOT NULL")


def _periods(session: Any, kind: str) -> list[tuple[str, Any]]:
    """The kind's periods newest first, each with the least value its rows have in the
    ordering column (``day`` or ``id``): every newer row's value is at least as large."""
    if kind == "articles":
        return [(p, p) for p in session.scalars(text(_ARTICLE_PERIODS))]
    low, high = session.execute(text("SELECT min(id), max(id) FROM world_event_search")).one()
    if high is None:
        return []
    return [(str(b), b * EVENT_BLOCK)
            for b in range(high // EVENT_BLOCK, low // EVENT_BLOCK - 1, -1)]


def _tsquery_any(periods: list[str]) -> str:
    """A tsquery (as text) that matches the rows of any of ``periods``: each period's
    lexeme quoted, its quotes and backslashes doubled."""
    def quoted(p: str) -> str:
        return "'" + (" " + p).replace("\\", "\\\\").replace("'", "''") + "'"
    return " | ".join(quoted(p) for p in periods)


#: Ranked search on PostgreSQL first reads this many of the newest rows one by one, in
#: order: a word found in a quarter of the rows or more has its newest ``MAX_RANKED``
#: matches among them (1M store, "talks": 4 ms, where reading every match of the newest
#: periods took 35-50 ms). The rows are the newest, so they are mostly in the buffers.
FIRST_ROWS = 4 * MAX_RANKED


def _newest_postgresql(session: Any, kind: str, q: str,
                       cap: int) -> list[tuple[Any, int, str, Any]]:
    """The newest ``cap`` matches of ``q``, each as ``best`` scores it: (id, score, day,
    id), read from the kind's narrow table: first among its newest ``FIRST_ROWS`` rows,
    then, older than those, a window of periods at a time, newest first, until ``cap``
    are found. A window's matches are all read (the GIN index intersects the query with
    the window's periods, so no older match is), then the newest of them kept; as the
    windows come in order, the matches kept are the newest ``cap`` of all, however the
    windows are cut. Reading a whole window rather than walking the ordering index keeps
    the cost to the matches of the windows read: walking, the planner could pass half a
    million rows to find the last few matches. Each window is as many periods as the
    matches found so far say are needed (``_next_window``)."""
    narrow, newest = NARROW[kind], _NEWEST[kind]
    keys = "day, id" if kind == "articles" else "id"
    query = f"websearch_to_tsquery('{CONFIG}', :q) AS query"
    # the title's lexemes are the tsvector's of weight A: each term as a tsquery of its
    # words one after the other, each of weight A (the words are \w+, no operators)
    terms = {f"t{i}": " <-> ".join(f"{w}:A" for w in t.split())
             for i, t in enumerate(title_terms(q))} if kind == "articles" else {}
    if kind == "articles":
        in_title = " + ".join(f"(search @@ to_tsquery('{CONFIG}', :{t}))::int" for t in terms)
        def scored(rows: str) -> str:
            return f"SELECT id, {in_title}, day, id FROM ({rows}) AS f"
    else:
        def scored(rows: str) -> str:
            return (f"SELECT f.id, w.n_mentions, w.day, f.id FROM ({rows}) AS f "
                    f"JOIN world_events AS w ON w.id = f.id")
    first = text(scored(
        f"SELECT {keys}, search FROM (SELECT {keys}, search FROM {narrow} ORDER BY {newest} "
        f"LIMIT :rows) AS r, {query} WHERE search @@ query ORDER BY {newest} LIMIT :n"))
    found: list[tuple[Any, int, str, Any]] = [tuple(r) for r in session.execute(
        first, {"q": q, "rows": FIRST_ROWS, "n": cap, **terms})]
    last = session.execute(text(f"SELECT {keys} FROM {narrow} ORDER BY {newest} "
                                f"OFFSET :skip LIMIT 1"), {"skip": FIRST_ROWS - 1}).first()
    if len(found) >= cap or last is None:
        return found
    column = "day" if kind == "articles" else "id"
    older = f"({keys}) < ({', '.join(f':last_{k}' for k in keys.split(', '))})"
    window_sql = text(
        f"WITH found AS MATERIALIZED (SELECT {keys}, search FROM {narrow}, {query} "
        f"WHERE search @@ query AND search @@ CAST(:periods AS tsquery) "
        f"AND {column} >= :low AND {older}) "
        + scored(f"SELECT {keys}, search FROM found ORDER BY {newest} LIMIT :n"))
    params = {"q": q, **terms,
              **{f"last_{k}": v for k, v in zip(keys.split(", "), last, strict=True)}}
    periods = _periods(session, kind)
    # from the period of the last row read (from the newest, should a write have taken
    # that period away since: the same matches, found in more time)
    start = next((i for i, (p, _) in enumerate(periods) if p == _period(kind, last[0])), 0)
    size = _next_window(1, len(found), cap - len(found))
    while start < len(periods) and len(found) < cap:
        window = periods[start:start + size]
        got = session.execute(window_sql, {**params, "n": cap - len(found), "low": window[-1][1],
                                           "periods": _tsquery_any([p for p, _ in window])}).all()
        found += [tuple(r) for r in got]
        start, size = start + len(window), _next_window(len(window), len(got), cap - len(found))
    return found


def _period(kind: str, value: Any) -> str:
    """The period of a row whose ordering column (``day`` or ``id``) is ``value``."""
    return value[:7] if kind == "articles" else str(value // EVENT_BLOCK)


#: How much a window of periods may grow from one to the next: a bound on the periods
#: read past the last one needed when the matches found so far mislead (a word that
#: became common lately), and the growth when a window finds nothing.
MAX_GROWTH = 4
#: Periods asked for beyond what the matches found so far say are needed, as a fraction:
#: periods differ in size (the newest is often partly filled) and so do the matches in
#: each; one more window costs a query (1-3 ms on the 1M store).
WINDOW_MARGIN = 0.25


def _next_window(size: int, got: int, needed: int) -> int:
    """Periods in the next window, after one of ``size`` periods found ``got`` matches
    and ``needed`` more are wanted: as many as the same density would need, with a
    margin, at most ``MAX_GROWTH`` times ``size``."""
    if got == 0:
        return size * MAX_GROWTH
    return max(1, min(size * MAX_GROWTH, math.ceil(size * needed / got * (1 + WINDOW_MARGIN))))


#: The SQL type of each kind's ids.
_ID_TYPE = {"articles": "text", "events": "bigint"}


def _ranked_postgresql(session: Any, kind: str, q: str, limit: int) -> list[Any]:
    """``ranked`` on PostgreSQL: the best ``limit`` (``best``) of the newest
    ``MAX_RANKED`` matches (``_newest_postgresql``), each with a snippet of its text."""
    table, _key, _fts = KINDS[kind]
    top = best(_newest_postgresql(session, kind, q, MAX_RANKED), limit)
    if not top:
        return []
    column = "text" if kind == "articles" else "search_text"
    sql = text(
        f"SELECT t.id, ts_headline('{CONFIG}', t.{column}, "
        f"                         websearch_to_tsquery('{CONFIG}', :q), :opts) "
        f"FROM {table} AS t WHERE t.id = ANY(CAST(:ids AS {_ID_TYPE[kind]}[]))")
    opts = (f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={SNIPPET_WORDS}, "
            f"MinWords={SNIPPET_WORDS // 2}, MaxFragments=2, FragmentDelimiter=\" … \"")
    snippets = dict(session.execute(sql, {"q": q, "opts": opts, "ids": top}).all())
    return [(i, snippets.get(i)) for i in top]


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
