"""Analysis throughput of the job queue with 1 and 2 `readingroom worker --drain` processes on one
database: the same ingested sample is copied for each run, its jobs queued, the workers started
together and timed until the queue is empty (each worker's model load included). The workers' CPU
time is printed too: on a shared machine it says more than the wall time whether a second worker helps.

python -m bench.workers [--articles 100] [--workers 1 2] [--batch 16] [--postgres postgresql+psycopg://…/postgres]

SQLite always; with --postgres (a server URL whose user may create databases) also PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, make_url, text
from sqlmodel import Session

from bench.corpus import write_corpus

CLI = str(Path(sys.executable).with_name("readingroom"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--postgres", help="also on PostgreSQL: a server URL (databases rr_bench_* are made and dropped)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_corpus(folder / "corpus", args.articles)
        print("| database | workers | jobs | wall | articles/s | workers' CPU | done | failed | failed attempts | load before / after |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        base = f"sqlite:///{folder / 'ingested.db'}"
        _ingest(base, folder)
        for count in args.workers:
            url = f"sqlite:///{folder / f'run{count}.db'}"
            shutil.copy(make_url(base).database, make_url(url).database)  # the same queued jobs for every run
            _time("SQLite", url, count, args, tmp)
        if args.postgres:
            _admin(args.postgres, "DROP DATABASE IF EXISTS rr_bench_base")
            base = make_url(args.postgres).set(database="rr_bench_base").render_as_string(hide_password=False)
            _admin(args.postgres, "CREATE DATABASE rr_bench_base")
            _ingest(base, folder)
            for count in args.workers:
                _admin(args.postgres, f"DROP DATABASE IF EXISTS rr_bench_run{count}")
                _admin(args.postgres, f"CREATE DATABASE rr_bench_run{count} TEMPLATE rr_bench_base")
                url = make_url(args.postgres).set(database=f"rr_bench_run{count}").render_as_string(hide_password=False)
                _time("PostgreSQL", url, count, args, tmp)
                _admin(args.postgres, f"DROP DATABASE rr_bench_run{count} WITH (FORCE)")
            _admin(args.postgres, "DROP DATABASE rr_bench_base WITH (FORCE)")


def _ingest(url: str, folder: Path) -> None:
    subprocess.run([CLI, "ingest", "--no-analysis", str(folder / "corpus")], env=_env(url, str(folder)), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _time(name: str, url: str, count: int, args: argparse.Namespace, data_dir: str) -> None:
    env = _env(url, data_dir)
    load = os.getloadavg()[0]  # the machine's load from others, which the wall time depends on
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    procs = [subprocess.Popen([CLI, "worker", "--drain", "--batch", str(args.batch)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) for _ in range(count)]
    outputs = [p.communicate()[0] for p in procs]
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    counts = _counts(url)
    attempts = sum(int(o.split(",")[1].split()[0]) for o in outputs if o.startswith("analysis jobs:"))
    print(f"| {name} | {count} | {sum(counts.values())} | {wall:.1f} s | {counts['done'] / wall:.2f} | {cpu:.1f} s | "
          f"{counts['done']} | {counts['failed']} | {attempts} | {load:.1f} / {os.getloadavg()[0]:.1f} |", flush=True)


def _env(url: str, data_dir: str) -> dict:
    return {**os.environ, "READINGROOM_DATABASE_URL": url, "READINGROOM_DATA_DIR": data_dir}


def _counts(url: str) -> dict[str, int]:
    from app.services.jobs import job_status

    engine = create_engine(url)
    with Session(engine) as session:
        counts = job_status(session=session).counts
    engine.dispose()
    return counts


def _admin(server: str, statement: str) -> None:
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(statement))
    engine.dispose()


if __name__ == "__main__":
    main()
