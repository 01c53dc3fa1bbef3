"""Contradictions as W3C Web Annotations with one target per passage: the passages that disagree
are the targets (each anchored as a note's passage is), the reason is the body, and the kind and
status are tags. Served read-only from their own container, paged by annotation_collections."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from app.analysis.anchoring import context_of
from app.schemas import ContradictionOut, PassageOut, Selector
from app.services import annotation_collections as collections
from app.services import contradictions
from app.services.annotation_collections import ANNO_CONTEXT, PAGE_SIZE, Fetch, Listing
from app.services.web_annotations import passage_target

CONTAINER_PATH = "/contradictions/annotations/"
EXPORT_PATH = "/api/contradictions.jsonld"


def contradiction_iri(base: str, contradiction_id: int) -> str:
    return f"{base}{CONTAINER_PATH}{contradiction_id}"


def contradiction_listing(*, base: str, kind: str | None = None, status: str | None = None, article: str | None = None,
                          page_size: int | None, path: str = CONTAINER_PATH, container: bool = True) -> Listing:
    """The protocol's container by default; `path` and `container=False`: a plain collection (the
    JSON-LD export at /api/contradictions.jsonld, the full export's)."""
    return Listing(base=base, path=path, title="Reading Room contradictions", page_size=page_size, container=container,
                   filters={k: v for k, v in (("kind", kind), ("status", status), ("article", article)) if v})


def contradictions_jsonld(*, session: Session, base: str, kind: str | None = None, status: str | None = None,
                          article: str | None = None, page_size: int | None = PAGE_SIZE, page: int | None = None) -> dict:
    """Every contradiction the filters keep as one W3C AnnotationCollection, its first page embedded
    (`page`: that AnnotationPage alone; `page_size` None: every contradiction on one page)."""
    listing = contradiction_listing(base=base, kind=kind, status=status, article=article, page_size=page_size,
                                    path=EXPORT_PATH, container=False)
    fetch = contradictions_fetch(session=session, listing=listing)
    return collections.page(listing=listing, fetch=fetch, number=page) if page is not None else collections.collection(listing=listing, fetch=fetch)


def contradictions_fetch(*, session: Session, listing: Listing) -> Fetch:
    def fetch(limit: int | None, offset: int) -> tuple[list[dict], int]:
        found = contradictions.list_contradictions(session=session, limit=limit, offset=offset, **listing.filters)  # type: ignore[arg-type]
        return [to_web_annotation(c, listing.base, context=False) for c in found.items], found.total
    return fetch


def get(*, session: Session, contradiction_id: int, base: str) -> dict:
    return to_web_annotation(contradictions.get_contradiction(session=session, contradiction_id=contradiction_id), base)


def to_web_annotation(c: ContradictionOut, base: str, *, context: bool = True) -> dict:
    """A multi-target Annotation (motivation `assessing`): every passage of the contradiction a target."""
    bodies: list[dict] = [{"type": "TextualBody", "value": c.reason, "format": "text/plain", "purpose": "assessing"}] if c.reason else []
    bodies += [{"type": "TextualBody", "value": tag, "purpose": "tagging"}
               for tag in ("contradiction", f"{c.kind} contradiction", c.status, f"{c.strength} disagreement")]
    doc: dict[str, Any] = {"@context": ANNO_CONTEXT} if context else {}
    doc.update({
        "id": contradiction_iri(base, c.id),
        "type": "Annotation",
        "motivation": "assessing",
        "body": bodies,
        "target": [passage_target(base, p.article, p.paragraph, _quote(p)) for p in c.claims],
    })
    if c.origin != "analyst":  # suggested by the analysis: the software generated it
        doc["generator"] = {"id": f"{base}/", "type": "Software", "name": "Reading Room"}
    return doc


def _quote(p: PassageOut) -> Selector:
    prefix, suffix = context_of(p.paragraph_text or "", p.start, p.end) if p.paragraph_text else ("", "")
    return Selector(exact=p.text, prefix=prefix, suffix=suffix, start=p.start, end=p.end)
