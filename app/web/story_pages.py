"""Story pages and their edit forms (POST, then 303 redirect with a message)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from app.deps import SessionDep
from app.services import stories as stories_service
from app.web.auth import Analyst
from app.web.charts import figure_chart
from app.web.params import Offset
from app.web.templating import redirect, render, same_query

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
Slug = Annotated[str, Form(min_length=1, max_length=300)]


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, session: SessionDep, offset: Offset = 0) -> HTMLResponse:
    page = stories_service.list_stories(session=session, limit=PAGE_SIZE, offset=offset)
    return render(request, "stories/list.html", {"page": page}, json_twin=same_query(request, "/api/stories"))


@router.get("/stories/{slug}", response_class=HTMLResponse)
def story(request: Request, session: SessionDep, slug: str) -> HTMLResponse:
    detail = stories_service.get_story(session=session, slug=slug)
    if detail.slug != slug:  # a merged story's address: show where its articles went
        return RedirectResponse(f"/stories/{quote(detail.slug)}", status_code=303)  # type: ignore[return-value]
    charts = {m.metric: figure_chart(m.figures) for m in detail.metrics if len(m.figures) > 1}
    others = [s for s in stories_service.choices(session=session) if s.id != detail.id]
    return render(request, "stories/detail.html", {"story": detail, "charts": charts, "others": others},
                  json_twin=f"/api/stories/{quote(slug)}")


@router.post("/stories/{slug}/rename")
def rename(session: SessionDep, who: Analyst, slug: str, title: Annotated[str, Form(max_length=300)] = "") -> RedirectResponse:
    story = stories_service.rename_story(session=session, slug=slug, title=title, author=who.name)
    return redirect(f"/stories/{quote(story.slug)}", message="Renamed. The name stays when articles are analysed again.")


@router.post("/stories/{slug}/move")
def move(session: SessionDep, who: Analyst, slug: str, article: Slug, to: Slug) -> RedirectResponse:
    stories_service.story_article(session=session, slug=slug, article=article)
    target = stories_service.move_article(session=session, article=article, to=to, author=who.name)
    return redirect(f"/stories/{quote(target.slug)}", message="Article moved. It stays here when articles are analysed again.")


@router.post("/stories/{slug}/merge")
def merge(session: SessionDep, who: Analyst, slug: str, into: Slug) -> RedirectResponse:
    target = stories_service.merge_stories(session=session, slug=slug, into=into, author=who.name)
    return redirect(f"/stories/{quote(target.slug)}", message="Stories merged; the old address leads here.")


@router.post("/stories/{slug}/split")
def split(session: SessionDep, who: Analyst, slug: str, articles: Annotated[list[str], Form(max_length=500)] = [],  # noqa: B006
          title: Annotated[str, Form(max_length=300)] = "") -> RedirectResponse:
    new = stories_service.split_story(session=session, slug=slug, articles=articles, title=title, author=who.name)
    return redirect(f"/stories/{quote(new.slug)}", message="Split: these articles are a story of their own now.")
