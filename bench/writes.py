"""Writes under load: note writes (p50/p99) with N concurrent writers, alone and beside N readers.

python -m bench.writes [--writers 16 32] [--writes 25] [--database-url URL ...] [--processes 1 2]

Each writer posts notes through the API with its own token, one after the other, `--writes` each;
the readers fetch the same article's JSON meanwhile, each once a second on average at random
moments (people reading), then as fast as they are answered (a saturating load: there, by
Little's law, latency is the number of clients times the CPU a request costs, divided by the
cores). The server is
`readingroom serve --workers P` over a fresh database holding the seeds: SQLite by default, or
each --database-url (made fresh as bench.run makes them). The load comes from wrk (C, a few
percent of a core) so that the server has the machine's cores; its CPU per request is measured.
Each token is used once before the clock starts (a fresh token's first use is stamped in the
database, a write of its own): the figures are those of a team whose logins are in use.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import text
from sqlmodel import Session

from bench.load import free_port, wait_for
from bench.run import fresh_database

ARTICLE = "000_4a82fcdd0388497e"
ROOT = Path(__file__).resolve().parents[1]
CLIENTS = Path(__file__).with_name("wrk") / "load.lua"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, nargs="+", default=[16, 32])
    parser.add_argument("--writes", type=int, default=25, help="notes per writer")
    parser.add_argument("--database-url", action="append", default=[], help="postgresql+psycopg://… (repeatable)")
    parser.add_argument("--processes", type=int, nargs="+", default=[1], help="web processes (readingroom serve --workers)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("bench.writes needs wrk (apt-get install wrk)")
    print("| database | processes | writers | readers (pause) | writes | write p50 | write p99 | reads | read p50 | server CPU per request | errors |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for url in args.database_url or [None]:
        for processes in args.processes:
            for writers in args.writers:
                for readers, pause in ((0, 0), (writers, 1000), (writers, 0)):
                    with tempfile.TemporaryDirectory() as tmp:
                        database = fresh_database(url or f"sqlite:///{tmp}/w.db")
                        label = "PostgreSQL" if database.startswith("postgresql") else "SQLite"
                        row = _run(Path(tmp), database, writers, readers, pause, args.writes, processes)
                        who = f"{readers} ({pause / 1000:g} s)" if readers else "0"
                        print(f"| {label} | {processes} | {writers} | {who} | {row}", flush=True)


def _run(tmp: Path, database: str, writers: int, readers: int, pause: int, writes: int, processes: int) -> str:
    env = {**os.environ, "READINGROOM_DATABASE_URL": database, "READINGROOM_DATA_DIR": str(tmp),
           "READINGROOM_INLINE_ANALYSIS": "0", "RR_ARTICLE": ARTICLE}
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
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([str(Path(sys.executable).with_name("readingroom")), "serve", "--port", str(port),
                               "--workers", str(processes)],
                              env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wrk = ["wrk", "-d600s", "--timeout", "30s"]
    try:
        wait_for(base)
        time.sleep(1)  # every web process up
        for token in tokens:  # each login once before the clock starts: a team's tokens are in use, stamped and known
            httpx.get(f"{base}/api/tags", headers={"Authorization": f"Bearer {token}"}, timeout=30).raise_for_status()
        cpu = _cpu_seconds(server.pid)
        loads = [subprocess.Popen([*wrk, f"-t{writers}", f"-c{writers}", "-s", str(CLIENTS), base, "--", "notes", *tokens,
                                   str(writes)], stdout=subprocess.PIPE, text=True, env=env)]
        if readers:
            loads.append(subprocess.Popen([*wrk, f"-t{min(readers, 4)}", f"-c{readers}", "-s", str(CLIENTS), base,
                                           "--", "article", tokens[0], str(pause)], stdout=subprocess.PIPE, text=True, env=env))
        # wrk runs for its duration even when every writer is done: stop it once all notes are in.
        with engine.connect() as connection:
            while connection.execute(text("SELECT count(*) FROM annotation")).scalar_one() < writers * writes:
                connection.rollback()
                time.sleep(0.1)
                if loads[0].poll() is not None:
                    break
        time.sleep(0.5)  # the last answers on their way
        for load in loads:
            load.send_signal(signal.SIGINT)
        results = [_result(load.communicate()[0]) for load in loads]
        cpu = _cpu_seconds(server.pid) - cpu
    finally:
        engine.dispose()
        server.terminate()
        server.wait(10)
    w = results[0]
    r = results[1] if readers else ("0", "0", "0", "–", "–", "–")
    requests = int(w[0]) + int(r[0])
    errors = sum(int(x[1]) + int(x[2]) for x in results)
    read_p50 = f"{float(r[3]):.0f} ms" if int(r[0]) else "–"
    return (f"{w[0]} | {float(w[3]):.0f} ms | {float(w[4]):.0f} ms | {r[0]} | {read_p50} | {1000 * cpu / requests:.1f} ms | {errors} |")


def _result(output: str) -> tuple[str, ...]:
    """requests, status errors, socket errors, p50, p99, max (ms) from our wrk scripts' last line."""
    return tuple(next(line for line in output.splitlines() if line.startswith("RESULT")).split()[1:])


def _cpu_seconds(pid: int) -> float:
    """CPU time of the server and its worker processes so far."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    total = 0.0
    for process in [pid, *map(int, children)]:
        fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


if __name__ == "__main__":
    main()
