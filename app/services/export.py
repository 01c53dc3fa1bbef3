"""Export of the whole store as one JSON document (notes as W3C Web Annotations: app.services.web_annotations)."""

from __future__ import annotations

from sqlmodel import Session

from app.services.annotations import list_annotations
from app.services.articles import get_article, list_articles
from app.services.contradiction_annotations import contradictions_jsonld

DEFAULT_BASE = "http://127.0.0.1:8000"  # where `readingroom serve` answers: the IRIs of exported annotations


def export_all(*, session: Session, viewer: str | None = None, base: str = DEFAULT_BASE) -> dict:
    """Everything an analyst would need to rebuild the room: articles, paragraphs, notes (those
    `viewer` may see; None: the team's, without anyone's private notes), and the contradictions
    as one W3C AnnotationCollection of multi-target annotations (IRIs under `base`)."""
    articles = [get_article(session=session, slug=a.slug, viewer=viewer).model_dump(mode="json")
                for a in list_articles(session=session, viewer=viewer).items]
    deleted = list_annotations(session=session, viewer=viewer, deleted=True).items
    return {"articles": articles, "deleted_annotations": [n.model_dump(mode="json") for n in deleted],
            "contradictions": contradictions_jsonld(session=session, base=base.rstrip("/"), page_size=None)}
