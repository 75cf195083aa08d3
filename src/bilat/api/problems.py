"""Errors as problem JSON (RFC 9457): ``type``, ``title``, ``status``, ``detail``, ``code``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import (
    DBAPIError,
    DisconnectionError,
    InterfaceError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute, Match
from starlette.types import Scope

from bilat.errors import (
    ApiError,
    BilatError,
    InternalError,
    StoreError,
    Unauthorized,
    UsageError,
)

logger = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
TITLES = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found",
          405: "Method not allowed", 413: "Request body too large", 414: "URI too long",
          500: "Internal error", 503: "Store unavailable"}

#: Headers on every response that is not an HTML page (the pages set their own CSP in
#: ``bilat.web.pages``). A JSON or Atom body is data, never a document: it may load
#: nothing, run nothing and be framed by nobody.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
#: Errors are about one request; no cache may keep them.
NO_STORE = "no-store"
#: How a failing store shows in the database driver: the server is down, restarting or
#: unreachable, the pool is exhausted. Anything else from SQLAlchemy is a bug (500).
_UNAVAILABLE = (OperationalError, InterfaceError, DisconnectionError, PoolTimeout)


def problem(status: int, code: str, detail: str,
            headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"type": f"urn:bilat:error:{code}", "title": TITLES.get(status, "Error"),
            "status": status, "detail": detail, "code": code}
    # A problem may be answered by Starlette's outermost error middleware, past the
    # middleware that sets headers, so it carries them itself.
    all_headers = {**SECURITY_HEADERS, "Content-Security-Policy": API_CSP,
                   "X-Frame-Options": "DENY", "Cache-Control": NO_STORE, **(headers or {})}
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=all_headers)


def _message(exc: BilatError) -> str:
    return exc.message


async def _bilat_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, BilatError)
    if isinstance(exc, ApiError):
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(exc, Unauthorized) else None
        return problem(exc.status, exc.code, _message(exc), headers)
    if isinstance(exc, UsageError):
        return problem(400, ApiError.code, _message(exc))
    if isinstance(exc, StoreError):
        logger.error("store error: %s", exc)
        return problem(503, exc.code, _message(exc))
    logger.error("error: %s", exc)
    return problem(500, exc.code, _message(exc))


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
        parts.append(f"{loc or 'request'}: {err.get('msg')}")
    return problem(400, ApiError.code, "; ".join(parts) or "the request is not valid")


#: Where answers are data for programs, whatever the client accepts.
DATA_PREFIXES = ("/api/", "/feeds/", "/static/", "/openapi.json")


def allowed_methods(routes: list[BaseRoute], scope: Scope) -> list[str]:
    """Every method some route answers at the request's path (HEAD with GET, OPTIONS
    always); empty when no route has that path."""
    methods: set[str] = set()
    probe = {**scope, "method": "GET"}
    for route in routes:
        match, _ = route.matches(probe)
        if match in (Match.FULL, Match.PARTIAL):
            methods |= set(getattr(route, "methods", None) or {"GET"})
    if not methods:
        return []
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods | {"OPTIONS"})


def wants_html(request: Request) -> bool:
    """A browser asking for a page (not a program asking for data)."""
    return ("text/html" in request.headers.get("accept", "")
            and not request.url.path.startswith(DATA_PREFIXES))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code = "BL-E081" if exc.status_code == 404 else ApiError.code
    detail: Any = exc.detail
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405:
        # Starlette names the methods of the first route with this path only
        allowed = allowed_methods(request.app.router.routes, request.scope)
        headers["Allow"] = ", ".join(allowed)
        detail = (f"{request.method} is not allowed on {request.url.path}; use "
                  + " or ".join(allowed))
    if exc.status_code == 404:
        if detail == "Not Found":  # Starlette's: no route has this path
            detail = f"there is nothing at {request.url.path}; check the address"
        page = getattr(request.app.state, "html_error", None)
        if page is not None and wants_html(request):
            return page(404, "Page not found",
                        f"There is no page at {request.url.path}. Check the address, or "
                        "start again from the overview.")
    return problem(exc.status_code, code, str(detail), headers)


def _database_problem(exc: SQLAlchemyError) -> JSONResponse:
    if isinstance(exc, _UNAVAILABLE) or (isinstance(exc, DBAPIError)
                                         and exc.connection_invalidated):
        # The first line of the driver's message only: never the SQL or its parameters.
        orig = getattr(exc, "orig", None) or exc
        first = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
        logger.error("store unavailable: %s", first)
        return problem(503, StoreError.code,
                       f"the store is not available ({type(orig).__name__}: {first[:200]}); "
                       "try again shortly, and tell the operator if it lasts",
                       {"Retry-After": "5"})
    logger.exception("database error")
    return problem(500, InternalError.code, "the store failed to answer this request; the "
                   "server log has the details, report it with the request's URL")


async def _sqlalchemy_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, SQLAlchemyError)
    return _database_problem(exc)


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    """Any other exception: problem JSON without the traceback (which goes to the log)."""
    if isinstance(exc, SQLAlchemyError):
        return _database_problem(exc)
    logger.error("unexpected %s", type(exc).__name__, exc_info=exc)
    return problem(500, InternalError.code, "an unexpected error occurred; the server log "
                   "has the details, report it with the request's URL")


def install(app: FastAPI) -> None:
    app.add_exception_handler(BilatError, _bilat_error)
    app.add_exception_handler(SQLAlchemyError, _sqlalchemy_error)
    app.add_exception_handler(Exception, _unexpected)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
