"""The FastAPI application: thin routes over the store's read API, and one write route.

Reads are open; ``POST /api/articles`` needs ``Authorization: Bearer <token>`` matching
``Settings.api_token`` (compared in constant time) and is refused when no token is set.
Every response carries the security headers of :mod:`bilat.api.problems`; every query
parameter is bounded, and so is the request line (docs/security.md).
"""

from __future__ import annotations

import gc
import hmac
import logging
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Path, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
from starlette.datastructures import MutableHeaders
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bilat import __version__
from bilat.api import feeds, problems
from bilat.api.cache import ReadCache
from bilat.api.paths import ANY_TEXT
from bilat.config import Settings
from bilat.errors import (
    ApiError,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    Unauthorized,
    UriTooLong,
)
from bilat.ingest.jsonl import loads as json_loads
from bilat.record import Article, SetAside
from bilat.store import Store
from bilat.store.queries import DEFAULT_LIMIT, MAX_LIMIT, Filters
from bilat.store.queries import MAX_CURSOR_CHARS as QUERY_MAX_CURSOR_CHARS

logger = logging.getLogger(__name__)

#: Events per Atom feed.
FEED_ENTRIES = 50
#: The longest search text (``q``). The longest organisation name in the lexicon has 88
#: characters and real searches are a few words; a search scans text with LIKE, so a
#: long pattern is pure cost.
MAX_QUERY_CHARS = 200
#: The longest value of any other query parameter (codes, dates, names).
MAX_PARAM_CHARS = 100
#: A cursor is opaque and bounded whatever the ids: at most ``queries.MAX_CURSOR_CHARS``
#: (128) characters; a longer one is not one of ours.
MAX_CURSOR_CHARS = QUERY_MAX_CURSOR_CHARS
#: The longest path plus query string; longer is answered 414 before any routing. Article
#: ids derived from URLs are hashes, and browsers and proxies cope with 2,000 at least.
MAX_URL_CHARS = 4096
#: The highest ``min_events`` of the network: more events than any store will hold.
MAX_MIN_EVENTS = 1_000_000_000

_code = {"max_length": MAX_PARAM_CHARS}
#: How the feeds' 200 is documented.
ATOM_RESPONSE: dict[int | str, dict[str, Any]] = {200: {
    "description": "An Atom 1.0 feed of the newest events",
    "content": {"application/atom+xml": {"schema": {"type": "string"}}}}}
# bounded by the store (check_limit), whose message names the range
Limit = Annotated[int, Query(description=f"Items per page, 1–{MAX_LIMIT}.")]
Cursor = Annotated[str | None, Query(max_length=MAX_CURSOR_CHARS,
                                     description="next_cursor of the previous page.")]
Country = Annotated[str | None, Query(**_code, description="ISO 3166 alpha-3, e.g. AZE.")]
Pair = Annotated[str | None, Query(**_code, description="Two countries, e.g. AZE,UZB.")]
Type = Annotated[str | None, Query(**_code, description="PLOVER event type, e.g. CONSULT.")]
Sector = Annotated[str | None, Query(**_code,
                                     description="ISIC section or division, e.g. C or C27.")]
Modality = Annotated[str | None, Query(**_code,
                                       description="asserted, future, potential, negated.")]
Since = Annotated[str | None, Query(**_code,
                                    description="Earliest date, YYYY-MM-DD (or YYYY-MM).")]
Until = Annotated[str | None, Query(**_code,
                                    description="Latest date, inclusive at its precision.")]
Q = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="Text to search for.")]
Location = Annotated[str | None, Query(
    **_code, description="Where the event happened: a place name (any spelling the "
                         "gazetteer knows, e.g. Guba or Quba) or a GeoNames id.")]
LocationCountry = Annotated[str | None, Query(
    **_code, description="ISO 3166 alpha-3 of the country where the event happened.")]
Text = Annotated[str | None, Query(**_code)]
PathCode = Annotated[str, Path(max_length=MAX_PARAM_CHARS)]
PathId = Annotated[str, Path(max_length=MAX_URL_CHARS)]



