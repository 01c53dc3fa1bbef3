"""Requests queue for a few threads in the order they came (app.main.REQUEST_THREADS)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from anyio import to_thread
from fastapi.testclient import TestClient

from app.main import REQUEST_THREADS


def test_more_writers_than_threads_all_get_through(seeded_client: TestClient) -> None:
    """Each write takes a thread for its route and a pooled connection for its queries; none waits
    for one while holding the other, so four times as many writers as threads are all answered."""
    client = seeded_client
    assert client.portal is not None  # the app is started (its lifespan ran), as a server starts it
    assert client.portal.call(lambda: to_thread.current_default_thread_limiter().total_tokens) == REQUEST_THREADS
    article = client.get("/api/articles").json()["items"][0]["slug"]
    writers = 4 * REQUEST_THREADS

    def write(k: int) -> list[int]:
        return [client.post("/api/annotations", json={"article": article, "body": f"note {k}.{i}"}).status_code for i in range(5)]

    with ThreadPoolExecutor(writers) as pool:
        statuses = [status for batch in pool.map(write, range(writers)) for status in batch]
    assert statuses == [201] * writers * 5
    assert client.get("/api/annotations", params={"article": article}).json()["total"] == writers * 5
