"""Export of the whole store as one JSON document (notes as W3C Web Annotations: app.services.web_annotations)."""

from __future__ import annotations

from sqlmodel import Session

from app.services.annotations import list_annotations
from app.services.articles import get_article, list_articles

def export_all(*, session: Session, viewer: str | None = None) -> dict:
    """Everything an analyst would need to rebuild the room: articles, paragraphs, notes (those
    `viewer` may see; None: the team's, without anyone's private notes)."""
    articles = [get_article(session=session, slug=a.slug, viewer=viewer).model_dump(mode="json")
                for a in list_articles(session=session, viewer=viewer).items]
    deleted = list_annotations(session=session, viewer=viewer, deleted=True).items
    return {"articles": articles, "deleted_annotations": [n.model_dump(mode="json") for n in deleted]}
