"""The printable briefing page for a compare set; its JSON twin is /api/briefing (app/web/exports.py)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from app.deps import SessionDep
from app.services import articles as articles_service
from app.services.briefing import briefing_view
from app.web.templating import render, same_query
from app.web.viewer import ViewerName

router = APIRouter(include_in_schema=False)


@router.get("/briefing", response_class=HTMLResponse)
def briefing(request: Request, session: SessionDep, viewer: ViewerName, articles: Annotated[list[str], Query(max_length=2000)] = []) -> HTMLResponse:  # noqa: B006
    """A wrong-sized set or unknown slug raises InvalidInput / NotFound: the app's error pages (422 / 404)."""
    slugs = articles_service.parse_compare_set(articles)
    view = briefing_view(session=session, slugs=slugs, viewer=viewer)
    return render(request, "briefing.html", {"briefing": view, "slugs": slugs},
                  json_twin=same_query(request, "/api/briefing"))
