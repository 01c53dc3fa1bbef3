"""Exports under /api: CSV twins of the notes, claims and contradictions lists, and the briefing as JSON."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.deps import SessionDep
from app.services import annotations as notes_service
from app.services import articles as articles_service
from app.services import claims as claims_service
from app.services import contradiction_annotations, csv_export
from app.services import contradictions as contradictions_service
from app.services.annotation_collections import ANNO_PROFILE
from app.services.briefing import Briefing, briefing_view
from app.web.params import (
    DEFAULT_LIMIT,
    ClaimKind,
    ContradictionKind,
    ContradictionStatus,
    Expand,
    Limit,
    Text,
)
from app.web.viewer import ViewerName

router = APIRouter(prefix="/api", tags=["exports"])

CSV_RESPONSE = {200: {"content": {"text/csv": {}}, "description": "CSV with a header row, UTF-8 without BOM."}}


@router.get("/annotations.csv", response_class=Response, responses=CSV_RESPONSE)
def annotations_csv(session: SessionDep, viewer: ViewerName, article: Text = None, tag: Text = None, author: Text = None) -> Response:
    """Every note and reply the filters keep that you may see (no paging), one row each; tags joined with " | "."""
    page = notes_service.list_annotations(session=session, viewer=viewer, article=article, tag=tag, author=author, replies=True)
    return _csv(csv_export.annotations_csv(page.items), "annotations.csv")


@router.get("/claims.csv", response_class=Response, responses=CSV_RESPONSE)
def claims_csv(session: SessionDep, kind: ClaimKind = None, speaker: Text = None, metric: Text = None,
               article: Text = None, language: Text = None) -> Response:
    page = claims_service.list_claims(session=session, kind=kind, speaker=speaker, metric=metric, article=article, language=language)
    return _csv(csv_export.claims_csv(page.items), "claims.csv")


@router.get("/contradictions.jsonld", response_class=Response,
            responses={200: {"content": {ANNO_PROFILE: {}}, "description": "A W3C AnnotationCollection, or one AnnotationPage with `?page=`"}})
def contradictions_jsonld(request: Request, session: SessionDep, kind: ContradictionKind = None, status: ContradictionStatus = None,
                          article: Text = None, limit: Limit = DEFAULT_LIMIT,
                          page: Annotated[int | None, Query(ge=0, le=10**7)] = None) -> Response:
    """The contradictions the filters keep as one W3C AnnotationCollection (JSON-LD, the W3C
    context): each an Annotation with one target per passage (a `TextQuoteSelector` and a
    `TextPositionSelector` in its article's paragraph), motivation `assessing`, the reason as body,
    its kind, status and strength as tags; `limit` a page (100 by default, 500 at most), `?page=N` one page."""
    document = contradiction_annotations.contradictions_jsonld(session=session, base=str(request.base_url).rstrip("/"), kind=kind,
                                                               status=status, article=article, page_size=limit, page=page)
    return Response(json.dumps(document, ensure_ascii=False), media_type=ANNO_PROFILE)


@router.get("/contradictions.csv", response_class=Response, responses=CSV_RESPONSE)
def contradictions_csv(session: SessionDep, kind: ContradictionKind = None, status: ContradictionStatus = None,
                       article: Text = None) -> Response:
    """One row per contradiction; its articles and passages joined with " | "."""
    page = contradictions_service.list_contradictions(session=session, kind=kind, status=status, article=article)
    return _csv(csv_export.contradictions_csv(page.items), "contradictions.csv")


@router.get("/briefing", response_model=Briefing)
def briefing(session: SessionDep, viewer: ViewerName, articles: Annotated[list[str], Query(max_length=2000)] = [],  # noqa: B006
             expand: Expand = None) -> Briefing:
    """A compare set (2 to 4 articles) with key passages, notes and the contradictions involving it;
    as in /api/contradictions, passages link to their paragraph and `?expand=paragraphs` embeds it."""
    return briefing_view(session=session, slugs=articles_service.parse_compare_set(articles), viewer=viewer,
                         paragraph_texts=expand == "paragraphs")


def _csv(text: str, filename: str) -> Response:
    # The filename is fixed, never built from the filters, so no user text reaches the header.
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
