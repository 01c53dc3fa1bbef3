"""A maximum-size article (4.9 MB, ~14,000 paragraphs): ingest time and memory, its first page,
and the server's memory with 8 parallel readers of it.

python -m bench.big_article [--analyse] [--size BYTES] [--no-readers]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from bench.load import free_port, wait_for

ROOT = Path(__file__).resolve().parents[1]
WORDS = ("le ministre a annoncé que les manifestants ont défilé dans les rues de Paris selon la police "
         "et les syndicats qui contestent la réforme des retraites depuis janvier").split()


def write_article(path: Path, size: int = 4_850_000) -> int:
    rng = random.Random(1)
    paras, total = ["Grève générale : une journée de mobilisation record"], 0
    while total < size:
        p = " ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 60))).capitalize() + \
            f", a déclaré le porte-parole {len(paras)}."
        paras.append(p)
        total += len(p.encode()) + 2
    path.write_text("\n\n".join(paras), encoding="utf-8")
    return len(paras)


def _child_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--analyse", action="store_true", help="also time the actor and claim analysis")
    parser.add_argument("--size", type=int, default=4_850_000, help="the article's size in bytes (default: 4.85 MB)")
    parser.add_argument("--no-readers", action="store_true", help="skip the server and its readers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        n = write_article(folder / "big.txt", args.size)
        env = {**os.environ, "READINGROOM_DATABASE_URL": f"sqlite:///{folder / 'big.db'}", "READINGROOM_DATA_DIR": tmp}
        cli = str(Path(sys.executable).with_name("readingroom"))
        t0 = time.perf_counter()
        subprocess.run([cli, "ingest", "--no-analysis", str(folder / "big.txt")], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(f"| ingest (parse, furniture, search index), {n} paragraphs | {time.perf_counter() - t0:.1f} s | "
              f"{_child_rss_mb():.0f} MB peak RSS |", flush=True)
        if args.analyse:
            t0 = time.perf_counter()
            proc = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", cli, "analyse"], env=env, check=True,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            kb, user, system = proc.stderr.strip().splitlines()[-1].split()
            print(f"| actor and claim analysis | {time.perf_counter() - t0:.1f} s ({float(user) + float(system):.0f} s CPU) | "
                  f"{int(kb) / 1024:.0f} MB peak RSS |", flush=True)
        if not args.no_readers:
            _serve_and_read(env, cli)


def _serve_and_read(env: dict, cli: str) -> None:
    sys.path.insert(0, str(ROOT))
    from sqlmodel import Session

    os.environ.update(env)
    from app.config import load_settings
    from app.db import make_engine
    from app.services import accounts

    engine = make_engine(load_settings())
    with Session(engine) as session:
        accounts.add_user(session=session, name="reader", role="viewer", password="bench password 1")
        token = accounts.create_token(session=session, name="reader")
    engine.dispose()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # Reading alone: the server's own analysis thread would analyse the article meanwhile (timed by --analyse).
    server = subprocess.Popen([cli, "serve", "--port", str(port)], env={**env, "READINGROOM_INLINE_ANALYSIS": "0"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(base)
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=base, headers=headers, timeout=60) as c:
            slug = c.get("/api/articles").json()["items"][0]["slug"]
            for path, label in ((f"/api/articles/{slug}", "first page, JSON"), (f"/articles/{slug}", "first page, reader")):
                times = []
                for _ in range(20):
                    t0 = time.perf_counter()
                    c.get(path).raise_for_status()
                    times.append(1000 * (time.perf_counter() - t0))
                print(f"| {label} | p50 {statistics.median(times):.0f} ms | max {max(times):.0f} ms |", flush=True)

        def read() -> None:
            with httpx.Client(base_url=base, headers=headers, timeout=60) as c:
                for k in range(10):
                    c.get(f"/api/articles/{slug}", params={"from": 1000 * k}).raise_for_status()

        threads = [threading.Thread(target=read) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        rss = int(Path(f"/proc/{server.pid}/status").read_text().split("VmHWM:")[1].split()[0]) / 1024
        print(f"| server, after 8 parallel readers paging through it | | {rss:.0f} MB peak RSS |", flush=True)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
