"""HTML pages and form posts (POST, then 303 redirect with a message); thin over app.services."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.deps import SessionDep
from app.web.params import Offset, Text
from app.schemas import AnnotationDraft, AnnotationOut, AnnotationPatch, MetadataCorrection, Selector
from app.services import annotations as notes_service
from app.services import articles as articles_service
from app.services import outlets as outlets_service
from app.services import stories as stories_service
from app.services.alignment import aligned_rows
from app.services.errors import AmbiguousQuote, InvalidInput
from app.services.ingest import ingest_events
from app.services.jobs import MAX_ATTEMPTS, job_status
from app.services.search import MAX_QUERY_CHARS, search
from app.web.auth import Analyst, safe_next
from app.web.templating import redirect, render, same_query
from app.web.viewer import ViewerName

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
PICKER_SIZE = 300



@router.get("/", response_class=HTMLResponse)
def library(request: Request, session: SessionDep, viewer: ViewerName, language: Text = None, outlet: Text = None,
            tag: Text = None, q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)] = None,
            offset: Offset = 0, group: Annotated[str | None, Query(pattern="^(story)?$")] = None) -> HTMLResponse:
    page = articles_service.list_articles(session=session, language=language, outlet=outlet, tag=tag, q=q, limit=PAGE_SIZE,
                                          offset=offset, viewer=viewer)
    context = {"page": page, "facets": articles_service.facets(session=session),
               "tags": notes_service.list_tags(session=session, viewer=viewer),
               "filters": {"language": language, "outlet": outlet, "tag": tag, "q": q, "group": group},
               "groups": stories_service.group_by_story(session=session, articles=page.items) if group else None}
    return render(request, "library.html", context, json_twin=same_query(request, "/api/articles"))


@router.get("/articles/{slug}", response_class=HTMLResponse)
def reader(request: Request, session: SessionDep, viewer: ViewerName, slug: str,
           start: Annotated[int, Query(alias="from", ge=0, le=10**7)] = 0,
           notes: Annotated[int, Query(ge=0, le=10**7)] = 0) -> HTMLResponse:
    return _reader(request, session, slug, viewer, start=start, notes_from=notes)


@router.post("/articles/{slug}/annotations")
def add_note(request: Request, session: SessionDep, who: Analyst, slug: str,
             paragraph: Annotated[str, Form(max_length=12)] = "",
             body: Annotated[str, Form()] = "", tags: Annotated[str, Form()] = "",
             exact: Annotated[str, Form()] = "",
             prefix: Annotated[str, Form()] = "", suffix: Annotated[str, Form()] = "",
             start: Annotated[str, Form(max_length=12)] = "", end: Annotated[str, Form(max_length=12)] = "",
             private: Annotated[str, Form(max_length=10)] = "",
             next: Annotated[str, Form(max_length=2000)] = "") -> Response:  # noqa: A002
    form = {"paragraph": paragraph, "body": body, "tags": tags, "exact": exact, "private": bool(private)}
    try:
        draft = AnnotationDraft(
            article=slug, paragraph=_int_or_none(paragraph, "paragraph"), body=body,
            tags=[tags], visibility="private" if private else "team",
            selector=Selector(exact=exact or None, prefix=prefix or None, suffix=suffix or None,
                              start=_int_or_none(start, "start"), end=_int_or_none(end, "end")),
        )
        note = notes_service.create_annotation(session=session, draft=draft, author=who.name)
    except InvalidInput as exc:
        choices = list(zip(exc.paragraphs, exc.contexts)) if isinstance(exc, AmbiguousQuote) else []
        return _reader(request, session, slug, who.name, form=form | {"choices": choices}, error=str(exc), status_code=422)
    if next:  # a note written in the compare view goes back there
        return redirect(safe_next(next), message="Note saved.")
    return redirect(f"/articles/{quote(slug)}#note-{note.id}", message="Note saved.")


@router.post("/annotations/{annotation_id}/edit")
def edit_note(session: SessionDep, who: Analyst, annotation_id: int, body: Annotated[str, Form()] = "",
              tags: Annotated[str, Form()] = "", private: Annotated[str, Form(max_length=10)] = "",
              reply: Annotated[str, Form(max_length=10)] = "") -> RedirectResponse:
    """The note form (text, tags, "Private (only me)") or, with `reply`, a reply's form (text only)."""
    patch = AnnotationPatch(body=body) if reply else AnnotationPatch(body=body, tags=[tags], visibility="private" if private else "team")
    note = notes_service.update_annotation(session=session, annotation_id=annotation_id, patch=patch, author=who.name)
    return redirect(_card_url(note), message="Reply updated." if reply else "Note updated.")


