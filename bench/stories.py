"""How stories group a generated corpus, and how many contradiction suggestions it yields.

python -m bench.stories [--articles 200] [--seed 7]

Writes `bench.corpus` stories (with their events) to a temporary folder, ingests and analyses them
as `readingroom ingest` does (models included) in a fresh SQLite database, then reports the
stories' purity and completeness against the events, and the suggestions by kind.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
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


def run(articles: int, seed: int) -> dict:
    from sqlmodel import Session, select

    from app.analysis.stories import purity_completeness
    from app.config import Settings
    from app.db import make_engine, migrate
    from app.models import Article, Contradiction, StoryArticle
    from app.services import claim_analysis
    from app.services.ingest import ingest_paths
    from app.services.pipeline import analyse_changed
    from bench.corpus import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        events = write_corpus(folder, articles, seed)
        settings = Settings(database_url=f"sqlite:///{tmp}/stories.db", data_dir=Path(tmp), max_file_bytes=5_000_000,
                            seeds_dir=Path(__file__).resolve().parents[1] / "seeds")
        engine = make_engine(settings)
        migrate(engine)
        with Session(engine) as session:
            ingest_paths(session=session, paths=[folder], max_bytes=settings.max_file_bytes)
            t0 = time.perf_counter()
            with _timed(claim_analysis, "assign_stories") as assigning:
                analysed = analyse_changed(session=session, everything=True)
            seconds = time.perf_counter() - t0
            rows = session.exec(select(Article.source_file, StoryArticle.story_id)
                                .join(StoryArticle, StoryArticle.article_id == Article.id, isouter=True)).all()
            found = {Path(name).stem: story for name, story in rows}
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
    args = parser.parse_args()
    r = run(args.articles, args.seed)
    print(f"{r['articles']} articles, {r['events']} events (filler articles count one each) -> {r['stories']} stories; "
          f"purity {r['purity']:.3f}, completeness {r['completeness']:.3f}")
    print(f"analysis (actors + claims + stories + suggestions): {r['seconds']:.1f} s, "
          f"{r['analysed'] / r['seconds']:.1f} articles/s; of which story assignment {r['assigning']:.2f} s "
          f"({1000 * r['assigning'] / max(1, r['analysed']):.1f} ms an article)")
    print(f"suggestions: {r['suggestions']} " + ", ".join(f"{k} {n}" for k, n in sorted(r["by_kind"].items())))


if __name__ == "__main__":
    main()
