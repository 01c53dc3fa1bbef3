"""Who is asking, and may they: session cookies, bearer tokens, roles and CSRF, as dependencies.

Every router depends on `Viewer` at least; write routes ask for `Analyst` or `Admin`. A write made
with a session cookie must carry the CSRF token (hidden form field `csrftoken` or header
`X-CSRF-Token`), derived from the session so another site cannot know it. Token requests need
none: a browser never sends a bearer token by itself."""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Request
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from itsdangerous import BadSignature, URLSafeSerializer
from markupsafe import Markup

from app.services import accounts
from app.services.accounts import ANONYMOUS_READER, Principal

SESSION_COOKIE = "rr_session"
LOGIN_COOKIE = "rr_login"  # a pre-login random value, so the login form has a CSRF token too
CSRF_FIELD = "csrftoken"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
PRINCIPAL_SECONDS = 2.0  # how long a checked login is believed without asking the database again
PRINCIPALS_KEPT = 10_000


class NotAuthenticated(Exception):
    """No valid session or token: pages send the visitor to log in, the API answers 401."""


class Forbidden(Exception):
    """Logged in, but the role (or the CSRF token) does not allow this request."""


def _key(request: Request) -> str:
    return request.app.state.signing_key


def _signer(key: str) -> URLSafeSerializer:
    return URLSafeSerializer(key, salt="session")


def sign_session(key: str, raw: str) -> str:
    """The cookie value for a raw session token: signed, so a forged cookie is rejected before the database."""
    return _signer(key).dumps(raw)


def _unsign_session(request: Request, value: str) -> str | None:
    try:
        raw = _signer(_key(request)).loads(value)
    except BadSignature:
        return None
    return raw if isinstance(raw, str) else None


def session_token(request: Request) -> str | None:
    value = request.cookies.get(SESSION_COOKIE)
    return _unsign_session(request, value) if value else None


async def current_principal(request: Request) -> Principal | None:
    """The requester from a bearer token or the session cookie; cached on request.state."""
    if hasattr(request.state, "principal"):
        return request.state.principal
    who: Principal | None = None
    authorization = request.headers.get("authorization", "")
    if authorization:
        scheme, _, raw = authorization.partition(" ")
        who = await _checked(request, "token", raw.strip()) if scheme.lower() == "bearer" else None
        if who is None:
            raise NotAuthenticated("This API token is unknown, revoked, or its user is disabled. Create a new one on your account page.")
    elif (raw := session_token(request)) is not None:
        who = await _checked(request, "session", raw)
    if who is None and request.method in SAFE_METHODS and request.app.state.settings.anonymous_read:
        who = ANONYMOUS_READER
    request.state.principal = who
    return who


async def _checked(request: Request, via: str, raw: str) -> Principal | None:
    """The login behind a token or session. Checking it in the database took a turn in the thread
    pool and a query on every request; a login found valid is believed for PRINCIPAL_SECONDS.
    A revocation, a disabled account or a new role in this process drops every kept login at
    once (accounts.changes()); in another web process it takes effect within PRINCIPAL_SECONDS."""
    kept: dict[tuple[str, str], tuple[Principal, float, int]] = request.app.state.principals
    now, changes = time.monotonic(), accounts.changes()  # the count before the query: a change during it drops its answer
    if (hit := kept.get((via, raw))) is not None and hit[1] > now and hit[2] == changes:
        return hit[0]
    who = await run_in_threadpool(_look_up, request.app.state.engine, via, raw)
    if who is not None:
        if len(kept) >= PRINCIPALS_KEPT:  # only valid logins are kept, and this many are enough for any team
            kept.clear()
        kept[(via, raw)] = (who, now + PRINCIPAL_SECONDS, changes)
    return who


def _look_up(engine: Engine, via: str, raw: str) -> Principal | None:
    # Its own session: its connection goes back to the pool before the route waits for a thread.
    with Session(engine) as session:
        find = accounts.token_principal if via == "token" else accounts.session_principal
        return find(session=session, raw=raw)


def require(role: str):  # type: ignore[no-untyped-def]
    async def dependency(request: Request, who: Annotated[Principal | None, Depends(current_principal)]) -> Principal:
        if who is None:
            raise NotAuthenticated("Log in to use the reading room" + (" (or send an API token: Authorization: Bearer …)." if _is_api(request) else "."))
        if not who.can(role):
            raise Forbidden(f"Your role ({who.role}) cannot do this; it needs {role}. Ask an admin if you should.")
        if request.method not in SAFE_METHODS and who.via == "session":
            await _check_csrf(request, csrf_token(request, who.session_token or ""))
        return who
    return dependency


Viewer = Annotated[Principal, Depends(require("viewer"))]
Analyst = Annotated[Principal, Depends(require("analyst"))]
Admin = Annotated[Principal, Depends(require("admin"))]


def csrf_token(request: Request, seed: str) -> str:
    return csrf_for(_key(request), seed)


def csrf_for(key: str, seed: str) -> str:
    return hmac.new(key.encode(), b"csrf:" + seed.encode(), hashlib.sha256).hexdigest()


def form_token(request: Request) -> str:
    """The CSRF token for forms on this page: from the session, or before login from the login cookie."""
    who = getattr(request.state, "principal", None)
    if who is not None and who.session_token:
        return csrf_token(request, who.session_token)
    return csrf_token(request, request.cookies.get(LOGIN_COOKIE) or getattr(request.state, "login_seed", ""))


def csrf_field(request: Request) -> Markup:
    return Markup('<input type="hidden" name="{}" value="{}">').format(CSRF_FIELD, form_token(request))


async def read_form(request: Request) -> FormData:
    """The request's form, parsed once: a pasted field may be as large as an article file
    (Starlette's default stops text fields at 1 MB); uploaded files are spooled, not held."""
    return await request.form(max_part_size=request.app.state.settings.max_file_bytes + 1)


async def _check_csrf(request: Request, expected: str) -> None:
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent and request.headers.get("content-type", "").startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        try:
            value = (await read_form(request)).get(CSRF_FIELD)
        except Exception:  # a malformed body: refused below like a missing token
            value = None
        sent = value if isinstance(value, str) else ""
    if not sent or not hmac.compare_digest(sent, expected):
        raise Forbidden("This form has expired or did not come from this site (its security token is missing or wrong). Reload the page and try again.")


def check_login_csrf(request: Request, sent: str) -> None:
    seed = request.cookies.get(LOGIN_COOKIE, "")
    if not seed or not hmac.compare_digest(sent, csrf_token(request, seed)):
        raise Forbidden("The login form has expired or did not come from this site. Reload the login page and try again.")


def login_url(request: Request) -> str:
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login?next=" + quote(here, safe="")


def safe_next(target: str | None) -> str:
    """Only a path on this site: never another host (an open redirect)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target or not target.isprintable():
        return "/"  # browsers drop tabs and newlines from URLs: "/\t/evil.com" would be "//evil.com"
    return target


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api")
