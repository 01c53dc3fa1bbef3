"""`make bench`: ingest a synthetic corpus, then time the main pages and API on a live server.

python -m bench.run [--articles 10000] [--requests 50]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import func
from sqlmodel import Session, select

from app.models import Mention

OUT = Path("bench/out")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--actor-articles", type=int, default=None,
                        help="run the actor analysis on this many articles only (default: all)")
    parser.add_argument("--claim-articles", type=int, default=200,
                        help="time the claim analysis (and suggestions against neighbours) on this many articles")
    args = parser.parse_args()
    corpus = OUT / f"corpus-{args.articles}"
    if not corpus.exists():
        from bench.corpus import write_corpus

        write_corpus(corpus, args.articles)
    db = OUT / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    os.environ["READINGROOM_DATABASE_URL"] = f"sqlite:///{db}"

    from app.config import load_settings
    from app.db import make_engine, migrate
    from app.models import Article
    from app.services.ingest import ingest_paths

    settings = load_settings()
    engine = make_engine(settings)
    migrate(engine)
    from tqdm import tqdm

    started = time.perf_counter()
    with Session(engine) as session:
        summary = ingest_paths(session=session, paths=[corpus], max_bytes=settings.max_file_bytes,
                               progress=lambda files: tqdm(files, desc="ingest", unit="file"))
        slugs = list(session.exec(select(Article.slug).order_by(Article.id).limit(4)).all())
        from app.services import accounts  # every page needs a login: time them as a viewer with a token

        accounts.add_user(session=session, name="bench", role="viewer")
        token = accounts.create_token(session=session, name="bench", label="bench")
    ingest_seconds = time.perf_counter() - started
    rows = [("ingest", f"{args.articles} files", f"{ingest_seconds:.1f} s", f"{args.articles / ingest_seconds:.0f} files/s", "; ".join(summary.lines()[:1]))]
    rows.append(_actor_analysis(engine, args.actor_articles))
    rows.append(_claim_analysis(engine, args.claim_articles))

    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--port", str(port)], env=os.environ.copy(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base)
        targets = {
            "/": "/",
            "/articles/{slug}": f"/articles/{slugs[0]}",
            "/compare (4 articles)": "/compare?articles=" + ",".join(slugs),
            "/api/articles/{slug}": f"/api/articles/{slugs[0]}",
            "/api/search?q=": "/api/search?q=gouvernement%20prix",
            "/actors": "/actors",
            "/api/actors": "/api/actors",
        }
        with httpx.Client(base_url=base, timeout=30, headers={"Authorization": f"Bearer {token}"}) as client:
            for name, url in targets.items():
                times = []
                for _ in range(args.requests):
                    t0 = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - t0) * 1000)
                    response.raise_for_status()
                times.sort()
                p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
                rows.append((name, f"{args.requests} requests", f"p50 {statistics.median(times):.1f} ms", f"p95 {p95:.1f} ms", ""))
    finally:
        server.terminate()
        server.wait(timeout=10)
    table = ["| what | size | time | rate / p95 | note |", "|---|---|---|---|---|"] + [f"| {' | '.join(r)} |" for r in rows]
    print("\n".join(table))
    (OUT / "results.md").write_text("\n".join(table) + "\n", encoding="utf-8")


def _actor_analysis(engine, limit: int | None) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """Actors over the corpus, batched through nlp.pipe, the model load included."""
    from tqdm import tqdm

    from app.analysis.actors import load_french_model
    from app.models import Article
    from app.services.actor_analysis import analyse_articles

    with Session(engine) as session:
        articles = session.exec(select(Article).order_by(Article.id).limit(limit)).all()
        started = time.perf_counter()
        done = len(analyse_articles(session=session, nlp_factory=load_french_model, articles=articles,
                                    progress=lambda todo: tqdm(todo, desc="actors", unit="article")))
        seconds = time.perf_counter() - started
        mentions = session.exec(select(func.count()).select_from(Mention)).one()
    return ("actor analysis", f"{done} articles", f"{seconds:.1f} s", f"{done / seconds:.1f} articles/s", f"{mentions} mentions; French NER + registry, Arabic registry")


def _claim_analysis(engine, limit: int) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """Claims of a sample, each compared with its closest neighbours, the French parser included."""
    from tqdm import tqdm

    from app.analysis.speakers import load_french_parser
    from app.models import Article, Contradiction
    from app.services.claim_analysis import analyse_claims

    with Session(engine) as session:
        articles = session.exec(select(Article).order_by(Article.id).limit(limit)).all()
        started = time.perf_counter()
        done = analyse_claims(session=session, articles=articles, parser_factory=load_french_parser,
                              progress=lambda todo: tqdm(todo, desc="claims", unit="article"))
        seconds = time.perf_counter() - started
        suggestions = session.exec(select(func.count()).select_from(Contradiction)).one()
    return ("claim analysis", f"{done} articles", f"{seconds:.1f} s", f"{done / seconds:.1f} articles/s",
            f"{suggestions} suggestions; each article against its 20 closest neighbours")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(base: str) -> None:
    for _ in range(100):
        try:
            httpx.get(base + "/api/tags", timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


if __name__ == "__main__":
    main()