#: /docs and /redoc are FastAPI's pages, which load Swagger UI and ReDoc from a CDN and
#: start them with an inline script; they show the API's description, never article
#: text. Everything else that is HTML is the dashboard, with its own strict CSP.
DOCS_CSP = ("default-src 'none'; script-src 'unsafe-inline' https://cdn.jsdelivr.net; "
            "style-src 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
            "font-src https://fonts.gstatic.com; img-src 'self' data: https://fastapi.tiangolo.com "
            "https://cdn.redoc.ly; connect-src 'self'; worker-src blob:; frame-ancestors 'none'; "
            "base-uri 'none'; form-action 'none'")
_DOCS_PATHS = ("/docs", "/docs/oauth2-redirect", "/redoc")


def _cache_control(path: str) -> str:
    """What a cache may keep of answers that ``ReadCache`` did not mark (its reads are
    "no-cache" with an ETag, feeds five minutes): refusals and writes under /api are not
    kept; the assets are kept for an hour."""
    if path.startswith("/feeds/"):
        return "public, max-age=300"
    if path.startswith("/static/"):
        return "public, max-age=3600"
    if path.startswith("/api/") or path == "/openapi.json":
        return "no-store"
    return "no-cache"


class SecurityHeaders:
    """ASGI middleware: the security headers on every response, and the URL limit.

    Headers a route set itself (the dashboard's CSP) are kept; the rest are added.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        size = len(scope.get("raw_path") or path.encode()) + len(scope.get("query_string", b""))
        if size > MAX_URL_CHARS:
            err = UriTooLong(f"the URL has {size:,} characters, over the {MAX_URL_CHARS:,} "
                             f"limit; shorten the query (q= at most {MAX_QUERY_CHARS})")
            resp = problems.problem(err.status, err.code, err.message)
            await resp(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                html = headers.get("content-type", "").startswith("text/html")
                for name, value in problems.SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if path in _DOCS_PATHS:
                    headers["Content-Security-Policy"] = DOCS_CSP
                else:
                    headers.setdefault("Content-Security-Policy", problems.API_CSP)
                headers.setdefault("X-Frame-Options", "SAMEORIGIN" if html else "DENY")
                headers.setdefault("Cache-Control", _cache_control(path))
                if path.startswith("/feeds/"):
                    # a feed's links are built from the Host it was asked for; a shared
                    # cache must not hand one host's feed to another
                    headers["Vary"] = "Host"
            await send(message)

        await self.app(scope, receive, send_with_headers)


class Methods:
    """ASGI middleware: HEAD is answered as GET without the body, on every route that
    answers GET; OPTIONS is answered 204 with every method the path takes (``Allow``)."""

    def __init__(self, app: ASGIApp, routes: Any) -> None:
        self.app = app
        self.routes = routes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope.get("method") if scope["type"] == "http" else None
        if method == "OPTIONS":
            allowed = problems.allowed_methods(self.routes(), scope)
            if allowed:
                await Response(status_code=204, headers={"Allow": ", ".join(allowed)})(
                    scope, receive, send)
                return
        if method != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)


def _ping_on_checkout(store: Store) -> None:
    """Test each pooled PostgreSQL connection as it is taken (SQLAlchemy's pessimistic
    disconnect handling): after a database restart, the pool drops the dead connections
    and opens new ones instead of failing one request per stale connection."""
    if store.engine.dialect.name != "postgresql":
        return  # SQLite connections are files; nothing to go stale

    @event.listens_for(store.engine, "checkout")
    def _ping(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        try:
            with dbapi_conn.cursor() as cur:
                cur.execute("SELECT 1")
            if not dbapi_conn.autocommit:
                dbapi_conn.rollback()
        except Exception as exc:  # the driver's own error types; any means: reconnect
            raise DisconnectionError(f"stale connection: {exc}") from exc


def _filters(country: str | None = None, pair: str | None = None, type: str | None = None,
             sector: str | None = None, modality: str | None = None, since: str | None = None,
             until: str | None = None, q: str | None = None, location: str | None = None,
             country_of_location: str | None = None) -> Filters:
    p: tuple[str, str] | None = None
    if pair is not None:
        parts = [x.strip() for x in pair.split(",")]
        if len(parts) != 2:
            raise ApiError(f"pair must be two country codes such as AZE,UZB, not {pair!r}")
        p = (parts[0], parts[1])
    return Filters(country=country, pair=p, type=type, sector=sector, modality=modality,
                   since=since, until=until, q=q, location=location,
                   country_of_location=country_of_location).checked()


def _id(value: str, what: str) -> int:
    if not value.isdigit() or len(value) > 18:
        raise NotFound(f"no {what} with id {value!r}; ids are the numbers the lists give")
    return int(value)


def create_app(store_url: str | None = None, settings: Settings | None = None, *,
               create: bool = True) -> FastAPI:
    """The API over the store at ``store_url`` (default: ``settings.db``); with
    ``create=False`` a store that does not exist is an error (BL-E052), not made."""
    settings = settings or Settings.load()
    store = Store(store_url or settings.db, create=create)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        threshold = _freeze_startup_objects()
        try:
            yield
        finally:
            gc.unfreeze()
            gc.set_threshold(*threshold)
            store.close()

    app = FastAPI(title="bilat", version=__version__, lifespan=lifespan,
                  description="Relations between countries, coded from the news.")
    app.state.store = store
    app.state.settings = settings
    app.state.pipeline = None
    app.state.pipeline_factory = lambda: _default_pipeline(settings)
    app.state.pipeline_lock = threading.Lock()
    _ping_on_checkout(store)
    app.add_middleware(ReadCache, version=store.version)  # innermost: sees HEAD as GET
    app.add_middleware(Methods, routes=lambda: app.router.routes)
    app.add_middleware(SecurityHeaders)  # outermost: every answer gets the headers
    problems.install(app)
    _routes(app, store, settings)
    _document_problems(app)
    try:
        from bilat.web import mount
    except ImportError:
        logger.info("bilat.web is not installed; serving the API only")
    else:
        mount(app, lambda: store)
    return app


#: Allocations between young-generation collections (CPython's default is 700). A busy
#: pair page allocates tens of thousands of short-lived objects; at 700 it ran ~30
#: young collections per request and a full one every few requests.
GC_GEN0_THRESHOLD = 20_000


def _freeze_startup_objects() -> tuple[int, int, int]:
    """Keep the cyclic garbage collector off the objects that live as long as the server.

    A full collection walks every tracked object in the process: the imported modules,
    SQLAlchemy's and FastAPI's metadata, the lexicon. Measured on a 1M-event store
    (bench/store/README.md), those full collections paused busy pair pages for 100-450 ms
    and made their p95. So at start-up the lexicon tables the pages read are loaded, the
    garbage there is collected, and everything that is left is moved to the permanent
    generation (``gc.freeze``), which collections skip; the young-generation threshold is
    raised so that a request's own short-lived objects cost a few collections, not dozens.
    Objects made by requests are collected as before. Returns the thresholds to restore
    at shutdown (with ``gc.unfreeze``).
    """
    from bilat import lexicon

    lexicon.isic_titles()
    lexicon.countries()
    gc.collect()
    gc.freeze()
    before = gc.get_threshold()
    gc.set_threshold(max(GC_GEN0_THRESHOLD, before[0]), before[1], before[2])
    return before


def _default_pipeline(settings: Settings) -> Any:
    from bilat.pipeline import Pipeline

    return Pipeline(batch_size=settings.batch_size)


def _routes(app: FastAPI, store: Store, settings: Settings) -> None:  # noqa: C901
    @app.get("/api/articles", tags=["articles"])
    def list_articles(limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None,
                      country: Country = None, pair: Pair = None, type: Type = None,
                      since: Since = None, until: Until = None, q: Q = None,
                      source: Annotated[str | None, Query(max_length=200)] = None
                      ) -> dict[str, Any]:
        f = _filters(country, pair, type, None, None, since, until, q)
        return store.article_page(f, limit, cursor, source=source)

    @app.get(f"/api/articles/{{article_id:{ANY_TEXT}}}", tags=["articles"])
    def get_article(article_id: PathId) -> dict[str, Any]:
        record = store.article_record(article_id)
        if record is None:
            raise NotFound(f"no article with id {article_id!r} is stored")
        return record

    @app.post("/api/articles", tags=["articles"], status_code=201)
    async def post_articles(request: Request) -> JSONResponse:
        _authorise(request, settings)
        items = _articles_body(await _body(request, settings.api_max_body), settings)
        result = await run_in_threadpool(_ingest, app, store, items)
        return JSONResponse(result, status_code=201 if result["stored"] else 200)

    @app.get("/api/entities", tags=["entities"])
    def list_entities(limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None,
                      kind: Text = None, country: Country = None,
                      q: Q = None) -> dict[str, Any]:
        return store.entity_page(kind, country, q, limit, cursor)

    @app.get("/api/entities/{entity_id}", tags=["entities"])
    def get_entity(entity_id: PathCode) -> dict[str, Any]:
        found = store.world_entity(_id(entity_id, "entity"))
        if found is None:
            raise NotFound(f"no entity with id {entity_id!r}")
        return found

    @app.get("/api/events", tags=["events"])
    def list_events(limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None,
                    country: Country = None, pair: Pair = None, type: Type = None,
                    sector: Sector = None, modality: Modality = None, since: Since = None,
                    until: Until = None, q: Q = None, location: Location = None,
                    country_of_location: LocationCountry = None,
                    listing: Annotated[Literal["events", "mentions"], Query(
                        alias="list", description="events: each real event once, across articles, with "
                                    "its reports; mentions: one per article that reports "
                                    "an event, as `bilat events` lists them")] = "events",
                    ) -> dict[str, Any]:
        """Events across articles, newest first: each real event once, with its reports
        (``mentions``); with ``list=mentions``, the mentions themselves, one per article
        (as ``bilat events`` lists them; ``bilat events --across`` lists the events).
        ``sector``, ``q`` and the location filters select events across articles only."""
        f = _filters(country, pair, type, sector, modality, since, until, q, location,
                     country_of_location)
        if listing == "mentions":
            return store.mention_page(f, limit, cursor)
        return store.event_page(f, limit, cursor)

    @app.get("/api/events/{event_id}", tags=["events"])
    def get_event(event_id: PathCode) -> dict[str, Any]:
        found = store.world_event(_id(event_id, "event"))
        if found is None:
            raise NotFound(f"no event with id {event_id!r}")
        return found

    @app.get("/api/figures", tags=["figures"])
    def list_figures(limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None,
                     country: Country = None, pair: Pair = None, sector: Sector = None,
                     metric: Text = None, since: Since = None,
                     until: Until = None, q: Q = None) -> dict[str, Any]:
        f = _filters(country, pair, None, sector, None, since, until, q)
        return store.figure_page(f, metric, limit, cursor)

    @app.get("/api/pairs/{a}/{b}", tags=["aggregates"])
    def get_pair(a: PathCode, b: PathCode, since: Since = None,
                 until: Until = None) -> dict[str, Any]:
        return store.pair_summary(a, b, since, until)

    @app.get("/api/pairs/{a}/{b}/figures", tags=["figures"])
    def get_pair_figures(a: PathCode, b: PathCode, metric: Text = None, kind: Text = None,
                         since: Since = None, until: Until = None) -> dict[str, Any]:
        """The pair's figure series: one observation per metric, period and kind, each with
        every value reported and its sources."""
        return store.figure_series(pair=(a, b), metric=metric, kind=kind, since=since,
                                   until=until)

    @app.get("/api/countries/{country}/figures", tags=["figures"])
    def get_country_figures(country: PathCode, metric: Text = None, kind: Text = None,
                            since: Since = None, until: Until = None) -> dict[str, Any]:
        """The country's figure series, with every partner (and its own totals)."""
        return store.figure_series(country=country, metric=metric, kind=kind, since=since,
                                   until=until)

    @app.get("/api/countries/{country}", tags=["aggregates"])
    def get_country(country: PathCode, since: Since = None, until: Until = None) -> dict[str, Any]:
        return store.country_summary(country, since, until)

    @app.get("/api/network", tags=["aggregates"])
    def get_network(since: Since = None, until: Until = None, type: Type = None,
                    sector: Sector = None, country: Country = None,
                    min_events: Annotated[int, Query(ge=1, le=MAX_MIN_EVENTS)] = 1
                    ) -> dict[str, Any]:
        f = _filters(country, None, type, sector, None, since, until, None)
        return store.network(f, min_events)

    @app.get("/api/search", tags=["aggregates"])
    def search(q: Annotated[str, Query(max_length=MAX_QUERY_CHARS,
                                       description="Text to search for.")],
               limit: Annotated[int, Query(ge=1, le=100)] = 20) -> dict[str, Any]:
        """The best matches among the newest 1,000 of each kind, with snippets: articles
        whose title holds more of the query's words and phrases first, events that more
        reports mention first, then newest (the same on both backends)."""
        return store.search(q, limit)

    def _feed(request: Request, title: str, feed_id: str, f: Filters) -> Response:
        events = store.event_page(f, FEED_ENTRIES)["items"]
        base = str(request.base_url).rstrip("/")
        body = feeds.atom(title, feed_id, str(request.url), base, events)
        return Response(body, media_type=feeds.MEDIA_TYPE)

    @app.get("/feeds/pairs/{a}/{b}.atom", tags=["feeds"], response_class=Response,
             responses=ATOM_RESPONSE)
    def pair_feed(request: Request, a: PathCode, b: PathCode, type: Type = None,
                  sector: Sector = None) -> Response:
        f = _filters(None, f"{a},{b}", type, sector)
        assert f.pair is not None
        x, y = f.pair
        return _feed(request, f"bilat: {x}–{y} events", f"urn:bilat:feed:pair:{x}:{y}", f)

    @app.get("/feeds/countries/{country}.atom", tags=["feeds"], response_class=Response,
             responses=ATOM_RESPONSE)
    def country_feed(request: Request, country: PathCode, type: Type = None,
                     sector: Sector = None) -> Response:
        f = _filters(country, None, type, sector)
        return _feed(request, f"bilat: {f.country} events", f"urn:bilat:feed:country:{f.country}",
                     f)

    @app.get("/feeds/search.atom", tags=["feeds"], response_class=Response,
             responses=ATOM_RESPONSE)
    def search_feed(request: Request,
                    q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)],
                    type: Type = None) -> Response:
        if not q.strip():
            raise ApiError("q must not be empty; give the words to look for")
        f = _filters(None, None, type, None, None, None, None, q)
        return _feed(request, f"bilat: events matching {q!r}", f"urn:bilat:feed:search:{q}", f)


