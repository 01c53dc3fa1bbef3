"""In-process time of the actors list and of the most named actor's page: the service calls their
routes make, on a database bench.run built (with --copies for a large one), without a server.

python -m bench.actor_pages --database-url sqlite:///bench/out/bench.db [--repeat 5]

Each call runs once to warm up, then --repeat times; the median is printed. The database is used
as it is (not migrated), so the same build can be timed before and after a schema change.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from sqlalchemy import func
from sqlmodel import Session, col, create_engine, select

from app.models import Actor, Mention
from app.services import actors as actors_service
from app.services.actor_links import same_actor_suggestions
from app.web.actor_pages import MERGE_CHOICES, PAGE_SIZE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    engine = create_engine(args.database_url)
    with Session(engine) as session:
        slug, mentions = session.exec(select(Actor.slug, func.count()).join(Mention).group_by(Actor.id)
                                      .order_by(func.count().desc(), col(Actor.id)).limit(1)).one()
        detail = actors_service.get_actor(session=session, slug=slug)
        calls: dict[str, Callable[[], object]] = {
            f"list_actors (a page of {PAGE_SIZE}: /actors, /api/actors)":
                lambda: actors_service.list_actors(session=session, limit=PAGE_SIZE),
            f"actor page ({slug}, {mentions} mentions): get_actor":
                lambda: actors_service.get_actor(session=session, slug=slug),
            "  of which co_actors": lambda: actors_service.co_actors(session=session, actor_id=detail.id),
            "  actor_mentions (first page)": lambda: actors_service.actor_mentions(session=session, slug=slug, limit=PAGE_SIZE),
            f"  merge picker (list_actors, {MERGE_CHOICES})": lambda: actors_service.list_actors(session=session, limit=MERGE_CHOICES),
            "  same_actor_suggestions": lambda: same_actor_suggestions(session=session, actor_id=detail.id),
        }
        page_parts = [name for name in calls if not name.startswith("  of which")][1:]
        medians = {name: _median(call, args.repeat) for name, call in calls.items()}
    engine.dispose()
    for name, ms in medians.items():
        print(f"{name}: {ms:.1f} ms")
    print(f"actor page, its four calls: {sum(medians[n] for n in page_parts):.1f} ms")


def _median(call: Callable[[], object], repeat: int) -> float:
    call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


if __name__ == "__main__":
    main()
