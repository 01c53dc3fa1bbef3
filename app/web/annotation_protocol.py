"""W3C Web Annotation Protocol routes: the container /annotations/ (collection, pages, Prefer),
each note's IRI by content negotiation (JSON-LD for clients, the passage for browsers), and POST,
PUT with If-Match, DELETE. Thin: the model, paging and ETags are in app.services.web_annotations."""

from __future__ import annotations

import json
import re
from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Path, Query, Request
from fastapi.responses import Response
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import parse_accept_header

from app.deps import SessionDep
from app.services import annotation_collections as ac
from app.services import annotations as notes_service
from app.services import web_annotations as wa
from app.web import pages
from app.web.auth import Analyst
from app.web.params import Limit, Text
from app.web.viewer import ViewerName

router = APIRouter(tags=["web annotation protocol"])

CONSTRAINED_BY = '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"'
# Cache-Control private: what a container lists depends on who asks (private notes), so no shared cache keeps it.
CONTAINER_HEADERS = {"Link": f'<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", {CONSTRAINED_BY}',
                     "Allow": "GET, HEAD, OPTIONS, POST", "Accept-Post": ac.ANNO_PROFILE, "Vary": "Accept, Prefer",
                     "Cache-Control": "private"}
ANNOTATION_HEADERS = {"Link": '<http://www.w3.org/ns/ldp#Resource>; rel="type"',
                      "Allow": "DELETE, GET, HEAD, OPTIONS, PUT", "Vary": "Accept", "Cache-Control": "private"}
JSON_TYPES = (ac.ANNO_PROFILE, "application/ld+json", "application/json")
_LD = {"schema": {"type": "object"}}
_ANNOTATION_BODY = Body(media_type="application/ld+json", examples=[{
    "@context": ac.ANNO_CONTEXT, "type": "Annotation", "body": {"type": "TextualBody", "value": "a figure to check"},
    "target": {"source": "http://127.0.0.1:8000/articles/SLUG",
               "selector": {"type": "TextQuoteSelector", "exact": "the words quoted"}}}])
JSON_LD = {"application/ld+json": _LD, "application/json": _LD}
NEGOTIATION = {406: {"description": "None of the types in Accept can be served (JSON-LD, JSON, or HTML for a note)"}}
_VERSIONED = {412: {"description": "If-Match names an older version: GET the note again"},
              428: {"description": "If-Match is missing: send the ETag you last read"},
              410: {"description": "The note was deleted (its history keeps it)"}}

IfMatch = Annotated[str | None, Header(max_length=2000, description="the ETag you last read (PUT needs it)")]
Key = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,80}$", description="the note's number, or the Slug it was posted with")]


def negotiate(accept: str | None, *, html: bool) -> str | None:
    """The media type to answer with: JSON-LD with the anno profile by default (also for */*),
    plain JSON when asked, HTML when a browser prefers it; None when nothing fits (406)."""
    offers = [*JSON_TYPES, *(["text/html"] if html else [])]
    if not accept or not accept.strip():
        return ac.ANNO_PROFILE
    parsed = parse_accept_header(accept, MIMEAccept)
    best = parsed.best_match(offers)
    if best is None:  # JSON-LD with a profile we do not name (e.g. ldp.jsonld): the bare type still fits
        bare = ", ".join(f"{value.split(';')[0].strip()};q={quality}" for value, quality in parsed)
        best = parse_accept_header(bare, MIMEAccept).best_match(offers)
    return ac.ANNO_PROFILE if best == "application/ld+json" else best


def wants_json_errors(request: Request) -> bool:
    """Protocol addresses answer errors in JSON unless a browser asks for HTML (see app.main)."""
    return re.fullmatch(r"/(contradictions/)?annotations/[^/]*", request.url.path) is not None and \
        negotiate(request.headers.get("accept"), html=True) != "text/html"