@router.post("/annotations/{annotation_id}/replies")
def reply_to_note(session: SessionDep, who: Analyst, annotation_id: int, body: Annotated[str, Form()] = "") -> RedirectResponse:
    reply = notes_service.create_reply(session=session, annotation_id=annotation_id, body=body, author=who.name)
    return redirect(_card_url(reply), message="Reply posted.")


@router.post("/annotations/{annotation_id}/delete")
def delete_note(session: SessionDep, who: Analyst, annotation_id: int,
                reason: Annotated[str, Form(max_length=500)] = "") -> RedirectResponse:
    note = notes_service.delete_annotation(session=session, annotation_id=annotation_id, author=who.name,
                                           admin=who.can("admin"), reason=reason)
    return redirect(f"/articles/{quote(note.article)}", message="Reply deleted." if note.reply_to else "Note deleted.", undo=note.id)


@router.post("/annotations/{annotation_id}/restore")
def restore_note(session: SessionDep, who: Analyst, annotation_id: int) -> RedirectResponse:
    note = notes_service.restore_annotation(session=session, annotation_id=annotation_id, author=who.name,
                                            admin=who.can("admin"))
    return redirect(_card_url(note), message="Note restored.")


def _card_url(note: AnnotationOut) -> str:
    """Where a note's card is in the reader (a reply: its note's card, at the reply)."""
    return f"/articles/{quote(note.article)}?note={note.reply_to or note.id}#note-{note.id}"


def note_permalink(session: SessionDep, annotation_id: int, viewer: str | None) -> RedirectResponse:
    """The article at the note, highlighted (`?note=`); a deleted note opens its history instead.
    Browsers reach it through the note's IRI (app.web.annotation_protocol), which negotiates.
    A reply opens its note's card."""
    note = notes_service.get_annotation(session=session, annotation_id=annotation_id, viewer=viewer, include_deleted=True)
    if note.deleted:
        return RedirectResponse(f"/annotations/{note.id}/history", status_code=303)
    if note.reply_to is not None:
        note = notes_service.get_annotation(session=session, annotation_id=note.reply_to, viewer=viewer, include_deleted=True)
        if note.deleted:
            return RedirectResponse(f"/annotations/{note.id}/history", status_code=303)
    page = articles_service.page_start(note.paragraph or 0)
    span = (page, page + articles_service.PARAGRAPH_PAGE)
    notes = notes_service.note_position(session=session, note_id=note.id, article=note.article, paragraphs=span, viewer=viewer)
    notes -= notes % articles_service.NOTE_PAGE
    where = "?" + "&".join([f"from={page}"] * bool(page) + [f"notes={notes}"] * bool(notes) + [f"note={note.id}"])
    return RedirectResponse(f"/articles/{quote(note.article)}{where}#note-{note.id}", status_code=303)


@router.post("/articles/{slug}/metadata")
def correct_metadata(session: SessionDep, who: Analyst, slug: str, title: Annotated[str, Form()] = "",
                     outlet: Annotated[str, Form()] = "", published: Annotated[str, Form()] = "",
                     language: Annotated[str, Form()] = "") -> RedirectResponse:
    correction = MetadataCorrection(title=title, outlet=outlet, published=published, language=language)
    articles_service.correct_metadata(session=session, slug=slug, correction=correction)
    return redirect(f"/articles/{quote(slug)}", message="Metadata saved; it will survive re-ingest.")


