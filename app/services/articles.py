"""Articles: the library listing, one article with its paragraphs and notes, compare sets,
and analysts' corrections of metadata."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from app.ingest.language import direction_for
from app.models import CORRECTABLE_FIELDS, Actor, Annotation, Article, Mention, Paragraph, Story, StoryArticle, utcnow
from app.schemas import ArticleDetail, ArticleSummary, MetadataCorrection, Page, ParagraphOut, StoryRef
from app.services.actor_counts import actors_of_article, refresh_actor_counts
from app.services.annotations import tagged_annotation_ids, list_annotations
from app.services.errors import InvalidInput, NotFound
from app.services.claims import article_claims
from app.services.contradiction_marks import article_contradictions
from app.services.mentions import article_mentions
from app.services.note_visibility import visible_to
from app.services import fulltext
from app.services.search import name_aware_match

COMPARE_MIN, COMPARE_MAX = 2, 4
PARAGRAPH_PAGE = 200  # paragraphs a reader page (and /api/articles/{slug}) carries by default
MAX_PARAGRAPHS = 1000  # the most one request may ask for: memory stays bounded whatever the article
NOTE_PAGE = 100  # notes a page carries: a much-annotated passage costs no more than this to read
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
# An article's paragraphs, as a column of a query on Article (built once, not per request).
_PARAGRAPH_COUNT = select(func.count()).where(Paragraph.article_id == Article.id).scalar_subquery()
_STORY_COLUMNS = (Story.slug.label("story_slug"), Story.title.label("story_title"))  # type: ignore[attr-defined]


def _with_story(*columns):  # type: ignore[no-untyped-def]
    """A query on Article (and `columns`) with its story's slug and title as two more columns
    (None: in no story yet)."""
    return (select(*columns, *_STORY_COLUMNS)
            .outerjoin(StoryArticle, col(StoryArticle.article_id) == Article.id)
            .outerjoin(Story, col(Story.id) == StoryArticle.story_id))


def _story(slug: str | None, title: str | None) -> StoryRef | None:
    return StoryRef(slug=slug, title=title or "") if slug else None


def _counted_notes(viewer: str | None):  # type: ignore[no-untyped-def]
    """The notes an article's note count counts: live notes (not replies) `viewer` may see."""
    return (col(Annotation.deleted).is_(None), col(Annotation.reply_to).is_(None), visible_to(viewer))


def list_articles(
    *,
    session: Session,
    language: str | None = None,
    outlet: str | None = None,
    tag: str | None = None,
    q: str | None = None,
    actor: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    viewer: str | None = None,
    ids: Sequence[int] | None = None,
) -> Page[ArticleSummary]:
    """The library (of these article ids, when given); note counts and the tag filter see the notes
    `viewer` may see (None: team notes)."""
    query = select(Article)
    if ids is not None:
        query = query.where(col(Article.id).in_(list(ids)))
    if actor:
        query = query.where(col(Article.id).in_(select(Mention.article_id).join(Actor).where(Actor.slug == actor)))
    if language:
        query = query.where(Article.language == language)
    if outlet:
        query = query.where(Article.outlet == outlet)
    if tag:
        notes = select(Annotation.article_id).where(col(Annotation.id).in_(tagged_annotation_ids(tag)), *_counted_notes(viewer))
        query = query.where(col(Article.id).in_(notes))
    if q and q.strip():
        match = name_aware_match(session, q)
        if match is None:
            return Page(items=[], total=0, limit=limit, offset=offset)
        hits = select(Paragraph.article_id).where(
            col(Paragraph.id).in_(fulltext.matching_ids(session, match))
        )
        query = query.where(col(Article.id).in_(hits))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    page = _with_story(Article)  # the page and its articles' stories: one query
    if query.whereclause is not None:
        page = page.where(query.whereclause)
    # Term for term the expression index of migration 0017: the page is read from it, not sorted.
    page = page.order_by(col(Article.published).is_(None), col(Article.published).desc(), Article.source_file)
    rows = session.exec(page.offset(offset).limit(limit)).all()
    stories = {a.id: _story(slug, title) for a, slug, title in rows}
    return Page(items=_summaries(session, [a for a, _, _ in rows], viewer, stories), total=total, limit=limit, offset=offset)


def facets(*, session: Session) -> dict[str, list[str]]:
    """The languages and outlets there are, for the library's filter menus."""
    languages = session.exec(select(Article.language).distinct().order_by(Article.language)).all()
    outlets = session.exec(select(Article.outlet).where(col(Article.outlet).is_not(None)).distinct().order_by(Article.outlet)).all()
    return {"languages": list(languages), "outlets": [o for o in outlets if o]}