def base_of(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _listing(request: Request, article: str | None, tag: str | None, author: str | None, limit: int) -> ac.Listing:
    return wa.note_listing(base=base_of(request), article=article, tag=tag, author=author, page_size=limit)


def json_response(document: dict, media_type: str, headers: dict[str, str], status_code: int = 200) -> Response:
    return Response(json.dumps(document, ensure_ascii=False), status_code=status_code, media_type=media_type, headers=headers)


def unacceptable() -> Response:
    return Response(json.dumps({"detail": "This address serves application/ld+json (profile anno.jsonld) or "
                                          "application/json; ask for one of them in Accept."}),
                    status_code=406, media_type="application/json", headers={"Vary": "Accept"})


@router.get("/annotations/", responses={200: {"content": JSON_LD, "description": "The AnnotationCollection, or one "
                                              "AnnotationPage with `?page=`"}, **NEGOTIATION, 304: {"description": "Not modified"}})
def container(request: Request, session: SessionDep, viewer: ViewerName, article: Text = None, tag: Text = None, author: Text = None,
              limit: Limit = ac.PAGE_SIZE, page: Annotated[int | None, Query(ge=0, le=10**7)] = None,
              iris: Annotated[int, Query(ge=0, le=1, description="1: the page lists IRIs only")] = 0,
              prefer: Annotated[str | None, Header(max_length=2000)] = None,
              if_none_match: Annotated[str | None, Header(max_length=2000)] = None) -> Response:
    """The notes as an LDP BasicContainer and W3C AnnotationCollection: `total`, `first` (embedded)
    and `last` pages of `limit` (100 by default, 500 at most). `Prefer: return=representation;include="http://www.w3.org/ns/oa#PreferContainedIRIs"`
    lists IRIs only (`…#PreferContainedDescriptions`, the default, whole annotations;
    `http://www.w3.org/ns/ldp#PreferMinimalContainer` no page). `?page=N` is one AnnotationPage
    (`partOf`, `startIndex`, `next`, `prev`). Filters as `/api/annotations`. Replies are annotations
    of their own (motivation `replying`, targeting their note's IRI); a private note (`audience` an
    Audience of type private) and its replies are listed to its author only."""
    media = negotiate(request.headers.get("accept"), html=False)
    if media is None:
        return unacceptable()
    listing = _listing(request, article, tag, author, limit)
    return container_response(listing, wa.notes_fetch(session=session, listing=listing, viewer=viewer), media, CONTAINER_HEADERS,
                              page=page, iris=bool(iris), prefer=prefer, if_none_match=if_none_match)


def container_response(listing: ac.Listing, fetch: ac.Fetch, media: str, headers: dict[str, str], *, page: int | None,
                       iris: bool, prefer: str | None, if_none_match: str | None) -> Response:
    """A container's collection, or one of its pages, with its ETag (304 when the client has it)."""
    headers = dict(headers)
    if page is not None:
        document = ac.page(listing=listing, fetch=fetch, number=page, iris=iris)
    else:
        choice, asked = ac.preference(prefer or "")
        document = ac.collection(listing=listing, fetch=fetch, prefer=choice)
        if asked:
            headers["Preference-Applied"] = "return=representation"
    headers["ETag"] = ac.etag_of(document)
    if if_none_match and ac.matches(if_none_match, headers["ETag"]):
        return Response(status_code=304, headers=headers)
    return json_response(document, media, headers)


@router.post("/annotations/", status_code=201, responses={201: {"content": JSON_LD, "description": "Created: "
                                                                "`Location` is its IRI, `ETag` its version"}})
def post_annotation(request: Request, session: SessionDep, who: Analyst,
                    document: Annotated[dict[str, Any], _ANNOTATION_BODY],
                    slug: Annotated[str | None, Header(max_length=200, description="a name for the note's IRI")] = None) -> Response:
    """Create a note from a W3C Annotation: one target, an article's IRI (`…/articles/SLUG`, `#p-N`
    for a paragraph) with a TextQuoteSelector and/or TextPositionSelector (within the paragraph
    named by `#p-N` or a FragmentSelector, else over the article's paragraphs joined by a blank
    line); textual bodies become the note, those with purpose `tagging` its tags. It anchors as
    in the reader; a quote not in the text is refused with 422. `id` and `creator` are the server's;
    a `Slug` header names the IRI (`/annotations/my-note`: lower-case letters, digits, - and _; a
    taken one gets -2; one that is empty or a number is not used)."""
    note = wa.create(session=session, document=document, base=base_of(request), author=who.name, slug=slug)
    named = wa.slugs(session=session, ids=[note.id]).get(note.id)
    headers = {**ANNOTATION_HEADERS, "Location": wa.annotation_iri(base_of(request), note.id, named), "ETag": wa.etag(note)}
    return json_response(wa.to_web_annotation(note, base_of(request), slug=named), ac.ANNO_PROFILE, headers, status_code=201)


@router.get("/annotations/{annotation}", responses={200: {"content": JSON_LD, "description": "The Annotation"},
                                                        303: {"description": "A browser (Accept: text/html) is sent to the passage"},
                                                        304: {"description": "Not modified"}, **NEGOTIATION,
                                                        410: _VERSIONED[410]})
def get_annotation(request: Request, session: SessionDep, viewer: ViewerName, annotation: Key,
                   if_none_match: Annotated[str | None, Header(max_length=2000)] = None) -> Response:
    """A note's IRI: JSON-LD (profile anno.jsonld) or JSON with its `@context` and `ETag`; a
    browser asking for text/html is redirected to the passage in the reader, as before. Someone
    else's private note is 404, as if it did not exist."""
    media = negotiate(request.headers.get("accept"), html=True)  # Accept is not an OpenAPI parameter
    annotation_id = wa.resolve(session=session, key=annotation)
    if media == "text/html":
        redirect = pages.note_permalink(session, annotation_id, viewer)
        redirect.headers["Vary"] = "Accept"  # a cache must not hand this redirect to a JSON client
        return redirect
    if media is None:
        return unacceptable()
    note = notes_service.get_annotation(session=session, annotation_id=annotation_id, viewer=viewer, include_deleted=True)
    if note.deleted:
        return gone(annotation_id)
    headers = {**ANNOTATION_HEADERS, "ETag": wa.etag(note)}
    if if_none_match and ac.matches(if_none_match, headers["ETag"]):
        return Response(status_code=304, headers=headers)
    named = wa.slugs(session=session, ids=[i for i in (note.id, note.reply_to) if i is not None])
    return json_response(wa.to_web_annotation(note, base_of(request), slug=named.get(note.id), names=named), media, headers)


def gone(annotation_id: int) -> Response:
    return Response(json.dumps({"detail": f"Note {annotation_id} was deleted; its history keeps it: "
                                          f"/annotations/{annotation_id}/history (POST /api/annotations/{annotation_id}/restore "
                                          "brings it back)"}),
                    status_code=410, media_type="application/json", headers={"Vary": "Accept"})


@router.put("/annotations/{annotation}", responses={200: {"content": JSON_LD, "description": "The updated Annotation"},
                                                        **_VERSIONED})
def put_annotation(request: Request, session: SessionDep, who: Analyst, annotation: Key,
                   document: Annotated[dict[str, Any], _ANNOTATION_BODY], if_match: IfMatch = None) -> Response:
    """Replace a note (its author only) with the Annotation sent; `If-Match` must carry the ETag
    last read (412 when the note changed since, 428 without it). It stays on its article."""
    annotation_id = wa.resolve(session=session, key=annotation)
    if notes_service.get_annotation(session=session, annotation_id=annotation_id, viewer=who.name, include_deleted=True).deleted:
        return gone(annotation_id)  # restore it first (POST /api/annotations/{id}/restore)
    note = wa.replace(session=session, annotation_id=annotation_id, document=document, base=base_of(request),
                      author=who.name, if_match=if_match)
    headers = {**ANNOTATION_HEADERS, "ETag": wa.etag(note)}
    named = wa.slugs(session=session, ids=[note.id]).get(note.id)
    return json_response(wa.to_web_annotation(note, base_of(request), slug=named), ac.ANNO_PROFILE, headers)


@router.delete("/annotations/{annotation}", status_code=204, responses={204: {"description": "Hidden (restorable)"},
                                                                            412: _VERSIONED[412]})
def delete_annotation(session: SessionDep, who: Analyst, annotation: Key, if_match: IfMatch = None,
                      reason: Text = None) -> Response:
    """Hide a note, as `DELETE /api/annotations/{id}`: its author may, an admin with `?reason=`;
    its history keeps it and it can be restored. `If-Match`, when sent, must be current."""
    annotation_id = wa.resolve(session=session, key=annotation)
    wa.check_version(session=session, annotation_id=annotation_id, if_match=if_match, required=False, viewer=who.name)
    notes_service.delete_annotation(session=session, annotation_id=annotation_id, author=who.name,
                                    admin=who.can("admin"), reason=reason or "")
    return Response(status_code=204)


@router.head("/annotations/", include_in_schema=False)
def container_head(request: Request, session: SessionDep, viewer: ViewerName, article: Text = None, tag: Text = None, author: Text = None,
                   limit: Limit = ac.PAGE_SIZE, page: Annotated[int | None, Query(ge=0, le=10**7)] = None,
                   iris: Annotated[int, Query(ge=0, le=1)] = 0,
                   prefer: Annotated[str | None, Header(max_length=2000)] = None) -> Response:
    full = container(request, session, viewer, article, tag, author, limit, page, iris, prefer)
    return Response(status_code=full.status_code, headers={k: v for k, v in full.headers.items() if k != "content-length"})


@router.head("/annotations/{annotation}", include_in_schema=False)
def annotation_head(request: Request, session: SessionDep, viewer: ViewerName, annotation: Key) -> Response:
    full = get_annotation(request, session, viewer, annotation)
    return Response(status_code=full.status_code, headers={k: v for k, v in full.headers.items() if k != "content-length"})


@router.options("/annotations/", include_in_schema=False)
def container_options() -> Response:
    return Response(status_code=200, headers=CONTAINER_HEADERS)


@router.options("/annotations/{annotation}", include_in_schema=False)
def annotation_options(annotation: Key) -> Response:
    return Response(status_code=200, headers=ANNOTATION_HEADERS)
