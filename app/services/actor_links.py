"""Suggest, on an actor's page, the same actor spelt in another language in articles of the same
story (articles that share other actors with its own); an analyst accepts by merging."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.analysis.actors.crosslink import THRESHOLD, ActorRef, link_score
from app.models import Actor, ActorAlias, Article, Mention

STORY_SHARED = 2  # an article of the same story shares at least this many other actors
CANDIDATES = 400  # actors looked at, at most


@dataclass(frozen=True)
class LinkSuggestionOut:
    slug: str
    name: str
    kind: str
    language: str
    score: float
    reasons: tuple[str, ...]


def same_actor_suggestions(*, session: Session, actor_id: int | None, limit: int = 5) -> list[LinkSuggestionOut]:
    """Actors of other languages, in articles of this actor's stories, whose names sound like
    its names (transliteration-tolerant), of one kind; best first."""
    actor = session.get(Actor, actor_id) if actor_id is not None else None
    if actor is None:
        return []
    mine = set(session.exec(select(Mention.article_id).where(Mention.actor_id == actor.id).distinct()).all())
    if not mine:
        return []
    languages = {a.language for a in session.exec(select(Article).where(col(Article.id).in_(mine))).all()}
    companions = select(Mention.actor_id).where(col(Mention.article_id).in_(mine), Mention.actor_id != actor.id)
    related = session.exec(
        select(Mention.article_id)
        .where(col(Mention.actor_id).in_(companions), col(Mention.article_id).not_in(mine))
        .group_by(Mention.article_id)
        .having(func.count(func.distinct(Mention.actor_id)) >= STORY_SHARED)
    ).all()
    if not related:
        return []
    other_language = {a.id: a.language for a in session.exec(select(Article).where(col(Article.id).in_(related))).all()
                      if a.language not in languages}
    rows = session.exec(
        select(Mention.actor_id, Mention.article_id)
        .where(col(Mention.article_id).in_(list(other_language)), Mention.actor_id != actor.id).distinct().limit(CANDIDATES * 4)
    ).all()
    seen: dict[int, str] = {}
    for actor_ref, article_id in rows:
        seen.setdefault(actor_ref, other_language[article_id])
    names = _names(session, [actor.id, *seen])
    out = []
    for other in session.exec(select(Actor).where(col(Actor.id).in_(list(seen)[:CANDIDATES]))).all():
        if other.merged_into is not None or other.kind != actor.kind and {other.kind, actor.kind} - {"place", "country"}:
            continue
        if other.registry_key and actor.registry_key:
            continue  # two registry entries are two actors by the registry's word
        score, reasons = max((link_score(ActorRef(a, actor.kind, "", ""), ActorRef(b, other.kind, "", ""))
                              for a in names[actor.id] for b in names[other.id]), default=(0.0, ()))
        if score >= THRESHOLD:
            out.append(LinkSuggestionOut(other.slug, other.name, other.kind, seen[other.id], round(score, 2), reasons))
    return sorted(out, key=lambda s: (-s.score, s.name))[:limit]


def _names(session: Session, actor_ids: list[int]) -> dict[int, list[str]]:
    """Each actor's name and its spellings (a few: the matching compares every pair)."""
    out: dict[int, list[str]] = {i: [] for i in actor_ids}
    for a in session.exec(select(Actor).where(col(Actor.id).in_(actor_ids))).all():
        out[a.id].append(a.name)
    for al in session.exec(select(ActorAlias).where(col(ActorAlias.actor_id).in_(actor_ids), ActorAlias.removed == False)).all():
        if al.text not in out[al.actor_id] and len(out[al.actor_id]) < 6:
            out[al.actor_id].append(al.text)
    return out
