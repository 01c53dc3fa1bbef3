"""A team's install: two web processes and two analysis workers on one PostgreSQL database, with
writers on both servers at once. Every acknowledged note is stored once, every queued article is
analysed once, and each server sees what the other wrote."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from sqlmodel import Session, func, select

from app.config import PROJECT_ROOT, load_settings
from app.db import make_engine
from app.models import AnalysisJob, AnalysisState, Article
from app.services import accounts
from tests.conftest import make_user
from tests.databases import ON_POSTGRES, new_database
from tests.faults.test_crash_and_full_disk import ARTICLE, _free_port, _serve

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="several processes sharing one database is what PostgreSQL "
                                "is for; on the embedded SQLite one process serves and analyses (tested elsewhere)")
CLI = Path(sys.executable).with_name("readingroom")


def test_two_servers_and_two_workers_lose_nothing(tmp_path):
    url = new_database(tmp_path, "team")
    env = {**os.environ, "READINGROOM_DATABASE_URL": url, "READINGROOM_DATA_DIR": str(tmp_path),
           "READINGROOM_INLINE_ANALYSIS": "0"}
    subprocess.run([str(CLI), "ingest", "--no-analysis", "seeds"], env=env, cwd=PROJECT_ROOT, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    engine = make_engine(replace(load_settings(), database_url=url))
    with Session(engine) as session:
        make_user(session, "ana", "analyst")
        token = accounts.create_token(session=session, name="ana")
        queued = session.exec(select(func.count()).select_from(AnalysisJob).where(AnalysisJob.state == "queued")).one()
    assert queued == 5
    ports = [_free_port()]
    while len(ports) < 2:  # the system may hand out a port again once its socket is closed
        ports += [port for port in [_free_port()] if port not in ports]
    servers = [_serve(env, port) for port in ports]
    workers = [subprocess.Popen([str(CLI), "worker", "--poll", "1", "--batch", "2"], env=env, cwd=PROJECT_ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(2)]
    acknowledged: list[int] = []
    lock = threading.Lock()

    def writer(k: int) -> None:
        base = f"http://127.0.0.1:{ports[k % 2]}"
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
            for i in range(25):
                r = client.post("/api/annotations", json={"article": ARTICLE, "paragraph": 1 + i % 5,
                                                          "body": f"writer {k} note {i}", "tags": [f"w{k % 3}"]})
                assert r.status_code == 201, r.text
                with lock:
                    acknowledged.append(r.json()["id"])

    try:
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(writer, range(8)))
        deadline = time.monotonic() + 300
        with Session(engine) as session:
            while time.monotonic() < deadline:
                states = dict(session.exec(select(AnalysisJob.state, func.count()).group_by(AnalysisJob.state)).all())
                if set(states) == {"done"}:
                    break
                time.sleep(1)
            assert states == {"done": 5}, states
            analysed = session.exec(select(func.count()).select_from(AnalysisState)).one()
            articles = session.exec(select(func.count()).select_from(Article)).one()
            assert analysed == articles == 5
            assert session.exec(select(func.max(AnalysisJob.attempts))).one() == 1  # no job was taken twice
        assert len(acknowledged) == len(set(acknowledged)) == 200
        for port in ports:  # each server sees every note, whichever took it
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {token}"}) as client:
                listed = client.get("/api/annotations", params={"limit": 500}).json()
                assert listed["total"] == 200 and {n["id"] for n in listed["items"]} == set(acknowledged)
                mentions = client.get(f"/api/articles/{ARTICLE}").json()
                assert mentions["paragraphs"], "the article is served"
    finally:
        for proc in servers + workers:
            proc.terminate()
        for proc in servers + workers:
            proc.wait(30)
        engine.dispose()
