"""Export of the whole store as one JSON document (notes as W3C Web Annotations: app.services.web_annotations)."""

from __future__ import annotations

from sqlmodel import Session

from app.services.annotations import list_annotations
from app.services.articles import get_article, list_articles

def export_all(*, session: Session) -> dict:
    """Everything an analyst would need to rebuild the room: articles, paragraphs, notes."""
    articles = [get_article(session=session, slug=a.slug).model_dump(mode="json") for a in list_articles(session=session).items]
    deleted = list_annotations(session=session, deleted=True).items
    return {"articles": articles, "deleted_annotations": [n.model_dump(mode="json") for n in deleted]}
