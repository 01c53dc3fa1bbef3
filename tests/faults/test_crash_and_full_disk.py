"""Faults: a server killed with SIGKILL while clients write loses no acknowledged write and leaves a
sound database; a full disk refuses the write with a clear message and keeps what was stored."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import event
from sqlmodel import Session

from app.config import PROJECT_ROOT, load_settings
from app.db import make_engine, migrate
from app.services import accounts
from app.services.ingest import ingest_paths
from tests.conftest import make_user
from tests.databases import ON_POSTGRES, ONLY_SQLITE, new_database

ARTICLE = "000_4a82fcdd0388497e"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(env: dict, port: int) -> subprocess.Popen:
    cli = Path(sys.executable).with_name("readingroom")
    proc = subprocess.Popen([str(cli), "serve", "--port", str(port)], env=env, cwd=PROJECT_ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90  # a loaded CI machine may take a while to import the app
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            httpx.get(f"http://127.0.0.1:{port}/login", timeout=1)
            return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"the server did not start (exit status {proc.wait()})")


def test_kill_9_during_writes_loses_no_acknowledged_write(tmp_path):
    url = new_database(tmp_path, "crash")
    env = {**os.environ, "READINGROOM_DATABASE_URL": url, "READINGROOM_DATA_DIR": str(tmp_path)}
    settings = load_settings().__class__(**{**load_settings().__dict__, "database_url": url, "data_dir": tmp_path})
    engine = make_engine(settings)
    migrate(engine)
    with Session(engine) as session:
        ingest_paths(session=session, paths=[PROJECT_ROOT / "seeds"], max_bytes=5_000_000)
        make_user(session, "ana", "analyst")
        token = accounts.create_token(session=session, name="ana")
    engine.dispose()
    port = _free_port()
    server = _serve(env, port)
    acknowledged: list[int] = []
    stop = threading.Event()

    def writer(k: int) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {token}"},
                          timeout=5) as client:
            for i in range(10_000):
                if stop.is_set():
                    return
                try:
                    r = client.post("/api/annotations", json={"article": ARTICLE, "paragraph": 1 + i % 5,
                                                              "body": f"writer {k} note {i}"})
                except httpx.HTTPError:
                    return  # the server is gone: this write was never acknowledged
                if r.status_code == 201:
                    acknowledged.append(r.json()["id"])

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 20
    while len(acknowledged) < 40 and time.monotonic() < deadline:
        time.sleep(0.05)
    server.send_signal(signal.SIGKILL)
    server.wait(10)
    stop.set()
    for t in threads:
        t.join(10)
    assert len(acknowledged) >= 40, "too few writes before the kill to prove anything"

    if not ON_POSTGRES:  # PostgreSQL's own recovery replays its log at the next start
        with sqlite3.connect(tmp_path / "crash.db") as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    server = _serve(env, port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {token}"}) as client:
            stored = {n["id"] for n in client.get("/api/annotations", params={"limit": 500}).json()["items"]}
            total = client.get("/api/annotations", params={"limit": 1}).json()["total"]
            if total > 500:
                stored |= {n["id"] for offset in range(500, total, 500)
                           for n in client.get("/api/annotations", params={"limit": 500, "offset": offset}).json()["items"]}
    finally:
        server.terminate()
        server.wait(10)
    assert set(acknowledged) <= stored


@ONLY_SQLITE  # fills the disk through SQLite's max_page_count; PostgreSQL's 53100 maps to the same 507
def test_a_full_disk_refuses_the_write_clearly_and_keeps_what_was_stored(seeded_client):
    app = seeded_client.app
    first = seeded_client.post("/api/annotations", json={"article": ARTICLE, "paragraph": 1, "body": "stored before"})
    assert first.status_code == 201
    engine = app.state.engine
    with engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar_one()

    @event.listens_for(engine, "connect")
    def _no_room(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full at today's size

    engine.dispose()
    stored, refused = ["stored before"], None
    for i in range(60):  # each note needs room; the disk fills within a few
        body = f"note {i} " + "x" * 9_000
        r = seeded_client.post("/api/annotations", json={"article": ARTICLE, "paragraph": 2, "body": body})
        if r.status_code != 201:
            refused = r
            break
        stored.append(body)
    assert refused is not None and refused.status_code == 507, refused and refused.text
    assert "full" in refused.json()["detail"] and "nothing was saved" in refused.json()["detail"]
    page = seeded_client.post(f"/articles/{ARTICLE}/annotations", data={"paragraph": "2", "body": "x" * 9_000})
    assert page.status_code == 507 and "full" in page.text
    event.remove(engine, "connect", _no_room)
    engine.dispose()
    notes = seeded_client.get("/api/annotations", params={"limit": 100}).json()["items"]
    assert sorted(n["body"] for n in notes) == sorted(stored)