@router.get("/compare", response_class=HTMLResponse)
def compare(request: Request, session: SessionDep, viewer: ViewerName, articles: Annotated[list[str], Query(max_length=2000)] = [],  # noqa: B006
            align: bool = False) -> Response:
    slugs = articles_service.parse_compare_set(articles)
    canonical = "/compare?" + urlencode({"articles": ",".join(slugs), **({"align": "1"} if align else {})}, safe=",")
    if len(articles) > 1 and articles_service.COMPARE_MIN <= len(slugs) <= articles_service.COMPARE_MAX:
        return RedirectResponse(canonical, status_code=303)  # picker posts a=…&a=…: keep one URL form
    library = articles_service.list_articles(session=session, limit=PICKER_SIZE, viewer=viewer).items  # newest first
    try:
        columns, error, status = articles_service.compare_view(session=session, slugs=slugs, viewer=viewer), None, 200
    except InvalidInput as exc:  # too few or too many: show the picker with the reason
        columns, error, status = [], str(exc), 422
    rows = aligned_rows(session=session, slugs=slugs) if columns and align else None
    return render(request, "compare.html", {"columns": columns, "slugs": slugs, "library": library, "error": error, "rows": rows},
                  status_code=status, json_twin=same_query(request, "/api/compare"))


@router.get("/tags", response_class=HTMLResponse)
def tags(request: Request, session: SessionDep, viewer: ViewerName) -> HTMLResponse:
    return render(request, "tags.html", {"tags": notes_service.list_tags(session=session, viewer=viewer), "tag": None},
                  json_twin="/api/tags")


@router.get("/tags/{tag:path}", response_class=HTMLResponse)  # a tag may hold a "/"
def tag_page(request: Request, session: SessionDep, viewer: ViewerName, tag: str) -> HTMLResponse:
    notes = notes_service.list_annotations(session=session, viewer=viewer, tag=tag)
    articles = articles_service.list_articles(session=session, tag=tag, viewer=viewer)
    return render(request, "tags.html", {"tags": notes_service.list_tags(session=session, viewer=viewer), "tag": tag, "notes": notes, "articles": articles},
                  json_twin=f"/api/annotations?tag={quote(tag)}")


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, session: SessionDep, q: Annotated[str, Query(max_length=MAX_QUERY_CHARS)] = "",
                offset: Offset = 0) -> HTMLResponse:
    hits = search(session=session, q=q, limit=PAGE_SIZE, offset=offset) if q.strip() else None
    return render(request, "search.html", {"q": q, "hits": hits}, json_twin=same_query(request, "/api/search"))


@router.get("/ingest", response_class=HTMLResponse)
def ingest_log(request: Request, session: SessionDep, status: Text = None) -> HTMLResponse:
    events = ingest_events(session=session, status=status)
    return render(request, "ingest.html", {"events": events, "status": status, "jobs": job_status(session=session), "max_attempts": MAX_ATTEMPTS},
                  json_twin=same_query(request, "/api/ingest/events"))


def _reader(request: Request, session: SessionDep, slug: str, viewer: str | None, *, form: dict | None = None,
            error: str | None = None, status_code: int = 200, start: int = 0, notes_from: int = 0) -> HTMLResponse:
    article = articles_service.get_article(session=session, slug=slug, start=articles_service.page_start(start), viewer=viewer,
                                           notes_from=notes_from)
    deleted = notes_service.list_annotations(session=session, viewer=viewer, article=slug, deleted=True).items
    context = {"article": article, "deleted": deleted, "form": form or {}, "error": error,
               "page_size": articles_service.PARAGRAPH_PAGE, "note_page": articles_service.NOTE_PAGE,
               "tags": notes_service.list_tags(session=session, viewer=viewer),
               "story": stories_service.stories_of(session=session, article_ids=[article.id]).get(article.id),
               "outlet": outlets_service.outlet_of(session=session, outlet=article.outlet, url=article.url)}
    return render(request, "reader.html", context, status_code=status_code, json_twin=f"/api/articles/{quote(slug)}")


def _int_or_none(value: str, name: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise InvalidInput(f"The {name} must be a whole number, not {value[:20]!r}.") from exc

