"""How stories group a generated corpus, and how many contradiction suggestions it yields.

python -m bench.stories [--articles 200] [--seed 7] [--preload 50000]

Writes `bench.corpus` stories (with their events) to a temporary folder, ingests and analyses them
as `readingroom ingest` does (models included) in a fresh SQLite database, then reports the
stories' purity and completeness against the events, and the suggestions by kind. With
--preload, that many articles already grouped into stories (features and keys only) are in the
database first: the time story assignment takes in a large corpus.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path


@contextmanager
def _timed(module: object, name: str) -> Iterator[list[float]]:
    """Time every call of module.name (seconds, summed) while the block runs."""
    spent, original = [0.0], getattr(module, name)

    def timed(*args: object, **kwargs: object) -> object:
        t0 = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - t0

    setattr(module, name, timed)
    try:
        yield spent
    finally:
        setattr(module, name, original)


def preload(engine: object, count: int, seed: int) -> None:
    """`count` articles already grouped into stories of 3-12 (features and index keys only, no
    text): what assignment searches among in a large corpus. Their actors are invented per story,
    plus a country and its ministry from the corpus's countries (common keys, as in real news)."""
    from sqlalchemy import insert

    from app.analysis.stories import Features
    from app.models import Article, Story, StoryArticle, StoryKey, utcnow
    from bench.story_text import COUNTRIES

    rng, now = random.Random(seed), utcnow()
    articles, stories, links, keys = [], [], [], []
    story = 0
    while len(articles) < count:
        story += 1
        country = COUNTRIES[story % len(COUNTRIES)][0]
        cast = [f"pre{story}x{k}" for k in range(6)] + [country, f"mnstrf{country}"]
        size = min(rng.randint(3, 12), count - len(articles))
        stories.append({"id": story, "slug": f"pre-{story}", "title": f"story {story}", "created": now, "modified": now,
                        "article_count": size, "last_published": (date(2020, 1, 1) + timedelta(days=story // 10)).isoformat()})
        for _ in range(size):
            n = len(articles) + 1
            feats = Features(f"pre-{n}", frozenset(rng.sample(cast, 5)), frozenset([country]),
                             frozenset(str(rng.randint(100, 99999)) for _ in range(3)), frozenset())
            articles.append({"id": n, "slug": f"pre-{n}", "source_file": f"pre-{n}.txt", "content_hash": f"pre{n}",
                             "title": f"preloaded {n}", "language": "fr", "direction": "ltr", "parsed": {}, "corrected": [],
                             "created": now, "updated": now})
            links.append({"article_id": n, "story_id": story, "features": feats.to_json(), "at": now})
            keys += [{"key": k, "article_id": n} for k in feats.index_keys()]
    with engine.begin() as connection:  # type: ignore[attr-defined]
        for table, rows in ((Article, articles), (Story, stories), (StoryArticle, links), (StoryKey, keys)):
            for i in range(0, len(rows), 5000):
                connection.execute(insert(table), rows[i:i + 5000])


def run(articles: int, seed: int, preloaded: int = 0) -> dict:
    from sqlmodel import Session, col, select

    from app.analysis.stories import purity_completeness
    from app.config import Settings
    from app.db import make_engine, migrate
    from app.models import Article, Contradiction, StoryArticle
    from app.services import claim_analysis
    from app.services.ingest import ingest_paths
    from app.services.pipeline import analyse_listed
    from bench.corpus import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        events = write_corpus(folder, articles, seed)
        settings = Settings(database_url=f"sqlite:///{tmp}/stories.db", data_dir=Path(tmp), max_file_bytes=5_000_000,
                            seeds_dir=Path(__file__).resolve().parents[1] / "seeds")
        engine = make_engine(settings)
        migrate(engine)
        preload(engine, preloaded, seed)
        with Session(engine) as session:
            ingest_paths(session=session, paths=[folder], max_bytes=settings.max_file_bytes)
            todo = session.exec(select(Article).where(col(Article.slug).startswith("synthetic_"))).all()
            t0 = time.perf_counter()
            with _timed(claim_analysis, "assign_stories") as assigning:
                analysed = analyse_listed(session=session, articles=todo)
            seconds = time.perf_counter() - t0
            rows = session.exec(select(Article.source_file, StoryArticle.story_id)
                                .join(StoryArticle, StoryArticle.article_id == Article.id, isouter=True)).all()
            found = {Path(name).stem: story for name, story in rows if name.startswith("synthetic_")}
            kinds = Counter(c.kind for c in session.exec(select(Contradiction).where(Contradiction.current == True)).all())
        engine.dispose()
    purity, completeness = purity_completeness(found, events)
    return {"articles": len(found), "analysed": analysed, "seconds": seconds, "events": len(set(events.values())),
            "assigning": assigning[0], "stories": len(set(found.values())), "purity": purity, "completeness": completeness,
            "suggestions": sum(kinds.values()), "by_kind": dict(kinds)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--preload", type=int, default=0, help="articles already in stories (features only) beforehand")
    args = parser.parse_args()
    r = run(args.articles, args.seed, args.preload)
    print(f"{r['articles']} articles (after {args.preload} preloaded), {r['events']} events (filler articles count one each) -> {r['stories']} stories; "
          f"purity {r['purity']:.3f}, completeness {r['completeness']:.3f}")
    print(f"analysis (actors + claims + stories + suggestions): {r['seconds']:.1f} s, "
          f"{r['analysed'] / r['seconds']:.1f} articles/s; of which story assignment {r['assigning']:.2f} s "
          f"({1000 * r['assigning'] / max(1, r['analysed']):.1f} ms an article)")
    print(f"suggestions: {r['suggestions']} " + ", ".join(f"{k} {n}" for k, n in sorted(r["by_kind"].items())))


if __name__ == "__main__":
    main()
