"""Back up and restore the whole database (SQLite's online backup API: safe while serving), checking
the copy's integrity and every table's row count."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, inspect, text

from app.services.errors import InvalidInput


def table_counts(engine: Engine) -> dict[str, int]:
    """Rows per table (FTS shadow tables left out: they follow their table)."""
    names = [n for n in inspect(engine).get_table_names() if "_fts" not in n and not n.startswith("sqlite_")]
    with engine.connect() as conn:
        return {n: conn.execute(text(f'SELECT count(*) FROM "{n}"')).scalar_one() for n in sorted(names)}


def backup(engine: Engine, target: Path) -> dict[str, int]:
    """Copy the live database into `target` (a new file), check it, and return its row counts."""
    source = _sqlite_file(engine)
    if target.exists():
        raise InvalidInput(f"{target} already exists; choose a new file name so no backup is overwritten")
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    _check(target)
    return _counts(target)


def restore(engine: Engine, source: Path) -> tuple[dict[str, int], Path]:
    """Replace the database's content by the backup's (checked first). What it replaces is kept
    beside it first, since nothing analysts made is thrown away. Returns the row counts and where
    the replaced database was kept."""
    target = _sqlite_file(engine)
    if not source.is_file():
        raise InvalidInput(f"{source} is not a file; give the path of a backup made by `readingroom backup`")
    _check(source)
    kept = target.with_name(f"{target.name}.before-restore-{datetime.now():%Y%m%d-%H%M%S}")
    backup(engine, kept)
    engine.dispose()  # no pooled connection may hold the old pages
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return _counts(target), kept


def _sqlite_file(engine: Engine) -> Path:
    if engine.dialect.name != "sqlite" or not engine.url.database or engine.url.database == ":memory:":
        raise InvalidInput("backup and restore work on a SQLite database file; for PostgreSQL use "
                           "pg_dump and pg_restore")
    return Path(engine.url.database)


def _check(path: Path) -> None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0]
            has_schema = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise InvalidInput(f"{path} is not a readable SQLite database ({exc})") from None
    if ok != "ok":
        raise InvalidInput(f"{path} fails SQLite's integrity check ({ok}); use another backup")
    if not has_schema:
        raise InvalidInput(f"{path} is a SQLite database but not a Reading Room one")


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                 if "_fts" not in r[0] and not r[0].startswith("sqlite_")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in sorted(names)}