def get_article(*, session: Session, slug: str, start: int = 0, stop: int | None = None, viewer: str | None = None,
                notes_from: int = 0) -> ArticleDetail:
    """The article with paragraphs [start, stop) — at most PARAGRAPH_PAGE of them, so a huge article
    costs no more than a page — and the notes (NOTE_PAGE of them from `notes_from`, in reading
    order), mentions, claims and contradictions of those."""
    # The article and its two counts in one query: this runs on every reader and API request.
    note_count = select(func.count()).where(Annotation.article_id == Article.id, *_counted_notes(viewer)).scalar_subquery()
    found = session.exec(_with_story(Article, _PARAGRAPH_COUNT, note_count).where(Article.slug == slug)).first()
    if found is None:
        raise NotFound(f"No article {slug!r}. The library lists the articles there are.")
    article, paragraph_count, note_count, story_slug, story_title = found
    stop = start + PARAGRAPH_PAGE if stop is None else min(stop, start + MAX_PARAGRAPHS)
    if stop <= start:
        raise InvalidInput(f"Paragraphs from {start} to {stop}: `to` must be larger than `from`.")
    span = (start, stop)
    paragraphs = session.exec(select(Paragraph).where(Paragraph.article_id == article.id, Paragraph.index >= start,
                                                      Paragraph.index < stop).order_by(Paragraph.index)).all()
    summary = _summary(article, paragraph_count, note_count, _story(story_slug, story_title))
    # Most articles have no notes, and the count above already said so.
    notes = (list_annotations(session=session, viewer=viewer, article=slug, paragraphs=span, limit=NOTE_PAGE, offset=notes_from)
             if note_count else Page(items=[], total=0))
    return ArticleDetail(
        **summary.model_dump(),
        paragraphs_from=start, paragraphs_to=min(stop, summary.paragraph_count),
        paragraphs=[ParagraphOut(index=p.index, text=p.text, kind=p.kind, furniture=p.furniture) for p in paragraphs],
        annotations=notes.items, annotations_from=notes_from, annotations_total=notes.total,
        mentions=article_mentions(session=session, slug=slug, paragraphs=span),
        claims=article_claims(session=session, slug=slug, paragraphs=span),
        contradictions=article_contradictions(session=session, slug=slug, paragraphs=span),
    )


def page_start(paragraph: int) -> int:
    """The first paragraph of the reader's page that holds `paragraph`."""
    return paragraph // PARAGRAPH_PAGE * PARAGRAPH_PAGE


def parse_compare_set(values: list[str]) -> list[str]:
    """`articles=a,b&articles=c` -> [a, b, c]: the picker form and the short URL both work."""
    slugs: list[str] = []
    for value in values:
        for slug in value.split(","):
            slug = slug.strip()
            if slug and slug not in slugs:
                slugs.append(slug)
    return slugs


def compare_view(*, session: Session, slugs: list[str], viewer: str | None = None) -> list[ArticleDetail]:
    if not COMPARE_MIN <= len(slugs) <= COMPARE_MAX:
        raise InvalidInput(
            f"Compare shows {COMPARE_MIN} to {COMPARE_MAX} articles side by side; this address names {len(slugs)}. "
            "Pick articles in the library, or add and remove columns with the picker."
        )
    return [get_article(session=session, slug=slug, viewer=viewer) for slug in slugs]


def correct_metadata(*, session: Session, slug: str, correction: MetadataCorrection, viewer: str | None = None) -> ArticleDetail:
    """Analyst corrections win over the parser and survive re-ingest; an empty value reverts."""
    article = session.exec(select(Article).where(Article.slug == slug)).first()
    if article is None:
        raise NotFound(f"No article {slug!r}.")
    corrected, language = set(article.corrected), article.language
    for field in CORRECTABLE_FIELDS:
        value = getattr(correction, field)
        if value is None:
            continue
        value = " ".join(value.split())
        if not value:
            corrected.discard(field)
            setattr(article, field, article.parsed.get(field) or (article.slug if field == "title" else None))
            continue
        setattr(article, field, check_metadata(field, value))
        corrected.add(field)
    if article.language is None:
        article.language = "und"
    article.direction = direction_for(article.language)
    article.corrected = sorted(corrected)
    article.updated = utcnow()
    session.add(article)
    if article.language != language:  # its actors' counts by language move with it
        refresh_actor_counts(session, actors_of_article(session, article.id))
    session.commit()
    return get_article(session=session, slug=slug, viewer=viewer)


def check_metadata(field: str, value: str) -> str:
    """A corrected or uploaded metadata value, normalised; InvalidInput says what is wrong."""
    if len(value) > 300:
        raise InvalidInput(f"The {field} is {len(value)} characters long; 300 at most.")
    if field == "published":
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError as exc:
            raise InvalidInput(f"The date {value!r} is not a date: write it as YYYY-MM-DD, e.g. 2022-01-08.") from exc
    if field == "language":
        value = value.lower()
        if not _LANGUAGE_CODE.match(value):
            raise InvalidInput(f"The language {value!r} is not a language code: use ISO 639-1, e.g. fr, ar, en.")
    return value


def _summaries(session: Session, articles: list[Article], viewer: str | None = None,
               stories: dict[int | None, StoryRef | None] | None = None) -> list[ArticleSummary]:
    ids = [a.id for a in articles]
    paragraphs = dict(session.exec(select(Paragraph.article_id, func.count()).where(col(Paragraph.article_id).in_(ids)).group_by(Paragraph.article_id)).all())
    notes = dict(session.exec(
        select(Annotation.article_id, func.count()).where(col(Annotation.article_id).in_(ids), *_counted_notes(viewer)).group_by(Annotation.article_id)
    ).all())
    return [_summary(a, paragraphs.get(a.id, 0), notes.get(a.id, 0), (stories or {}).get(a.id)) for a in articles]


def _summary(a: Article, paragraph_count: int, note_count: int, story: StoryRef | None = None) -> ArticleSummary:
    return ArticleSummary(
        id=a.id, slug=a.slug, title=a.title, outlet=a.outlet, language=a.language, direction=a.direction,
        published=a.published, source_file=a.source_file, paragraph_count=paragraph_count,
        url=a.url, note_count=note_count, corrected=list(a.corrected), story=story,
    )


