"""The actor mentions of an article, in the shape pages and JSON share."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam
from sqlmodel import Session, select

from app.models import Actor, Article, Mention
from app.schemas import MentionOut
from app.services.paragraph_ranges import range_params


# Built once and bound per request: composing a statement of joins costs more than running it.
_MENTIONS = (select(Mention, Actor).join(Actor).join(Article, Article.id == Mention.article_id)
             .where(Article.slug == bindparam("slug"), Mention.paragraph >= bindparam("start"),
                    Mention.paragraph < bindparam("stop"))
             .order_by(Mention.paragraph, Mention.start))


def article_mentions(*, session: Session, slug: str, paragraphs: tuple[int, int] | None = None) -> list[MentionOut]:
    """The article's mentions, of paragraphs [from, to) when a range is given."""
    rows = session.exec(_MENTIONS, params=range_params(slug, paragraphs)).all()
    return [mention_out(m, slug, a) for m, a in rows]


def mention_out(m: Mention, article_slug: str, actor: Actor) -> MentionOut:
    return MentionOut(id=m.id, article=article_slug, paragraph=m.paragraph, start=m.start, end=m.end, text=m.text,
                      method=m.method, confirmed=m.confirmed, actor=actor.slug, actor_name=actor.name, kind=actor.kind)


@dataclass(frozen=True, slots=True)  # slots: a long article has tens of thousands
class ActorMention:
    """A stored mention as the pure analysis functions take it (actor by canonical name)."""

    paragraph: int
    start: int
    end: int
    actor: str
    kind: str


def stored_mentions(*, session: Session, article_id: int | None) -> list[ActorMention]:
    """Values, not rows (a long article has tens of thousands), one string per actor name."""
    rows = session.exec(select(Mention.paragraph, Mention.start, Mention.end, Actor.name, Actor.kind).join(Actor)
                        .where(Mention.article_id == article_id).order_by(Mention.paragraph, Mention.start))
    shared: dict[str, str] = {}
    return [ActorMention(paragraph, start, end, shared.setdefault(name, name), shared.setdefault(kind, kind))
            for paragraph, start, end, name, kind in rows]