def _authorise(request: Request, settings: Settings) -> None:
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise Unauthorized("POST /api/articles needs the header Authorization: Bearer <token>")
    if not settings.api_token:
        raise Forbidden("writes are disabled on this server; start it with BILAT_API_TOKEN set "
                        "to accept POST /api/articles")
    if not hmac.compare_digest(given.strip().encode("utf-8"),
                               settings.api_token.encode("utf-8")):
        raise Forbidden("the bearer token is not this server's; check BILAT_API_TOKEN")


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"the body has {int(declared):,} bytes, over the {limit:,} limit; "
                              f"post fewer or shorter articles at a time")
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise PayloadTooLarge(f"the body is over the {limit:,}-byte limit; post fewer "
                                      f"or shorter articles at a time")
            chunks.append(chunk)
    except ClientDisconnect as exc:  # nobody is left to answer: no traceback, one line
        logger.info("POST /api/articles: the client hung up after %d bytes", size)
        raise ApiError(f"the client closed the connection after {size:,} bytes of the "
                       "body; nothing was stored; send the whole body") from exc
    return b"".join(chunks)


def _articles_body(body: bytes, settings: Settings) -> list[dict[str, Any]]:
    try:
        # bilat's JSON reader: deep nesting, NaN and out-of-range numbers are refused
        # as ValueError instead of RecursionError or inf
        data = json_loads(body.decode("utf-8"))
    except ValueError as e:  # UnicodeDecodeError is one too
        raise ApiError(f"the body is not JSON ({str(e)[:200]}); post one article object "
                       "or a list") from e
    items = data if isinstance(data, list) else [data]
    if not items:
        raise ApiError("the body is an empty list; post at least one article")
    if len(items) > settings.api_max_articles:
        raise ApiError(f"{len(items)} articles in one request, over the limit of "
                       f"{settings.api_max_articles}; post them in smaller batches")
    problems_found = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            problems_found.append(f"item {i} is not an object")
        elif not isinstance(item.get("text"), str) or not item["text"].strip():
            problems_found.append(f"item {i} has no text")
    if problems_found:
        raise ApiError("; ".join(problems_found) + "; each article needs at least "
                       "{\"text\": \"…\"} (and may have id, title, date, url, source)")
    return items


