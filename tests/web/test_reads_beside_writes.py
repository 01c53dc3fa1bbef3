"""Reads are answered while writers wait for their turn behind a long write (SQLite has one
writer at a time; another process's ingest may hold it for seconds)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from app.models import ApiToken
from app.services import accounts
from tests.conftest import make_user


@contextmanager
def _a_long_write(engine: Engine) -> Iterator[Callable[[], bool]]:
    """Another writer holds the database until the block ends (or 20 s); yields whether it still does."""
    done, holding = threading.Event(), threading.Event()

    def hold() -> None:
        with engine.connect() as connection:
            connection.execute(text("UPDATE article SET title = title WHERE id = (SELECT min(id) FROM article)"))
            holding.set()
            done.wait(20)
            connection.commit()

    with ThreadPoolExecutor(1) as pool:
        held = pool.submit(hold)
        assert holding.wait(10)
        try:
            yield lambda: not held.done()
        finally:
            done.set()


def test_a_read_is_answered_while_writers_wait_behind_a_long_write(seeded_client: TestClient) -> None:
    client = seeded_client
    article = client.get("/api/articles").json()["items"][0]["slug"]  # (the login is now checked and stamped)
    with ThreadPoolExecutor(10) as writers:
        with _a_long_write(client.app.state.engine) as still_held:
            writes = [writers.submit(client.post, "/api/annotations", json={"article": article, "body": f"note {k}"}) for k in range(10)]
            read = client.get(f"/api/articles/{article}")
            answered_while_held = still_held()
        statuses = [w.result().status_code for w in writes]
    assert read.status_code == 200 and answered_while_held
    assert statuses == [201] * 10


def test_a_login_unused_for_a_while_reads_without_waiting_for_a_long_write(seeded_client: TestClient) -> None:
    """A token's first use in five minutes is noted in the database; while another holds the
    database for a long write, the read goes on without noting it rather than wait (or fail)."""
    engine = seeded_client.app.state.engine
    with Session(engine) as session:
        make_user(session, "script", "viewer")
        token = accounts.create_token(session=session, name="script")
    with _a_long_write(engine) as still_held:
        read = seeded_client.get("/api/articles", headers={"Authorization": f"Bearer {token}"})
        answered_while_held = still_held()
    assert read.status_code == 200 and answered_while_held
    with Session(engine) as session:
        stamped = session.exec(select(ApiToken.last_used).where(ApiToken.hint == token[-4:])).one()
    assert stamped is None or engine.dialect.name == "postgresql"  # PostgreSQL has no single writer to wait for
