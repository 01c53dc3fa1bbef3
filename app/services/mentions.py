"""The actor mentions of an article, in the shape pages and JSON share."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from app.models import Actor, Article, Mention
from app.schemas import MentionOut


def article_mentions(*, session: Session, slug: str, paragraphs: tuple[int, int] | None = None) -> list[MentionOut]:
    """The article's mentions, of paragraphs [from, to) when a range is given."""
    query = (select(Mention, Actor).join(Actor).join(Article, Article.id == Mention.article_id)
             .where(Article.slug == slug).order_by(Mention.paragraph, Mention.start))
    if paragraphs is not None:
        query = query.where(Mention.paragraph >= paragraphs[0], Mention.paragraph < paragraphs[1])
    rows = session.exec(query).all()
    return [mention_out(m, slug, a) for m, a in rows]


def mention_out(m: Mention, article_slug: str, actor: Actor) -> MentionOut:
    return MentionOut(id=m.id, article=article_slug, paragraph=m.paragraph, start=m.start, end=m.end, text=m.text,
                      method=m.method, confirmed=m.confirmed, actor=actor.slug, actor_name=actor.name, kind=actor.kind)


@dataclass(frozen=True)
class ActorMention:
    """A stored mention as the pure analysis functions take it (actor by canonical name)."""

    paragraph: int
    start: int
    end: int
    actor: str
    kind: str


def stored_mentions(*, session: Session, article_id: int | None) -> list[ActorMention]:
    rows = session.exec(select(Mention, Actor).join(Actor).where(Mention.article_id == article_id)
                        .order_by(Mention.paragraph, Mention.start)).all()
    return [ActorMention(m.paragraph, m.start, m.end, a.name, a.kind) for m, a in rows]
