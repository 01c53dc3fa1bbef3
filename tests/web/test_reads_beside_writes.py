"""Reads are answered while writers wait for their turn behind a long write (SQLite has one
writer at a time; another process's ingest may hold it for seconds)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient
from sqlalchemy import text


def test_a_read_is_answered_while_writers_wait_behind_a_long_write(seeded_client: TestClient) -> None:
    client = seeded_client
    article = client.get("/api/articles").json()["items"][0]["slug"]  # (the login is now checked and stamped)
    read_done, holding = threading.Event(), threading.Event()

    def long_write() -> None:  # holds the write turn until the read is answered, or 20 s
        with client.app.state.engine.connect() as connection:
            connection.execute(text("UPDATE article SET title = title WHERE slug = :slug"), {"slug": article})
            holding.set()
            read_done.wait(20)
            connection.commit()

    with ThreadPoolExecutor(12) as pool:
        held = pool.submit(long_write)
        assert holding.wait(10)
        writes = [pool.submit(client.post, "/api/annotations", json={"article": article, "body": f"note {k}"}) for k in range(10)]
        read = client.get(f"/api/articles/{article}")
        answered_while_held = not held.done()
        read_done.set()
        statuses = [w.result().status_code for w in writes]
    assert read.status_code == 200 and answered_while_held
    assert statuses == [201] * 10
