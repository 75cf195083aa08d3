"""JSON records to Articles: stable ids, ISO dates, extra fields kept.

Used by the JSON Lines and JSON readers; the id helpers are shared by every reader so
an article gets the same id whichever way it arrived.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from bilat.errors import (
    BinaryInput,
    IdTooLong,
    IngestError,
    InvalidEncoding,
    MalformedJson,
    MissingText,
)
from bilat.record import MAX_ID_CHARS, Article, SetAside

# Fields of a record that map onto Article; every other field goes to Article.extra.
CORE_FIELDS = ("id", "title", "date", "text", "url", "source")

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# Two defaults that differ in every component: a component that comes out the same
# under both was written in the input, one that differs was filled in by the parser.
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2001, 2, 2, 13, 37, 42)
_SURROGATE = re.compile("[\ud800-\udfff]")


def set_aside(err: IngestError, source: str, article_id: str | None = None) -> SetAside:
    """The input ``source`` set aside for ``err``, with its code and message."""
    return SetAside(source=source, code=err.code, message=str(err), article_id=article_id)


def id_from_url(url: str) -> str:
    """A stable id for an article known by its URL."""
    return "url-" + hashlib.sha1(url.strip().encode("utf-8", "surrogatepass")).hexdigest()[:16]


def id_from_text(text: str, prefix: str = "sha-", length: int = 16) -> str:
    """A stable id for an article known only by its content."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return prefix + digest[:length]


def checked_id(article: Article, source: str) -> Article:
    """``article``, unless its id is over ``MAX_ID_CHARS`` characters: then IdTooLong."""
    if len(article.id) > MAX_ID_CHARS:
        raise IdTooLong(
            f"{source}: the article id {article.id[:40]!r}… has {len(article.id):,} "
            f"characters, over the {MAX_ID_CHARS} an id may have; give it a shorter id, "
            f"or none (bilat then makes one from its URL or text)", source=source)
    return article


def normalise_date(value: Any) -> tuple[str | None, dict[str, Any]]:
    """``value`` as ``YYYY-MM-DD``, plus what to keep in ``extra``.

    A value that carried a time is kept whole in ``extra["datetime"]``; a value that is
    not a complete calendar date is kept in ``extra["date_raw"]`` and the date is None.
    The day is the one written, not converted to UTC: a publisher's date is local.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, {}
    if not isinstance(value, str):
        return None, {"date_raw": value}
    raw = value.strip()
    if _ISO_DAY.fullmatch(raw):
        try:
            return datetime.strptime(raw, "%Y-%m-%d").date().isoformat(), {}
        except ValueError:
            return None, {"date_raw": value}
    # imported here: 20-40 ms that `bilat repair` and ISO dates never need
    from dateutil import parser as dateparser

    try:
        a = dateparser.parse(raw, default=_DEFAULT_A)
        b = dateparser.parse(raw, default=_DEFAULT_B)
    except (ValueError, OverflowError, TypeError):
        return None, {"date_raw": value}
    if a is None or b is None or a.date() != b.date():
        return None, {"date_raw": value}
    extra: dict[str, Any] = {}
    if a.hour == b.hour:  # the hour was written, so the value carried a time
        extra["datetime"] = value
    return a.date().isoformat(), extra


def json_type_name(value: Any) -> str:
    return {
        list: "an array", str: "a string", bool: "a boolean", int: "a number",
        float: "a number", type(None): "null",
    }.get(type(value), type(value).__name__)


def _strings(value: Any) -> Any:
    """Every string in a JSON value, keys included; iterative, so nesting as deep as the
    JSON reader allows cannot exhaust the stack."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            yield v
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)


def _has_surrogate(value: Any) -> bool:
    return any(_SURROGATE.search(s) is not None for s in _strings(value))


def _has_nul(value: Any) -> bool:
    return any("\x00" in s for s in _strings(value))


def _record_id(record: dict[str, Any]) -> str | None:
    rid = record.get("id")
    if isinstance(rid, bool) or rid is None:
        return None
    if isinstance(rid, (str, int)) and str(rid).strip():
        return str(rid).strip()
    return None


def peek_id(value: Any) -> str | None:
    """The id a record gives, if it is a record and gives one (to name it when set aside)."""
    return _record_id(value) if isinstance(value, dict) else None


def from_records(records: Iterable[Any], source: str,
                 where: Callable[[int], str] | None = None) -> Iterator[Article | SetAside]:
    """Articles from records already parsed (a JSON list, a POST body, Parquet rows).

    Each is checked as a JSON line is (:func:`article_from_record`); a bad one is set
    aside under ``where(i)`` (default ``source[i]``) and the rest are still read.
    """
    for i, record in enumerate(records):
        at = where(i) if where is not None else f"{source}[{i}]"
        try:
            yield article_from_record(record, at)
        except IngestError as err:
            yield set_aside(err, at, peek_id(record))


def _string_or_none(value: Any) -> str | None:
    """A non-blank string as given, else None."""
    if isinstance(value, str) and value.strip():
        return value
    return None


def article_from_record(record: Any, source: str, *, check_surrogates: bool = True) -> Article:
    """One JSON value (a record of a .jsonl line or a .json document) as an Article.

    Raises MalformedJson if it is not an object, MissingText if it has no usable
    ``text``, InvalidEncoding if a string holds an unpaired surrogate escape.
    """
    if not isinstance(record, dict):
        raise MalformedJson(
            f"{source} holds {json_type_name(record)}, not an article object; "
            "give one JSON object with at least a \"text\" field per article",
            source=source,
        )
    given_id = _record_id(record)
    label = f"{source} (id {given_id[:80]})" if given_id else source
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        what = (
            "has no \"text\" field" if "text" not in record
            else "has an empty \"text\"" if isinstance(text, str)
            else f"has {json_type_name(text)} as \"text\""
        )
        raise MissingText(
            f"{label} {what}; each record needs the article's text as a non-empty string",
            source=source,
        )
    if check_surrogates and _has_surrogate(record):
        raise InvalidEncoding(
            f"{label} holds an unpaired UTF-16 surrogate escape (\\ud800-\\udfff), which is "
            "not valid Unicode; fix the producer's escaping",
            source=source,
        )
    if _has_nul(record):
        # A \u0000 escape: no article's text holds one, and PostgreSQL cannot store it.
        raise BinaryInput(
            f"{label} holds a NUL character (a \\u0000 escape), which no text has; "
            "remove it (the producer is likely writing binary data into the record)",
            source=source,
        )
    url = _string_or_none(record.get("url"))
    url = url.strip() if url else None
    if given_id:
        article_id = given_id
    elif url:
        article_id = id_from_url(url)
    else:
        article_id = id_from_text(text)
    date, date_extra = normalise_date(record.get("date"))
    extra = {k: v for k, v in record.items() if k not in CORE_FIELDS}
    for key, value in date_extra.items():
        extra.setdefault(key, value)
    return checked_id(Article(
        id=article_id,
        text=text,
        title=_string_or_none(record.get("title")),
        date=date,
        source=_string_or_none(record.get("source")),
        url=url,
        extra=extra,
    ), source)
