"""Stories as JSON under /api: the same service functions as the pages."""

from __future__ import annotations

from fastapi import APIRouter

from app.deps import SessionDep
from app.schemas import (
    Page,
    StoryDetail,
    StoryMerge,
    StoryMove,
    StoryRename,
    StorySplit,
    StorySummary,
)
from app.services import stories as stories_service
from app.web.auth import Analyst
from app.web.params import DEFAULT_LIMIT, Limit, Offset

router = APIRouter(prefix="/api", tags=["stories"])


@router.get("/stories", response_model=Page[StorySummary])
def list_stories(session: SessionDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Page[StorySummary]:
    return stories_service.list_stories(session=session, limit=limit, offset=offset)


@router.get("/stories/{slug}", response_model=StoryDetail)
def get_story(session: SessionDep, slug: str) -> StoryDetail:
    return stories_service.get_story(session=session, slug=slug)


@router.post("/stories/{slug}/rename", response_model=StoryDetail)
def rename_story(session: SessionDep, who: Analyst, slug: str, body: StoryRename) -> StoryDetail:
    story = stories_service.rename_story(session=session, slug=slug, title=body.title, author=who.name)
    return stories_service.get_story(session=session, slug=story.slug)


@router.post("/stories/{slug}/merge", response_model=StoryDetail)
def merge_story(session: SessionDep, who: Analyst, slug: str, body: StoryMerge) -> StoryDetail:
    story = stories_service.merge_stories(session=session, slug=slug, into=body.into, author=who.name)
    return stories_service.get_story(session=session, slug=story.slug)


@router.post("/stories/{slug}/split", response_model=StoryDetail, status_code=201)
def split_story(session: SessionDep, who: Analyst, slug: str, body: StorySplit) -> StoryDetail:
    story = stories_service.split_story(session=session, slug=slug, articles=body.articles, title=body.title, author=who.name)
    return stories_service.get_story(session=session, slug=story.slug)


@router.post("/articles/{slug}/story", response_model=StoryDetail)
def move_article(session: SessionDep, who: Analyst, slug: str, body: StoryMove) -> StoryDetail:
    """Put the article in another story (`story`: its slug, or "new"); later analyses leave it there."""
    story = stories_service.move_article(session=session, article=slug, to=body.story, author=who.name)
    return stories_service.get_story(session=session, slug=story.slug)
