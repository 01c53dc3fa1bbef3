"""Contradictions through the W3C Web Annotation Protocol, read-only: the container
/contradictions/annotations/ (collection, pages, Prefer) and each contradiction's annotation IRI by
content negotiation (JSON-LD for clients, the contradiction's page for browsers). Writes stay with
/api/contradictions. Thin: see app.services.contradiction_annotations."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import RedirectResponse, Response

from app.deps import SessionDep
from app.services import annotation_collections as ac
from app.services import contradiction_annotations as ca
from app.web.annotation_protocol import (
    CONSTRAINED_BY,
    JSON_LD,
    NEGOTIATION,
    base_of,
    container_response,
    json_response,
    negotiate,
    unacceptable,
)
from app.web.params import ContradictionKind, ContradictionStatus, Limit, Text

router = APIRouter(tags=["web annotation protocol"])

READ_ONLY = {"Allow": "GET, HEAD, OPTIONS", "Vary": "Accept, Prefer"}
CONTAINER_HEADERS = {**READ_ONLY, "Link": f'<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", {CONSTRAINED_BY}'}
ANNOTATION_HEADERS = {**READ_ONLY, "Vary": "Accept", "Link": '<http://www.w3.org/ns/ldp#Resource>; rel="type"'}


@router.get(ca.CONTAINER_PATH, responses={200: {"content": JSON_LD, "description": "The AnnotationCollection, or one "
                                                "AnnotationPage with `?page=`"}, **NEGOTIATION})
def contradiction_container(request: Request, session: SessionDep, kind: ContradictionKind = None,
                            status: ContradictionStatus = None, article: Text = None, limit: Limit = ac.PAGE_SIZE,
                            page: Annotated[int | None, Query(ge=0, le=10**7)] = None,
                            iris: Annotated[int, Query(ge=0, le=1, description="1: the page lists IRIs only")] = 0,
                            prefer: Annotated[str | None, Header(max_length=2000)] = None,
                            if_none_match: Annotated[str | None, Header(max_length=2000)] = None) -> Response:
    """The contradictions as W3C Annotations with one target per passage (motivation `assessing`,
    the reason as body, kind and status as tags), strongest first, paged and negotiated as the
    notes' container `/annotations/`. Read-only: decide them with `PATCH /api/contradictions/{id}`."""
    media = negotiate(request.headers.get("accept"), html=False)
    if media is None:
        return unacceptable()
    listing = ca.contradiction_listing(base=base_of(request), kind=kind, status=status, article=article, page_size=limit)
    return container_response(listing, ca.contradictions_fetch(session=session, listing=listing), media, CONTAINER_HEADERS,
                              page=page, iris=bool(iris), prefer=prefer, if_none_match=if_none_match)


@router.get(ca.CONTAINER_PATH + "{contradiction_id}", responses={
    200: {"content": JSON_LD, "description": "The contradiction as an Annotation"},
    303: {"description": "A browser (Accept: text/html) is sent to the contradiction's page"}, **NEGOTIATION})
def contradiction_annotation(request: Request, session: SessionDep, contradiction_id: int) -> Response:
    media = negotiate(request.headers.get("accept"), html=True)
    if media == "text/html":
        return RedirectResponse(f"/contradictions/{contradiction_id}", status_code=303, headers={"Vary": "Accept"})
    if media is None:
        return unacceptable()
    document = ca.get(session=session, contradiction_id=contradiction_id, base=base_of(request))
    return json_response(document, media, {**ANNOTATION_HEADERS, "ETag": ac.etag_of(document)})


@router.options(ca.CONTAINER_PATH, include_in_schema=False)
def contradiction_container_options() -> Response:
    return Response(status_code=200, headers=CONTAINER_HEADERS)
