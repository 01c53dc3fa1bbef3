"""W3C Web Annotation collections, whatever they hold: a list of annotations as an
AnnotationCollection (an LDP BasicContainer when it is a protocol container) paged into
AnnotationPages with `partOf`, `startIndex`, `next`/`prev`; the Prefer header's choices; ETags of
representations. The caller says what is listed with a `Fetch`; nothing here knows HTTP."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from app.services.errors import NotFound

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld"
ANNO_PROFILE = f'application/ld+json; profile="{ANNO_CONTEXT}"'
PAGE_SIZE = 100  # annotations per AnnotationPage, as the default `limit` of every list

# (limit, offset) -> (those annotations, without @context; how many there are in all)
Fetch = Callable[[int | None, int], tuple[list[dict], int]]

# What a container representation embeds (the Prefer header's include= IRIs of the protocol, §4.2)
MINIMAL, IRIS, DESCRIPTIONS = "minimal", "iris", "descriptions"
PREFERENCES = {"http://www.w3.org/ns/ldp#PreferMinimalContainer": MINIMAL,
               "http://www.w3.org/ns/oa#PreferContainedIRIs": IRIS,
               "http://www.w3.org/ns/oa#PreferContainedDescriptions": DESCRIPTIONS}


@dataclass(frozen=True)
class Listing:
    """Where a collection lives and what it is: `path` is its own path (`/annotations/`, the
    export's…), `filters` the query that selects its items, `title` its label before them."""

    base: str  # scheme and host, no trailing slash
    path: str
    title: str
    filters: Mapping[str, str] = field(default_factory=dict)
    page_size: int | None = PAGE_SIZE  # None: every item on one page (the export)
    container: bool = True  # an LDP container (the protocol's), or a plain collection (the export)

    @property
    def label(self) -> str:
        said = ", ".join(f"{k} {v}" for k, v in self.filters.items())
        return self.title + (f" ({said})" if said else "")

    def iri(self, **extra: Any) -> str:
        size = {"limit": self.page_size} if self.page_size not in (None, PAGE_SIZE) else {}
        query = urlencode({**{k: v for k, v in self.filters.items() if v}, **size,
                           **{k: v for k, v in extra.items() if v is not None}})
        return f"{self.base}{self.path}" + (f"?{query}" if query else "")

    def page_iri(self, number: int, iris: bool) -> str:
        return self.iri(page=number, iris=1 if iris else None)


def collection(*, listing: Listing, fetch: Fetch, prefer: str = DESCRIPTIONS) -> dict:
    """The AnnotationCollection (an LDP BasicContainer): total, label, its first page embedded
    (unless the client prefers a minimal container), and the IRI of its last page."""
    first = _page(listing, fetch, 0, iris=prefer == IRIS, context=False)
    total = first.pop("_total")
    doc: dict[str, Any] = {
        "@context": [ANNO_CONTEXT, LDP_CONTEXT] if listing.container else ANNO_CONTEXT,
        "id": listing.iri(),
        "type": ["BasicContainer", "AnnotationCollection"] if listing.container else "AnnotationCollection",
        "label": listing.label,
        "total": total,
    }
    if total:
        pages = _page_count(total, listing.page_size)
        doc["first"] = listing.page_iri(0, prefer == IRIS) if prefer == MINIMAL else first
        doc["last"] = listing.page_iri(pages - 1, prefer == IRIS)
    return doc


def page(*, listing: Listing, fetch: Fetch, number: int, iris: bool = False) -> dict:
    """One AnnotationPage on its own: `partOf` the collection, `startIndex`, `next`/`prev`."""
    doc = _page(listing, fetch, number, iris=iris, context=True)
    total = doc.pop("_total")
    if number >= max(1, _page_count(total, listing.page_size)):
        raise NotFound(f"There is no page {number}: the collection has {total} items, "
                       f"{_page_count(total, listing.page_size)} page(s) from 0.")
    return doc


def _page(listing: Listing, fetch: Fetch, number: int, *, iris: bool, context: bool) -> dict:
    size = listing.page_size
    start = number * size if size else 0
    found, total = fetch(size, start)
    doc: dict[str, Any] = {"@context": ANNO_CONTEXT} if context else {}
    doc.update({"id": listing.page_iri(number, iris), "type": "AnnotationPage",
                "partOf": {"id": listing.iri(), "label": listing.label, "total": total},
                "startIndex": start, "items": [a["id"] for a in found] if iris else found})
    if number > 0:
        doc["prev"] = listing.page_iri(number - 1, iris)
    if size and start + size < total:
        doc["next"] = listing.page_iri(number + 1, iris)
    doc["_total"] = total
    return doc


def _page_count(total: int, size: int | None) -> int:
    return 1 if not size else max(1, -(-total // size))


def preference(prefer_header: str) -> tuple[str, bool]:
    """What the Prefer header asks the container to embed, and whether it asked at all
    (`return=representation; include="…"`; several IRIs may share the quotes)."""
    if "return=representation" not in prefer_header:
        return DESCRIPTIONS, False
    wanted = [PREFERENCES[iri] for iri in re.findall(r"\S+", " ".join(re.findall(r'include="([^"]*)"', prefer_header)))
              if iri in PREFERENCES]
    for choice in (MINIMAL, IRIS, DESCRIPTIONS):  # the smallest the client asked for wins
        if choice in wanted:
            return choice, True
    return DESCRIPTIONS, False


def etag_of(document: dict) -> str:
    """A strong validator of a collection or page representation."""
    return '"' + hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()[:24] + '"'


def matches(if_match: str, current: str) -> bool:
    """RFC 9110 If-Match: `*`, or one of the listed strong ETags (weak ones never match)."""
    listed = [v.strip() for v in if_match.split(",")]
    return "*" in listed or current in listed