def _ingest(app: FastAPI, store: Store, items: list[dict[str, Any]]) -> dict[str, Any]:
    """Run the pipeline on the posted articles and store them (in a worker thread)."""
    from bilat import service
    from bilat.ingest import from_records

    out: dict[str, Any] = {"stored": [], "duplicates": [], "duplicate_of": {}, "renamed": {},
                           "set_aside": []}
    with app.state.pipeline_lock:  # one pipeline, loaded once; spaCy is not thread-safe
        if app.state.pipeline is None:
            app.state.pipeline = app.state.pipeline_factory()
    # each checked as a JSON line is: a lone surrogate is set aside (BL-E005); the
    # service records set-asides and raises StoreError (503) only when the store is down
    results = list(service.ingest(store, app.state.pipeline,
                                  from_records(items, "POST /api/articles"),
                                  lock=app.state.pipeline_lock))
    for item, saved in results:
        if isinstance(saved, SetAside):
            out["set_aside"].append({"id": saved.article_id, "code": saved.code,
                                     "message": saved.message})
            continue
        assert isinstance(item, Article)
        if saved.stored:
            out["stored"].append(saved.article_id)
        if saved.renamed_from is not None:
            out["renamed"][saved.renamed_from] = saved.article_id
        if saved.duplicate_of is not None or not saved.stored:
            out["duplicates"].append(item.id)
            # an article already stored under its own id repeats itself
            out["duplicate_of"][item.id] = saved.duplicate_of or item.id
    return out


