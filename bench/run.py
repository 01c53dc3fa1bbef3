"""`make bench`: ingest a synthetic corpus, analyse it, then time every page and the API on a live
server, and the article JSON's throughput against a bare handler (bench/floor.py), on one or more
databases side by side in one table.

python -m bench.run [--articles 10000] [--copies 0] [--requests 100] [--database-url URL ...]

With --copies K the analysed articles are then copied K times with all their rows (bench/replicate.py),
so pages are timed at (K + 1) × --articles articles: how 100,000 are measured on 2 cores.

Each --database-url gets a fresh database: SQLite's file is replaced; on a PostgreSQL server a
database named readingroom_bench is dropped and created again (the URL's own database is untouched).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from sqlalchemy import func, make_url, text
from sqlmodel import Session, col, create_engine, select

from app.models import Mention
from bench.load import latencies, serve, throughput

OUT = Path("bench/out")
BENCH_DATABASE = "readingroom_bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=100, help="sequential requests per route (p50/p95/p99)")
    parser.add_argument("--database-url", action="append", default=[],
                        help="sqlite:///FILE or postgresql+psycopg://… (repeat it to compare; default: bench/out/bench.db)")
    parser.add_argument("--actor-articles", type=int, default=None,
                        help="run the actor analysis on this many articles only (default: all)")
    parser.add_argument("--claim-articles", type=int, default=200,
                        help="time the claim analysis (and suggestions against neighbours) on this many articles")
    parser.add_argument("--copies", type=int, default=0,
                        help="after the analysis, copy every article with its rows this many times (bench/replicate.py)")
    parser.add_argument("--reuse", action="store_true",
                        help="time the pages of the database a previous run built (no ingest, analysis or copies)")
    parser.add_argument("--wrk-seconds", type=int, default=10)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    corpus = args.out / f"corpus-{args.articles}"
    if not corpus.exists():
        from bench.corpus import write_corpus

        write_corpus(corpus, args.articles)
    columns: dict[str, dict[str, tuple[str, str]]] = {}
    for url in args.database_url or [f"sqlite:///{args.out / 'bench.db'}"]:
        label = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        columns[label] = bench_database(bench_url(url) if args.reuse else fresh_database(url), corpus, args)
    names = list(dict.fromkeys(name for rows in columns.values() for name in rows))
    table = ["| what | size | " + " | ".join(columns) + " |", "|---|---|" + "---|" * len(columns)]
    for name in names:
        size = next(rows[name][0] for rows in columns.values() if name in rows)
        table.append(f"| {name} | {size} | " + " | ".join(rows.get(name, ("", "—"))[1] for rows in columns.values()) + " |")
    print("\n".join(table))
    (args.out / "results.md").write_text("\n".join(table) + "\n", encoding="utf-8")


def fresh_database(url: str) -> str:
    """An empty database at (or beside) this URL."""
    if url.startswith("sqlite"):
        path = Path(url.split(":///", 1)[1])
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return url
    server = create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {BENCH_DATABASE}"))
    server.dispose()
    return bench_url(url)


def bench_url(url: str) -> str:
    """Where a run keeps its database: the SQLite file itself, or readingroom_bench on that server."""
    if url.startswith("sqlite"):
        return url
    return make_url(url).set(database=BENCH_DATABASE).render_as_string(hide_password=False)


def bench_database(url: str, corpus: Path, args: argparse.Namespace) -> dict[str, tuple[str, str]]:
    """Rows of the table for one database: name -> (size, figure)."""
    os.environ["READINGROOM_DATABASE_URL"] = url
    os.environ["READINGROOM_INLINE_ANALYSIS"] = "0"  # the server only serves while it is timed
    from app.config import load_settings
    from app.db import make_engine, migrate
    from app.models import Actor, Article
    from app.services import accounts

    settings = load_settings()
    engine = make_engine(settings)
    migrate(engine)
    rows = _served_articles(engine) if args.reuse else _build(engine, corpus, args, settings.max_file_bytes)
    with Session(engine) as session:
        slugs = list(session.exec(select(Article.slug).order_by(Article.id).limit(4)).all())
        biggest = session.exec(select(Actor.slug).join(Mention).group_by(Actor.id)
                               .order_by(func.count().desc(), col(Actor.id)).limit(1)).first()
        mentions = session.exec(select(func.count()).select_from(Mention).join(Actor).where(Actor.slug == biggest)).one()
        user = f"bench{int(time.time())}"  # a database kept from an earlier run has that run's user
        accounts.add_user(session=session, name=user, role="viewer")
        token = accounts.create_token(session=session, name=user, label="bench")
    engine.dispose()
    routes = {
        "/": "/",
        "/articles/{slug} (reader)": f"/articles/{slugs[0]}",
        "/compare (4 articles)": "/compare?articles=" + ",".join(slugs),
        "/actors": "/actors",
        f"/actors/{{slug}} (biggest, {mentions} mentions)": f"/actors/{biggest}",
        "/claims": "/claims",
        "/contradictions": "/contradictions",
        "/search?q=": "/search?q=gouvernement%20prix",
        "/api/search?q=": "/api/search?q=gouvernement%20prix",
        "/api/articles/{slug}": f"/api/articles/{slugs[0]}",
        "/api/actors": "/api/actors",
        "/stories": "/stories",
        "/outlets": "/outlets",
        "/api/claims": "/api/claims",
        "/api/contradictions": "/api/contradictions",
    }
    headers = {"Authorization": f"Bearer {token}"}  # every page needs a login: timed as a viewer with a token
    with serve(["-m", "app.cli", "serve"]) as base:
        for name, path in routes.items():
            p50, p95, p99 = latencies(base + path, headers, args.requests)
            rows[name] = (f"{args.requests} requests", f"p50 {p50:.1f} / p95 {p95:.1f} / p99 {p99:.1f} ms")
        app_rates = [throughput(base + routes["/api/articles/{slug}"], headers, args.wrk_seconds)]
        with serve(["-m", "bench.floor", "--database-url", url]) as floor:
            floor_rates = [throughput(floor + routes["/api/articles/{slug}"], {}, args.wrk_seconds)]
            app_rates.append(throughput(base + routes["/api/articles/{slug}"], headers, args.wrk_seconds))
            floor_rates.append(throughput(floor + routes["/api/articles/{slug}"], {}, args.wrk_seconds))
    wrk = f"wrk -c8, {args.wrk_seconds} s × 2, alternating"
    rows["/api/articles/{slug} throughput"] = (wrk, " / ".join(f"{r:.0f}" for r in app_rates) + " req/s")
    rows["floor (bench/floor.py) throughput"] = (wrk, " / ".join(f"{r:.0f}" for r in floor_rates) + " req/s")
    rows["ratio app / floor"] = ("", f"{sum(app_rates) / sum(floor_rates):.2f}")
    print(f"{url.split('://')[0]}: /api/articles/{{slug}} at {sum(app_rates) / sum(floor_rates):.2f} of the floor", flush=True)
    return rows


def _build(engine, corpus: Path, args: argparse.Namespace, max_bytes: int) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Ingest and analyse the corpus, then copy it when asked: the table's first rows."""
    from app.services.ingest import ingest_paths

    rows: dict[str, tuple[str, str]] = {}
    started = time.perf_counter()
    with Session(engine) as session:
        summary = ingest_paths(session=session, paths=[corpus], max_bytes=max_bytes)
    seconds = time.perf_counter() - started
    files = len(summary.outcomes)
    rows["ingest"] = (f"{files} files", f"{files / seconds:.0f} files/s ({seconds:.1f} s; {summary.lines()[0]})")
    rows["actor analysis"] = _actor_analysis(engine, args.actor_articles)
    rows["claim analysis"] = _claim_analysis(engine, args.claim_articles)
    if args.copies:
        from bench.replicate import replicate

        started = time.perf_counter()
        total = replicate(engine, args.copies, report=lambda done: print(f"copy {done}/{args.copies}", flush=True))
        rows["articles served"] = (f"{args.copies} copies", f"{total} articles ({time.perf_counter() - started:.0f} s to copy)")
    return rows


