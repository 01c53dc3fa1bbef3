"""HTML pages for actors and their curation forms (POST, then 303 redirect with a message)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from app.deps import SessionDep
from app.web.params import ActorSort, Offset, Text
from app.schemas import CurationRequest
from app.services import actors as actors_service
from app.services.actor_links import same_actor_suggestions
from app.services.articles import list_articles
from app.services.curation import curate, reject_mention, undo_action
from app.web.auth import Analyst, safe_next
from app.web.templating import redirect, render, same_query

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 100
MERGE_CHOICES = 300


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, session: SessionDep, kind: Text = None, language: Text = None, article: Text = None,
           q: Text = None, sort: ActorSort = "mentions",
           offset: Offset = 0) -> HTMLResponse:
    page = actors_service.list_actors(session=session, kind=kind, language=language, article=article, q=q, sort=sort, limit=PAGE_SIZE, offset=offset)
    context = {"page": page, "filters": {"kind": kind, "language": language, "article": article, "q": q, "sort": sort},
               "articles": list_articles(session=session, limit=300).items}
    return render(request, "actors/list.html", context, json_twin=same_query(request, "/api/actors"))


@router.get("/actors/{slug}", response_class=HTMLResponse)
def actor(request: Request, session: SessionDep, slug: str, offset: Offset = 0) -> HTMLResponse:
    detail = actors_service.get_actor(session=session, slug=slug)
    mentions = actors_service.actor_mentions(session=session, slug=slug, limit=PAGE_SIZE, offset=offset)
    others = actors_service.list_actors(session=session, limit=MERGE_CHOICES).items  # the most mentioned
    links = same_actor_suggestions(session=session, actor_id=detail.id)  # the same actor in another language?
    return render(request, "actors/detail.html", {"actor": detail, "mentions": mentions, "others": others, "links": links},
                  json_twin=f"/api/actors/{quote(slug)}")


@router.post("/actors/{slug}/{action:curation}")
def curate_form(session: SessionDep, who: Analyst, slug: str, action: str, name: Annotated[str, Form(max_length=300)] = "",
                kind: Annotated[str, Form(max_length=40)] = "", alias: Annotated[str, Form(max_length=300)] = "",
                language: Annotated[str, Form(max_length=10)] = "", into: Annotated[str, Form(max_length=300)] = "",
                wikidata: Annotated[str, Form(max_length=40)] = "") -> RedirectResponse:
    request = CurationRequest(name=name, kind=kind, alias=alias, language=language, into=into, wikidata=wikidata)
    actor = curate(session=session, slug=slug, action=action, request=request, author=who.name)
    return redirect(f"/actors/{quote(actor.slug)}", message=f"Saved ({action.replace('_', ' ')}). Matches were updated across the corpus.")


@router.post("/mentions/{mention_id}/reject")
def reject(session: SessionDep, who: Analyst, mention_id: int, back: Annotated[str, Form(max_length=500)] = "") -> RedirectResponse:
    actor = reject_mention(session=session, mention_id=mention_id, author=who.name)
    target = back if back and safe_next(back) == back else f"/actors/{quote(actor.slug)}"
    return redirect(target, message="Mention rejected; it stays rejected after re-ingest. Undo it from the actor's history.")


@router.post("/curation/{action_id}/undo")
def undo(session: SessionDep, who: Analyst, action_id: int) -> RedirectResponse:
    actor = undo_action(session=session, action_id=action_id, author=who.name)
    return redirect(f"/actors/{quote(actor.slug)}", message="Undone.")
