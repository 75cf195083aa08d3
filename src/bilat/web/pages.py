"""The dashboard's routes: page shells, the server-rendered article page, static files."""

from __future__ import annotations

import csv
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.exc import SQLAlchemyError

from bilat import lexicon
from bilat.amounts import format_amount
from bilat.api.paths import ANY_TEXT
from bilat.errors import BilatError, UsageError

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
STATIC_PREFIX = "/static"
#: No inline script and no third-party origin: article text that slipped through
#: escaping still could not run, and the pages work offline.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'self'"
)
#: Highlights asked for in one article URL; more is a mistake or an abuse.
MAX_HIGHLIGHTS = 100
_COUNTRY = re.compile(r"^[A-Za-z]{3}$")
_SPAN = re.compile(r"^\s*(\d{1,9})\s*-\s*(\d{1,9})\s*$")

_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


class HighlightError(UsageError):
    """A ``highlight`` query parameter that is not a list of ``start-end`` spans."""


@dataclass(frozen=True)
class Segment:
    """A piece of an article's text; ``mark`` numbers highlighted pieces from 1."""

    text: str
    mark: int | None = None


def parse_highlight(value: str | None) -> list[tuple[int, int]]:
    """``"0-132,134-448"`` as sorted, merged ``(start, end)`` spans.

    Raises ``HighlightError`` on anything else, so a wrong link says so instead of
    silently highlighting nothing.
    """
    if value is None or not value.strip():
        return []
    parts = value.split(",")
    if len(parts) > MAX_HIGHLIGHTS:
        raise HighlightError(f"highlight has {len(parts)} spans, over the {MAX_HIGHLIGHTS} "
                             f"limit; link fewer spans")
    spans = []
    for part in parts:
        m = _SPAN.match(part)
        if m is None:
            raise HighlightError(f"highlight span {part!r} is not start-end; write e.g. "
                                 f"highlight=0-132,134-448")
        start, end = int(m.group(1)), int(m.group(2))
        if end <= start:
            raise HighlightError(f"highlight span {part!r} ends before it starts; write "
                                 f"start-end with start < end")
        spans.append((start, end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def segments(text: str, spans: list[tuple[int, int]]) -> list[Segment]:
    """``text`` cut at the (merged, sorted) spans; spans past its end are clipped."""
    out: list[Segment] = []
    pos = 0
    n = 0
    for start, end in spans:
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        if start > pos:
            out.append(Segment(text[pos:start]))
        n += 1
        out.append(Segment(text[start:end], n))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def _event_types() -> dict[str, str]:
    """PLOVER type -> quad class, from the lexicon bilat codes with."""
    src = resources.files("bilat.lexicon").joinpath("data/event_types.tsv")
    with src.open(encoding="utf-8") as f:
        return {row["type"]: row["quad_class"] for row in csv.DictReader(f, delimiter="\t")}


EVENT_TYPES = _event_types()


def _safe_url(url: str | None) -> str | None:
    """An article's URL if it is http(s), else None: never a ``javascript:`` link."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def _known_country(code: str) -> bool:
    """An ISO alpha-3 code (any case) of a country in bilat's lexicon."""
    return bool(_COUNTRY.match(code)) and code.upper() in lexicon.countries()


def _pair_href(countries: list[str]) -> str | None:
    """The pair page of an event between exactly two countries."""
    codes = sorted({c for c in countries if c and _COUNTRY.match(c)})
    return f"/pairs/{codes[0]}/{codes[1]}" if len(codes) == 2 else None


def _render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("feeds", [])
    context.setdefault("static", STATIC_PREFIX)
    context.setdefault("types_json", json.dumps(EVENT_TYPES, separators=(",", ":")))
    html = _env.get_template(name).render(**context)
    return HTMLResponse(html, status_code=status, headers={
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
    })


def _error(status: int, title: str, detail: str) -> HTMLResponse:
    return _render("error.html", status=status, title=title, detail=detail)


def _feed(title: str, href: str) -> dict[str, str]:
    return {"title": title, "href": href}


def mount(app: FastAPI, store_factory: Callable[[], Any]) -> None:
    """Add the dashboard's pages and ``/static`` files to ``app``.

    ``store_factory()`` returns a ``bilat.store.Store``; it is called only by the
    article page, once per request, so it should hand out one shared store.
    """
    app.mount(STATIC_PREFIX, StaticFiles(directory=HERE / "static"), name="web-static")
    # a mistyped address in a browser gets a page, not problem JSON (bilat.api.problems)
    app.state.html_error = _error

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview() -> HTMLResponse:
        return _render("overview.html", page="overview")

    @app.get("/pairs/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
    def pair(a: str, b: str) -> Response:
        unknown = [c for c in (a, b) if not _known_country(c)]
        if unknown or a.upper() == b.upper():
            why = (f"{' and '.join(unknown)} {'is not a country code' if len(unknown) == 1 else 'are not country codes'} bilat knows"
                   if unknown else f"{a.upper()} is the same country twice")
            return _error(404, "No such country pair",
                          f"{a}/{b}: {why}; a pair is two ISO 3166 alpha-3 codes such as "
                          "AZE/UZB.")
        if a != a.upper() or b != b.upper():
            return RedirectResponse(f"/pairs/{a.upper()}/{b.upper()}", status_code=308)
        return _render("pair.html", page="pair", a=a, b=b,
                       feeds=[_feed(f"{a}–{b}: new events", f"/feeds/pairs/{a}/{b}.atom")])

    @app.get("/countries/{c}", response_class=HTMLResponse, include_in_schema=False)
    def country(c: str) -> Response:
        if not _known_country(c):
            return _error(404, "No such country",
                          f"{c} is not a country code bilat knows; give an ISO 3166 alpha-3 "
                          "code such as AZE.")
        if c != c.upper():
            return RedirectResponse(f"/countries/{c.upper()}", status_code=308)
        return _render("country.html", page="country", c=c,
                       feeds=[_feed(f"{c}: new events", f"/feeds/countries/{c}.atom")])

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(q: str = "") -> HTMLResponse:
        q = q.strip()
        feeds = ([_feed(f"Search “{q}”: new events", f"/feeds/search.atom?q={quote(q, safe='')}")]
                 if q else [])
        return _render("search.html", page="search", q=q, feeds=feeds)

    @app.get(f"/articles/{{article_id:{ANY_TEXT}}}", response_class=HTMLResponse,
             include_in_schema=False)
    def article(article_id: str, request: Request) -> HTMLResponse:
        try:
            spans = parse_highlight(request.query_params.get("highlight"))
        except HighlightError as e:
            return _error(400, "Bad highlight", str(e))
        try:
            record = store_factory().get(article_id)
        except BilatError as e:
            logger.error("article page: %s", e)
            return _error(503, "The store is not available", str(e))
        except SQLAlchemyError as e:  # the database is down or restarting
            logger.error("article page: %s", str(e).splitlines()[0] if str(e) else e)
            return _error(503, "The store is not available",
                          "The database did not answer; try again shortly.")
        if record is None:
            return _error(404, "No such article",
                          f"No article with id {article_id!r} is stored.")
        pieces = segments(record.text, spans)
        entities = {e.id: e for e in record.entities}
        events = []
        for ev in record.events:
            ranges = ",".join(f"{s.start}-{s.end}" for s in ev.evidence)
            events.append({
                "event": ev,
                "quad": EVENT_TYPES.get(ev.type, ""),
                "href": f"?highlight={ranges}#hl-1" if ranges else None,
                "evidence": [record.text[s.start:s.end] for s in ev.evidence[:1]],
                "actors": [entities[i].name for i in ev.actors if i in entities],
                "recipients": [entities[i].name for i in ev.recipients if i in entities],
                "pair": _pair_href(ev.actor_countries + ev.recipient_countries),
            })
        figures = [{
            "figure": f,
            "value": format_amount(f.value, f.unit) if f.value is not None else None,
            "href": f"?highlight={f.evidence.start}-{f.evidence.end}#hl-1",
        } for f in record.figures if f.evidence.end > f.evidence.start]
        return _render(
            "article.html", page="article", article=record, url=_safe_url(record.url),
            segments=pieces, marks=sum(1 for p in pieces if p.mark),
            events=events, figures=figures,
            people=[e for e in record.entities if e.kind == "person"],
            organizations=[e for e in record.entities if e.kind == "organization"],
        )