def _served_articles(engine) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    from app.models import Article

    with Session(engine) as session:
        total = session.exec(select(func.count()).select_from(Article)).one()
    return {"articles served": ("reused", f"{total} articles")}


def _actor_analysis(engine, limit: int | None) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """Actors over the corpus, batched through nlp.pipe, the model load included."""
    from app.analysis.actors import load_french_model
    from app.models import Article
    from app.services.actor_analysis import analyse_articles

    with Session(engine) as session:
        articles = session.exec(select(Article).order_by(Article.id).limit(limit)).all()
        started = time.perf_counter()
        done = len(analyse_articles(session=session, nlp_factory=load_french_model, articles=articles))
        seconds = time.perf_counter() - started
        mentions = session.exec(select(func.count()).select_from(Mention)).one()
    return (f"{done} articles", f"{done / seconds:.1f} articles/s ({seconds:.1f} s; {mentions} mentions)")


def _claim_analysis(engine, limit: int) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """Claims of a sample, each compared with its closest neighbours, the French parser included."""
    from app.analysis.speakers import load_french_parser
    from app.models import Article, Contradiction
    from app.services.claim_analysis import analyse_claims

    with Session(engine) as session:
        articles = session.exec(select(Article).order_by(Article.id).limit(limit)).all()
        started = time.perf_counter()
        done = analyse_claims(session=session, articles=articles, parser_factory=load_french_parser)
        seconds = time.perf_counter() - started
        suggestions = session.exec(select(func.count()).select_from(Contradiction)).one()
    return (f"{done} articles", f"{done / seconds:.1f} articles/s ({seconds:.1f} s; {suggestions} suggestions)")


if __name__ == "__main__":
    main()
