"""Outlets as JSON under /api: the same service functions as the pages."""

from __future__ import annotations

from fastapi import APIRouter

from app.deps import SessionDep
from app.outlet_schemas import OutletCreate, OutletDetail, OutletEdit, OutletSummary, UnknownOutlet
from app.schemas import Page
from app.services import outlets as outlets_service
from app.web.auth import Analyst
from app.web.params import DEFAULT_LIMIT, Limit, Offset

router = APIRouter(prefix="/api", tags=["outlets"])


@router.get("/outlets", response_model=Page[OutletSummary])
def list_outlets(session: SessionDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Page[OutletSummary]:
    """Outlets with their article counts and languages, those with the most articles first."""
    return outlets_service.list_outlets(session=session, limit=limit, offset=offset)


@router.get("/outlets/unknown", response_model=Page[UnknownOutlet])
def unknown_outlets(session: SessionDep, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Page[UnknownOutlet]:
    """Outlet lines of articles that name no outlet yet (create one, or add the line to one's aliases)."""
    return outlets_service.unknown_outlets(session=session, limit=limit, offset=offset)


@router.post("/outlets", response_model=OutletDetail, status_code=201)
def create_outlet(session: SessionDep, who: Analyst, body: OutletCreate) -> OutletDetail:
    outlet = outlets_service.create_outlet(session=session, new=body, author=who.name)
    return outlets_service.get_outlet(session=session, slug=outlet.slug)


@router.get("/outlets/{slug}", response_model=OutletDetail)
def get_outlet(session: SessionDep, slug: str, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> OutletDetail:
    """The outlet; `limit` and `offset` page its `articles`."""
    return outlets_service.get_outlet(session=session, slug=slug, limit=limit, offset=offset)


@router.patch("/outlets/{slug}", response_model=OutletDetail)
def edit_outlet(session: SessionDep, who: Analyst, slug: str, body: OutletEdit) -> OutletDetail:
    """Change the fields sent (each one then the analyst's: the registry file no longer sets it)."""
    outlet = outlets_service.edit_outlet(session=session, slug=slug, changes=body, author=who.name)
    return outlets_service.get_outlet(session=session, slug=outlet.slug)
