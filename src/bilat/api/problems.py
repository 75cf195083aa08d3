"""Errors as problem JSON (RFC 9457): ``type``, ``title``, ``status``, ``detail``, ``code``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from bilat.errors import ApiError, BilatError, StoreError, Unauthorized, UsageError

logger = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
TITLES = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found",
          405: "Method not allowed", 413: "Request body too large", 500: "Internal error",
          503: "Store unavailable"}


def problem(status: int, code: str, detail: str,
            headers: dict[str, str] | None = None) -> JSONResponse:
    body = {"type": f"urn:bilat:error:{code}", "title": TITLES.get(status, "Error"),
            "status": status, "detail": detail, "code": code}
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


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


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = "BL-E081" if exc.status_code == 404 else ApiError.code
    detail: Any = exc.detail
    headers = getattr(exc, "headers", None)
    return problem(exc.status_code, code, str(detail), headers)


def install(app: FastAPI) -> None:
    app.add_exception_handler(BilatError, _bilat_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
