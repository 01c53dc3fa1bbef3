"""Actors as analysts read them: the list, one actor with its mentions and companions, and the
mentions of an article for highlighting."""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.models import Actor, ActorAlias, ActorStats, Article, CurationAction, Mention, Paragraph
from app.schemas import (
    ActorDetail,
    ActorSummary,
    AliasOut,
    CoActor,
    CurationOut,
    MentionInContext,
    Page,
)
from app.services.articles import list_articles
from app.services.errors import NotFound
from app.services.mentions import mention_out

SORTS = {"mentions", "articles", "name", "kind"}
# An actor's page lists its latest articles and the co-actors of those: it costs the same however
# often the actor is named (the most named are in tens of thousands of articles of a large room).
LATEST_ARTICLES = 200
_SENTENCE_END = re.compile(r"[.!?؟。]\s+")


def list_actors(
    *, session: Session, kind: str | None = None, language: str | None = None, article: str | None = None,
    q: str | None = None, sort: str = "mentions", include_unconfirmed: bool = True,
    limit: int | None = None, offset: int = 0,
) -> Page[ActorSummary]:
    if article:  # one article's mentions, counted
        counts = (select(Mention.actor_id, func.count().label("mentions"), func.count(func.distinct(Mention.article_id)).label("articles"))
                  .join(Article).where(Article.slug == article))
        if language:
            counts = counts.where(Article.language == language)
        counts = counts.group_by(Mention.actor_id).subquery()
    else:  # the kept counts (app.services.actor_counts), of one language or all
        counts = select(ActorStats.actor_id, func.sum(ActorStats.mention_count).label("mentions"),
                        func.sum(ActorStats.article_count).label("articles"))
        if language:
            counts = counts.where(ActorStats.language == language)
        counts = counts.group_by(ActorStats.actor_id).subquery()
    query = select(Actor, counts.c.mentions, counts.c.articles).join(counts, counts.c.actor_id == Actor.id).where(col(Actor.merged_into).is_(None))
    if kind:
        query = query.where(Actor.kind == kind)
    if q:
        query = query.where(col(Actor.name).ilike(f"%{q}%"))
    if not include_unconfirmed:
        query = query.where(Actor.confirmed == True)  # noqa: E712
    order = {"mentions": counts.c.mentions.desc(), "articles": counts.c.articles.desc(), "name": Actor.name, "kind": Actor.kind}[sort if sort in SORTS else "mentions"]
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(order, Actor.name).offset(offset).limit(limit)).all()
    return Page(items=_summaries(session, rows), total=total, limit=limit, offset=offset)


def get_actor(*, session: Session, slug: str) -> ActorDetail:
    actor = actor_by_slug(session, slug)
    mentions, articles = _counts(session, actor.id)
    summary = _summaries(session, [(actor, mentions, articles)])[0]
    latest = latest_article_ids(session, actor.id, LATEST_ARTICLES)
    arts = list_articles(session=session, ids=latest, limit=LATEST_ARTICLES).items
    target = session.get(Actor, actor.merged_into) if actor.merged_into else None
    return ActorDetail(**summary.model_dump(), merged_into=target.slug if target else None, articles=arts,
                       co_actors=co_actors(session=session, actor_id=actor.id, articles=latest), co_actors_within=len(latest),
                       history=history(session=session, actor_id=actor.id))


def actor_mentions(*, session: Session, slug: str, limit: int | None = None, offset: int = 0) -> Page[MentionInContext]:
    """The actor's mentions in their sentences, the latest articles' first: a page is read from the
    mention index (actor, article) without sorting all of them, and the total is the kept count."""
    actor = actor_by_slug(session, slug)
    query = select(Mention, Article, Paragraph).join(Article, Article.id == Mention.article_id).join(
        Paragraph, (Paragraph.article_id == Mention.article_id) & (Paragraph.index == Mention.paragraph)
    ).where(Mention.actor_id == actor.id)
    total = _counts(session, actor.id)[0]
    rows = session.exec(query.order_by(col(Mention.article_id).desc(), Mention.paragraph, Mention.start, Mention.id)
                        .offset(offset).limit(limit)).all()
    items = [
        MentionInContext(**mention_out(m, a.slug, actor).model_dump(), sentence=sentence_around(p.text, m.start, m.end),
                         article_title=a.title, language=a.language, direction=a.direction)
        for m, a, p in rows
    ]
    return Page(items=items, total=total, limit=limit, offset=offset)


