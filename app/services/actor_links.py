"""Suggest, on an actor's page, the same actor spelt in another language in articles of the same
stories as its own; an analyst accepts by merging."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from app.analysis.actors.crosslink import THRESHOLD, ActorRef, link_score
from app.models import Actor, ActorAlias, Article, Mention, StoryArticle
from app.services.actors import latest_article_ids

# The actor's latest articles whose stories are looked at: the page costs the same however often
# the actor is named (the most named are in tens of thousands of articles of a large room).
SAMPLE = 200
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
    mine = latest_article_ids(session, actor.id, SAMPLE)
    if not mine:
        return []
    languages = set(session.exec(select(Article.language).where(col(Article.id).in_(mine)).distinct()).all())
    stories = select(StoryArticle.story_id).where(col(StoryArticle.article_id).in_(mine))
    other_language = dict(session.exec(
        select(Article.id, Article.language).join(StoryArticle, col(StoryArticle.article_id) == Article.id)
        .where(col(StoryArticle.story_id).in_(stories), col(Article.language).not_in(languages))
        .limit(CANDIDATES)).all())
    if not other_language:
        return []
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