#: Where ``serve`` hands the store's URL to worker processes (``app_from_environment``).
SERVE_DB_VARIABLE = "BILAT_SERVE_DB"


def serve(db: str | None = None, host: str | None = None, port: int | None = None,
          settings: Settings | None = None, workers: int = 1) -> None:
    """Run the API with uvicorn until interrupted; ``workers`` > 1 runs that many server
    processes on the one port (each with its own connections and response cache)."""
    import os

    import uvicorn

    settings = settings or Settings.load()
    host, port = host or settings.host, port or settings.port
    if workers > 1:
        url = db or settings.db
        Store(url, create=False).close()  # a missing store stops here, not in each worker
        os.environ[SERVE_DB_VARIABLE] = url
        _announce(host, port, f"; {workers} workers")
        uvicorn.run("bilat.api.app:app_from_environment", factory=True, host=host,
                    port=port, workers=workers, log_level="warning")
        return
    app = create_app(db, settings, create=False)
    _announce(host, port)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _announce(host: str, port: int, extra: str = "") -> None:
    print(f"bilat: dashboard and API at http://{host}:{port}/ (OpenAPI: /openapi.json)"
          f"{extra}; Ctrl-C stops", file=sys.stderr, flush=True)


def app_from_environment() -> FastAPI:
    """The app of one ``serve --workers N`` process, over the store ``serve`` named."""
    import os

    return create_app(os.environ[SERVE_DB_VARIABLE], Settings.load(), create=False)


