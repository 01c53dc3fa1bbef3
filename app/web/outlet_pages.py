"""Outlet pages and their forms (POST, then 303 redirect with a message)."""

from __future__ import annotations

from typing import Annotated, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ValidationError

from app.analysis.outlets import host_of, name_key
from app.deps import SessionDep
from app.outlet_schemas import NOTE_MAX, OutletCreate, OutletEdit
from app.services import outlets as outlets_service
from app.services.errors import InvalidInput
from app.web.auth import Analyst
from app.web.params import Offset
from app.web.templating import redirect, render, same_query

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 100
Line = Annotated[str, Form(max_length=300)]
Lines = Annotated[str, Form(max_length=20_000)]  # one alias or domain a line
Note = Annotated[str, Form(max_length=NOTE_MAX)]
T = TypeVar("T", bound=BaseModel)


@router.get("/outlets", response_class=HTMLResponse)
def outlets(request: Request, session: SessionDep, offset: Offset = 0) -> HTMLResponse:
    page = outlets_service.list_outlets(session=session, limit=PAGE_SIZE, offset=offset)
    unknown = outlets_service.unknown_outlets(session=session, limit=PAGE_SIZE)
    choices = outlets_service.outlet_choices(session=session)
    return render(request, "outlets/list.html", {"page": page, "unknown": unknown, "choices": choices},
                  json_twin=same_query(request, "/api/outlets"))


@router.get("/outlets/{slug}", response_class=HTMLResponse)
def outlet(request: Request, session: SessionDep, slug: str, offset: Offset = 0) -> HTMLResponse:
    detail = outlets_service.get_outlet(session=session, slug=slug, limit=PAGE_SIZE, offset=offset)
    return render(request, "outlets/detail.html", {"outlet": detail}, json_twin=f"/api/outlets/{quote(slug)}")


@router.post("/outlets")
def create(session: SessionDep, who: Analyst, name: Annotated[str, Form(min_length=1, max_length=200)], alias: Line = "",
           country: Line = "", state_media: Line = "") -> RedirectResponse:
    """Name an unknown outlet line: a new outlet, the line kept as its alias (or domain)."""
    host = host_of(alias)
    names = {"domains": [host]} if host else {"aliases": [alias]} if alias.strip() and name_key(alias) != name_key(name) else {}
    new = _form(OutletCreate, name=name, country=country, state_media=bool(state_media), **names)
    outlet = outlets_service.create_outlet(session=session, new=new, author=who.name)
    return redirect(f"/outlets/{quote(outlet.slug)}", message="Outlet created. Its articles are listed here.")


@router.post("/outlets/names")
def add_name(session: SessionDep, who: Analyst, outlet: Annotated[str, Form(min_length=1, max_length=300)], text: Line = "") -> RedirectResponse:
    """An unknown outlet line names this outlet (`outlet`: its slug): kept as one of its aliases (or domains)."""
    named = outlets_service.add_name(session=session, slug=outlet, text=text, author=who.name)
    return redirect(f"/outlets/{quote(named.slug)}", message=f"“{' '.join(text.split())}” now names {named.name}.")


@router.post("/outlets/{slug}/edit")
def edit(session: SessionDep, who: Analyst, slug: str, name: Line = "", aliases: Lines = "", domains: Lines = "",
         country: Line = "", state_media: Line = "", state_media_note: Note = "", ownership: Note = "") -> RedirectResponse:
    changes = _form(OutletEdit, name=name, aliases=_lines(aliases), domains=_lines(domains), country=country,
                    state_media=bool(state_media), state_media_note=state_media_note, ownership=ownership)
    outlet = outlets_service.edit_outlet(session=session, slug=slug, changes=changes, author=who.name)
    return redirect(f"/outlets/{quote(outlet.slug)}", message="Saved. Loading the outlet registry again keeps what you changed.")


def _form(model: type[T], **fields: object) -> T:
    """The form's fields as the JSON edit takes them; what does not fit is a 422 saying why."""
    try:
        return model(**fields)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error.get("loc", ())) or "form"
        raise InvalidInput(f"{where}: {error.get('msg', 'invalid')}.") from exc


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
