"""Exports: annotations as W3C Web Annotations (JSON-LD) and the whole store as one JSON document."""

from __future__ import annotations

from sqlmodel import Session

from app.schemas import AnnotationOut
from app.services.annotations import list_annotations
from app.services.articles import get_article, list_articles

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def web_annotation(note: AnnotationOut, base_url: str) -> dict:
    """One note in the W3C Web Annotation Data Model: the article as source, the paragraph as a
    fragment, refined by the quote and position selectors within that paragraph."""
    source = f"{base_url}/articles/{note.article}"
    target: dict = {"source": source}
    if note.paragraph is not None:
        selector: dict = {"type": "FragmentSelector", "value": f"p-{note.paragraph}"}
        if note.selector:
            selector["refinedBy"] = [
                {"type": "TextQuoteSelector", "exact": note.selector.exact, "prefix": note.selector.prefix or "", "suffix": note.selector.suffix or ""},
                {"type": "TextPositionSelector", "start": note.selector.start, "end": note.selector.end},
            ]
        target["selector"] = selector
    bodies: list[dict] = [{"type": "TextualBody", "value": note.body, "format": "text/plain", "purpose": "commenting"}] if note.body else []
    bodies += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in note.tags]
    return {
        "id": f"{base_url}/annotations/{note.id}",
        "type": "Annotation",
        "created": note.created.isoformat(),
        "modified": note.modified.isoformat(),
        "creator": {"type": "Person", "name": note.author},
        "body": bodies,
        "target": target,
    }


def annotation_collection(*, session: Session, base_url: str, article: str | None = None,
                          tag: str | None = None, author: str | None = None) -> dict:
    notes = list_annotations(session=session, article=article, tag=tag, author=author).items
    return {
        "@context": ANNO_CONTEXT,
        "type": "AnnotationCollection",
        "total": len(notes),
        "items": [web_annotation(n, base_url) for n in notes],
    }


def export_all(*, session: Session) -> dict:
    """Everything an analyst would need to rebuild the room: articles, paragraphs, notes."""
    articles = [get_article(session=session, slug=a.slug).model_dump(mode="json") for a in list_articles(session=session).items]
    deleted = list_annotations(session=session, deleted=True).items
    return {"articles": articles, "deleted_annotations": [n.model_dump(mode="json") for n in deleted]}
