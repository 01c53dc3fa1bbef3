"""The machine's side of stories: each analysed article joins a story (or starts one) through the
index of rare keys, and claim suggestions compare an article with its story's other articles."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, text
from sqlmodel import Session, col, select

from app.analysis.analysed_article import AnalysedArticle
from app.analysis.stories import (
    Features,
    candidate_keys,
    choose_story,
    features_of,
    pick_candidates,
)
from app.models import Article, Story, StoryArticle, StoryKey, utcnow
from app.services.row_slices import insert_in_slices
from app.services.stories import new_story, refresh_counts

ASSIGNMENT_LOCK = 0x53544F5259  # any number the app uses for nothing else: "STORY"

SHORTLIST = 500  # articles sharing a rare key read from the index, before the closest are picked


def assign_stories(*, session: Session, analysed: Sequence[tuple[Article, AnalysedArticle]]) -> None:
    """Each article, in order, into the story of the articles it relates to (a new story when
    none), its features and keys stored for the next ones. An article an analyst placed stays
    where it is; stories an article bridges merge unless an analyst shaped one of them."""
    if session.get_bind().dialect.name == "postgresql":
        # Workers take turns here (until the commit below), so two of them never each start a
        # story for one event; each reads what the other committed (READ COMMITTED).
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ASSIGNMENT_LOCK})
    total = session.exec(select(func.count()).select_from(StoryArticle)).one()  # counted once: a scan
    touched: set[int | None] = set()
    for article, found in analysed:
        features = features_of(found)
        row = session.get(StoryArticle, article.id)
        session.exec(delete(StoryKey).where(col(StoryKey.article_id) == article.id))  # type: ignore[call-overload]
        insert_in_slices(session, (StoryKey(key=k, article_id=article.id) for k in sorted(features.index_keys())))
        if row is not None and row.placed_by:
            row.features = features.to_json()
            session.add(row)
            touched.add(row.story_id)  # its date may have changed
            continue
        touched.add(row.story_id if row else None)
        choice = choose_story(features, _candidates(session, article, features, total), current=row.story_id if row else None)
        story_id = choice.story
        if story_id is None:
            alone = row is not None and not session.exec(select(StoryArticle.article_id).where(
                StoryArticle.story_id == row.story_id, StoryArticle.article_id != article.id).limit(1)).first()
            story_id = row.story_id if alone and row else new_story(session, article.title).id
        if row is None:
            row, total = StoryArticle(article_id=article.id, story_id=story_id), total + 1
        row.story_id, row.features, row.at = int(story_id), features.to_json(), utcnow()  # type: ignore[arg-type]
        session.add(row)
        for other in choice.others:
            _merge_machine_story(session, int(other), into=int(story_id))  # type: ignore[arg-type]
        touched |= {int(story_id), *(int(o) for o in choice.others)}  # type: ignore[arg-type]
        session.flush()
    refresh_counts(session, touched)
    session.commit()


def story_neighbours(*, session: Session, article_id: int | None, limit: int) -> list[Article]:
    """The other articles of this article's story; in a large story, those sharing the most
    index keys with it."""
    story = select(StoryArticle.story_id).where(StoryArticle.article_id == article_id).scalar_subquery()
    ids = list(session.exec(select(StoryArticle.article_id).where(StoryArticle.story_id == story,
                                                                  StoryArticle.article_id != article_id)).all())
    if len(ids) > limit:
        mine = select(StoryKey.key).where(StoryKey.article_id == article_id)
        ids = list(session.exec(
            select(StoryKey.article_id).where(col(StoryKey.article_id).in_(ids), col(StoryKey.key).in_(mine))
            .group_by(StoryKey.article_id).order_by(func.count().desc(), StoryKey.article_id).limit(limit)).all())
    return list(session.exec(select(Article).where(col(Article.id).in_(ids)).order_by(Article.id)).all()) if ids else []


def _candidates(session: Session, article: Article, features: Features, total: int) -> list[tuple[Features, int]]:
    """The stored articles sharing the most rare keys with this one, with their stories."""
    keys = list(features.index_keys())
    if not keys:
        return []
    counts = dict(session.exec(select(StoryKey.key, func.count()).where(col(StoryKey.key).in_(keys), StoryKey.article_id != article.id)
                               .group_by(StoryKey.key)).all())
    rare = candidate_keys(features, counts, total)
    if not rare:
        return []
    shared = dict(session.exec(
        select(StoryKey.article_id, func.count()).where(col(StoryKey.key).in_(rare), StoryKey.article_id != article.id)
        .group_by(StoryKey.article_id).order_by(func.count().desc()).limit(SHORTLIST)).all())
    chosen = pick_candidates({str(k): v for k, v in shared.items()})
    rows = session.exec(select(StoryArticle).where(col(StoryArticle.article_id).in_([int(a) for a in chosen]))).all()
    return [(Features.from_json(r.features), r.story_id) for r in rows if r.features]


def _merge_machine_story(session: Session, story_id: int, *, into: int) -> None:
    """Fold a story the machine made into another; one an analyst named or placed articles in stays."""
    story = session.get(Story, story_id)
    if story is None or story.id == into or story.title_by or session.exec(select(StoryArticle.article_id).where(
            StoryArticle.story_id == story_id, col(StoryArticle.placed_by).is_not(None)).limit(1)).first():
        return
    for member in session.exec(select(StoryArticle).where(StoryArticle.story_id == story_id)).all():
        member.story_id = into
        session.add(member)
    story.merged_into, story.modified = into, utcnow()
    session.add(story)
