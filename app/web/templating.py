"""Jinja2 environment, highlight rendering, flash messages and the render/redirect helpers."""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime
from collections.abc import Sequence
from urllib.parse import quote, unquote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from markupsafe import Markup, escape

from app.analysis.spans import split_by_spans
from app.config import PROJECT_ROOT
from app.services.labels import shorten
from app.schemas import AnnotationOut, ClaimOut, ContradictionMark, MentionOut
from app.web.auth import csrf_field

templates = Jinja2Templates(directory=str(PROJECT_ROOT / "templates"))
FLASH_COOKIE = "flash"


def highlight(text: str, notes: Sequence[AnnotationOut], mentions: Sequence[MentionOut] = (),
              request: Request | None = None, claims: Sequence[ClaimOut] = (),
              contradictions: Sequence[ContradictionMark] = ()) -> Markup:
    """The paragraph as HTML: text escaped, notes' quoted passages in <mark>, actor mentions as
    links that select the actor (`?actor=slug`) everywhere on the page, claims boxed or underlined,
    disputed words underlined by contradiction kind. Spans may overlap: the text is cut where any
    span begins or ends and each piece is wrapped in the marks covering it, so tags always nest."""
    selected = request.query_params.get("actor") if request else None
    chosen = request.query_params.get("contradiction") if request else None
    spans = [(n.selector.start, n.selector.end, ("note", n.id)) for n in notes
             if n.selector and n.selector.start is not None and not n.orphaned]
    spans += [(m.start, m.end, ("actor", i)) for i, m in enumerate(mentions)]
    spans += [(c.start, c.end, ("claim", i)) for i, c in enumerate(claims)]
    spans += [(c.start, c.end, ("contradiction", i)) for i, c in enumerate(contradictions)]
    out = []
    for seg in split_by_spans(text, spans):
        piece: Markup = escape(seg.text)
        covering = sorted(k for k in seg.marks if k[0] == "actor")
        if covering:
            m = mentions[covering[0][1]]
            classes = f"actor kind-{m.kind}" + ("" if m.confirmed else " unconfirmed") + (" selected" if m.actor == selected else "")
            href = url_with(request, actor=m.actor) if request else f"/actors/{quote(m.actor)}"
            piece = Markup('<a class="{}" data-actor="{}" href="{}" draggable="false" title="{} ({}{})">{}</a>').format(
                classes, m.actor, href, m.actor_name, m.kind, "" if m.confirmed else ", unconfirmed", piece)
        claim_ids = sorted(k[1] for k in seg.marks if k[0] == "claim")
        if claim_ids:
            c = claims[claim_ids[0]]
            piece = Markup('<span class="claim {}" data-claim="{}" title="{}">{}</span>').format(c.kind, c.id, claim_title(c), piece)
        disputed = [contradictions[k[1]] for k in sorted(seg.marks) if k[0] == "contradiction"]
        if disputed:
            ids = list(dict.fromkeys(str(c.id) for c in disputed))
            piece = Markup('<span class="contra contra-{}{}" data-contradictions="{}" title="{}">{}</span>').format(
                disputed[0].kind, " selected" if chosen in ids else "", " ".join(ids),
                "; ".join(dict.fromkeys(f"{c.kind} contradiction: {shorten(c.reason, 200)}" for c in disputed)), piece)
        note_ids = sorted(k[1] for k in seg.marks if k[0] == "note")
        if note_ids:
            current = request is not None and request.query_params.get("note") in map(str, note_ids)
            piece = Markup('<mark class="note-mark{}" data-notes="{}">{}</mark>').format(" current" if current else "", " ".join(map(str, note_ids)), piece)
        out.append(piece)
    return Markup("").join(out)


def claim_title(c: ClaimOut) -> str:
    if c.kind == "figure":
        qualifier = "" if c.qualifier in (None, "exact") else f"{c.qualifier.replace('_', ' ')} "
        value = f"{c.value:g}" if c.value is not None else "?"
        return f"{(c.metric or 'figure').replace('_', ' ')}: {qualifier}{value}" + (f" ({c.population})" if c.population else "")
    return f"{c.speaker or 'someone'} {c.verb or 'said'}" + (f", via {' ← '.join(c.source_chain)}" if c.source_chain else "")


def by_paragraph(items: Sequence[AnnotationOut | MentionOut | ClaimOut | ContradictionMark]) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for item in items:
        if item.paragraph is not None:
            grouped.setdefault(item.paragraph, []).append(item)
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


def radial_layout(n: int, radius: float = 130) -> list[tuple[float, float]]:
    """Points on a circle for a co-occurrence graph drawn server-side as SVG."""
    return [(round(radius * math.cos(2 * math.pi * i / max(n, 1) - math.pi / 2), 1),
             round(radius * 0.9 * math.sin(2 * math.pi * i / max(n, 1) - math.pi / 2), 1)) for i in range(n)]


def show_layer(request: Request, layer: str) -> bool:
    """A highlight layer (actors, claims) is on unless the URL says `actors=off` / `claims=off`."""
    return request.query_params.get(layer) != "off"


@pass_context
def _csrf_field(context: dict) -> Markup:
    return csrf_field(context["request"])


def same_query(request: Request, path: str) -> str:
    """`path` with this request's query string: a page's JSON twin, export or feed shows the same filters."""
    return path + (f"?{request.url.query}" if request.url.query else "")


def can(request: Request, role: str) -> bool:
    """Whether the requester's role allows `role`'s work, so pages show only the forms that will work."""
    who = getattr(request.state, "principal", None)
    return who is not None and who.can(role)


templates.env.globals.update(highlight=highlight, url_with=url_with, by_paragraph=by_paragraph, show_layer=show_layer,
                             radial_layout=radial_layout, csrf_field=_csrf_field, can=can,
                             same_query=same_query)
templates.env.filters["shorten"] = shorten
templates.env.filters["urlpart"] = lambda value: quote(str(value), safe="")
templates.env.filters["atomtime"] = lambda at: (at or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
# XML 1.0 forbids most control characters; a note containing one must not break the whole feed.
templates.env.filters["xmltext"] = lambda text: re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", str(text))


def render(request: Request, name: str, context: dict, *, status_code: int = 200, json_twin: str | None = None) -> HTMLResponse:
    flash = _read_flash(request)
    response = templates.TemplateResponse(
        request, name, {"flash": flash, "json_twin": json_twin, "who": getattr(request.state, "principal", None), **context},
        status_code=status_code
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
