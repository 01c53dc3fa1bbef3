"""Versions of analysts' work: every change to a note, an actor or a contradiction is a revision
(who, when, before, after). Items show their own history; /activity is the team's feed of them."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from app.models import Actor, Outlet, Revision, Story, utcnow
from app.schemas import Page, RevisionOut
from app.services.note_visibility import visible_revisions

ITEM_KINDS = ("annotation", "actor", "contradiction", "story", "outlet")
_INSERT = insert(Revision.__table__)  # type: ignore[attr-defined]  (built once: see record_at_once)


def record(session: Session, *, author: str, kind: str, item_id: int | None, action: str, summary: str,
           before: dict | None = None, after: dict | None = None) -> None:
    """Add a revision to the caller's transaction: it is saved with the change or not at all."""
    session.add(Revision(**_revision(author, kind, item_id, action, summary, before, after)))


def record_at_once(session: Session, *, author: str, kind: str, item_id: int | None, action: str, summary: str,
                   before: dict | None = None, after: dict | None = None) -> None:
    """The same revision, written now by a plain insert (in the caller's transaction still): for a
    change that writes its own rows that way, with no ORM flush before its commit."""
    session.execute(_INSERT, _revision(author, kind, item_id, action, summary, before, after))


def _revision(author: str, kind: str, item_id: int | None, action: str, summary: str, before: dict | None, after: dict | None) -> dict:
    assert kind in ITEM_KINDS and item_id is not None
    return {"at": utcnow(), "author": author, "item_kind": kind, "item_id": item_id, "action": action, "summary": summary[:300],
            "before": before, "after": after}


def item_history(*, session: Session, kind: str, item_id: int) -> list[RevisionOut]:
    rows = session.exec(select(Revision).where(Revision.item_kind == kind, Revision.item_id == item_id).order_by(col(Revision.id).desc())).all()
    return _out(session, rows)


def activity(*, session: Session, viewer: str | None, author: str | None = None, kind: str | None = None,
             limit: int | None = 100, offset: int = 0) -> Page[RevisionOut]:
    """The feed `viewer` may see: no revision of a private note of someone else's (or of its thread)."""
    query = select(Revision).where(visible_revisions(viewer))
    if author:
        query = query.where(Revision.author == author)
    if kind:
        query = query.where(Revision.item_kind == kind)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(Revision.id).desc()).offset(offset).limit(limit)).all()
    return Page(items=_out(session, rows), total=total, limit=limit, offset=offset)


def authors(*, session: Session, viewer: str | None) -> list[str]:
    """The people in the feed `viewer` sees (someone with only private notes is not named)."""
    return list(session.exec(select(Revision.author).where(visible_revisions(viewer)).distinct().order_by(Revision.author)).all())


def get_revision(*, session: Session, revision_id: int) -> Revision | None:
    return session.get(Revision, revision_id)


def _out(session: Session, rows: Sequence[Revision]) -> list[RevisionOut]:
    actor_ids = {r.item_id for r in rows if r.item_kind == "actor"}
    slugs = dict(session.exec(select(Actor.id, Actor.slug).where(col(Actor.id).in_(actor_ids))).all()) if actor_ids else {}
    story_ids = {r.item_id for r in rows if r.item_kind == "story"}
    stories = dict(session.exec(select(Story.id, Story.slug).where(col(Story.id).in_(story_ids))).all()) if story_ids else {}
    outlet_ids = {r.item_id for r in rows if r.item_kind == "outlet"}
    outlets = dict(session.exec(select(Outlet.id, Outlet.slug).where(col(Outlet.id).in_(outlet_ids))).all()) if outlet_ids else {}
    urls = {"annotation": "/annotations/{}", "contradiction": "/contradictions/{}"}

    def url(r: Revision) -> str:
        if r.item_kind == "actor":
            return f"/actors/{quote(slugs.get(r.item_id, ''))}"
        if r.item_kind == "story":
            return f"/stories/{quote(stories.get(r.item_id, ''))}"
        if r.item_kind == "outlet":
            return f"/outlets/{quote(outlets.get(r.item_id, ''))}"
        return urls[r.item_kind].format(r.item_id)

    return [RevisionOut(id=r.id, at=r.at, author=r.author, kind=r.item_kind, item_id=r.item_id, action=r.action,
                        summary=r.summary, before=r.before, after=r.after, url=url(r)) for r in rows]
