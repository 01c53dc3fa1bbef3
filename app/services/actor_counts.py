"""Each actor's mentions and articles per language, kept in actor_stats as mentions change, so
the actors list and an actor's page read a few rows instead of counting every mention.

Every writer of mentions (or of an article's language) calls refresh_actor_counts for the actors
it touched, after its writes and before its commit. It recounts those actors from their mention
rows (the mention index makes that cheap) rather than adding and subtracting, so it is right
however writers interleave."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, insert
from sqlmodel import Session, col, select

from app.models import Actor, ActorStats, Article, Mention

CHUNK = 500  # actors per statement: PostgreSQL takes a bounded number of parameters


def refresh_actor_counts(session: Session, actor_ids: Iterable[int | None]) -> None:
    """Count these actors' mentions and articles again, per language, from their mentions."""
    ids = sorted({i for i in actor_ids if i is not None})
    session.flush()  # the caller's new and deleted mentions are what is counted
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        # On PostgreSQL, a worker recounting one of these actors waits here for the other's commit,
        # then counts with what it committed (READ COMMITTED: each statement sees the latest
        # commits). Locked in id order, so two writers never wait on each other. (SQLite has one
        # writer at a time already; it ignores FOR UPDATE.)
        session.exec(select(Actor.id).where(col(Actor.id).in_(chunk)).order_by(Actor.id).with_for_update()).all()
        session.execute(delete(ActorStats).where(col(ActorStats.actor_id).in_(chunk)))
        counts = (select(Mention.actor_id, Article.language, func.count(), func.count(func.distinct(Mention.article_id)))
                  .join(Article, col(Article.id) == Mention.article_id)
                  .where(col(Mention.actor_id).in_(chunk)).group_by(Mention.actor_id, Article.language))
        session.execute(insert(ActorStats).from_select(["actor_id", "language", "mention_count", "article_count"], counts))


def actors_of_article(session: Session, article_id: int | None) -> list[int]:
    """The actors an article mentions (whose counts by language change with its language)."""
    return list(session.exec(select(Mention.actor_id).where(Mention.article_id == article_id).distinct()).all())
