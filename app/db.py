"""The database engine (embedded SQLite tuned for a reading room, or a team's PostgreSQL), and
schema migrations."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel, create_engine

from app.config import PROJECT_ROOT, Settings

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
# One connection for each of the threads that run requests (AnyIO's default of 40): with fewer, a
# request waits for a pooled connection while holding a thread, and under load they time out.
POOL = 40


def make_engine(settings: Settings) -> Engine:
    path = settings.sqlite_path
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    if settings.database_url.startswith("sqlite"):
        pool = {"pool_size": POOL, "max_overflow": 0} if path is not None else {}  # (in memory: one connection)
        engine = create_engine(settings.database_url, connect_args={"check_same_thread": False, "timeout": 10}, **pool)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # PostgreSQL: a server may have restarted since a pooled connection was opened. Ten stay open
    # per process, up to POOL under load (so max_connections >= POOL x processes + workers).
    return create_engine(settings.database_url, pool_pre_ping=True, pool_size=10, max_overflow=POOL - 10)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the ingest writer
    # In WAL mode NORMAL never corrupts and keeps every commit through a crash of the process
    # (tested with kill -9); only a power cut may lose the last commits. FULL fsyncs each one.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def insert_on_conflict(session: Session, model: type[SQLModel]) -> sqlite.Insert | postgresql.Insert:
    """An INSERT that takes ON CONFLICT clauses, in the session's dialect: get-or-create and
    counters that several processes run at once without failing on each other's rows."""
    return (postgresql if session.get_bind().dialect.name == "postgresql" else sqlite).insert(model)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; analysts' rows are carried along."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
