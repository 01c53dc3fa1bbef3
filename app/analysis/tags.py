"""Tag names: one spelling per tag whatever the case and spacing analysts type."""

from __future__ import annotations

from collections.abc import Iterable

MAX_TAG_CHARS = 50
MAX_TAGS = 20


def normalize_tag(raw: str) -> str:
    """'  Death  Toll ' -> 'death toll'; a leading '#' is dropped."""
    return " ".join(raw.strip().lstrip("#").split()).casefold()[:MAX_TAG_CHARS].strip()


def normalize_tags(raw: Iterable[str]) -> list[str]:
    """Normalise, split on commas, drop empties and repeats, keep the order typed."""
    seen: dict[str, None] = {}
    for item in raw:
        for part in str(item).split(","):
            tag = normalize_tag(part)
            if tag:
                seen.setdefault(tag)
    return list(seen)[:MAX_TAGS]
