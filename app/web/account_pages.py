"""Login and logout, a user's own page (sessions and API tokens), and the admin's user list."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.deps import SessionDep
from app.services import accounts
from app.services.accounts import ROLES
from app.services.errors import InvalidInput
from app.web.auth import (
    LOGIN_COOKIE,
    NotAuthenticated,
    SESSION_COOKIE,
    Admin,
    Viewer,
    check_login_csrf,
    safe_next,
    session_token,
    sign_session,
)
from app.services.login_limits import login_allowed
from app.web.templating import redirect, render

router = APIRouter(include_in_schema=False)
Name = Annotated[str, Form(max_length=100)]



@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: Annotated[str, Query(max_length=2000)] = "/") -> HTMLResponse:  # noqa: A002
    seed = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(16)
    request.state.login_seed = seed
    response = render(request, "account/login.html", {"next": safe_next(next)})
    response.set_cookie(LOGIN_COOKIE, seed, httponly=True, samesite="lax", secure=request.url.scheme == "https", max_age=3600)
    return response


@router.post("/login")
def login(request: Request, session: SessionDep, name: Name = "", password: Annotated[str, Form(max_length=1000)] = "",
          csrftoken: Annotated[str, Form(max_length=200)] = "", next: Annotated[str, Form(max_length=2000)] = "/") -> Response:  # noqa: A002
    check_login_csrf(request, csrftoken)
    address = request.client.host if request.client else "unknown"
    if not login_allowed(session=session, name=name, address=address):
        return _login_again(request, next, name, "Too many login attempts for this name or from this address; "
                            "wait a minute and try again.", 429)
    user = accounts.check_password(session=session, name=name, password=password)
    if user is None:
        return _login_again(request, next, name, "Wrong name or password (or the account is disabled).", 401)
    settings = request.app.state.settings
    raw = accounts.open_session(session=session, user=user, hours=settings.session_hours, agent=request.headers.get("user-agent", ""))
    response = RedirectResponse(safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, sign_session(request.app.state.signing_key, raw), max_age=settings.session_hours * 3600,
                        httponly=True, samesite="lax", secure=request.url.scheme == "https")
    response.delete_cookie(LOGIN_COOKIE)
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep, who: Viewer) -> Response:
    if raw := session_token(request):
        accounts.close_session(session=session, raw=raw)
    response = redirect("/login", message="You are logged out.")
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/account", response_class=HTMLResponse)
def account(request: Request, session: SessionDep, who: Viewer) -> HTMLResponse:
    if who.via == "anonymous":
        raise NotAuthenticated("Log in to see your account.")
    return _account_page(request, session, who.name)


@router.post("/account/tokens", response_class=HTMLResponse)
def new_token(request: Request, session: SessionDep, who: Viewer, label: Annotated[str, Form(max_length=100)] = "") -> HTMLResponse:
    raw = accounts.create_token(session=session, name=who.name, label=label)
    return _account_page(request, session, who.name, new_token=raw)


@router.post("/account/tokens/{token_id}/revoke")
def revoke_token(session: SessionDep, who: Viewer, token_id: int) -> RedirectResponse:
    accounts.revoke_token(session=session, name=who.name, token_id=token_id)
    return redirect("/account", message="Token revoked: scripts using it are refused from now on.")


@router.post("/account/sessions/{session_id}/revoke")
def revoke_session(session: SessionDep, who: Viewer, session_id: int) -> RedirectResponse:
    accounts.revoke_session(session=session, name=who.name, session_id=session_id)
    return redirect("/account", message="Session ended: that browser must log in again.")


@router.post("/account/password")
def change_password(session: SessionDep, who: Viewer, current: Annotated[str, Form(max_length=1000)] = "",
                    new: Annotated[str, Form(max_length=1000)] = "") -> RedirectResponse:
    if accounts.check_password(session=session, name=who.name, password=current) is None:
        raise InvalidInput("The current password is wrong; the password was not changed.")
    accounts.set_password(session=session, name=who.name, password=new)
    return redirect("/login", message="Password changed. Every browser was logged out: log in with the new password.")


@router.get("/admin/users", response_class=HTMLResponse)
def users(request: Request, session: SessionDep, who: Admin) -> HTMLResponse:
    return _users_page(request, session)


@router.post("/admin/users", response_class=HTMLResponse)
def add_user(request: Request, session: SessionDep, who: Admin, name: Name = "",
             role: Annotated[str, Form(max_length=20)] = "viewer") -> HTMLResponse:
    user, password = accounts.add_user(session=session, name=name.strip(), role=role)
    return _users_page(request, session, created=(user.name, password))


@router.post("/admin/users/{name}/{action}")
def change_user(session: SessionDep, who: Admin, name: str, action: str,
                role: Annotated[str, Form(max_length=20)] = "") -> RedirectResponse:
    if name == who.name and action in ("disable", "role"):
        raise InvalidInput("You cannot disable yourself or change your own role; ask another admin.")
    if action == "disable":
        accounts.disable_user(session=session, name=name)
    elif action == "enable":
        accounts.enable_user(session=session, name=name)
    elif action == "role":
        accounts.set_role(session=session, name=name, role=role)
    else:
        raise InvalidInput(f"Unknown action {action!r}: use disable, enable or role.")
    return redirect("/admin/users", message=f"{name}: {action} done.")


def _account_page(request: Request, session: SessionDep, name: str, new_token: str | None = None) -> HTMLResponse:
    context = {"sessions": accounts.list_sessions(session=session, name=name), "tokens": accounts.list_tokens(session=session, name=name),
               "new_token": new_token}
    return render(request, "account/account.html", context)


def _users_page(request: Request, session: SessionDep, created: tuple[str, str] | None = None) -> HTMLResponse:
    return render(request, "account/users.html", {"users": accounts.list_users(session=session), "roles": ROLES, "created": created})


def _login_again(request: Request, next: str, name: str, error: str, status: int) -> HTMLResponse:  # noqa: A002
    request.state.login_seed = request.cookies.get(LOGIN_COOKIE, "")
    return render(request, "account/login.html", {"next": safe_next(next), "name": name, "error": error}, status_code=status)
