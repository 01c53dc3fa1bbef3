"""Who reads: the name whose private notes a request may see (app.services.note_visibility)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from app.services.accounts import Principal
from app.web.auth import current_principal


async def viewer_name(who: Annotated[Principal | None, Depends(current_principal)]) -> str | None:
    """The logged-in user's (or token's) name; None for anonymous reading, which sees team notes only.
    (async: it only reads, and a plain def would cost a trip through the thread pool per request)"""
    return None if who is None or who.via == "anonymous" else who.name


ViewerName = Annotated[str | None, Depends(viewer_name)]