def latest_article_ids(session: Session, actor_id: int | None, limit: int = LATEST_ARTICLES) -> list[int]:
    """The ids of the articles added last that mention the actor, read from the mention index."""
    return list(session.exec(select(Mention.article_id).where(Mention.actor_id == actor_id).group_by(Mention.article_id)
                             .order_by(col(Mention.article_id).desc()).limit(limit)).all())


def co_actors(*, session: Session, actor_id: int | None, limit: int = 12, articles: list[int] | None = None) -> list[CoActor]:
    """Actors mentioned in the same articles (of `articles`, by default the actor's latest), by
    how many articles they share."""
    mine = latest_article_ids(session, actor_id) if articles is None else articles
    rows = session.exec(
        select(Mention.actor_id, func.count(func.distinct(Mention.article_id)))
        .where(col(Mention.article_id).in_(mine), Mention.actor_id != actor_id)
        .group_by(Mention.actor_id).order_by(func.count(func.distinct(Mention.article_id)).desc()).limit(limit)
    ).all()
    shared = dict(rows)
    if not shared:
        return []
    actors = session.exec(select(Actor).where(col(Actor.id).in_(list(shared)))).all()
    counted = [(a, *_counts(session, a.id)) for a in actors]
    summaries = {s.id: s for s in _summaries(session, counted)}
    return sorted((CoActor(actor=summaries[i], articles=n) for i, n in shared.items() if i in summaries), key=lambda c: (-c.articles, c.actor.name))


def history(*, session: Session, actor_id: int | None) -> list[CurationOut]:
    rows = session.exec(select(CurationAction).where(CurationAction.actor_id == actor_id).order_by(col(CurationAction.id).desc())).all()
    return [CurationOut(id=r.id, at=r.at, author=r.author, action=r.action, summary=r.detail.get("summary", r.action), undone=r.undone) for r in rows]


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end] (the paragraph when it is one sentence)."""
    begin = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() <= start:
            begin = match.end()
        elif match.start() >= end:
            return text[begin:match.start() + 1]
    return text[begin:]


def wikidata_url(item: str | None) -> str | None:
    return f"https://www.wikidata.org/wiki/{item}" if item else None


def actor_by_slug(session: Session, slug: str) -> Actor:
    actor = session.exec(select(Actor).where(Actor.slug == slug)).first()
    if actor is None:
        raise NotFound(f"No actor {slug!r}. The actors page lists them all.")
    return actor


def _counts(session: Session, actor_id: int | None) -> tuple[int, int]:
    row = session.exec(select(func.sum(ActorStats.mention_count), func.sum(ActorStats.article_count)).where(ActorStats.actor_id == actor_id)).one()
    return row[0] or 0, row[1] or 0


def _summaries(session: Session, rows) -> list[ActorSummary]:  # type: ignore[no-untyped-def]
    ids = [a.id for a, _, _ in rows]
    aliases: dict[int, list[AliasOut]] = defaultdict(list)
    for al in session.exec(select(ActorAlias).where(col(ActorAlias.actor_id).in_(ids), ActorAlias.removed == False).order_by(ActorAlias.language, ActorAlias.text)).all():  # noqa: E712
        aliases[al.actor_id].append(AliasOut(text=al.text, language=al.language, origin=al.origin))
    languages: dict[int, set[str]] = defaultdict(set)
    for actor_id, language in session.exec(select(ActorStats.actor_id, ActorStats.language).where(col(ActorStats.actor_id).in_(ids))).all():
        languages[actor_id].add(language)
    return [
        ActorSummary(id=a.id, slug=a.slug, name=a.name, kind=a.kind, confirmed=a.confirmed, origin=a.origin,
                     aliases=aliases.get(a.id, []), mention_count=m or 0, article_count=n or 0,
                     languages=sorted(languages.get(a.id, {})), wikidata=a.wikidata, wikidata_url=wikidata_url(a.wikidata))
        for a, m, n in rows
    ]
