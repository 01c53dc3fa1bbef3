"""A range of an article's paragraphs, [start, stop), as the bound parameters of a prebuilt query:
the reader and `/api/articles/{slug}` ask for one page of a long article, other callers for all."""

from __future__ import annotations

ALL_PARAGRAPHS = (0, 2**31 - 1)  # PostgreSQL's INTEGER bounds the index


def range_params(slug: str, paragraphs: tuple[int, int] | None) -> dict[str, object]:
    start, stop = paragraphs or ALL_PARAGRAPHS
    return {"slug": slug, "start": start, "stop": stop}
