"""Accounts, roles, browser sessions and API tokens. Passwords are hashed with argon2; session
and API tokens are random and stored only as SHA-256 hashes, so a stolen database opens nothing."""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func
from sqlmodel import Session, col, select

from app.db import write_turn_free
from app.models import ApiToken, User, UserSession, utcnow
from app.services.errors import InvalidInput, NotFound

ROLES = ("viewer", "analyst", "admin")  # each can do all the ones before it can
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$")
MIN_PASSWORD = 10
TOKEN_PREFIX = "rr_"

_hasher = PasswordHasher()
@functools.cache
def _dummy_hash() -> str:
    """Verified against when the name is unknown, so a wrong name costs as long as a wrong password."""
    return _hasher.hash(secrets.token_urlsafe(16))


@dataclass(frozen=True)
class Principal:
    """Who is making a request, and how they proved it (session, token, or anonymous)."""

    name: str
    role: str
    via: str
    session_token: str | None = None  # the raw session token; CSRF tokens derive from it

    def can(self, role: str) -> bool:
        return ROLES.index(self.role) >= ROLES.index(role)


ANONYMOUS_READER = Principal(name="anonymous", role="viewer", via="anonymous")

_changes = [0]  # how many times this process changed who may do what; cached principals older than that are dropped


def changes() -> int:
    return _changes[0]


def _changed() -> None:
    """Called after the commit of anything that revokes or lowers a login: a role, a password, a
    disabled account, a closed session or a revoked token."""
    _changes[0] += 1


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def add_user(*, session: Session, name: str, role: str, password: str | None = None) -> tuple[User, str]:
    """Create an account; with no password, one is generated. Returns the user and the password."""
    if not NAME_PATTERN.match(name or ""):
        raise InvalidInput("A user name is 2 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit.")
    _check_role(role)
    if session.exec(select(User).where(func.lower(User.name) == name.lower())).first():
        raise InvalidInput(f"There is already a user {name!r}; names are never reused. Pick another.")
    password = password if password is not None else secrets.token_urlsafe(12)
    _check_password(password)
    user = User(name=name, role=role, password_hash=hash_password(password))
    session.add(user)
    session.commit()
    return user, password


def list_users(*, session: Session) -> list[User]:
    return list(session.exec(select(User).order_by(User.name)).all())


def count_users(*, session: Session) -> int:
    return session.exec(select(func.count()).select_from(User)).one()


def get_user(*, session: Session, name: str) -> User:
    user = session.exec(select(User).where(User.name == name)).first()
    if user is None:
        raise NotFound(f"No user {name!r}. `readingroom user list` shows the accounts.")
    return user


def set_role(*, session: Session, name: str, role: str) -> User:
    _check_role(role)
    user = get_user(session=session, name=name)
    user.role = role
    session.add(user)
    session.commit()
    _changed()
    return user


def set_password(*, session: Session, name: str, password: str) -> None:
    _check_password(password)
    user = get_user(session=session, name=name)
    user.password_hash = hash_password(password)
    session.add(user)
    _revoke_all(session, user)  # a new password logs out every other browser
    session.commit()
    _changed()


def disable_user(*, session: Session, name: str) -> User:
    """Refuse the account from now on: its sessions and tokens are revoked; its history stays."""
    user = get_user(session=session, name=name)
    user.disabled = user.disabled or utcnow()
    session.add(user)
    _revoke_all(session, user)
    session.commit()
    _changed()
    return user


def enable_user(*, session: Session, name: str) -> User:
    user = get_user(session=session, name=name)
    user.disabled = None
    session.add(user)
    session.commit()
    return user


