"""The database engine (embedded SQLite tuned for a reading room, or a team's PostgreSQL), and
schema migrations."""

from __future__ import annotations

import fcntl
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, event, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, SQLModel, create_engine

from app.config import PROJECT_ROOT, Settings

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
# One connection for each of the threads that run requests (AnyIO's default of 40): with fewer, a
# request waits for a pooled connection while holding a thread, and under load they time out.
POOL = 40
BUSY_SECONDS = 10  # how long a write waits for another to finish before it fails
MIGRATION_LOCK = 0x4D494752  # an advisory lock number the app uses for nothing else: "MIGR"


def make_engine(settings: Settings) -> Engine:
    path = settings.sqlite_path
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    if settings.database_url.startswith("sqlite"):
        pool = {"pool_size": POOL, "max_overflow": 0} if path is not None else {}  # (in memory: one connection)
        engine = create_engine(settings.database_url, connect_args={"check_same_thread": False, "timeout": BUSY_SECONDS}, **pool)
        event.listen(engine, "connect", _sqlite_pragmas)
        if path is not None:
            _queue_writers(engine)
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
    cursor.execute(f"PRAGMA busy_timeout={BUSY_SECONDS * 1000}")
    cursor.close()


WRITE_QUEUES: weakref.WeakKeyDictionary[Engine, threading.Lock] = weakref.WeakKeyDictionary()  # per SQLite file engine
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


def _queue_writers(engine: Engine) -> None:
    """SQLite lets one connection write at a time. One that finds the database taken retries in its
    busy handler, sleeping up to 100 ms between tries, so with many writers a write waits for its
    luck rather than its turn (write p99 in seconds under 32 writers). Within a process, writers
    queue on a lock instead: taken at a transaction's first write, given back at its commit or
    rollback (the pool rolls back every connection it takes back, so none keeps it). Between
    processes (`serve --workers 2`), the lock's holder also locks a file beside the database,
    trying every millisecond: a turn passes in about a millisecond rather than up to 100."""
    lock = threading.Lock()
    holder: list[int | None] = [None]  # id() of the DB-API connection in a write, if any
    dialect = engine.dialect
    turns = open(f"{engine.url.database}.writing", "a")  # noqa: SIM115 (open while the engine lives)

    @event.listens_for(engine, "before_cursor_execute")
    def _take(connection, _cursor, statement: str, *_args) -> None:  # type: ignore[no-untyped-def]
        writer = id(connection.connection.dbapi_connection)
        if holder[0] != writer and statement.lstrip()[:7].upper().startswith(_WRITES):
            # After as long as SQLite itself would wait, go on and let SQLite say "locked".
            deadline = time.monotonic() + BUSY_SECONDS
            if lock.acquire(timeout=BUSY_SECONDS):
                holder[0] = writer
                while not _try_flock(turns) and time.monotonic() < deadline:
                    time.sleep(0.001)

    def giving_back(end):  # type: ignore[no-untyped-def]
        def ended(connection) -> None:  # type: ignore[no-untyped-def]  (the pool's proxy, or the connection)
            try:
                end(connection)
            finally:
                if holder[0] == id(getattr(connection, "dbapi_connection", connection)):
                    holder[0] = None
                    fcntl.flock(turns, fcntl.LOCK_UN)
                    lock.release()
        return ended

    # At the end of the transaction, and when a connection is closed (as the pool does with a broken one).
    dialect.do_commit = giving_back(dialect.do_commit)  # type: ignore[method-assign]
    dialect.do_rollback = giving_back(dialect.do_rollback)  # type: ignore[method-assign]
    dialect.do_close = giving_back(dialect.do_close)  # type: ignore[method-assign]
    WRITE_QUEUES[engine] = lock


def write_turn_free(engine: Engine) -> bool:
    """Whether a write would go in now rather than queue behind another (always on PostgreSQL):
    for writes that may be skipped, so that a read never waits for a long ingest to note them."""
    lock = WRITE_QUEUES.get(engine)
    if lock is None:
        return True
    if lock.locked():
        return False
    with open(f"{engine.url.database}.writing", "a") as probe:  # another process's turn
        if not _try_flock(probe):
            return False
        fcntl.flock(probe, fcntl.LOCK_UN)
    return True


def _try_flock(file) -> bool:  # type: ignore[no-untyped-def]
    try:
        fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def insert_on_conflict(session: Session, model: type[SQLModel]) -> sqlite.Insert | postgresql.Insert:
    """An INSERT that takes ON CONFLICT clauses, in the session's dialect: get-or-create and
    counters that several processes run at once without failing on each other's rows."""
    return (postgresql if session.get_bind().dialect.name == "postgresql" else sqlite).insert(model)


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision; analysts' rows are carried along."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # Several processes (servers, workers) may start at once on a new database: one migrates,
    # the others wait for it and then find nothing left to do.
    with _sqlite_file_lock(engine), engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


@contextmanager
def _sqlite_file_lock(engine: Engine) -> Iterator[None]:
    """An exclusive lock on a file beside a SQLite database (its DDL does not wait on SQLite's own
    locks); nothing for PostgreSQL or an in-memory database."""
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:":
        yield
        return
    with open(f"{path}.migrating", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
