"""Jinja2 environment, highlight rendering, flash messages and the render/redirect helpers."""

from __future__ import annotations

import json
from collections.abc import Sequence
from urllib.parse import quote, unquote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from app.analysis.spans import split_by_spans
from app.config import PROJECT_ROOT
from app.schemas import AnnotationOut

templates = Jinja2Templates(directory=str(PROJECT_ROOT / "templates"))
FLASH_COOKIE = "flash"


def highlight(text: str, notes: Sequence[AnnotationOut]) -> Markup:
    """The paragraph as HTML: text escaped, each quoted passage in <mark> linked to its note."""
    spans = [(n.selector.start, n.selector.end, n.id) for n in notes if n.selector and n.selector.start is not None and not n.orphaned]
    out = []
    for seg in split_by_spans(text, spans):
        if seg.marks:
            ids = " ".join(str(i) for i in sorted(seg.marks))
            first = min(seg.marks)
            out.append(Markup('<mark class="note-mark" data-notes="{}"><a href="#note-{}">{}</a></mark>').format(ids, first, seg.text))
        else:
            out.append(escape(seg.text))
    return Markup("").join(out)


def by_paragraph(notes: Sequence[AnnotationOut]) -> dict[int, list[AnnotationOut]]:
    grouped: dict[int, list[AnnotationOut]] = {}
    for note in notes:
        if note.paragraph is not None:
            grouped.setdefault(note.paragraph, []).append(note)
    return grouped


def url_with(request: Request, **changes: object) -> str:
    """This page's URL with some query parameters changed (None removes one)."""
    params = {k: v for k, v in request.query_params.items()}
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


templates.env.globals.update(highlight=highlight, url_with=url_with, by_paragraph=by_paragraph)
templates.env.filters["urlpart"] = lambda value: quote(str(value), safe="")


def render(request: Request, name: str, context: dict, *, status_code: int = 200, json_twin: str | None = None) -> HTMLResponse:
    flash = _read_flash(request)
    response = templates.TemplateResponse(
        request, name, {"flash": flash, "json_twin": json_twin, **context}, status_code=status_code
    )
    if flash:
        response.delete_cookie(FLASH_COOKIE)
    return response


def redirect(url: str, *, message: str | None = None, undo: int | None = None) -> RedirectResponse:
    """POST, then redirect (303) with a one-time message shown on the next page."""
    response = RedirectResponse(url, status_code=303)
    if message:
        response.set_cookie(FLASH_COOKIE, quote(json.dumps({"text": message, "undo": undo})), httponly=True, samesite="lax")
    return response


def _read_flash(request: Request) -> dict | None:
    raw = request.cookies.get(FLASH_COOKIE)
    if not raw:
        return None
    try:
        value = json.loads(unquote(raw))
    except ValueError:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("text"), str):
        return None
    undo = value.get("undo")
    return {"text": value["text"][:300], "undo": undo if isinstance(undo, int) else None}
