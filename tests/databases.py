"""Where a test keeps its data. By default a new SQLite file. With
READINGROOM_TEST_DATABASE_URL=postgresql+psycopg://user@host:port/postgres the same tests run on
PostgreSQL: each gets a new database there, cloned from a migrated template in milliseconds (or
from a database a module fixture prepared), and dropped afterwards."""

from __future__ import annotations

import os
import sqlite3
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text

from app.config import load_settings
from app.db import make_engine, migrate

SERVER = os.environ.get("READINGROOM_TEST_DATABASE_URL", "").strip()
ON_POSTGRES = SERVER.startswith("postgresql")
ONLY_SQLITE = pytest.mark.skipif(ON_POSTGRES, reason="about the embedded SQLite file (its pragmas, file copies or "
                                 "its own backup command); PostgreSQL has pg_dump and the server's own settings")
_EMPTY = "readingroom_template"  # migrated, no rows
_created: list[str] = []  # databases made by this run, in order, so fixtures can drop theirs
_made_templates: set[str] = set()


def new_database(folder: Path, name: str = "test", *, like: str | None = None, migrated: bool = True) -> str:
    """The URL of a new database: migrated and empty, or a copy of the database at URL `like`
    (which nothing may be connected to), or with no schema at all when not `migrated`."""
    if not ON_POSTGRES:
        path = folder / f"{name}.db"
        if like:
            with sqlite3.connect(make_url(like).database) as source, sqlite3.connect(path) as target:
                source.backup(target)
        return f"sqlite:///{path}"
    template = make_url(like).database if like else (_empty_template() if migrated else "template0")
    database = f"rr_{name}_{uuid.uuid4().hex[:10]}".lower()
    _admin(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
    _created.append(database)
    return _url(database)


def _url(database: str) -> str:
    return make_url(SERVER).set(database=database).render_as_string(hide_password=False)


def created() -> int:
    return len(_created)


def drop_since(mark: int) -> None:
    """Drop the databases made since `created()` returned `mark` (closing what is still connected)."""
    while len(_created) > mark:
        _admin(f'DROP DATABASE IF EXISTS "{_created.pop()}" WITH (FORCE)')


def _empty_template() -> str:
    if _EMPTY not in _made_templates:
        _admin(f'DROP DATABASE IF EXISTS "{_EMPTY}" WITH (FORCE)')
        _admin(f'CREATE DATABASE "{_EMPTY}" TEMPLATE template0')
        engine = make_engine(replace(load_settings(), database_url=_url(_EMPTY)))
        migrate(engine)
        engine.dispose()
        _made_templates.add(_EMPTY)
    return _EMPTY


def _admin(statement: str) -> None:
    engine = create_engine(SERVER, isolation_level="AUTOCOMMIT")  # CREATE DATABASE refuses a transaction
    try:
        with engine.connect() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()