def check_password(*, session: Session, name: str, password: str) -> User | None:
    """The active user with this name and password, or None (same answer for every failure)."""
    user = session.exec(select(User).where(User.name == name)).first()
    try:
        _hasher.verify(user.password_hash if user else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or user.disabled:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        session.add(user)
        session.commit()
    return user


def open_session(*, session: Session, user: User, hours: int, agent: str = "") -> str:
    raw = secrets.token_urlsafe(32)
    session.add(UserSession(user_id=user.id, token_hash=_digest(raw), expires=utcnow() + timedelta(hours=hours), agent=agent[:200]))
    session.commit()
    return raw


def session_principal(*, session: Session, raw: str) -> Principal | None:
    """The user behind a session token, if the session is live and the account active."""
    found = session.exec(select(UserSession, User).join(User, col(User.id) == UserSession.user_id)
                         .where(UserSession.token_hash == _digest(raw))).first()
    if found is None or found[0].expires <= utcnow():
        return None
    user = _live_user(session, *found, "last_seen")
    return Principal(name=user.name, role=user.role, via="session", session_token=raw) if user else None


def close_session(*, session: Session, raw: str) -> None:
    row = session.exec(select(UserSession).where(UserSession.token_hash == _digest(raw))).first()
    if row and not row.revoked:
        row.revoked = utcnow()
        session.add(row)
        session.commit()
        _changed()


def list_sessions(*, session: Session, name: str) -> list[UserSession]:
    user = get_user(session=session, name=name)
    query = select(UserSession).where(UserSession.user_id == user.id, col(UserSession.revoked).is_(None), UserSession.expires > utcnow())
    return list(session.exec(query.order_by(col(UserSession.last_seen).desc())).all())


def revoke_session(*, session: Session, name: str, session_id: int) -> None:
    _revoke_own(session, name, UserSession, session_id, "session")


def create_token(*, session: Session, name: str, label: str = "") -> str:
    """A new API token for the user; the raw token is returned once and never stored."""
    user = get_user(session=session, name=name)
    if user.disabled:
        raise InvalidInput(f"{name} is disabled; enable the account before giving it a token.")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, label=label.strip()[:100], token_hash=_digest(raw), hint=raw[-4:]))
    session.commit()
    return raw


def token_principal(*, session: Session, raw: str) -> Principal | None:
    # One query for the token and its user: this runs on every API request.
    found = session.exec(select(ApiToken, User).join(User, col(User.id) == ApiToken.user_id)
                         .where(ApiToken.token_hash == _digest(raw))).first()
    user = _live_user(session, *found, "last_used") if found else None
    return Principal(name=user.name, role=user.role, via="token") if user else None


def _live_user(session: Session, row: UserSession | ApiToken, user: User, stamp: str) -> User | None:
    """The user, if the session or token is unrevoked and the account active; notes when it was
    last used, at most every five minutes, so that reading stays reading and not a write per
    request, and only when the database is free: a read does not wait for someone's ingest."""
    if row.revoked or user.disabled:
        return None
    now = utcnow()
    stale = getattr(row, stamp) is None or now - getattr(row, stamp) > timedelta(minutes=5)
    if stale and write_turn_free(session.get_bind()):
        setattr(row, stamp, now)
        session.add(row)
        session.commit()
    return user


def list_tokens(*, session: Session, name: str) -> list[ApiToken]:
    user = get_user(session=session, name=name)
    return list(session.exec(select(ApiToken).where(ApiToken.user_id == user.id).order_by(col(ApiToken.created).desc())).all())


def revoke_token(*, session: Session, name: str, token_id: int) -> None:
    _revoke_own(session, name, ApiToken, token_id, "token")


def _revoke_own(session: Session, name: str, model: type[UserSession] | type[ApiToken], row_id: int, what: str) -> None:
    """Revoke one of the user's own sessions or tokens; someone else's is "not found", never revoked."""
    user = get_user(session=session, name=name)
    row = session.get(model, row_id)
    if row is None or row.user_id != user.id:
        raise NotFound(f"No {what} {row_id} for {name}.")
    row.revoked = row.revoked or utcnow()
    session.add(row)
    session.commit()
    _changed()


def _revoke_all(session: Session, user: User) -> None:
    now = utcnow()
    for row in session.exec(select(UserSession).where(UserSession.user_id == user.id, col(UserSession.revoked).is_(None))).all():
        row.revoked = now
        session.add(row)
    for row in session.exec(select(ApiToken).where(ApiToken.user_id == user.id, col(ApiToken.revoked).is_(None))).all():
        row.revoked = now
        session.add(row)


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise InvalidInput(f"Unknown role {role!r}: use one of {', '.join(ROLES)}.")


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"A password needs at least {MIN_PASSWORD} characters.")
    if len(password) > 1000:
        raise InvalidInput("A password may have at most 1,000 characters.")


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()