#: Problem JSON, as every refusal and failure is answered (``problems.problem``).
PROBLEM_SCHEMA = {
    "type": "object", "required": ["type", "title", "status", "detail", "code"],
    "properties": {"type": {"type": "string"}, "title": {"type": "string"},
                   "status": {"type": "integer"}, "detail": {"type": "string"},
                   "code": {"type": "string", "description": "BL-Exxx (bilat.errors)"}},
}
#: The refusals every operation may answer, and those of some.
_EVERY = {"400": "A parameter or the body is not valid (BL-E080).",
          "414": "The path and query are over 4,096 characters (BL-E085).",
          "500": "An unexpected failure (BL-E086); the server log has the details.",
          "503": "The store does not answer (BL-E050); try again shortly."}
_WITH_PATH_PARAMETER = {"404": "Nothing has that id or code (BL-E081)."}
_POST = {"401": "No bearer token (BL-E082).",
         "403": "A wrong bearer token, or writes are off (BL-E083).",
         "413": "The body is over the size limit (BL-E084)."}


def _document_problems(app: FastAPI) -> None:
    """Give every operation in /openapi.json the problem answers it may give. FastAPI
    documents a 422 for validation errors, which bilat answers 400 (problem JSON)."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version,
                             description=app.description, routes=app.routes)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.pop("HTTPValidationError", None)
        components.pop("ValidationError", None)
        components["Problem"] = PROBLEM_SCHEMA
        ref = {"schema": {"$ref": "#/components/schemas/Problem"}}
        for path, operations in schema.get("paths", {}).items():
            for method, op in operations.items():
                answers = op.setdefault("responses", {})
                answers.pop("422", None)
                wanted = dict(_EVERY)
                if "{" in path:
                    wanted.update(_WITH_PATH_PARAMETER)
                if method == "post":
                    wanted.update(_POST)
                for status, text in wanted.items():
                    answers.setdefault(status, {"description": text,
                                                "content": {problems.MEDIA_TYPE: ref}})
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


__all__ = ["create_app", "serve"]
