"""The team's activity feed (page and Atom) and each note's history with restore; JSON twins are
/api/activity and /api/annotations/{id}/history (app/web/api.py)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.deps import SessionDep
from app.web.params import Offset, RevisionKind, Text
from app.services import annotations as notes_service
from app.services import history
from app.web.auth import Analyst
from app.web.templating import redirect, render, same_query, templates
from app.web.viewer import ViewerName

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


@router.get("/activity", response_class=HTMLResponse)
def activity(request: Request, session: SessionDep, viewer: ViewerName, author: Text = None, kind: RevisionKind = None, offset: Offset = 0) -> HTMLResponse:
    page = history.activity(session=session, viewer=viewer, author=author, kind=kind, limit=PAGE_SIZE, offset=offset)
    context = {"page": page, "author": author, "kind": kind, "authors": history.authors(session=session, viewer=viewer), "kinds": history.ITEM_KINDS}
    return render(request, "activity.html", context, json_twin=same_query(request, "/api/activity"))


@router.get("/activity.atom")
def activity_feed(request: Request, session: SessionDep, viewer: ViewerName, author: Text = None, kind: RevisionKind = None) -> Response:
    """The same feed for feed readers; they authenticate with an API token or read anonymously if allowed."""
    page = history.activity(session=session, viewer=viewer, author=author, kind=kind, limit=PAGE_SIZE)
    base = str(request.base_url).rstrip("/")
    body = templates.get_template("activity.atom.xml").render(page=page, base=base, self_url=str(request.url))
    return Response(body, media_type="application/atom+xml; charset=utf-8")


@router.get("/annotations/{annotation_id}/history", response_class=HTMLResponse)
def note_history(request: Request, session: SessionDep, viewer: ViewerName, annotation_id: int) -> HTMLResponse:
    note = notes_service.get_annotation(session=session, annotation_id=annotation_id, viewer=viewer, include_deleted=True)
    revisions = notes_service.annotation_history(session=session, annotation_id=annotation_id, viewer=viewer)
    return render(request, "note_history.html", {"note": note, "revisions": revisions},
                  json_twin=f"/api/annotations/{annotation_id}/history")


@router.post("/annotations/{annotation_id}/revisions/{revision_id}/restore")
def restore_revision(session: SessionDep, who: Analyst, annotation_id: int, revision_id: int) -> RedirectResponse:
    note = notes_service.restore_version(session=session, annotation_id=annotation_id, revision_id=revision_id,
                                         author=who.name, admin=who.can("admin"))
    return redirect(f"/articles/{quote(note.article)}?note={note.reply_to or note.id}#note-{note.id}",
                    message="That version of the note is back.")
