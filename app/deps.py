"""Request dependencies as Annotated aliases: a database session and the settings."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import nullcontext
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session

from app.config import Settings
from app.services.errors import InvalidInput


# SQLite has one writer at a time: the requests of one process that may write queue here, in
# order, instead of retrying in SQLite's busy handler (which sleeps up to 100 ms a try).
_SQLITE_WRITERS = threading.Lock()
_READS = ("GET", "HEAD", "OPTIONS")


def get_session(request: Request) -> Iterator[Session]:
    engine = request.app.state.engine
    queue = _SQLITE_WRITERS if engine.dialect.name == "sqlite" and request.method not in _READS else nullcontext()
    with queue, Session(engine) as session:
        try:
            yield session
        except OverflowError as exc:  # an id or number beyond SQLite's 64-bit integers: the client's mistake, not a 500
            raise InvalidInput("A number in this request is too large (at most 9223372036854775807).") from exc


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
