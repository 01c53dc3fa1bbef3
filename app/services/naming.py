"""Unique URL slugs for articles and actors."""

from __future__ import annotations

import re
from typing import Any

from sqlmodel import Session, select


def unique_slug(session: Session, slug_column: Any, text: str, *, fallback: str, limit: int,
                pattern: str = r"[^\w]+") -> str:
    """`text` as a URL slug not yet used in `slug_column` (a "-2", "-3"… suffix when taken);
    runs of characters matching `pattern` become "-"."""
    base = slug_base(text, fallback=fallback, limit=limit, pattern=pattern)
    slug, n = base, 1
    while session.exec(select(slug_column).where(slug_column == slug)).first() is not None:
        n += 1
        slug = f"{base}-{n}"
    return slug


def slug_base(text: str, *, fallback: str, limit: int, pattern: str = r"[^\w]+") -> str:
    """The slug `unique_slug` tries first for `text`."""
    return re.sub(pattern, "-", text).strip("-_")[:limit] or fallback
