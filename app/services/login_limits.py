"""Login attempts per account name and per client address, counted in the database: one atomic
increment-then-check per attempt, so parallel requests and several server processes share the limit."""

from __future__ import annotations

import time

from sqlalchemy import delete
from sqlmodel import Session

from app.db import insert_on_conflict
from app.models import LoginAttempt

PER_NAME = 5  # attempts a minute for one account name
PER_ADDRESS = 20  # attempts a minute from one client address


def login_allowed(*, session: Session, name: str, address: str, now: float | None = None) -> bool:
    """Count this attempt, then say whether it is within both limits (a fixed one-minute window)."""
    window = int((time.time() if now is None else now) // 60)
    by_name = _count(session, f"name:{name.casefold()}", window)
    by_address = _count(session, f"address:{address}", window)
    if by_name == 1:  # the first attempt of a window clears out the old ones
        session.execute(delete(LoginAttempt).where(LoginAttempt.window < window - 1))
    session.commit()
    return by_name <= PER_NAME and by_address <= PER_ADDRESS


def _count(session: Session, key: str, window: int) -> int:
    stmt = insert_on_conflict(session, LoginAttempt).values(key=key, window=window, count=1)
    stmt = stmt.on_conflict_do_update(index_elements=["key", "window"],
                                      set_={"count": LoginAttempt.count + 1})
    return session.execute(stmt.returning(LoginAttempt.count)).scalar_one()
