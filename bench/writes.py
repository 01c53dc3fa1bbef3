"""Writes under load: note writes (p50/p99) with N concurrent writers and N readers on a live server.

python -m bench.writes [--writers 16 32] [--writes 25] [--database-url URL ...] [--processes 1]

Each writer posts notes through the API with its own token while as many readers fetch an article's
JSON; the server is `readingroom serve` (with --processes web processes) over a fresh database
holding the seeds: SQLite by default, or each --database-url (as bench.run makes them fresh).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from sqlmodel import Session

from bench.load import free_port, wait_for
from bench.run import fresh_database

ARTICLE = "000_4a82fcdd0388497e"
ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, nargs="+", default=[16, 32])
    parser.add_argument("--writes", type=int, default=25, help="notes per writer")
    parser.add_argument("--database-url", action="append", default=[], help="postgresql+psycopg://… (repeatable)")
    parser.add_argument("--processes", type=int, default=1, help="web processes (readingroom serve --workers)")
    args = parser.parse_args()
    print("| database | processes | writers (+ as many readers) | writes | write p50 | write p99 | read p50 | errors |")
    print("|---|---|---|---|---|---|---|---|")
    for url in args.database_url or [None]:
        for n in args.writers:
            with tempfile.TemporaryDirectory() as tmp:
                database = fresh_database(url or f"sqlite:///{tmp}/w.db")
                label = "PostgreSQL" if database.startswith("postgresql") else "SQLite"
                print(f"| {label} | {args.processes} " + _run(Path(tmp), database, n, args.writes, args.processes), flush=True)


def _run(tmp: Path, database: str, writers: int, writes: int, processes: int) -> str:
    env = {**os.environ, "READINGROOM_DATABASE_URL": database, "READINGROOM_DATA_DIR": str(tmp),
           "READINGROOM_INLINE_ANALYSIS": "0"}
    os.environ.update(env)
    from app.config import load_settings
    from app.db import make_engine, migrate
    from app.services import accounts
    from app.services.ingest import ingest_paths

    engine = make_engine(load_settings())
    migrate(engine)
    with Session(engine) as session:
        ingest_paths(session=session, paths=[ROOT / "seeds"], max_bytes=5_000_000)
        tokens = []
        for k in range(writers):
            accounts.add_user(session=session, name=f"w{k}", role="analyst", password="bench password 1")
            tokens.append(accounts.create_token(session=session, name=f"w{k}"))
    engine.dispose()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(Path(sys.executable).with_name("readingroom")), "serve", "--port", str(port),
                               "--workers", str(processes)],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(base)
        write_ms: list[float] = []
        read_ms: list[float] = []
        errors = [0]
        done = threading.Event()

        def writer(token: str) -> None:
            with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as c:
                for i in range(writes):
                    t0 = time.perf_counter()
                    try:
                        r = c.post("/api/annotations", json={"article": ARTICLE, "paragraph": 1 + i % 5,
                                                             "body": f"note {i}"})
                    except httpx.HTTPError as exc:
                        print(f"write failed: {exc!r}", file=sys.stderr)
                        errors[0] += 1
                        continue
                    write_ms.append(1000 * (time.perf_counter() - t0))
                    errors[0] += r.status_code != 201

        def reader(token: str) -> None:
            with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as c:
                while not done.is_set():
                    t0 = time.perf_counter()
                    try:
                        r = c.get(f"/api/articles/{ARTICLE}")
                    except httpx.HTTPError:
                        errors[0] += 1
                        continue
                    read_ms.append(1000 * (time.perf_counter() - t0))
                    errors[0] += r.status_code != 200

        readers = [threading.Thread(target=reader, args=(t,)) for t in tokens]
        writers_ = [threading.Thread(target=writer, args=(t,)) for t in tokens]
        for t in readers + writers_:
            t.start()
        for t in writers_:
            t.join()
        done.set()
        for t in readers:
            t.join()
    finally:
        server.terminate()
        server.wait(10)
    q = statistics.quantiles(write_ms, n=100)
    return (f"| {writers} | {len(write_ms)} | {statistics.median(write_ms):.0f} ms | {q[98]:.0f} ms | "
            f"{statistics.median(read_ms):.0f} ms | {errors[0]} |")


if __name__ == "__main__":
    main()
