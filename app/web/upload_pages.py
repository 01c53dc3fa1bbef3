"""Admins add articles through a form: a file, or pasted text with its metadata. The same checks
and messages as `readingroom ingest`; the article's analysis is then queued as a job, for a
`readingroom worker` or, with inline analysis (the SQLite default), for this process's own thread."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Request
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from app.deps import SessionDep
from app.services import jobs, pipeline
from app.models import CORRECTABLE_FIELDS
from app.services.articles import check_metadata
from app.services.errors import InvalidInput
from app.services.ingest import ingest_bytes
from app.services.worker import InlineAnalysis
from app.web.auth import Admin, read_form
from app.web.templating import redirect, render

MAX_FIELD = 2000  # characters in a metadata field
META_FIELDS = ("title", "outlet", "url", "published", "language")


@asynccontextmanager
async def inline_analysis(app: FastAPI) -> AsyncIterator[None]:
    """With inline analysis on, a thread of this process works the queue from start to shutdown."""
    worker = InlineAnalysis(app.state.engine) if app.state.settings.inline_analysis else None
    app.state.inline_analysis = worker
    if worker is not None:
        worker.start()
    try:
        yield
    finally:
        if worker is not None:
            worker.stop()


router = APIRouter(include_in_schema=False, lifespan=inline_analysis)


@router.get("/ingest/upload", response_class=HTMLResponse)
def upload_form(request: Request, session: SessionDep, who: Admin) -> HTMLResponse:
    return _form(request, session, {})


@router.post("/ingest/upload", response_class=HTMLResponse)
async def upload(request: Request, session: SessionDep, who: Admin) -> Response:
    max_bytes = request.app.state.settings.max_file_bytes
    try:  # read here, not by FastAPI, so that a paste may be as large as a file
        fields = await read_form(request)
    except MultiPartException as exc:
        return _form(request, session, {}, f"The form could not be read ({exc.message}); try again.", 400)
    form = {k: v if isinstance(v := fields.get(k, ""), str) else "" for k in ("name", *META_FIELDS)}
    if too_long := next((k for k, v in form.items() if len(v) > MAX_FIELD), None):
        return _form(request, session, {}, f"The {too_long} field is longer than {MAX_FIELD} characters.", 422)
    file, text = fields.get("file"), fields.get("text", "")
    name = form["name"]
    if isinstance(file, UploadFile) and file.filename:
        size = file.size if file.size is not None else 0
        if size > max_bytes:
            return _form(request, session, form, f"{file.filename} was rejected: the file is {size / 1e6:.1f} MB, "
                         f"larger than the {max_bytes / 1e6:.1f} MB limit; split it, or ask the admin to raise "
                         "READINGROOM_MAX_FILE_BYTES.", 413)
        data = await file.read(max_bytes + 1)
        filename = name or file.filename
    elif isinstance(text, str) and text.strip():
        data = text.encode("utf-8")
        # Without an explicit file name, the text's own hash keeps two different pastes apart
        # (the same name would make the second an update of the first).
        first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
        filename = name or f"{(form['title'] or first_line)[:60].strip()} {hashlib.sha256(data).hexdigest()[:8]}"
    else:
        return _form(request, session, form, "Choose a file or paste the article's text.", 422)
    try:
        meta = {k: _checked(k, v) for k in META_FIELDS if (v := " ".join(form[k].split()))}
    except InvalidInput as exc:
        return _form(request, session, form, str(exc), 422)
    outcome = ingest_bytes(session=session, name=_file_name(filename), data=data,
                           meta=json.dumps(meta).encode() if meta else None, max_bytes=max_bytes)
    if outcome.status == "rejected":
        return _form(request, session, form, f"{outcome.source_file} was rejected: {outcome.reason}", 422)
    if outcome.status == "unchanged":
        return redirect(f"/articles/{quote(outcome.slug or '')}", message="This article is already in the reading room, unchanged.")
    jobs.enqueue(session=session, slugs=[outcome.slug or ""])
    if (worker := getattr(request.app.state, "inline_analysis", None)) is not None:
        worker.wake()
    return redirect(f"/articles/{quote(outcome.slug or '')}", message=f"Article {outcome.status}. Its actors and claims are "
                    "queued for analysis; reload in a minute to see them (the ingest log shows the queue).")


def _form(request: Request, session: Session, form: dict, error: str | None = None, status_code: int = 200) -> HTMLResponse:
    context = {"form": form, "error": error, "pending": pipeline.pending(session=session)}
    return render(request, "upload.html", context, status_code=status_code)


def _checked(field: str, value: str) -> str:
    if field in CORRECTABLE_FIELDS:
        return check_metadata(field, value)
    if not value.startswith(("http://", "https://")):  # the url: shown as a link, so never javascript:
        raise InvalidInput(f"The URL {value[:80]!r} must start with http:// or https://.")
    return value


def _file_name(raw: str) -> str:
    """A plain file name: no folders, no control characters; it names the article, never a path."""
    name = re.sub(r"[\x00-\x1f\x7f]", "", raw.replace("\\", "/").rsplit("/", 1)[-1]).strip()[:120] or "article"
    return name if name.lower().endswith(".txt") else name + ".txt"

