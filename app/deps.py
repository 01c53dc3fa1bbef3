"""Request dependencies as Annotated aliases: a database session and the settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.exc import DataError
from sqlmodel import Session

from app.config import Settings
from app.services.errors import InvalidInput, NotFound


async def get_session(request: Request) -> AsyncIterator[Session]:
    # async: a session connects at its first query (in the route's thread), so opening it here costs
    # no trip through the thread pool, nor does closing it (giving the connection back to the pool,
    # a rollback); a sync dependency took two trips a request. Nothing here may wait: SQLite's
    # writers queue at their first write statement (app.db), in the route's thread.
    with Session(request.app.state.engine) as session:
        try:
            yield session
        except OverflowError as exc:  # an id or number beyond SQLite's 64-bit integers: the client's mistake, not a 500
            raise InvalidInput("A number in this request is too large (at most 9223372036854775807).") from exc
        except DataError as exc:  # the same mistakes, as PostgreSQL reports them
            if (refused := _refused_value(exc, reading=request.method in ("GET", "HEAD"))) is None:
                raise
            raise refused from exc


def _refused_value(exc: DataError, *, reading: bool) -> Exception | None:
    """What the client sent that PostgreSQL cannot take, as the error to answer; None when the
    mistake is our own."""
    if getattr(exc.orig, "sqlstate", None) == "22003":  # numeric_value_out_of_range: ids are 32-bit there
        return InvalidInput("A number in this request is too large (ids are at most 2147483647).")
    if "NUL (0x00)" in str(exc.orig):  # nothing stored holds one (ingest drops them), so nothing matches
        if reading:
            return NotFound("Nothing here matches a value with a NUL character (\\x00) in it; check the address.")
        return InvalidInput("A value in this request contains a NUL character (\\x00), which cannot be stored; remove it.")
    return None


async def get_settings(request: Request) -> Settings:  # async: no trip through the thread pool to read it
    return request.app.state.settings


SessionDep = Annotated[Session, Depends(get_session)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
