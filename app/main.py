"""create_app(): the FastAPI application with its static files, routers and error pages."""

from __future__ import annotations

import logging

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import OperationalError
from sqlmodel import Session
from starlette.exceptions import HTTPException
from starlette.routing import Match

from app.config import PROJECT_ROOT, Settings, load_settings
from app.db import make_engine, migrate
from app.services.errors import AmbiguousQuote, InvalidInput, NotAllowed, NotFound
from app.services.outlets import load_outlet_registry
from app.services.web_annotations import PreconditionFailed, PreconditionRequired
from app.web import (account_pages, actor_pages, annotation_protocol, api, briefing_pages, claim_pages, contradiction_protocol,
                     exports, history_pages, openapi, outlet_api, outlet_pages, pages, story_api, story_pages, upload_pages)
from app.web.auth import Forbidden, NotAuthenticated, login_url, require
from app.web.security import SecurityHeaders
from app.web.templating import render

log = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or load_settings()
    engine = make_engine(settings)
    migrate(engine)
    with Session(engine) as session:  # the outlet registry file: new entries in, analysts' edits kept
        load_outlet_registry(session)
    app = FastAPI(title="Reading Room", summary="Articles, annotations and tags as JSON; the same data as the pages.")
    app.state.settings, app.state.engine = settings, engine
    openapi.install(app)
    app.state.signing_key = settings.signing_key()  # read once: it signs every cookie and CSRF token
    app.state.principals = {}  # logins checked in the last seconds (app.web.auth)
    app.mount("/static", StaticFiles(directory=PROJECT_ROOT / "static"), name="static")
    app.include_router(account_pages.router)  # login is open; its other routes ask for a role themselves
    app.add_api_route("/favicon.ico", lambda: FileResponse(PROJECT_ROOT / "static" / "favicon.svg", media_type="image/svg+xml"),
                      include_in_schema=False)  # open: browsers ask for it before anyone logs in
    readers = [Depends(require("viewer"))]  # every other route needs at least a viewer; writes ask for more
    # exports first: /api/annotations.csv must not be taken for /api/annotations/{id}
    # the protocol before the pages: a note's IRI answers JSON-LD, and redirects browsers itself
    for router in (exports.router, api.router, annotation_protocol.router, contradiction_protocol.router, pages.router,
                   actor_pages.router, claim_pages.router,
                   briefing_pages.router, history_pages.router, upload_pages.router, story_pages.router, story_api.router,
                   outlet_pages.router, outlet_api.router):
        app.include_router(router, dependencies=readers)
    app.add_middleware(SecurityHeaders)
    _error_handlers(app)
    return app


def _error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return _error(request, 404, str(exc))

    @app.exception_handler(NotAuthenticated)
    async def not_authenticated(request: Request, exc: NotAuthenticated) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=401, headers={"WWW-Authenticate": "Bearer"})
        return RedirectResponse(login_url(request), status_code=303)

    @app.exception_handler(Forbidden)
    @app.exception_handler(NotAllowed)
    async def forbidden(request: Request, exc: Forbidden | NotAllowed) -> Response:
        return _error(request, 403, str(exc))

    @app.exception_handler(PreconditionFailed)
    async def stale(request: Request, exc: PreconditionFailed) -> Response:
        return _error(request, 412, str(exc))

    @app.exception_handler(PreconditionRequired)
    async def unconditional(request: Request, exc: PreconditionRequired) -> Response:
        return _error(request, 428, str(exc))

    @app.exception_handler(InvalidInput)
    async def invalid(request: Request, exc: InvalidInput) -> Response:
        if isinstance(exc, AmbiguousQuote) and _wants_json(request):  # the paragraphs to choose from
            return JSONResponse({"detail": str(exc), "paragraphs": exc.paragraphs}, status_code=422)
        return _error(request, 422, str(exc))

    @app.exception_handler(RequestValidationError)
    async def malformed(request: Request, exc: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": _jsonable(exc.errors())}, status_code=422)
        return _error(request, 400, "This address or form has a value that does not fit: " + _describe(exc))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = {404: "There is no page at this address.", 405: "This address does not take that kind of request."}.get(exc.status_code, str(exc.detail))
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:  # every method of the path, not only those of the first route tried
            headers["Allow"] = ", ".join(_allowed(app, request))
        return _error(request, exc.status_code, message, headers=headers or None)

    @app.exception_handler(OperationalError)
    async def database_trouble(request: Request, exc: OperationalError) -> Response:
        if _disk_full(exc):
            log.error("database disk full on %s", request.url.path)
            return _error(request, 507, "The database's disk is full: nothing was saved. Ask the admin to free "
                          "space (or raise the quota), then send it again.")
        return await crash(request, exc)

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return _error(request, 500, "Something went wrong on our side; nothing was changed. Try again, and report it if it persists.")


def _error(request: Request, status: int, message: str, headers: dict | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    return render(request, "error.html", {"status": status, "message": message}, status_code=status)


def _allowed(app: FastAPI, request: Request) -> list[str]:
    methods: set[str] = set()
    for route in app.router.routes:
        match, _ = route.matches({**request.scope, "method": "GET"})
        if match != Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    return sorted(methods | ({"HEAD"} if "GET" in methods else set()))


def _disk_full(exc: OperationalError) -> bool:
    """SQLite's SQLITE_FULL, or PostgreSQL's disk_full (SQLSTATE 53100)."""
    return "database or disk is full" in str(exc.orig) or getattr(exc.orig, "sqlstate", None) == "53100"


def _wants_json(request: Request) -> bool:
    return (request.url.path.startswith("/api") or request.url.path in ("/openapi.json",)
            or annotation_protocol.wants_json_errors(request))


def _describe(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error.get("loc", ())[1:]) or "input"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) + "."


def _jsonable(errors: list) -> list:
    return [{k: (v if k in ("loc", "msg", "type") else str(v)) for k, v in e.items() if k != "ctx"} for e in errors]
